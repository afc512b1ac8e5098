#!/usr/bin/env node
'use strict';
// Runs the CommonJS build from a CommonJS entry: Node loads tfjs's CommonJS bundles through
// `require` about twice as fast as through `import` (no export lexing or module-format detection),
// and a CommonJS entry starts without the ES module loader (~15 ms of every command).
const { main } = require('../dist/index.cjs');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`glassbox: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
