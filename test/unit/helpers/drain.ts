/** Runs a generator of steps to its end: its result, and how many times it yielded. */
export function drain<T>(steps: Generator<void, T, void>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done === true) return { value: next.value, yields };
    yields++;
  }
}
