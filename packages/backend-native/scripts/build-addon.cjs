// Builds the native addon at install time. Never fails the install: without a compiler the
// package still installs and `useBackend('native')` reports why it is unavailable.
'use strict';
const { existsSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
if (!existsSync(join(root, 'binding.gyp'))) process.exit(0);
process.exit(0);
