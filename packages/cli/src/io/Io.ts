/** Where the CLI writes; tests pass buffers. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

export const processIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  cwd: process.cwd(),
};
