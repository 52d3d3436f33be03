import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { readYamlFast } from '../../../server/src/core/model/fastYaml';
import { parseYaml, parseYamlWithPackage } from '../../../server/src/core/model/parseYaml';
import { CORPUS_DIR } from '../helpers/corpus';
import { fallbackSnippets, fastSnippets, firstDifference, judge, outdentKeyLine, recoveredSnippets, repeatEntry } from './fastYamlCases';
import { seededRandom } from '../helpers/seededRandom';

function yamlFilesBelow(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...yamlFilesBelow(path));
    else if (/\.ya?ml$/i.test(name)) out.push(path);
  }
  return out;
}

describe('fast YAML reader: agrees with the yaml package path', () => {
  it('reads every YAML file of the shared corpus itself, into the identical tree', (t) => {
    const files = [...yamlFilesBelow(join(CORPUS_DIR, 'specs')), ...yamlFilesBelow(join(CORPUS_DIR, 'multi'))];
    if (files.length === 0) {
      t.skip(`no corpus at ${CORPUS_DIR}`);
      return;
    }
    const declined: string[] = [];
    const disagreements: string[] = [];
    for (const file of files) {
      const verdict = judge(readFileSync(file, 'utf8'));
      const name = relative(CORPUS_DIR, file);
      if (verdict.kind === 'declined') declined.push(`${name}: ${verdict.reason}`);
      else if (verdict.kind === 'disagreement') disagreements.push(`${name}: ${verdict.detail}`);
    }
    t.diagnostic(`${files.length - declined.length - disagreements.length} of ${files.length} corpus YAML files take the fast path`);
    assert.deepEqual(disagreements, [], 'the fast reader and the yaml package disagree');
    assert.deepEqual(declined, [], 'corpus files the fast reader declines');
  });

  for (const [index, text] of fastSnippets.entries()) {
    it(`reads snippet ${index} itself: ${JSON.stringify(text.slice(0, 60))}`, () => {
      const verdict = judge(text);
      assert.deepEqual(verdict, { kind: 'fast' });
    });
  }

  for (const [title, edit, rounds, seed, share] of [
    ['keys outdented to the column of an enclosing mapping', outdentKeyLine, 40, 5, 0.2],
    ['entries given twice', repeatEntry, 20, 6, 0.5],
  ] as const) {
    it(`reads ${title} in the corpus specs as the yaml package does, problems included`, (t) => {
      // The smaller files (the yaml package reads each edited text too); the large specs take the same code.
      const files = [...yamlFilesBelow(join(CORPUS_DIR, 'specs')), ...yamlFilesBelow(join(CORPUS_DIR, 'multi'))].filter((file) => statSync(file).size > 2_000 && statSync(file).size < 160_000);
      if (files.length === 0) {
        t.skip(`no corpus at ${CORPUS_DIR}`);
        return;
      }
      const random = seededRandom(seed);
      const disagreements: string[] = [];
      const verdicts = { fast: 0, recovered: 0, declined: 0 };
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (let round = 0; round < rounds; round++) {
          const verdict = judge(edit(text, random));
          if (verdict.kind === 'disagreement') disagreements.push(`${relative(CORPUS_DIR, file)}: ${verdict.detail.slice(0, 300)}`);
          else verdicts[verdict.kind]++;
        }
      }
      t.diagnostic(`${files.length} files, ${rounds} edits each: ${verdicts.fast} read without problems, ${verdicts.recovered} with the package's problems, ${verdicts.declined} declined`);
      assert.deepEqual(disagreements, []);
      // Guards against a reader that stopped recovering, which would make this test pointless.
      assert.ok(verdicts.recovered > files.length * rounds * share, `only ${verdicts.recovered} edited texts were read with problems`);
    });
  }

  for (const [index, text] of recoveredSnippets.entries()) {
    it(`reads snippet ${index} itself with the package's problems: ${JSON.stringify(text.slice(0, 60))}`, () => {
      assert.deepEqual(judge(text), { kind: 'recovered' });
      const dispatched = parseYaml(text);
      assert.ok(dispatched.errors.length > 0 && dispatched.errors.every((problem) => problem.message === 'All mapping items must start at the same column' || problem.message === 'Map keys must be unique'));
    });
  }

  for (const [index, text] of fallbackSnippets.entries()) {
    it(`hands snippet ${index} to the yaml package: ${JSON.stringify(text.slice(0, 60))}`, () => {
      const fast = readYamlFast(text, 2_000_000);
      assert.equal(fast.root, undefined, 'the fast reader should decline');
      assert.ok(fast.unsupported !== undefined && !fast.unsupported.startsWith('internal:'), `declined for the wrong reason: ${fast.unsupported}`);
      // parseYaml then gives exactly the yaml package's answer, errors included.
      const dispatched = parseYaml(text);
      const reference = parseYamlWithPackage(text);
      assert.deepEqual(dispatched.errors, reference.errors);
      assert.equal(firstDifference(dispatched.root, reference.root), undefined);
    });
  }
});

describe('fast YAML reader: dispatch and limits', () => {
  it('parseYaml returns the fast tree without errors', () => {
    const text = 'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n';
    const result = parseYaml(text);
    assert.deepEqual(result.errors, []);
    assert.equal(firstDifference(result.root, parseYamlWithPackage(text).root), undefined);
  });

  it('an alias bomb over the node limit falls back to the yaml path and its error', () => {
    const text = 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n';
    assert.ok(readYamlFast(text, 500).unsupported !== undefined);
    const limited = parseYaml(text, 500);
    assert.deepEqual(limited.errors, parseYamlWithPackage(text, 500).errors);
    assert.match(limited.errors[0].message, /more than 500 nodes/);
    // Under the limit the same text is read by the fast reader.
    assert.equal(judge(text).kind, 'fast');
  });

  it('syntax errors are reported by the yaml package, at the same place as before', () => {
    const text = 'a: 1\nb: [1, 2\nc: 3\n';
    assert.deepEqual(parseYaml(text), parseYamlWithPackage(text));
    assert.ok(parseYaml(text).errors.length > 0);
  });
});
