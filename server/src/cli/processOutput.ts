/**
 * The CLI's stdout and stderr as the process gives them, made safe for pipelines.
 *
 * A reader that stops early (`api-guard lint . --format json | head`) closes the pipe, and the
 * next write fails with EPIPE. Node reports that as an `error` event, and an unhandled one ends
 * the process with a stack trace. Unix tools stop writing quietly instead, and so does the CLI:
 * the rest of the output is dropped and the exit code stays the run's (the reader chose to stop;
 * nothing failed). Any other write error (a full disk behind a redirect, a closed terminal) is
 * reported once on stderr, and the run ends with `EXIT_USAGE`, because the report was lost.
 */
export interface ProcessOutput {
  stdout: { write(text: string): boolean; isTTY?: boolean };
  stderr: { write(text: string): boolean };
  /** Whether writing stdout failed for a reason other than the reader going away. */
  failed(): boolean;
}

interface ErrorWithCode extends Error {
  code?: string;
}

/** The part of a Node stream the wrapper uses (a `tty.WriteStream`, `net.Socket` or `fs.WriteStream`). */
export interface WritableLike {
  write(text: string): boolean;
  on(event: 'error', listener: (error: ErrorWithCode) => void): unknown;
  isTTY?: boolean;
}

export function processOutput(stdout: WritableLike, stderr: WritableLike): ProcessOutput {
  let stdoutClosed = false;
  let stderrClosed = false;
  let failure = false;
  const writeStderr = (text: string): boolean => {
    if (stderrClosed) return false;
    try {
      return stderr.write(text);
    } catch {
      stderrClosed = true;
      return false;
    }
  };
  stderr.on('error', () => {
    // Nowhere left to report it.
    stderrClosed = true;
  });
  stdout.on('error', (error) => {
    if (stdoutClosed) return;
    stdoutClosed = true;
    if (error.code === 'EPIPE') return;
    failure = true;
    writeStderr(`api-guard: the output could not be written: ${error.message}\n`);
  });
  return {
    stdout: {
      isTTY: stdout.isTTY,
      write(text: string): boolean {
        if (stdoutClosed) return false;
        return stdout.write(text);
      },
    },
    stderr: { write: writeStderr },
    failed: () => failure,
  };
}
