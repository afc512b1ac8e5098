#!/usr/bin/env node
import { main } from '../dist/index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`glassbox: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
