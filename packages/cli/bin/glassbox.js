#!/usr/bin/env node
// Runs the CommonJS build: Node loads tfjs's CommonJS bundles through `require` about twice as
// fast as through `import` (no export lexing or module-format detection), ~0.2 s of every command.
import { createRequire } from 'node:module';

const { main } = createRequire(import.meta.url)('../dist/index.cjs');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`glassbox: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
