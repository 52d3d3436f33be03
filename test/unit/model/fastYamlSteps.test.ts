import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { readYamlFast, readYamlFastSteps, type FastYamlResult } from '../../../server/src/core/model/fastYaml';
import { CORPUS_DIR } from '../helpers/corpus';
import { fallbackSnippets, fastSnippets, generateDocument, mutate, outdentKeyLine, recoveredSnippets, repeatEntry } from './fastYamlCases';
import { seededRandom } from '../helpers/seededRandom';

function stepped(text: string, maxNodes = 2_000_000): { result: FastYamlResult; yields: number } {
  const steps = readYamlFastSteps(text, maxNodes);
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done === true) return { result: next.value, yields };
    yields++;
  }
}

function assertSame(text: string, label: string, maxNodes = 2_000_000): FastYamlResult {
  const expected = readYamlFast(text, maxNodes);
  assert.ok(isDeepStrictEqual(stepped(text, maxNodes).result, expected), `${label}: ${JSON.stringify(text.slice(0, 120))}`);
  return expected;
}

describe('readYamlFastSteps (a large YAML file read by the language server in slices)', () => {
  it('reads every snippet, mutated snippet and generated document into readYamlFast\'s tree, or declines as it does', () => {
    const random = seededRandom(23);
    let read = 0;
    let total = 0;
    for (const snippet of [...fastSnippets, ...fallbackSnippets, ...recoveredSnippets]) {
      for (const text of [snippet, ...Array.from({ length: 12 }, (_, index) => (index % 3 === 2 ? outdentKeyLine(snippet, random) : index % 3 === 1 ? repeatEntry(snippet, random) : mutate(snippet, random)))]) {
        total++;
        if (assertSame(text, 'snippet').root !== undefined) read++;
      }
    }
    for (let index = 0; index < 300; index++) {
      total++;
      if (assertSame(generateDocument(random), 'generated').root !== undefined) read++;
    }
    assert.ok(read > total / 3, `most texts are read, not declined (${read} of ${total})`);
    // The node limit stops both at the same place.
    assertSame(fastSnippets.join('\n---\n'), 'several documents');
    assertSame(`a:\n  b:\n    c:\n      d: [1, 2, 3]\n${Array.from({ length: 50 }, (_, index) => `  k${index}: { v: ${index} }\n`).join('')}`, 'node limit', 30);
  });

  it('yields while reading a large document, nested mappings included, into the same tree', () => {
    const paths = Array.from({ length: 4000 }, (_, index) => `  /things${index}/{id}:\n    get:\n      summary: "Thing ${index}"\n      parameters:\n        - { name: id, in: path, required: true }\n      responses:\n        "200":\n          description: OK # ${index}\n`).join('');
    const text = `openapi: 3.0.3\ninfo:\n  title: Things\n  version: "1"\npaths:\n${paths}components:\n  schemas:\n    A: &a { type: object }\n    B:\n      <<: *a\n      description: merged\n`;
    const expected = readYamlFast(text, 2_000_000);
    assert.ok(expected.root !== undefined);
    const { result, yields } = stepped(text);
    assert.ok(isDeepStrictEqual(result, expected));
    assert.ok(yields >= Math.floor(text.length / 65_536) - 1, `about one yield per 64 K characters (${yields} for ${text.length})`);
  });

  it('yields within long block sequences, indented or in their key\'s column, into the same tree', () => {
    const tags = Array.from({ length: 3000 }, (_, index) => `  - name: tag${index}\n    description: |\n      Tag ${index}\n    x-items:\n      - a\n      - { b: ${index} }\n`).join('');
    const servers = Array.from({ length: 3000 }, (_, index) => `- url: https://s${index}.example.com\n  # server ${index}\n  variables:\n    v: { default: "${index}" }\n`).join('');
    for (const text of [`openapi: 3.0.3\ntags:\n${tags}servers:\n${servers}paths: {}\n`, `- first\n${servers}`, `list:\n${tags}`]) {
      const expected = readYamlFast(text, 2_000_000);
      assert.ok(expected.root !== undefined);
      const { result, yields } = stepped(text);
      assert.ok(isDeepStrictEqual(result, expected));
      assert.ok(yields >= Math.floor(text.length / 65_536) - 1, `about one yield per 64 K characters (${yields} for ${text.length})`);
    }
  });

  it('yields within mappings whose first key is quoted or explicit, into the same tree', () => {
    // trello.yaml's and stackexchange.yaml's `paths` start with a quoted key ('/actions/{idAction}':).
    const entry = (index: number) => `    get:\n      summary: "Thing ${index}"\n      responses:\n        '200':\n          description: OK # ${index}\n`;
    const quoted = (quote: string) => Array.from({ length: 4000 }, (_, index) => `  ${quote}/things${index}/{id}${quote}:\n${entry(index)}`).join('');
    const explicit = Array.from({ length: 4000 }, (_, index) => `  ? /things${index}/{id}\n  :\n${entry(index)}`).join('');
    for (const paths of [quoted("'"), quoted('"'), explicit]) {
      const text = `openapi: 3.0.3\ninfo:\n  title: Things\n  version: "1"\npaths:\n${paths}components: {}\n`;
      const expected = readYamlFast(text, 2_000_000);
      assert.ok(expected.root !== undefined, JSON.stringify(paths.slice(0, 60)));
      const { result, yields } = stepped(text);
      assert.ok(isDeepStrictEqual(result, expected));
      assert.ok(yields >= Math.floor(text.length / 65_536) - 1, `about one yield per 64 K characters (${yields} for ${text.length}): ${JSON.stringify(paths.slice(0, 30))}`);
    }
  });

  it('reads every YAML spec of the shared corpus into the same tree', (t) => {
    const folder = join(CORPUS_DIR, 'specs');
    if (!existsSync(folder)) {
      t.skip(`no corpus at ${CORPUS_DIR}`);
      return;
    }
    const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
    assert.ok(files.length > 5);
    for (const name of files) {
      const text = readFileSync(join(folder, name), 'utf8');
      const expected = readYamlFast(text, 2_000_000);
      const { result, yields } = stepped(text);
      assert.ok(isDeepStrictEqual(result, expected), name);
      if (text.length > 1_000_000) assert.ok(yields > 5, `${name} is read in steps (${yields})`);
    }
  });
});
