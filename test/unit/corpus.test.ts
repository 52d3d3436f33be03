import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from './cli/cliHarness';

/**
 * Every real-world document of the shared corpus goes through the CLI: no exception, no rule
 * failure, and the same findings as last time. The snapshot counts findings per file and rule, so
 * that a reviewer can read what a change did to real specs. Regenerate it after a deliberate
 * change with `UPDATE_SNAPSHOTS=1 npm run test:unit` (or just this file) and review the diff.
 */
const REPO = resolve(__dirname, '..', '..');
const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
const SNAPSHOT = join(REPO, 'test', 'fixtures', 'corpus-snapshot.json');

type Counts = Record<string, Record<string, number>>;

interface JsonFinding {
  ruleId: string;
  file: string;
}

/** Lints one folder of the corpus as a workspace root and counts its findings per file and rule. */
async function lintCorpusFolder(relativeFolder: string, counts: Counts): Promise<{ apis: number }> {
  const { code, stdout, stderr } = await cli(join(CORPUS, relativeFolder), ['lint', '--format', 'json', '--fail-on', 'never', '--min-severity', 'hint']);
  assert.equal(stderr, '', `${relativeFolder}: the CLI reported problems`);
  assert.equal(code, 0, relativeFolder);
  const output = JSON.parse(stdout) as { findings: JsonFinding[]; summary: { filesAnalysed: number; apis: number } };
  assert.ok(output.summary.filesAnalysed > 0, `${relativeFolder}: nothing analysed`);
  for (const finding of output.findings) {
    const file = `${relativeFolder}/${finding.file}`;
    counts[file] ??= {};
    counts[file][finding.ruleId] = (counts[file][finding.ruleId] ?? 0) + 1;
  }
  return { apis: output.summary.apis };
}

/** The counts with every key sorted, so that the file is stable and diffs are readable. */
function sorted(counts: Counts): Counts {
  return Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((file) => [file, Object.fromEntries(Object.keys(counts[file]).sort().map((rule) => [rule, counts[file][rule]]))]),
  );
}

describe('corpus', { skip: existsSync(CORPUS) ? false : `the shared corpus is not at ${CORPUS}` }, () => {
  it('lints every document and multi-file API without an error, with the snapshotted findings', async () => {
    const counts: Counts = {};
    // Each document of specs/ is an API of its own; each folder of multi/ is one multi-file API.
    const documents = readdirSync(join(CORPUS, 'specs')).filter((name) => /\.(ya?ml|json)$/.test(name));
    assert.equal((await lintCorpusFolder('specs', counts)).apis, documents.length, 'every document of specs/ is analysed as an API');
    for (const folder of readdirSync(join(CORPUS, 'multi')).sort()) {
      assert.ok((await lintCorpusFolder(`multi/${folder}`, counts)).apis >= 1, `multi/${folder} is analysed as an API`);
    }
    const actual = sorted(counts);
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.ok(existsSync(SNAPSHOT), `${SNAPSHOT} is missing; create it with UPDATE_SNAPSHOTS=1`);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Counts;
    assert.deepEqual(actual, expected, 'Findings on the corpus changed. If intended, regenerate with UPDATE_SNAPSHOTS=1 and review the diff.');
  });
});
