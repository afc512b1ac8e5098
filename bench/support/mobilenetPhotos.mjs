// The MobileNetV2 benchmark photos, built from bench/fixtures/mobilenet-photos.f32 (2 photos,
// float32 [2, 224, 224, 3] in [0, 1]): plain JavaScript with no Node imports, so the Node benchmark
// (packages/backend-native/bench/mobilenet.bench.mjs) and the browser one
// (examples/browser-demo/src/bench/) explain the very same pixels.

/** Values in one 224×224×3 photo. */
export const PHOTO_SIZE = 224 * 224 * 3;

/** The photo mirrored left to right. */
export function mirror(v) {
  const o = new Float32Array(PHOTO_SIZE);
  for (let h = 0; h < 224; h++) for (let w = 0; w < 224; w++) for (let c = 0; c < 3; c++) o[(h * 224 + w) * 3 + c] = v[(h * 224 + 223 - w) * 3 + c];
  return o;
}

/** The photo with every value multiplied by `s` (dimmed, for s < 1). */
export function scaled(v, s) {
  return v.map((x) => x * s);
}

/** The two fixture photos, as copies. */
export function twoPhotos(fixture) {
  if (fixture.length !== 2 * PHOTO_SIZE) throw new Error(`the photo fixture holds ${fixture.length} values; expected 2 × 224 × 224 × 3 = ${2 * PHOTO_SIZE}`);
  return [fixture.slice(0, PHOTO_SIZE), fixture.slice(PHOTO_SIZE, 2 * PHOTO_SIZE)];
}

/** The 8 saliency photos: the 2, their mirror images, the 2 dimmed to 0.8, the mirrors dimmed to 0.6. */
export function eightPhotos(fixture) {
  const p = twoPhotos(fixture);
  return [p[0], p[1], mirror(p[0]), mirror(p[1]), scaled(p[0], 0.8), scaled(p[1], 0.8), scaled(mirror(p[0]), 0.6), scaled(mirror(p[1]), 0.6)];
}

/** The photos one after another in one array (a batch [n, 224, 224, 3]). */
export function stack(list) {
  const out = new Float32Array(list.length * list[0].length);
  list.forEach((v, i) => out.set(v, i * v.length));
  return out;
}
