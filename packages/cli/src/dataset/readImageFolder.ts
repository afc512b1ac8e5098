import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DataFileError } from '@glassbox/core';
import type { Example } from './Example';

/**
 * The examples of a folder of PNG images, in file-name order, each named by its file name. An
 * image must have the model's height and width; it is read as grey (1 channel: mean of R, G, B)
 * or RGB (3 channels), scaled to [0, 1]. Other files, sizes or channel counts are DataFileErrors.
 */
export async function* readImageFolder(dir: string, inputShape: readonly number[]): AsyncGenerator<Example> {
  const [h, w, c = 1] = inputShape.length === 2 ? [inputShape[0]!, inputShape[1]!, 1] : inputShape;
  if (inputShape.length < 2 || inputShape.length > 3 || (c !== 1 && c !== 3)) {
    throw new DataFileError(`A folder of images needs a model whose input is [height, width] or [height, width, 1|3]; this model's is [${inputShape.join(', ')}]`, { file: dir });
  }
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch (e) {
    throw new DataFileError(`Cannot read folder ${dir}: ${(e as Error).message}`, { file: dir });
  }
  const { decodePng } = await import('@glassbox/viz'); // only image datasets need it
  for (const name of names) {
    if (extname(name).toLowerCase() !== '.png') throw new DataFileError(`${name} in ${dir} is not a .png image; a dataset folder holds PNG files only`, { file: join(dir, name) });
    let img;
    try {
      img = decodePng(new Uint8Array(await readFile(join(dir, name))));
    } catch (e) {
      throw new DataFileError(`${name}: cannot decode PNG (${(e as Error).message})`, { file: join(dir, name) });
    }
    if (img.width !== w || img.height !== h) throw new DataFileError(`${name} is ${img.width}×${img.height}; the model expects ${w}×${h}`, { file: join(dir, name) });
    const values = new Float32Array(h! * w! * c!);
    for (let p = 0; p < h! * w!; p++) {
      const [r, g, b] = [img.data[p * 4]!, img.data[p * 4 + 1]!, img.data[p * 4 + 2]!];
      if (c === 1) values[p] = (r + g + b) / 3 / 255;
      else values.set([r / 255, g / 255, b / 255], p * 3);
    }
    yield { id: name, values };
  }
}
