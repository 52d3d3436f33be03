/**
 * Decides whether a crashed language server may be restarted automatically. A server that keeps
 * crashing would otherwise restart forever and flood the user with notifications, so only
 * `maxRestarts` crashes within a sliding window of `windowMs` are answered with a restart; the
 * next one stops the server until the user restarts it by hand.
 */
export interface CrashVerdict {
  /** Whether the server should be started again. */
  restart: boolean;
  /** How many crashes fell into the current window, this one included. */
  crashesInWindow: number;
}

export class RestartBudget {
  private readonly crashTimes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash that happened at `now` (milliseconds) and returns what to do about it. */
  recordCrash(now: number): CrashVerdict {
    this.crashTimes.push(now);
    while (this.crashTimes.length > 0 && now - this.crashTimes[0] > this.windowMs) this.crashTimes.shift();
    const crashesInWindow = this.crashTimes.length;
    return { restart: crashesInWindow <= this.maxRestarts, crashesInWindow };
  }

  /** Forgets earlier crashes, e.g. after the user restarted the server deliberately. */
  reset(): void {
    this.crashTimes.length = 0;
  }
}
