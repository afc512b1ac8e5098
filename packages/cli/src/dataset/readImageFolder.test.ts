import { describe, it, expect } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveLayersModel } from '@glassbox/core/node';
import { createImage, encodePng } from '@glassbox/viz';
import { main } from '../main';
import { memoryIo } from '../testFixtures';
import { readResults } from './datasetTestKit';
import { summarizeResults } from './summarizeResults';

describe('a folder of PNG images as a dataset', () => {
  it('explains each image (named by its file) and summarizes them as an average map', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-img-'));
    const m = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 2, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    await saveLayersModel(m, join(dir, 'model'));
    m.dispose();
    await mkdir(join(dir, 'imgs'));
    for (let k = 0; k < 5; k++) {
      const img = createImage(4, 4, [0, 0, 0, 255]);
      img.data.set([51 * k, 51 * k, 51 * k, 255], 4 * (k % 16)); // one grey pixel
      await writeFile(join(dir, 'imgs', `img-${k}.png`), encodePng(img));
    }
    const io = memoryIo(dir);
    const code = await main(['explain', '--model', join(dir, 'model', 'model.json'), '--input', 'imgs', '--method', 'saliency', '--workers', '1', '--out', 'r.jsonl'], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const { rows } = await readResults(join(dir, 'r.jsonl'));
    expect(rows.map((r) => r.id)).toEqual(['img-0.png', 'img-1.png', 'img-2.png', 'img-3.png', 'img-4.png']);
    const input = rows[3]!.input as number[][][];
    expect(input[0]![3]![0]).toBeCloseTo(0.6, 6); // pixel 3 of img-3: 153/255
    expect(input.flat(2).filter((v) => v !== 0)).toHaveLength(1);
    const s = await summarizeResults(join(dir, 'r.jsonl'));
    expect(s.imageShape).toEqual([4, 4]);
    await writeFile(join(dir, 'imgs', 'notes.txt'), 'x');
    const bad = memoryIo(dir);
    expect(await main(['explain', '--model', join(dir, 'model', 'model.json'), '--input', 'imgs', '--method', 'saliency', '--workers', '1', '--out', 'r2.jsonl'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/\[DATA_FILE_INVALID\]: notes\.txt .* is not a \.png image/);
  });
});
