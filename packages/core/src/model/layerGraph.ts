import type * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import type { LayerInfo, ModelSplit } from './Model';

/** The parts of a tfjs-layers layer that graph execution uses (structural: no tfjs-layers import). */
export interface GraphLayerLike {
  name: string;
  getClassName(): string;
  outputShape: unknown;
  inboundNodes?: { inboundLayers: GraphLayerLike[]; tensorIndices?: number[] }[];
  apply(x: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
}

/** Layer listing and splitting of a functional model, for layer methods such as Grad-CAM. */
export interface LayerGraph {
  /** The layers a model can be split after (every path from the input to the output passes them). */
  layers(): LayerInfo[];
  split(layer: string): ModelSplit;
}

/**
 * Runs a functional (non-sequential) Layers model layer by layer, so that it can be split after
 * any layer that every path from the input to the output goes through, e.g. MobileNetV2's last
 * `Conv_1` (layers inside residual blocks are not split points). Returns undefined for graphs it
 * cannot run this way: several inputs or outputs, shared layers, multi-output layers.
 *
 * @example
 * ```ts
 * const g = layerGraph(mobilenet.layers, perExample)!;
 * const { head, tail } = g.split('Conv_1'); // tail(head(x)) equals model.apply(x)
 * ```
 */
export function layerGraph(all: readonly GraphLayerLike[], shapeOf: (layer: GraphLayerLike) => number[]): LayerGraph | undefined {
  const index = new Map(all.map((l, i) => [l, i]));
  const inbound: number[][] = [];
  for (const [i, l] of all.entries()) {
    const nodes = l.inboundNodes ?? [];
    if (nodes.length > 1) return undefined; // shared layer
    const from = nodes[0]?.inboundLayers ?? [];
    if ((nodes[0]?.tensorIndices ?? []).some((t) => t !== 0)) return undefined;
    const ids = from.map((p) => index.get(p));
    if (ids.some((j) => j === undefined || j >= i)) return undefined; // not in topological order
    if ((i === 0) !== (l.getClassName() === 'InputLayer' && ids.length === 0)) return undefined; // one input, first
    if (i > 0 && ids.length === 0) return undefined;
    inbound.push(ids as number[]);
  }
  const last = all.length - 1;
  if (last < 1 || all.some((_, i) => i < last && !inbound.some((ids) => ids.includes(i)))) return undefined; // one output, last
  // Position k is a split point when no edge j → i jumps over it (j < k < i).
  const crossing = new Int32Array(all.length + 1);
  for (const [i, ids] of inbound.entries()) {
    for (const j of ids) if (i - j > 1) { crossing[j + 1]!++; crossing[i]!--; }
  }
  const splittable: boolean[] = [];
  for (let k = 0, open = 0; k < all.length; k++) { open += crossing[k]!; splittable.push(k > 0 && k < last && open === 0); }

  const run = (start: number, value: tf.Tensor, end: number): tf.Tensor => {
    const values = new Map<number, tf.Tensor>([[start, value]]);
    for (let i = start + 1; i <= end; i++) {
      const args = inbound[i]!.map((j) => values.get(j)!); // start < i <= end < all.length
      values.set(i, all[i]!.apply(args.length === 1 ? args[0]! : args, { training: false }) as tf.Tensor);
    }
    return values.get(end)!;
  };
  const points = () => all.flatMap((l, k) => (splittable[k] ? [l] : []));
  return {
    layers: () => points().map((l) => ({ name: l.name, className: l.getClassName(), outputShape: shapeOf(l) })),
    split(layer) {
      const k = all.findIndex((l) => l.name === layer);
      if (k < 0 || !splittable[k]) {
        const names = points().map((l) => l.name);
        throw new UnsupportedModelError(
          `${k < 0 ? `No layer named "${layer}"` : `Layer "${layer}" is inside a branch (another path to the output skips it)`}; layers to split at are: ${names.join(', ')}`,
          { layer, layers: names },
        );
      }
      return { head: (x) => run(0, x, k), tail: (a) => run(k, a, last) };
    },
  };
}
