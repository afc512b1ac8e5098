import { InvalidOptionError } from '@glassbox/core';
import type { ImagePreprocessOptions } from '@glassbox/viz';
import { takeFlag } from '../parseArgs';

/** The image preprocessing flags given on the command line (`given` names them, for messages). */
export interface ImageFlags {
  options: ImagePreprocessOptions;
  given: string[];
}

const number = (flag: string, raw: string, text: string): number => {
  const m = /^\s*(-?[\d.]+(?:e[-+]?\d+)?)\s*(?:\/\s*([\d.]+(?:e[-+]?\d+)?))?\s*$/i.exec(text);
  const v = m ? Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])) : Number.NaN;
  if (!Number.isFinite(v)) throw new InvalidOptionError(`--${flag} ${raw}: "${text}" is not a number`, { flag, received: raw });
  return v;
};

/**
 * Takes `--resize H,W`, `--scale <number | a/b>`, `--normalize mean,std | m1,m2,m3/s1,s2,s3` and
 * `--channels rgb|bgr|gray` out of the flags and checks their syntax: a bad value is an
 * `INVALID_OPTION` error naming the flag and the expected form.
 *
 * @example
 * ```ts
 * takeImageFlags(new Map([['resize', '224,224'], ['scale', '1/255']])).options; // { resize: [224, 224], scale: 0.0039… }
 * ```
 */
export function takeImageFlags(flags: Map<string, string>): ImageFlags {
  const options: ImagePreprocessOptions = {};
  const given: string[] = [];
  const resize = takeFlag(flags, 'resize');
  if (resize !== undefined) {
    given.push('--resize');
    const m = /^\s*(\d+)\s*[,x×]\s*(\d+)\s*$/.exec(resize);
    const hw = m ? [Number(m[1]), Number(m[2])] : [];
    if (hw.length !== 2 || hw.some((d) => d < 1 || d > 16384)) {
      throw new InvalidOptionError(`--resize ${resize}: expected a height and a width in pixels, integers in [1, 16384], such as 224,224`, { flag: 'resize', received: resize });
    }
    options.resize = [hw[0]!, hw[1]!]; // two, checked above
  }
  const scale = takeFlag(flags, 'scale');
  if (scale !== undefined) {
    given.push('--scale');
    const v = number('scale', scale, scale);
    if (!(v > 0)) throw new InvalidOptionError(`--scale ${scale}: expected a number above 0, such as 1/255 (values in [0, 1]) or 1 (0–255)`, { flag: 'scale', received: scale });
    options.scale = v;
  }
  const normalize = takeFlag(flags, 'normalize');
  if (normalize !== undefined) {
    given.push('--normalize');
    const form = 'expected mean,std (e.g. 0.5,0.5) or per-channel means/stds (e.g. 0.485,0.456,0.406/0.229,0.224,0.225)';
    const halves = normalize.split('/');
    let mean: number[], std: number[];
    if (halves.length === 2) {
      [mean, std] = halves.map((h) => h.split(',').map((s) => number('normalize', normalize, s))) as [number[], number[]];
    } else {
      const parts = normalize.split(',');
      if (halves.length !== 1 || parts.length !== 2) throw new InvalidOptionError(`--normalize ${normalize}: ${form}`, { flag: 'normalize', received: normalize });
      [mean, std] = parts.map((s) => [number('normalize', normalize, s)]) as [number[], number[]];
    }
    if (std.some((s) => s === 0)) throw new InvalidOptionError(`--normalize ${normalize}: a std of 0 divides by zero; ${form}`, { flag: 'normalize', received: normalize });
    options.normalize = { mean, std };
  }
  const channels = takeFlag(flags, 'channels');
  if (channels !== undefined) {
    given.push('--channels');
    if (channels !== 'rgb' && channels !== 'bgr' && channels !== 'gray') {
      throw new InvalidOptionError(`--channels ${channels}: expected rgb, bgr or gray`, { flag: 'channels', received: channels });
    }
    options.channels = channels;
  }
  return { options, given };
}
