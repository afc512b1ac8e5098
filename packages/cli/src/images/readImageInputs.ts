import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { DataFileError, InvalidInputError, isGlassboxError, type InputPreprocessing, type Model } from '@glassbox/core';
import type { Image, ImagePreprocessOptions } from '@glassbox/viz';

/** File endings read as pictures. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
/** Most pictures one command reads (a folder with more is refused, not silently cut). */
export const MAX_IMAGES = 1024;

const isImageName = (p: string) => IMAGE_EXTENSIONS.includes(extname(p).toLowerCase());

/** Pictures read from `--input`, as the model's input batch, with the photos and the record. */
export interface ImageInputs {
  values: Float32Array;
  shape: number[];
  photos: Image[];
  preprocessing: InputPreprocessing;
  /** What was chosen for the user (e.g. the resize to the model's size), for a note on stderr. */
  notes: string[];
}

/** The entries of `--input`: the whole value when it names a file or folder, else its comma-separated parts. */
async function entries(cwd: string, value: string): Promise<string[]> {
  const whole = await stat(resolve(cwd, value)).catch(() => undefined);
  return whole ? [value] : value.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Whether `--input` names pictures: PNG/JPEG files (one, or several separated by commas) or a
 * folder. Anything else is read as an inputs JSON file.
 */
export async function isImageInput(cwd: string, value: string): Promise<boolean> {
  for (const e of await entries(cwd, value)) {
    if (isImageName(e)) return true;
    if ((await stat(resolve(cwd, e)).catch(() => undefined))?.isDirectory()) return true;
  }
  return false;
}

/**
 * The picture files `--input` names, resolved: files in the order given, a folder's PNG/JPEG files
 * in name order. Missing files, empty folders and non-pictures are `DATA_FILE_INVALID`.
 */
export async function listImageFiles(cwd: string, value: string): Promise<string[]> {
  const files: string[] = [];
  for (const e of await entries(cwd, value)) {
    const path = resolve(cwd, e);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new DataFileError(`--input ${e}: no such file or folder`, { file: e });
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter(isImageName).sort();
      if (names.length === 0) throw new DataFileError(`--input ${e}: the folder has no ${IMAGE_EXTENSIONS.join(', ')} files`, { file: e });
      files.push(...names.map((n) => join(path, n)));
    } else if (!isImageName(e)) {
      throw new DataFileError(`--input ${e}: expected PNG or JPEG files (${IMAGE_EXTENSIONS.join(', ')}) or a folder of them; a JSON inputs file cannot be mixed with pictures`, { file: e });
    } else files.push(path);
    if (files.length > MAX_IMAGES) throw new DataFileError(`--input ${value}: more than ${MAX_IMAGES} pictures; explain them in smaller groups`, { count: files.length });
  }
  return files;
}

/**
 * Reads `--input` pictures (files in the order given; a folder's PNG/JPEG files in name order),
 * decodes them and turns them into the model's input. Defaults follow the model: channels from its
 * last axis (1 → gray, else rgb), size from its `[height, width, channels]` input when the pictures
 * differ (resized, and said in `notes`), scale 1/255. Unreadable files are `DATA_FILE_INVALID`
 * errors naming the file; a batch that cannot match the model's input shape is `INVALID_INPUT`.
 */
export async function readImageInputs(cwd: string, value: string, model: Model, given: ImagePreprocessOptions): Promise<ImageInputs> {
  const files = await listImageFiles(cwd, value);
  const { decodeImage, preprocessImages } = await import('@glassbox/viz'); // only picture inputs need it
  const pictures: { name: string; image: Image }[] = [];
  for (const file of files) {
    const name = basename(file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      throw new DataFileError(`Cannot read ${name}: ${(e as Error).message}`, { file: name });
    }
    try {
      pictures.push({ name, image: decodeImage(bytes, name) });
    } catch (e) {
      throw new DataFileError(isGlassboxError(e) || e instanceof Error ? e.message : String(e), { file: name });
    }
  }
  const want = model.inputShape;
  const spatial = want.length === 3 && want.every((d) => d > 0);
  const options: ImagePreprocessOptions = { channels: given.channels ?? (want[want.length - 1] === 1 ? 'gray' : 'rgb'), ...given };
  const notes: string[] = [];
  if (!options.resize && spatial && pictures.some(({ image }) => image.height !== want[0] || image.width !== want[1])) {
    options.resize = [want[0]!, want[1]!]; // spatial: three dimensions
    notes.push(`resized the pictures to ${want[0]}×${want[1]}, the model's input size (--resize chooses another)`);
  }
  const p = preprocessImages(pictures, options);
  const per = p.shape.slice(1);
  const size = per.reduce((a, b) => a * b, 1);
  const modelSize = want.every((d) => d > 0) ? want.reduce((a, b) => a * b, 1) : undefined;
  const fits = want.length === 3 ? want.every((d, i) => d <= 0 || d === per[i]) : size === modelSize;
  if (!fits) {
    throw new InvalidInputError(
      `The pictures give [${per.join(', ')}] per example but model "${model.name}" takes [${want.join(', ')}]; adjust --resize or --channels (gray gives 1 channel, rgb and bgr 3)`,
      { got: per, expected: want },
    );
  }
  const shape = want.length === 3 ? p.shape : [p.shape[0], ...want];
  return { values: p.values, shape, photos: pictures.map((q) => q.image), preprocessing: p.preprocessing, notes };
}
