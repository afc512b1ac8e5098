/**
 * The memory one work item is assumed to need when nothing better is known: `copies` float32
 * copies of its `elements` values (default 8: the input, a few activations the size of the input,
 * its gradient and its output). Prefer a measured size ({@link measureItemBytes}) where the work
 * can run twice cheaply; this estimate is for black-box models and host-side batches.
 *
 * @example
 * ```ts
 * const { chunkSize } = planChunks(total, guessItemBytes(sizeOf(model.inputShape)), context.memoryBudgetBytes);
 * ```
 */
export function guessItemBytes(elements: number, copies = 8): number {
  return Math.max(1, elements) * 4 * copies;
}
