import { describe, it, expect, beforeAll } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { saveLayersModel } from '@glassbox/core/node';
import { createImage, decodeImage, encodePng, preprocessImages } from '@glassbox/viz';
import { main } from '../main';
import { memoryIo } from '../testFixtures';

let dir: string;
let model: string;

/** A picture with a bright square on a dark ground, different per seed. */
function picture(width: number, height: number, seed: number) {
  const img = createImage(width, height, [20, 30 + seed * 40, 40, 255]);
  for (let y = 2; y < 5; y++) for (let x = 2 + seed; x < 5 + seed; x++) img.data.set([240, 200, 60 * seed, 255], (y * width + x) * 4);
  return img;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glassbox-images-'));
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: init(1), name: 'conv' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  await saveLayersModel(m, join(dir, 'cnn'));
  m.dispose();
  model = join(dir, 'cnn', 'model.json');
  await mkdir(join(dir, 'photos'));
  await writeFile(join(dir, 'photos', 'b.png'), encodePng(picture(12, 10, 1)));
  await writeFile(join(dir, 'photos', 'a.png'), encodePng(picture(8, 8, 0)));
  await writeFile(join(dir, 'photos', 'notes.txt'), 'not a picture');
  await writeFile(join(dir, 'c.jpg'), encodeJpeg({ width: 8, height: 8, data: picture(8, 8, 2).data }, 95).data);
  await writeFile(join(dir, 'labels.txt'), 'cat\ndog\nbird\n\n');
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'fake.png'), 'GIF89a this is no PNG');
  await writeFile(join(dir, 'cut.jpg'), (await readFile(join(dir, 'c.jpg'))).subarray(0, 100));
  await writeFile(join(dir, 'blank-line.txt'), 'cat\n\ndog\nbird\n');
  await writeFile(join(dir, 'inputs.json'), JSON.stringify([Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => [0.1, 0.2, 0.3]))]));
});

