import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeExtractionCache } from '../../../server/src/core/code/analyseCodeFile';
import type { CodeExtraction } from '../../../server/src/core/code/codeExtraction';
import { extractWithDependencies, type TrackedExtraction } from '../../../server/src/core/code/extractCode';
import { extractIncrementally } from '../../../server/src/core/code/extractIncrementally';
import { codeLanguageOf } from '../../../server/src/core/code/languages';
import { SyntaxTreeCache, type TextChange } from '../../../server/src/core/code/syntaxTreeCache';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import './codeHarness';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/code');

/**
 * Real files: the JavaScript and TypeScript fixtures (calls, clients, secrets, TLS settings,
 * suppressions) and code from the project's dependencies, large and small, with and without
 * HTTP calls.
 */
const FILES = [
  ...['javascript', 'typescript', 'tsx'].flatMap((language) => readdirSync(path.join(fixtures, language)).map((name) => path.join(fixtures, language, name))),
  'node_modules/form-data/lib/form_data.js',
  'node_modules/agent-base/dist/index.js',
  'node_modules/azure-devops-node-api/WebApi.js',
  'node_modules/vscode-languageserver-textdocument/lib/umd/main.js',
  'node_modules/picomatch/lib/parse.js',
].map((file) => path.resolve(root, file));

/** What an edit inserts: tokens that change the structure, and code that each detector reports. */
const INSERTIONS = [
  ' ',
  '\n',
  'x',
  ';',
  '{',
  '}',
  '(',
  ')',
  "'",
  '"',
  '`',
  '//',
  '/*',
  '*/',
  '\\',
  '${',
  '\r\n',
  'é😀',
  'const limit = 10;\n',
  "const token = 'tok_9fQ2xLw81KdZ3mNp';\n",
  "const docs = 'https://user:secret@docs.partner.example/v2';\n",
  "fetch('https://api.partner.example/v1/orders');\n",
  "import axios from 'axios';\n",
  "const http = require('https');\n",
  '{ rejectUnauthorized: false }',
  "new URL('https://a.example/x')",
  'apiKey: "sk_live_4eC39HqLyjWDarjtT1zdp7dc",',
  'function f() {',
  'class A {',
  'options = { url: "/x" };',
  '// api-guard-ignore code-hardcoded-secret\n',
];

/** A deterministic pseudo-random sequence (the same edits on every run). */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** One or two changes at random places, as an editor sends them: ranges in the text before each change. */
function randomChanges(text: string, random: () => number): { changes: TextChange[]; text: string } {
  const changes: TextChange[] = [];
  let current = text;
  const count = random() < 0.15 ? 2 : 1;
  for (let index = 0; index < count; index++) {
    const start = Math.floor(random() * (current.length + 1));
    const end = Math.min(current.length, start + (random() < 0.4 ? Math.floor(random() * 60) : 0));
    const inserted = random() < 0.85 ? INSERTIONS[Math.floor(random() * INSERTIONS.length)] : '';
    const lines = new LineIndex(current);
    changes.push({ range: lines.rangeOf(start, end), text: inserted });
    current = current.slice(0, start) + inserted + current.slice(end);
  }
  return { changes, text: current };
}

