import { runCli } from './cli/runCli';

// The `api-guard` command. Everything lives in runCli, which never throws and returns the exit
// code, so that tests can run the same code in-process.
void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
}).then((code) => {
  process.exitCode = code;
});
