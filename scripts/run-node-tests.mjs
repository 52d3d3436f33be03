// Runs node's test runner over every *.test.ts file below the given folders (Node 20's
// `--test` does not expand globs itself). Usage: node scripts/run-node-tests.mjs test/unit [more…]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(folder, out) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const folders = process.argv.slice(2);
const files = folders.flatMap((folder) => collect(folder, []));
if (files.length === 0) {
  console.error(`No test files found in ${folders.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
