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
  process.exitCode = code;
  // A write error arrives after the write: look again once the streams have had their turn.
  process.once('beforeExit', () => {
    if (output.failed()) process.exitCode = EXIT_USAGE;
  });
});