describe('re-extraction of the statements an edit touched', () => {
  test('gives exactly the extraction of the whole new text, over random edits of real files', async () => {
    let edits = 0;
    let incremental = 0;
    for (const [fileIndex, file] of FILES.entries()) {
      const uri = `file:///ws/src/${path.basename(file)}`;
      const language = codeLanguageOf(uri)!;
      let text = readFileSync(file, 'utf8');
      const trees = new SyntaxTreeCache();
      const cache = new CodeExtractionCache();
      let previous: TrackedExtraction = extractWithDependencies(uri, language, text, await trees.parse(uri, language, text));
      await cache.get({ uri, text, tree: trees.get(uri)!.tree });
      const random = randomSequence(fileIndex + 1);
      for (let step = 0; step < 40; step++) {
        const next = randomChanges(text, random);
        const tree = await trees.applyChanges(uri, next.changes);
        const entry = trees.get(uri)!;
        assert.ok(tree !== undefined && entry.text === next.text && entry.edit !== undefined);
        const full = extractWithDependencies(uri, language, next.text, tree);
        const where = `${path.basename(file)}, edit ${step}: ${JSON.stringify(next.changes)}`;
        const redone = previous.dependencies === undefined ? undefined : extractIncrementally(previous.extraction, previous.dependencies, entry.edit.region, next.text, tree);
        if (redone !== undefined) {
          incremental++;
          assert.deepEqual(redone.extraction, full.extraction, where);
        }
        // The editor's path: the cache takes the edit and decides by itself.
        const cached: CodeExtraction | undefined = await cache.get({ uri, text: next.text, tree, edit: entry.edit });
        assert.deepEqual(cached, full.extraction, where);
        previous = redone ?? full;
        text = next.text;
        edits++;
      }
      trees.clear();
    }
    assert.equal(edits, FILES.length * 40);
    // Most edits touch statements that hold no import, call or definition others depend on.
    assert.ok(incremental > edits / 3, `only ${incremental} of ${edits} edits were re-extracted in part`);
  });

  test('an edit that can change the results of another statement extracts the whole file', async () => {
    const uri = 'file:///ws/src/client.js';
    const text = [
      "const PATH = '/orders';",
      'function list() {',
      "  return fetch('https://api.partner.example' + PATH);",
      '}',
      "const note = 'just a sentence that is long enough';",
      '',
    ].join('\n');
    const trees = new SyntaxTreeCache();
    const first = extractWithDependencies(uri, 'javascript', text, await trees.parse(uri, 'javascript', text));
    assert.equal(first.extraction.callSites[0].urlTemplate, 'https://api.partner.example/orders');
    const edit = async (from: string, to: string): Promise<TrackedExtraction | undefined> => {
      const at = text.indexOf(from);
      const lines = new LineIndex(text);
      await trees.applyChanges(uri, [{ range: lines.rangeOf(at, at + from.length), text: to }]);
      const entry = trees.get(uri)!;
      const redone = extractIncrementally(first.extraction, first.dependencies!, entry.edit!.region, entry.text, entry.tree);
      // Back to the first text for the next edit.
      await trees.parse(uri, 'javascript', text);
      return redone;
    };
    // The constant the call's URL is built from, changed or renamed: the call's URL would change.
    assert.equal(await edit("'/orders'", "'/invoices'"), undefined);
    assert.equal(await edit('const PATH', 'const PATX'), undefined);
    // The constant assigned again elsewhere: it no longer has a single value.
    assert.equal(await edit("const note = 'just", "PATH = '/refunds';\nconst note = 'just"), undefined);
    // The statement with the call.
    assert.equal(await edit("'https://api", "'http://api"), undefined);
    // A new import could make any call a library's.
    assert.equal(await edit("const note = 'just", "import got from 'got';\nconst note = 'just"), undefined);
    // A sentence elsewhere: only its own statement is read again.
    const redone = await edit('a sentence', 'another sentence');
    assert.ok(redone !== undefined);
    assert.equal(redone.extraction.callSites[0].urlTemplate, 'https://api.partner.example/orders');
  });

  test('an edit of an import extracts the whole file: every call may depend on it', async () => {
    const uri = 'file:///ws/src/wrapped.js';
    // `fetch` is a wrapper's here, no request; without the import it is the global fetch.
    const text = "import fetch from './cachedFetch.js';\n\nexport const orders = () => fetch('https://api.partner.example/orders');\n";
    const trees = new SyntaxTreeCache();
    const first = extractWithDependencies(uri, 'javascript', text, await trees.parse(uri, 'javascript', text));
    assert.deepEqual(first.extraction.callSites, []);
    await trees.applyChanges(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// ' }]);
    const entry = trees.get(uri)!;
    assert.equal(extractIncrementally(first.extraction, first.dependencies!, entry.edit!.region, entry.text, entry.tree), undefined);
    assert.equal(extractWithDependencies(uri, 'javascript', entry.text, entry.tree).extraction.callSites[0]?.library, 'fetch');
  });
});
