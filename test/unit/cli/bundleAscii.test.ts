import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildSync, type BuildOptions } from 'esbuild';

// The CLI's launcher reads its bundles as Latin-1 when they are ASCII (launcher.ts): the same text
// as a UTF-8 decoding, faster, and held as one byte a character. esbuild escapes what it writes of
// strings and names, but it copies some comments as they are (those on class members), and seven
// lines of such comments with a "…", a "≥" or a "–" once made the CLI bundle UTF-8: decoded the slow
// way and held as 3.4 MB instead of 1.7. This builds the bundles the launcher loads, with the very
// options of esbuild.mjs (scripts/bundleOptions.mjs), and names any line that is not ASCII.

const REPO = resolve(__dirname, '..', '..', '..');

function nonAsciiLines(text: string): string[] {
  return text
    .split('\n')
    .map((line, index) => [index + 1, line] as const)
    .filter(([, line]) => /[^\x00-\x7f]/.test(line))
    .map(([number, line]) => `${number}: ${line.trim().slice(0, 120)}`);
}

describe('the bundles the CLI launcher loads', () => {
  it('are ASCII: the CLI and the structural validators', async () => {
    const { bundleOptions } = (await import(join(REPO, 'scripts', 'bundleOptions.mjs'))) as { bundleOptions(options: { root: string }): BuildOptions[] };
    const launched = bundleOptions({ root: REPO }).filter((options) => {
      const names = Object.keys(options.entryPoints as Record<string, string>);
      return names.includes('cli-main') || names.every((name) => name.startsWith('generated/'));
    });
    let bundles = 0;
    for (const options of launched) {
      const result = buildSync({ ...options, write: false, logLevel: 'silent' });
      for (const file of result.outputFiles.filter((output) => output.path.endsWith('.js'))) {
        bundles++;
        assert.deepEqual(nonAsciiLines(file.text), [], `${file.path.slice(REPO.length + 1)} has lines that are not ASCII`);
      }
    }
    assert.ok(bundles >= 9, `${bundles} bundles`);
  });
});
