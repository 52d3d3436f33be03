import { processOutput } from './cli/processOutput';
import { EXIT_USAGE, runCli } from './cli/runCli';

// The `api-guard` command. Everything lives in runCli, which never throws and returns the exit
// code, so that tests can run the same code in-process. The streams are wrapped so that a reader
// that stops early (`| head`) ends the output quietly instead of crashing the process.
const output = processOutput(process.stdout, process.stderr);
void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: output.stdout,
  stderr: output.stderr,
}).then((code) => {
  // The process ends as soon as its output is written. Left to end by itself, Node first frees
  // the heap a page at a time, which the system does at once for an exiting process: after
  // linting kubernetes.json the process took 53-59 ms from its `exit` event to its end, now 40-46.
  whenWritten(process.stdout, () =>
    whenWritten(process.stderr, () =>
      // A write error is reported after the write's callback: look once the streams have had their turn.
      setImmediate(() => {
        process.exit(output.failed() ? EXIT_USAGE : code);
      }),
    ),
  );
});

/** Calls `done` once everything written to `stream` so far has been handed to the system (or has failed). */
function whenWritten(stream: NodeJS.WriteStream, done: () => void): void {
  if (stream.destroyed || stream.writableLength === 0) {
    done();
    return;
  }
  stream.write('', () => done());
}
