import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf } from '../../../server/src/core/model/ast';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { patchLimits } from '../../../server/src/core/model/incrementalParse';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { seededRandom } from '../helpers/seededRandom';

// buildApi keeps each tree's `$ref` objects and, for a version patched from the previous one,
// updates that list instead of walking the whole tree again. Whatever it keeps, the references of
// every version must be exactly those of a fresh parse, in the same order.

const FOLDER = 'file:///ws';
const POLICY = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };

const spec = {
  openapi: '3.0.3',
  info: { title: 'Refs', version: '1' },
  paths: {
    '/a': {
      get: {
        parameters: [{ $ref: '#/components/parameters/P' }, { name: 'q', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/A' },
                example: { $ref: '#/components/schemas/NotARef' },
                examples: { one: { summary: 's', value: { $ref: '#/not/a/ref' } }, two: { $ref: '#/components/examples/Two' } },
              },
            },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
  },
  components: {
    parameters: { P: { name: 'p', in: 'query', schema: { $ref: '#/components/schemas/B' } } },
    responses: { NotFound: { description: 'missing', content: { 'application/json': { schema: { $ref: '#/components/schemas/B' } } } } },
    examples: { Two: { value: { id: 1, link: { $ref: '#/data' } } } },
    schemas: {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' }, c: { type: 'array', items: { $ref: '#/components/schemas/A' } }, d: { type: 'string' } } },
      B: { type: 'string', example: { value: { $ref: '#/not/either' } } },
    },
  },
};

function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.map((item) => `${indent}-\n${toYaml(item, indent + '  ')}`).join('');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, member]) => (member !== null && typeof member === 'object' ? `${indent}${JSON.stringify(key)}:\n${toYaml(member, indent + '  ')}` : `${indent}${JSON.stringify(key)}: ${JSON.stringify(member)}\n`))
      .join('');
  }
  return `${indent}${JSON.stringify(value)}\n`;
}

function describeRefs(api: ApiDescription | undefined): string[] {
  if (api === undefined) return ['no API'];
  return api.refSites.map((site) => `${pointerOf(site.node)} ${site.ref} → ${site.target !== undefined ? pointerOf(site.target.node) : site.problem?.kind}`);
}

function freshRefs(uri: string, text: string): string[] {
  const store = new DocumentStore({ read: () => undefined });
  return describeRefs(buildApi(store.setOpen(uri, text, 1), store, POLICY));
}

const LAYOUTS = { yaml: () => toYaml(spec), json: () => JSON.stringify(spec, null, 2) } as const;