const cli = async (...argv: string[]) => {
  const io = memoryIo(dir);
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

describe('glassbox explain on pictures', () => {
  it('reads a folder in name order, resizes to the model input, and records the preprocessing', async () => {
    const r = await cli('explain', '--model', model, '--input', 'photos', '--method', 'saliency');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/note: resized the pictures to 8×8, the model's input size/);
    const j = JSON.parse(r.out);
    expect(j.preprocessing).toEqual({
      sources: [{ name: 'a.png', width: 8, height: 8 }, { name: 'b.png', width: 12, height: 10 }],
      channels: 'rgb', resize: [8, 8], resizeMethod: 'bilinear', scale: 1 / 255, normalize: null, layout: 'NHWC',
    });
    const want = preprocessImages([{ name: 'a.png', image: picture(8, 8, 0) }, { name: 'b.png', image: picture(12, 10, 1) }], { resize: [8, 8] });
    expect(Float32Array.from(j.inputs.flat(3))).toEqual(want.values);
    expect(j.attributionShape).toEqual([2, 8, 8, 3]);
  });

  it('takes a comma list (PNG and JPEG) with every preprocessing flag and class names, into JSON, PNG, SVG and HTML', async () => {
    const flags = ['--input', 'photos/a.png,c.jpg', '--resize', '8,8', '--scale', '1', '--normalize', '127.5/64,64,64', '--channels', 'bgr', '--labels', 'labels.txt'];
    const r = await cli('explain', '--model', model, '--method', 'saliency', '--target', '1', ...flags);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.labels.classes).toEqual(['cat', 'dog', 'bird']);
    expect(j.preprocessing).toMatchObject({ channels: 'bgr', resize: [8, 8], scale: 1, normalize: { mean: [127.5, 127.5, 127.5], std: [64, 64, 64] } });
    expect(j.preprocessing.sources.map((s: { name: string }) => s.name)).toEqual(['a.png', 'c.jpg']);
    const jpeg = decodeImage(new Uint8Array(await readFile(join(dir, 'c.jpg'))));
    expect(j.inputs[1][3][4]).toEqual([2, 1, 0].map((c) => Math.fround((jpeg.data[(3 * 8 + 4) * 4 + c]! - 127.5) / 64)));
    for (const ext of ['png', 'svg', 'html']) {
      const out = join(dir, `two.${ext}`);
      const w = await cli('explain', '--model', model, '--method', 'saliency', '--target', '1', ...flags, '--out', out);
      expect(w.code, w.err).toBe(0);
      const bytes = await readFile(out);
      if (ext === 'png') {
        const img = decodeImage(bytes);
        expect(img.height).toBeGreaterThan(2 * 8); // both photos, one below the other
      } else {
        const text = bytes.toString('utf8');
        expect(text).toContain('dog');
        if (ext === 'html') {
          expect(text).toContain('c.jpg');
          expect(text).toContain('alt="saliency over photo 1"');
          expect(text).toContain('target dog');
        }
      }
    }
  });

  it('refuses every bad value of the image flags and labels with one typed line and exit status 2', async () => {
    const base = ['explain', '--model', model, '--method', 'saliency', '--input', 'photos/a.png'];
    const cases: [string[], RegExp][] = [
      [['--resize', 'abc'], /\[INVALID_OPTION\]: --resize abc: expected a height and a width in pixels/],
      [['--resize', '0,8'], /\[INVALID_OPTION\]: --resize 0,8: expected/],
      [['--resize', '8'], /\[INVALID_OPTION\]: --resize 8: expected/],
      [['--resize', '8,8,3'], /\[INVALID_OPTION\]: --resize 8,8,3/],
      [['--resize', '99999,8'], /\[INVALID_OPTION\]: --resize 99999,8/],
      [['--resize'], /\[INVALID_OPTION\]: --resize true: expected/],
      [['--resize', '6,6'], /\[INVALID_INPUT\]: The pictures give \[6, 6, 3\] per example but model "\w+" takes \[8, 8, 3\]/],
      [['--scale', 'x'], /\[INVALID_OPTION\]: --scale x: "x" is not a number/],
      [['--scale', '0'], /\[INVALID_OPTION\]: --scale 0: expected a number above 0/],
      [['--scale', '-1'], /\[INVALID_OPTION\]: --scale -1: expected a number above 0/],
      [['--scale', '1/0'], /\[INVALID_OPTION\]: --scale 1\/0: "1\/0" is not a number/],
      [['--normalize', '0.5'], /\[INVALID_OPTION\]: --normalize 0.5: expected mean,std/],
      [['--normalize', '1,2,3'], /\[INVALID_OPTION\]: --normalize 1,2,3: expected mean,std/],
      [['--normalize', 'a,b'], /\[INVALID_OPTION\]: --normalize a,b: "a" is not a number/],
      [['--normalize', '0.5,0'], /\[INVALID_OPTION\]: --normalize 0.5,0: a std of 0 divides by zero/],
      [['--normalize', '1,2/3'], /\[INVALID_OPTION\]: normalize mean: expected 1 or 3 values \(one per channel\); got 2/],
      [['--normalize', '1/2/3'], /\[INVALID_OPTION\]: --normalize 1\/2\/3: expected mean,std/],
      [['--normalize', '1,2/3,4'], /\[INVALID_OPTION\]: normalize mean: expected 1 or 3 values \(one per channel\); got 2/],
      [['--channels', 'rgba'], /\[INVALID_OPTION\]: --channels rgba: expected rgb, bgr or gray/],
      [['--channels'], /\[INVALID_OPTION\]: --channels true: expected rgb, bgr or gray/],
      [['--channels', 'gray'], /\[INVALID_INPUT\]: The pictures give \[8, 8, 1\] per example.*adjust --resize or --channels/],
      [['--labels', '[1,2,3]'], /\[INVALID_OPTION\]: --labels \[1,2,3\]: expected a non-empty JSON array of non-empty strings/],
      [['--labels', '[]'], /\[INVALID_OPTION\]: --labels \[\]: expected a non-empty JSON array/],
      [['--labels', '["a","b"]'], /\[INVALID_OPTION\]: --labels: 2 class names for a model with 3 outputs/],
      [['--labels', '["a",'], /\[INVALID_OPTION\]: --labels \["a",: not valid JSON/],
      [['--labels', 'missing.txt'], /\[DATA_FILE_INVALID\]: --labels missing.txt: cannot read the file \(ENOENT\)/],
      [['--labels', 'blank-line.txt'], /\[DATA_FILE_INVALID\]: --labels blank-line.txt: line 2 is blank/],
      [['--labels', 'photos/notes.txt'], /\[INVALID_OPTION\]: --labels: 1 class names for a model with 3 outputs/],
    ];
    const inputs: [string, RegExp][] = [
      ['missing.png', /\[DATA_FILE_INVALID\]: --input missing.png: no such file or folder/],
      ['empty', /\[DATA_FILE_INVALID\]: --input empty: the folder has no \.png, \.jpg, \.jpeg files/],
      ['photos/a.png,photos/notes.txt', /\[DATA_FILE_INVALID\]: --input photos\/notes.txt: expected PNG or JPEG files/],
      ['fake.png', /\[DATA_FILE_INVALID\]: fake.png is neither a PNG nor a JPEG file \(it starts with bytes 47 49 46 38\)/],
      ['cut.jpg', /\[DATA_FILE_INVALID\]: cut.jpg is not a readable JPEG file/],
    ];
    const runs: [string[], RegExp][] = [
      ...cases.map(([extra, p]) => [[...base, ...extra], p] as [string[], RegExp]),
      ...inputs.map(([input, p]) => [['explain', '--model', model, '--method', 'saliency', '--input', input], p] as [string[], RegExp]),
      [['explain', '--model', model, '--method', 'saliency', '--input', 'inputs.json', '--resize', '8,8', '--scale', '1'], /\[INVALID_OPTION\]: --resize, --scale apply to pictures; give --input PNG\/JPEG files/],
    ];
    for (const [argv, pattern] of runs) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(pattern);
      expect(r.err.split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^glassbox: error \[[A-Z_]+\]: /);
    }
  });
});
