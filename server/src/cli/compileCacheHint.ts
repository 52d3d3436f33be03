/**
 * What the CLI bundle tells its launcher (launcher.ts) about a run, for the code cache. The
 * launcher stores the code of every function a run compiled; a run that analysed files compiles
 * the lint path, one that only printed `--version` or `--help` does not, and its cache must not
 * stand in for a whole run's. Both bundles run in the same context, so a registered symbol on the
 * global object carries the note without either bundle importing the other.
 */
const ANALYSED = Symbol.for('api-guard.cli.analysed');

/** Notes that this process analysed files (called by the CLI once an analysis has finished). */
export function noteAnalysed(): void {
  (globalThis as Record<symbol, unknown>)[ANALYSED] = true;
}

/** Whether this process analysed files. */
export function wasAnalysed(): boolean {
  return (globalThis as Record<symbol, unknown>)[ANALYSED] === true;
}
