/** Whether an environment variable that switches something on is set: `1` or `true`. */
export function switchedOn(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/**
 * Whether `API_GUARD_DEBUG` asks for details: stack traces of internal errors (runCli.ts) and the
 * V8 options the launcher sets (launcher.ts). A module of its own, so that the launcher, which is
 * kept small, reads it the same way as the CLI bundle.
 */
export function debugRequested(env: Record<string, string | undefined>): boolean {
  return switchedOn(env.API_GUARD_DEBUG);
}
