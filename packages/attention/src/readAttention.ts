import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedModelError, runChunks, type AttentionAccess, type ChunkPlan, type ExplainContext } from '@glassbox/core';
import { attentionBytesPerExample } from './attentionBytesPerExample';

/**
 * Reads the attention of the selected layers for every example, chunk by chunk, and hands each
 * example's maps (`[heads, tokens, tokens]` per selected layer) to `visit`, with core's chunk
 * runner (tensors are released before `visit` runs and before every abort check).
 */
export async function readAttention(
  access: AttentionAccess,
  inputs: tf.Tensor,
  layers: readonly number[],
  context: ExplainContext,
  stage: string,
  visit: (example: number, maps: Float32Array[]) => void,
): Promise<ChunkPlan> {
  const [batch, tokens] = inputs.shape as [number, number];
  const per = access.numHeads * tokens * tokens;
  return runChunks({
    total: batch,
    context,
    stage,
    cost: { bytesPerItem: attentionBytesPerExample(access.numLayers, access.numHeads, tokens) },
    compute: (start, end) => {
      const ids = tf.slice(inputs, [start, 0], [end - start, tokens]);
      const { attention } = access.forwardFromEmbeddings(access.embed(ids), { tokenIds: ids });
      checkAttention(attention, access, end - start, tokens);
      return layers.map((l) => attention[l]!); // checked: one tensor per model layer, and layers are resolved indices
    },
    collect: (data, start, end) => {
      for (let e = start; e < end; e++) visit(e, data.map((d) => d.subarray((e - start) * per, (e - start + 1) * per)));
    },
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
