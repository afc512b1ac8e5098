// Side-effect entry: `import '@glassbox/backend-native/register'` makes `useBackend('native')` and
// `--backend native` available. Importing never loads the addon; the first `useBackend` does.
import { registerBackend } from '@glassbox/core';
import { nativeBackend } from './nativeBackend';

registerBackend(nativeBackend());
