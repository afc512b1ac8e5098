// readCsv moved to @glassbox/core/node; re-exported here for compatibility.
export { readCsv } from '@glassbox/core/node';
