/**
 * How image files became the model's input tensor, recorded in an {@link Explanation} so that a
 * result says exactly what the model saw. Steps run in this order: decode to RGB(A) 8-bit →
 * `channels` → `resize` → multiply by `scale` → `(x − mean) / std` per channel.
 *
 * @example
 * ```ts
 * const p: InputPreprocessing = {
 *   sources: [{ name: 'china.jpg', width: 640, height: 427 }],
 *   channels: 'rgb', resize: [224, 224], resizeMethod: 'bilinear', scale: 1 / 255,
 *   normalize: null, layout: 'NHWC',
 * };
 * ```
 */
export interface InputPreprocessing {
  /** The decoded files in batch order, with their original sizes in pixels. */
  sources: { name: string; width: number; height: number }[];
  /** Channel order of the tensor: `rgb`, `bgr`, or one `gray` channel (ITU-R BT.601 luma). */
  channels: 'rgb' | 'bgr' | 'gray';
  /** `[height, width]` the pictures were resized to, or null when they were used as they are. */
  resize: [number, number] | null;
  /** Resampling of `resize` (bilinear, half-pixel centres, antialiased when shrinking). */
  resizeMethod: 'bilinear';
  /** Factor applied to the 0–255 values (1/255 maps them to [0, 1]). */
  scale: number;
  /** Per-channel `(x − mean) / std` after scaling, or null. */
  normalize: { mean: number[]; std: number[] } | null;
  /** Axis order of the tensor (batch, height, width, channels). */
  layout: 'NHWC';
}
