/** The backends a benchmark compares: its command-line arguments that are not flags (`cpu` when none). */
export function benchBackends(argv: readonly string[] = process.argv.slice(2)): string[] {
  const backends = argv.filter((a) => !a.startsWith('-'));
  return backends.length > 0 ? backends : ['cpu'];
}
