import type { RemoteConsole } from 'vscode-languageserver/node';

/**
 * The server's log, written to the connection console so that the client shows it in the
 * "API Guard" output channel. Errors carry their stack because they are the bug report.
 */
export class Logger {
  constructor(private readonly console: RemoteConsole) {}

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string, error?: unknown): void {
    this.console.error(error === undefined ? message : `${message}: ${describeError(error)}`);
  }
}

/** The stack of an Error (it includes the message), or the value as text. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
}
