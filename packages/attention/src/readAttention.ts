import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError, type AttentionAccess, type ExplainContext } from '@glassbox/core';
import { attentionBytesPerExample, forEachChunk } from './forEachChunk';

/**
 * Reads the attention of the selected layers for every example, chunk by chunk, and hands each
 * example's maps (`[heads, tokens, tokens]` per selected layer) to `visit`. Tensors are released
 * before `visit` runs and before every abort check.
 */
export async function readAttention(
  access: AttentionAccess,
  inputs: tf.Tensor,
  layers: readonly number[],
  context: ExplainContext,
  stage: string,
  visit: (example: number, maps: Float32Array[]) => void,
): Promise<{ chunkSize: number; chunks: number }> {
  const [batch, tokens] = inputs.shape;
  const per = access.numHeads * tokens * tokens;
  return forEachChunk(batch, attentionBytesPerExample(access.numLayers, access.numHeads, tokens), context, stage, async (start, end) => {
    const kept = tf.tidy(() => {
      const ids = tf.slice(inputs, [start, 0], [end - start, tokens]);
      const { output, attention } = access.forwardFromEmbeddings(access.embed(ids), { tokenIds: ids });
      checkAttention(attention, access, end - start, tokens);
      output.dispose();
      return layers.map((l) => attention[l]);
    });
    let data: Float32Array[];
    try {
      data = (await Promise.all(kept.map((t) => t.data()))) as Float32Array[];
    } finally {
      tf.dispose(kept);
    }
    for (let e = start; e < end; e++) visit(e, data.map((d) => d.subarray((e - start) * per, (e - start + 1) * per)));
  });
}

/** Refuses a model whose recorded attention does not match what it declares. */
export function checkAttention(attention: tf.Tensor[], access: AttentionAccess, batch: number, tokens: number): void {
  const expected = [batch, access.numHeads, tokens, tokens];
  if (attention.length !== access.numLayers) {
    throw new UnsupportedModelError(`The model recorded ${attention.length} attention layers; it declares ${access.numLayers}`);
  }
  attention.forEach((a, l) => {
    if (a.shape.join() !== expected.join()) {
      throw new UnsupportedModelError(`Attention of layer ${l} has shape [${a.shape.join(', ')}]; expected [${expected.join(', ')}] (batch, heads, queries, keys)`);
    }
  });
}
