import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/model/parseYaml';
import { fallbackSnippets, fastSnippets, generateDocument, judge, mutate, outdentKeyLine, recoveredSnippets, repeatEntry } from './fastYamlCases';
import { seededRandom } from '../helpers/seededRandom';

/**
 * Mutated snippets (deleted, inserted and replaced characters, moved and re-indented lines): the
 * fast reader may decline any of them, but whenever it answers it must agree exactly with the yaml
 * package, and parseYaml must never throw. The seed is fixed, so a failure reproduces.
 */
describe('fast YAML reader: mutated snippets', () => {
  const mutationsPerSnippet = 25;
  for (const [group, snippets] of [
    ['supported', fastSnippets],
    ['fallback', fallbackSnippets],
  ] as const) {
    it(`never disagrees with the yaml package on mutations of the ${group} snippets`, (t) => {
      const random = seededRandom(group === 'supported' ? 1 : 2);
      const disagreements: string[] = [];
      let fast = 0;
      let total = 0;
      for (const snippet of snippets) {
        for (let round = 0; round < mutationsPerSnippet; round++) {
          const text = mutate(snippet, random);
          total++;
          assert.doesNotThrow(() => parseYaml(text), `parseYaml threw on ${JSON.stringify(text)}`);
          const verdict = judge(text);
          if (verdict.kind === 'fast') fast++;
          else if (verdict.kind === 'disagreement') disagreements.push(`${JSON.stringify(text)}: ${verdict.detail}`);
        }
      }
      t.diagnostic(`${fast} of ${total} mutations read by the fast reader, the rest declined`);
      assert.deepEqual(disagreements, []);
      // Guards against a reader that declines everything, which would make this test pointless.
      if (group === 'supported') assert.ok(fast > total / 4, `only ${fast} of ${total} mutations were read by the fast reader`);
    });
  }

  it('never disagrees with the yaml package on generated documents', (t) => {
    const random = seededRandom(3);
    const disagreements: string[] = [];
    let fast = 0;
    const total = 1500;
    for (let round = 0; round < total; round++) {
      const text = generateDocument(random);
      const verdict = judge(text);
      if (verdict.kind === 'fast') fast++;
      else if (verdict.kind === 'disagreement') disagreements.push(`${JSON.stringify(text)}: ${verdict.detail}`);
    }
    t.diagnostic(`${fast} of ${total} generated documents read by the fast reader, the rest declined`);
    assert.deepEqual(disagreements, []);
    assert.ok(fast > total * 0.7, `only ${fast} of ${total} generated documents were read by the fast reader`);
  });

  it('never disagrees with the yaml package on documents with a key outdented or an entry given twice, problems included', (t) => {
    const random = seededRandom(4);
    const disagreements: string[] = [];
    const verdicts = { fast: 0, recovered: 0, declined: 0 };
    const total = 3000;
    for (let round = 0; round < total; round++) {
      const source = round % 4 === 3 ? [...fastSnippets, ...recoveredSnippets][Math.floor(random() * (fastSnippets.length + recoveredSnippets.length))] : generateDocument(random);
      let text = round % 3 === 2 ? repeatEntry(source, random) : outdentKeyLine(source, random);
      if (round % 5 === 4) text = random() < 0.5 ? outdentKeyLine(text, random) : random() < 0.5 ? repeatEntry(text, random) : mutate(text, random);
      const verdict = judge(text);
      if (verdict.kind === 'disagreement') disagreements.push(`${JSON.stringify(text)}: ${verdict.detail}`);
      else verdicts[verdict.kind]++;
    }
    t.diagnostic(`of ${total}: ${verdicts.fast} read without problems, ${verdicts.recovered} read with the package's problems, ${verdicts.declined} declined`);
    assert.deepEqual(disagreements, []);
    // Guards against a reader that stopped recovering, which would make this test pointless.
    assert.ok(verdicts.recovered > total / 10, `only ${verdicts.recovered} of ${total} texts were read with problems`);
  });
});
