import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base.ts';

// The image decoders (fast-png, jpeg-js) are bundled: fast-png ships ESM only and jpeg-js CommonJS
// only, so bundling gives both of viz's builds (ESM and CJS) working decoders on every Node ≥ 20.11
// and in browsers. fflate stays an ordinary dependency.
export default defineConfig(packageConfig(['index'], { noExternal: ['fast-png', 'jpeg-js', 'iobuffer'] }));
