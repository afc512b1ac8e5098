/** Values in one 224×224×3 photo. */
export declare const PHOTO_SIZE: number;
/** The photo mirrored left to right. */
export declare function mirror(v: Float32Array): Float32Array;
/** The photo with every value multiplied by `s` (dimmed, for s < 1). */
export declare function scaled(v: Float32Array, s: number): Float32Array;
/** The two fixture photos (float32 [2, 224, 224, 3]), as copies. */
export declare function twoPhotos(fixture: Float32Array): [Float32Array, Float32Array];
/** The 8 saliency photos: the 2, their mirror images, the 2 dimmed to 0.8, the mirrors dimmed to 0.6. */
export declare function eightPhotos(fixture: Float32Array): Float32Array[];
/** The photos one after another in one array (a batch [n, 224, 224, 3]). */
export declare function stack(list: readonly Float32Array[]): Float32Array;
