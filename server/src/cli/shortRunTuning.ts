/**
 * V8 options the launcher sets for a run of the CLI, which lasts a fraction of a second to a few
 * seconds, where V8's defaults are made for pages and servers that run for minutes.
 *
 * V8 has a function optimised by TurboFan once it has run through a budget of bytecode
 * (`--interrupt-budget`, 66 KB on Node 20). TurboFan compiles on V8's background threads, and at
 * that budget a lint of kubernetes.json (0.4 s) has it compile some 260 functions, for which those
 * threads spend some 0.3 s of CPU: about as much as the run's own thread. On a machine of two
 * cores that work takes turns with the run itself. At four times the budget TurboFan compiles
 * some 90, the ones that stay hot, the background threads spend some 0.1 s, and a lint of the
 * large corpus specs takes 3–19 % less time, one of a workspace of 10,000 source files 10 % less
 * (see docs/performance.md).
 *
 * Only for V8 11 (Node 20 and 21), where it was measured. Later V8s count invocations instead (the
 * budget has another meaning there) and spend less on TurboFan by default: on Node 22 and 24 the
 * same lint of kubernetes.json takes about what Node 20 takes with this budget. A budget the user
 * gives (`node --interrupt-budget=… api-guard`; Node does not take it in `NODE_OPTIONS`) is left
 * as it is.
 */

/** Four times V8 11's default budget of 66 KB of bytecode. */
export const SHORT_RUN_INTERRUPT_BUDGET = 4 * 66 * 1024;

/**
 * The options to pass to `v8.setFlagsFromString` before the CLI's code is compiled, one per call;
 * none where the V8 is not 11 or where the user set the budget.
 */
export function shortRunV8Flags(v8Version: string, execArgv: readonly string[]): string[] {
  if (v8Version.split('.')[0] !== '11') return [];
  if (execArgv.some((option) => /^--interrupt[-_]budget(?:=|$)/.test(option))) return [];
  return [`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`];
}
