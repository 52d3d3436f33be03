import type { Logger } from './logger';

let requestsStarted = 0;

/** How many requests `guardRequest` handlers have started, for the analysis loop to see that some came in. */
export function requestsStartedSoFar(): number {
  return requestsStarted;
}

/**
 * Wraps a request handler so that an exception (thrown or rejected) becomes a neutral result
 * plus a logged error: a bug in one handler must never surface to the client as a failed
 * request or take the server down.
 */
export function guardRequest<P extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: (...params: P) => R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => Promise<R> {
  return async (...params: P): Promise<R> => {
    requestsStarted++;
    try {
      return await handler(...params);
    } catch (error) {
      logger.error(`${name} failed`, error);
      return fallback(...params);
    }
  };
}

/** Wraps a notification handler: an exception is logged and the notification is dropped. */
export function guardNotification<P extends unknown[]>(logger: Logger, name: string, handler: (...params: P) => void | Promise<void>): (...params: P) => void {
  return (...params: P): void => {
    try {
      const result = handler(...params);
      if (result instanceof Promise) result.catch((error: unknown) => logger.error(`${name} failed`, error));
    } catch (error) {
      logger.error(`${name} failed`, error);
    }
  };
}

/** Runs background work (a scan, a re-analysis) whose failure is logged, never thrown. */
export function runGuarded(logger: Logger, name: string, work: () => Promise<void>): Promise<void> {
  return work().catch((error: unknown) => logger.error(`${name} failed`, error));
}