describe('the $ref objects of an edited document', () => {
  for (const [format, initial] of Object.entries(LAYOUTS)) {
    it(`are those of a fresh parse after every edit (${format})`, () => {
      const uri = `${FOLDER}/api.${format}`;
      let text: string = initial();
      const store = new DocumentStore({ read: () => undefined });
      store.setOpen(uri, text, 1);
      assert.deepEqual(describeRefs(buildApi(store.get(uri)!, store, POLICY)), freshRefs(uri, text));
      const next = seededRandom(format === 'yaml' ? 11 : 12);
      let patched = 0;
      let refEdits = 0;
      for (let version = 2; version < 400; version++) {
        // A letter typed into or deleted from a word: keys and values alike, `$ref`, `example`,
        // `examples`, `value` and the references' targets included.
        const words = [...text.matchAll(/[A-Za-z$][A-Za-z0-9$/#]*/g)];
        const telling = words.filter((candidate) => /\$ref|example|value|components\//.test(candidate[0]));
        const pool = telling.length > 0 && next() < 0.4 ? telling : words;
        const word = pool[Math.floor(next() * pool.length)];
        const at = word.index! + 1 + Math.floor(next() * (word[0].length - 1));
        const remove = word[0].length > 2 && next() < 0.4;
        const inserted = remove ? '' : String.fromCharCode(97 + Math.floor(next() * 26));
        const end = remove ? at + 1 : at;
        if (/\$ref|example|value|components\//.test(word[0])) refEdits++;
        const lines = new LineIndex(text);
        const range = { start: lines.positionAt(at), end: lines.positionAt(end) };
        text = text.slice(0, at) + inserted + text.slice(end);
        const doc = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
        if (doc.patch !== undefined) patched++;
        assert.deepEqual(describeRefs(buildApi(doc, store, POLICY)), freshRefs(uri, text), `version ${version}: ${JSON.stringify(inserted)} at ${at} in ${word[0]}`);
        // Now and then the edit is taken back, so that references come back where they were.
        if (next() < 0.3) {
          version++;
          const back = new LineIndex(text);
          const undo = { start: back.positionAt(at), end: back.positionAt(at + inserted.length) };
          text = text.slice(0, at) + (remove ? word[0].charAt(at - word.index!) : '') + text.slice(at + inserted.length);
          const undone = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range: undo, text: remove ? word[0].charAt(at - word.index!) : '' }] });
          if (undone.patch !== undefined) patched++;
          assert.deepEqual(describeRefs(buildApi(undone, store, POLICY)), freshRefs(uri, text), `version ${version}: undone`);
        }
      }
      assert.ok(patched > 200, `most versions were patched (${patched})`);
      assert.ok(refEdits > 40, `references and example data were edited (${refEdits})`);
    });
  }
});

describe('the $ref objects after edits of the keys that decide them', () => {
  for (const [format, initial] of Object.entries(LAYOUTS)) {
    it(`follow a letter typed into and taken out of each such key (${format})`, () => {
      const uri = `${FOLDER}/api.${format}`;
      let text: string = initial();
      const store = new DocumentStore({ read: () => undefined });
      store.setOpen(uri, text, 1);
      let version = 1;
      let patched = 0;
      const edit = (at: number, end: number, inserted: string, what: string) => {
        const lines = new LineIndex(text);
        const range = { start: lines.positionAt(at), end: lines.positionAt(end) };
        text = text.slice(0, at) + inserted + text.slice(end);
        version++;
        const doc = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
        if (doc.patch !== undefined) patched++;
        assert.deepEqual(describeRefs(buildApi(doc, store, POLICY)), freshRefs(uri, text), what);
      };
      let keys = 0;
      for (const key of ['"$ref"', '"example"', '"examples"', '"value"', '"schema"', '"two"', '"items"']) {
        for (let from = text.indexOf(key); from >= 0; from = text.indexOf(key, from + 1)) {
          // Into the key (`"exxample"`), then out again; the second edit makes the key what it was.
          edit(from + 3, from + 3, 'x', `x typed into ${key} at ${from}`);
          edit(from + 3, from + 4, '', `x taken out of ${key} at ${from}`);
          keys++;
        }
      }
      assert.ok(keys > 15, `keys edited (${keys})`);
      assert.equal(patched, 2 * keys, 'every edit was patched');
    });
  }
});

describe('the $ref objects after line edits that add or remove entries of a mapping', () => {
  it('are those of a fresh parse when the mapping is made anew around its kept entries', () => {
    // With the region limit that low, a mapping of this small spec is too large to be read whole, as
    // the Stripe YAML's `paths` is: a line edit that adds or removes entries makes it anew.
    const limit = patchLimits.region;
    patchLimits.region = 400;
    try {
      const uri = `${FOLDER}/api.yaml`;
      const original = toYaml(spec);
      let text = original;
      const store = new DocumentStore({ read: () => undefined });
      store.setOpen(uri, text, 1);
      buildApi(store.get(uri)!, store, POLICY);
      const next = seededRandom(21);
      let version = 1;
      let aroundKept = 0;
      const edit = (at: number, end: number, inserted: string, what: string): void => {
        const lines = new LineIndex(text);
        const range = { start: lines.positionAt(at), end: lines.positionAt(end) };
        text = text.slice(0, at) + inserted + text.slice(end);
        version++;
        const doc = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
        if (doc.patch?.kept !== undefined) aroundKept++;
        assert.deepEqual(describeRefs(buildApi(doc, store, POLICY)), freshRefs(uri, text), what);
      };
      const lines = original.split('\n').slice(0, -1);
      for (let round = 0; round < 120; round++) {
        const index = Math.floor(next() * lines.length);
        const at = lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
        const line = lines[index];
        const indent = line.length - line.trimStart().length;
        const kind = Math.floor(next() * 4);
        const what = `${['comment', 'delete', 'indent', 'outdent'][kind]} line ${index + 1}: ${line.trim()}`;
        if (kind === 0) {
          edit(at + indent, at + indent, '# ', what);
          edit(at + indent, at + indent + 2, '', `${what}, undone`);
        } else if (kind === 1) {
          edit(at, at + line.length + 1, '', what);
          edit(at, at, `${line}\n`, `${what}, undone`);
        } else if (kind === 2 || indent < 2) {
          edit(at, at, '  ', what);
          edit(at, at + 2, '', `${what}, undone`);
        } else {
          edit(at, at + 2, '', what);
          edit(at, at, '  ', `${what}, undone`);
        }
        assert.equal(text, original);
      }
      assert.ok(aroundKept > 10, `mappings made anew around kept entries (${aroundKept})`);
    } finally {
      patchLimits.region = limit;
    }
  });
});

describe('the $ref objects of a tree that an undo takes back', () => {
  it('are those of a fresh parse, and so are the next edit\'s', () => {
    const uri = `${FOLDER}/api.yaml`;
    let text = toYaml(spec);
    const store = new DocumentStore({ read: () => undefined });
    const first = store.setOpen(uri, text, 1);
    assert.deepEqual(describeRefs(buildApi(first, store, POLICY)), freshRefs(uri, text));
    const edit = (version: number, at: number, end: number, inserted: string) => {
      const lines = new LineIndex(text);
      const range = { start: lines.positionAt(at), end: lines.positionAt(end) };
      text = text.slice(0, at) + inserted + text.slice(end);
      const doc = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
      assert.deepEqual(describeRefs(buildApi(doc, store, POLICY)), freshRefs(uri, text), `version ${version}`);
      return doc;
    };
    // A letter at the start of a deep line stands at the root mapping's column: parsed whole.
    const at = text.lastIndexOf('\n', text.indexOf('"schema"', text.indexOf('"NotFound"'))) + 1;
    const broken = edit(2, at, at, 'q');
    assert.ok(broken.errors.length > 0 && broken.patch === undefined && broken.root !== first.root, 'parsed whole, with problems');
    const undone = edit(3, at, at + 1, '');
    assert.equal(undone.root, first.root, 'the undo takes the first tree back');
    assert.equal(undone.treeOfVersion, 1);
    // A reference renamed after it: patched from the tree taken back.
    const ref = text.indexOf('#/components/schemas/B') + '#/components/schemas/'.length;
    assert.notEqual(edit(4, ref, ref + 1, 'A').patch, undefined, 'patched');
  });
});
