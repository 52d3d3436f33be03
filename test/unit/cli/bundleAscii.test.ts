import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildSync } from 'esbuild';

// The CLI's launcher reads its bundles as Latin-1 when they are ASCII (launcher.ts): the same text
// as a UTF-8 decoding, faster, and held as one byte a character. esbuild escapes what it writes of
// strings and names, but it copies some comments as they are (those on class members), and seven
// lines of such comments with a "…", a "≥" or a "–" once made the CLI bundle UTF-8: decoded the slow
// way and held as 3.4 MB instead of 1.7. This builds the bundles the launcher loads, with the options
// of esbuild.mjs that shape their text, and names any line that is not ASCII.

const REPO = resolve(__dirname, '..', '..', '..');
const VALIDATORS = join(REPO, 'server', 'src', 'core', 'openapi', 'generated');

function nonAsciiLines(text: string): string[] {
  return text
    .split('\n')
    .map((line, index) => [index + 1, line] as const)
    .filter(([, line]) => /[^\x00-\x7f]/.test(line))
    .map(([number, line]) => `${number}: ${line.trim().slice(0, 120)}`);
}

describe('the bundles the CLI launcher loads', () => {
  it('are ASCII: the CLI and the structural validators', () => {
    const entryPoints: Record<string, string> = { 'cli-main': join(REPO, 'server', 'src', 'cli.ts') };
    for (const name of readdirSync(VALIDATORS).filter((file) => file.endsWith('.js'))) entryPoints[`generated/${name.slice(0, -3)}`] = join(VALIDATORS, name);
    const result = buildSync({
      entryPoints,
      outdir: join(REPO, 'dist'),
      write: false,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      legalComments: 'none',
      logLevel: 'silent',
      alias: { 'web-tree-sitter': join(REPO, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs') },
    });
    assert.ok(result.outputFiles.length >= 9, `${result.outputFiles.length} bundles`);
    for (const file of result.outputFiles) {
      assert.deepEqual(nonAsciiLines(file.text), [], `${file.path.slice(REPO.length + 1)} has lines that are not ASCII`);
    }
  });
});
