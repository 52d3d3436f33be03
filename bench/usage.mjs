// The benchmarks' `--help`: a benchmark's leading comment block is its manual, printed as is.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * `parseArgs` for a benchmark script, with `--help` (print the script's leading comment and exit 0)
 * and, for an unknown option, that comment's options line and exit 2 instead of a stack trace.
 */
export function benchArgs(scriptUrl, options) {
  const usage = () =>
    readFileSync(fileURLToPath(scriptUrl), 'utf8')
      .split('\n')
      .filter((line, index, lines) => lines.slice(0, index + 1).every((previous) => previous.startsWith('//')))
      .map((line) => line.replace(/^\/\/ ?/, ''))
      .join('\n');
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', default: false } } });
    if (values.help) {
      process.stdout.write(`${usage()}\n`);
      process.exit(0);
    }
    return values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage()}\n`);
    process.exit(2);
  }
}
