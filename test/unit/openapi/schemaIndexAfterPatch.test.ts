import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf, type AstNode } from '../../../server/src/core/model/ast';
import type { ParsedDocument } from '../../../server/src/core/model/parseDocument';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { schemaIndexFromPrevious, schemasOf, type SchemaIndex } from '../../../server/src/core/openapi/schemas';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { toBlockYaml } from '../helpers/blockYaml';
import { seededRandom } from '../helpers/seededRandom';

// An editor buffer's schema index is made from the previous version's when the edit cannot have
// changed the walk (schemas.ts, indexAfterPatch). Whatever it takes over, the index must be the
// one a fresh walk of the same text makes: the same schemas, in the same order, with the same
// flags, as nodes of the current tree and document.

const FOLDER = 'file:///ws';
const POLICY = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };

/** A 3.1 spec with every part of a schema the walk reads: flags, nullable, type lists, conditions, compositions, references, headers. */
function spec31(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 4; index++) {
    schemas[`Item${index}`] = {
      type: 'object',
      description: 'An item',
      properties: {
        name: { type: 'string', readOnly: true },
        secret: { type: 'string', writeOnly: true },
        count: { type: 'integer', nullable: true },
        kind: { type: ['string', 'null'] },
        tags: { type: 'array', items: { type: 'string', maxLength: 20 } },
        meta: { type: 'object', additionalProperties: { type: 'string' }, patternProperties: { '^x': { type: 'number' } } },
        choice: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        neg: { not: { type: 'string', format: 'email' } },
        ...(index < 2 && { parent: { $ref: `#/components/schemas/Item${index + 1}` } }),
        shared: { $ref: '#/components/schemas/Shared' },
        // A property called `type`: its value is a schema the walk enters, not a declared type.
        type: { type: 'object', properties: { code: { type: 'string' }, nested: { type: 'array', items: { type: 'integer' } } } },
      },
    };
    paths[`/items${index}`] = {
      parameters: [{ name: 'tenant', in: 'header', schema: { type: 'string' } }],
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
        ],
        responses: {
          '200': {
            description: 'OK',
            headers: { 'X-Rate': { schema: { type: 'integer' } } },
            content: { 'application/json': { schema: { $ref: `#/components/schemas/Item${index}` } } },
          },
          'x-note': { description: 'not a response' },
        },
      },
      // No reference in it: renaming its method takes its roots away while every reference stays.
      delete: {
        parameters: [{ name: 'force', in: 'query', schema: { type: 'boolean' } }],
        responses: { '204': { description: 'Gone', headers: { 'X-Left': { schema: { type: 'integer' } } } } },
      },
      post: {
        requestBody: { $ref: '#/components/requestBodies/NewItem' },
        responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string', readOnly: true } } } } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Items', version: '1' },
    paths,
    components: {
      schemas: { ...schemas, Shared: { type: 'object', properties: { label: { type: 'string' }, when: { if: { type: 'string' }, then: { maxLength: 3 } } } } },
      requestBodies: { NewItem: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item0' } } } } },
    },
  };
}

/** A Swagger 2.0 spec: non-body parameters, headers and items objects are schema-like. */
function spec20(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 4; index++) {
    paths[`/things${index}`] = {
      get: {
        parameters: [
          { name: 'ids', in: 'query', type: 'array', items: { type: 'string', items: { type: 'integer' } } },
          { name: 'body', in: 'body', schema: { $ref: '#/definitions/Thing' } },
        ],
        responses: { '200': { description: 'OK', headers: { 'X-Count': { type: 'integer' } }, schema: { type: 'array', items: { $ref: '#/definitions/Thing' } } } },
      },
    };
  }
  return {
    swagger: '2.0',
    info: { title: 'Things', version: '1' },
    paths,
    definitions: { Thing: { type: 'object', properties: { label: { type: 'string', readOnly: true }, size: { type: 'integer' }, other: { $ref: '#/definitions/Other' } } }, Other: { type: 'object', properties: { note: { type: 'string' } } } },
  };
}


/** What the rules can read of an index: per entry its place, document, kind, flags and types. */
function describe_(index: SchemaIndex): string[] {
  return index.entries.map((entry) => `${entry.at.doc.uri}#${pointerOf(entry.at.node)} ${entry.kind} ${entry.request} ${entry.response} ${entry.conditional} ${entry.types}`);
}

/** Every object of the tree, to tell the current tree's nodes from detached ones. */
function nodesOf(root: AstNode | undefined, out = new Set<AstNode>()): Set<AstNode> {
  if (root === undefined) return out;
  out.add(root);
  if (root.type === 'object') for (const value of root.properties.values()) nodesOf(value, out);
  if (root.type === 'array') for (const item of root.items) nodesOf(item, out);
  return out;
}

function freshIndex(uri: string, text: string): SchemaIndex | undefined {
  // Read as a file from disk: not an open buffer, so nothing is taken over.
  const store = new DocumentStore({ read: (read) => (read === uri ? text : undefined) });
  const api = buildApi(store.get(uri)!, store, POLICY);
  return api === undefined ? undefined : schemasOf(api);
}

/** An editor buffer of the spec, whose index after each change is compared with a fresh walk. */
class IndexedBuffer {
  readonly uri = `${FOLDER}/api.yaml`;
  private readonly store = new DocumentStore({ read: () => undefined });
  private version = 1;

  constructor(public text: string) {
    schemasOf(buildApi(this.store.setOpen(this.uri, text, 1), this.store, POLICY)!);
  }

  /** One editor change: the buffer's next version. */
  replace(start: number, end: number, inserted: string): ParsedDocument {
    const lines = new LineIndex(this.text);
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
    this.version++;
    return this.store.setOpen(this.uri, this.text, this.version, { fromVersion: this.version - 1, changes: [{ range, text: inserted }] });
  }

  /** The buffer's API, as the analysis builds it. */
  api(doc: ParsedDocument): ApiDescription | undefined {
    return buildApi(doc, this.store, POLICY);
  }

  /** One editor change, patched; its index equals a fresh walk, taken over from the previous version or not. */
  change(start: number, end: number, inserted: string, expectTakenOver: boolean, what: string): void {
    const doc = this.replace(start, end, inserted);
    assert.ok(doc.patch !== undefined, `${what}: patched`);
    const api = this.api(doc)!;
    const index = schemasOf(api);
    assert.deepEqual(describe_(index), describe_(freshIndex(this.uri, this.text)!), what);
    assert.equal(schemaIndexFromPrevious(api), expectTakenOver, `${what}: taken over`);
    for (const entry of index.entries) assert.equal(index.get(entry.at.node), entry, `${what}: get() finds the entry`);
  }
}

const LAYOUTS = {
  'yaml 3.1': { format: 'yaml', text: () => toBlockYaml(spec31()), seed: 3 },
  'json 3.1': { format: 'json', text: () => JSON.stringify(spec31(), null, 2), seed: 5 },
  'yaml 2.0': { format: 'yaml', text: () => toBlockYaml(spec20()), seed: 9 },
} as const;

for (const [layout, { format, text: initialText, seed }] of Object.entries(LAYOUTS)) {
  describe(`schema index after a patch (${layout})`, () => {
    it('equals a fresh walk after every edit, and is taken over from the previous version for edits the walk does not read', () => {
      const uri = `${FOLDER}/api.${format}`;
      let text: string = initialText();
      const store = new DocumentStore({ read: () => undefined });
      let doc: ParsedDocument = store.setOpen(uri, text, 1);
      let api: ApiDescription = buildApi(doc, store, POLICY)!;
      assert.deepEqual(describe_(schemasOf(api)), describe_(freshIndex(uri, text)!));
      const next = seededRandom(seed);
      let fromPrevious = 0;
      let walked = 0;
      let patched = 0;
      for (let version = 2; version < 302; version++) {
        const lines = new LineIndex(text);
        // A letter typed into, or deleted from, a quoted key or string: a property's or a schema's
        // name, a keyword, a type, a `$ref`, a description. Sometimes a boolean flag flipped.
        // The version keys and values stay: without them there is no API to index.
        const tokens = [...text.matchAll(/"([^"\n]{2,})"/g)].filter((match) => !['openapi', 'swagger', '3.1.0', '2.0'].includes(match[1]));
        const token = tokens[Math.floor(next() * tokens.length)];
        let start = token.index! + 1 + Math.floor(next() * (token[1].length - 1));
        let end = start;
        let inserted = String.fromCharCode(97 + Math.floor(next() * 26));
        const kind = next();
        if (kind < 0.25) {
          end = start + 1;
          inserted = '';
        } else if (kind < 0.32) {
          const flags = [...text.matchAll(/\b(true|false)\b/g)];
          if (flags.length > 0) {
            const flag = flags[Math.floor(next() * flags.length)];
            start = flag.index!;
            end = start + flag[1].length;
            inserted = flag[1] === 'true' ? 'false' : 'true';
          }
        }
        const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
        text = text.slice(0, start) + inserted + text.slice(end);
        doc = store.setOpen(uri, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
        if (doc.patch !== undefined) patched++;
        const built = buildApi(doc, store, POLICY);
        const expected = freshIndex(uri, text);
        assert.equal(built === undefined, expected === undefined);
        if (built === undefined || expected === undefined) continue;
        api = built;
        const index = schemasOf(api);
        if (schemaIndexFromPrevious(api)) fromPrevious++;
        else walked++;
        const where = `version ${version}: ${JSON.stringify(inserted)} at ${range.start.line}:${range.start.character}`;
        assert.deepEqual(describe_(index), describe_(expected), where);
        const current = nodesOf(doc.root);
        for (const entry of index.entries) {
          assert.ok(current.has(entry.at.node), `${where}: ${pointerOf(entry.at.node)} is a node of the current tree`);
          assert.equal(entry.at.doc, doc, `${where}: the entry is in the current document`);
          assert.equal(index.get(entry.at.node), entry, `${where}: get() finds the entry`);
        }
      }
      assert.ok(patched > 100, `many versions were patched (${patched})`);
      assert.ok(fromPrevious > 40, `edits the walk does not read took the previous index over (${fromPrevious})`);
      assert.ok(walked > 30, `edits of keywords, types, flags and references walked again (${walked})`);
    });
  });
}

describe('schema index after a patch of a fragment whose root is a file on disk', () => {
  it('equals a fresh walk after every edit of the open fragment, and is taken over for edits the walk does not read', () => {
    const root = `${FOLDER}/api.yaml`;
    const fragment = `${FOLDER}/schemas.yaml`;
    const full = spec31() as { components: { schemas: Record<string, unknown> } };
    // The schemas move to the fragment, their references with them.
    const moved = JSON.parse(JSON.stringify(full.components.schemas).replaceAll('#/components/schemas/', '#/'));
    const rootText = toBlockYaml({ ...full, components: { ...full.components, schemas: undefined } })
      .replaceAll('"#/components/schemas/', '"schemas.yaml#/')
      .replace(/^ {2}"schemas": null\n/m, '');
    let text = toBlockYaml(moved);
    const disk = new Map([[root, rootText]]);
    const store = new DocumentStore({ read: (uri) => disk.get(uri) });
    let doc = store.setOpen(fragment, text, 1);
    const fresh = (): string[] => {
      const files = new Map([...disk, [fragment, text]]);
      const other = new DocumentStore({ read: (uri) => files.get(uri) });
      return describe_(schemasOf(buildApi(other.get(root)!, other, POLICY)!));
    };
    let api = buildApi(store.get(root)!, store, POLICY)!;
    assert.deepEqual(describe_(schemasOf(api)), fresh());
    assert.ok(schemasOf(api).entries.some((entry) => entry.at.doc === doc), 'the fragment holds schemas of the API');
    const next = seededRandom(11);
    let fromPrevious = 0;
    let walked = 0;
    for (let version = 2; version < 122; version++) {
      const lines = new LineIndex(text);
      const tokens = [...text.matchAll(/"([^"\n]{2,})"/g)];
      const token = tokens[Math.floor(next() * tokens.length)];
      const start = token.index! + 1 + Math.floor(next() * (token[1].length - 1));
      const deleting = next() < 0.25;
      const inserted = deleting ? '' : String.fromCharCode(97 + Math.floor(next() * 26));
      const end = deleting ? start + 1 : start;
      const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
      text = text.slice(0, start) + inserted + text.slice(end);
      doc = store.setOpen(fragment, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
      api = buildApi(store.get(root)!, store, POLICY)!;
      const index = schemasOf(api);
      if (schemaIndexFromPrevious(api)) fromPrevious++;
      else walked++;
      const where = `version ${version}: ${JSON.stringify(inserted)} at ${range.start.line}:${range.start.character}`;
      assert.deepEqual(describe_(index), fresh(), where);
      for (const entry of index.entries) if (entry.at.doc.uri === fragment) assert.equal(entry.at.doc, doc, `${where}: the entry is in the current fragment`);
    }
    assert.ok(fromPrevious > 30, `edits the walk does not read took the previous index over (${fromPrevious})`);
    assert.ok(walked > 10, `edits of keywords, types and references walked again (${walked})`);
    // The fragment closed (read from disk again, unchanged) and opened again: fresh walks, equal to a fresh index.
    disk.set(fragment, text);
    store.close(fragment);
    const closed = buildApi(store.get(root)!, store, POLICY)!;
    assert.deepEqual(describe_(schemasOf(closed)), fresh());
    assert.equal(schemaIndexFromPrevious(closed), false);
    store.setOpen(fragment, text, 200);
    const reopened = buildApi(store.get(root)!, store, POLICY)!;
    schemasOf(reopened);
    assert.equal(schemaIndexFromPrevious(reopened), false, 'reopened (a fresh parse of the fragment): walked afresh');
  });
});

/** The same spec with every schema of the components in YAML flow style: an edit re-reads the whole property entry. */
function flowYaml(): string {
  const value = spec31() as { components: { schemas?: Record<string, unknown> } };
  const schemas = value.components.schemas!;
  delete value.components.schemas;
  const block = toBlockYaml(value);
  const flow = Object.entries(schemas)
    .map(([name, schema]) => `    ${JSON.stringify(name)}:\n${Object.entries(schema as Record<string, unknown>).map(([key, item]) => `      ${JSON.stringify(key)}: ${JSON.stringify(item)}\n`).join('')}`)
    .join('');
  return block.replace('"components":\n', `"components":\n  "schemas":\n${flow}`);
}

describe('schema index after a patch: declared types, flags and a property called type', () => {
  it('in flow style: a type changed inside a re-read entry retypes its owner', () => {
    const uri = `${FOLDER}/flow.yaml`;
    let text = flowYaml();
    const store = new DocumentStore({ read: () => undefined });
    let doc = store.setOpen(uri, text, 1);
    assert.deepEqual(doc.errors, []);
    const first = buildApi(doc, store, POLICY)!;
    assert.deepEqual(describe_(schemasOf(first)), describe_(freshIndex(uri, text)!));
    const at = text.indexOf('"count":{"type":"integer"') + '"count":{"type":"'.length;
    assert.ok(at > 100, 'the flow mapping is there');
    const lines = new LineIndex(text);
    const range = { start: lines.positionAt(at), end: lines.positionAt(at + 'integer'.length) };
    text = text.slice(0, at) + 'number' + text.slice(at + 'integer'.length);
    doc = store.setOpen(uri, text, 2, { fromVersion: 1, changes: [{ range, text: 'number' }] });
    assert.ok(doc.patch !== undefined && doc.patch.replaced !== doc.patch.node, 'a re-read entry');
    const api = buildApi(doc, store, POLICY)!;
    assert.deepEqual(describe_(schemasOf(api)), describe_(freshIndex(uri, text)!));
    assert.equal(schemaIndexFromPrevious(api), true, 'taken over');
  });

  it('reads the types of the owner again, takes nothing over where the walk may differ, and always equals a fresh walk', () => {
    const buffer = new IndexedBuffer(toBlockYaml(spec31()));
    /** Replaces the first match of `pattern`'s group 1 with `replacement`, as one editor change. */
    const edit = (pattern: RegExp, replacement: string, expectTakenOver: boolean, what: string): void => {
      const match = [...buffer.text.matchAll(pattern)][0];
      assert.ok(match !== undefined, `${what}: ${pattern} matches`);
      const start = match.index! + match[0].indexOf(match[1]);
      buffer.change(start, start + match[1].length, replacement, expectTakenOver, what);
    };
    edit(/"count":\n\s+"type": "(integer)"/g, 'number', true, 'a declared type changed');
    edit(/"tags":\n\s+"(type)": "array"/g, 'kind', true, 'a declared type renamed away');
    edit(/"tags":\n\s+"(kind)": "array"/g, 'type', true, 'and back');
    edit(/"count":[^]*?"(nullable)": true/g, 'nullables', true, 'nullable renamed away');
    edit(/"name":\n\s+"type": "string"\n\s+"readOnly": (true)/g, 'false', false, 'a readOnly flag flipped');
    // The property called `type` holds a schema: renaming it, or a key inside it, is no declared type.
    edit(/"(type)":\n\s+"type": "object"\n\s+"properties":\n\s+"code"/g, 'typo', false, 'the property called type renamed');
    edit(/"(typo)":\n\s+"type": "object"\n\s+"properties":\n\s+"code"/g, 'type', false, 'and back');
    edit(/"nested":\n\s+"type": "array"\n\s+"(items)"/g, 'itemz', false, 'a keyword inside it renamed');
  });
});

describe('schema index after keys typed on new lines or lines deleted', () => {
  it('takes the index over when a key the walk does not read, with a flat value, is added or deleted, and not when the walk reads it', () => {
    const buffer = new IndexedBuffer(toBlockYaml(spec31()));
    const change = buffer.change.bind(buffer);
    // A key typed on a new line of a schema: its first letter is a key without a value.
    const schemaLine = buffer.text.indexOf('\n      "description": "An item"') + 1;
    change(schemaLine, schemaLine, '      n\n', true, 'the first letter of a key typed on a new line');
    change(schemaLine + 7, schemaLine + 7, ': 1', true, 'its colon and value');
    change(schemaLine, schemaLine + '      n: 1\n'.length, '', true, 'the line deleted');
    const description = buffer.text.indexOf('\n      "description": "An item"') + 1;
    const descriptionLine = buffer.text.slice(description, buffer.text.indexOf('\n', description) + 1);
    change(description, description + descriptionLine.length, '', true, 'a description deleted');
    change(description, description, descriptionLine, true, 'and put back');
    change(schemaLine, schemaLine, '      "nullable": true\n', true, 'a declared type added: its owner is retyped');
    change(schemaLine, schemaLine + '      "nullable": true\n'.length, '', true, 'and deleted');
    change(schemaLine, schemaLine, '      "items": {}\n', false, 'a keyword the walk reads added');
    change(schemaLine, schemaLine + '      "items": {}\n'.length, '', false, 'and deleted');
    change(schemaLine, schemaLine, '      "note": {"type": "string"}\n', false, 'a key with a value that is no flat value');
  });

  it('equals a fresh walk after every keystroke, and is taken over while a key the walk does not read is typed or deleted', (t) => {
    const buffer = new IndexedBuffer(toBlockYaml(spec31()));
    const next = seededRandom(23);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    let takenOver = 0;
    let walked = 0;
    let typedKeys = 0;
    const edit = (start: number, end: number, inserted: string, where: string): void => {
      const doc = buffer.replace(start, end, inserted);
      const built = buffer.api(doc);
      const expected = freshIndex(buffer.uri, buffer.text);
      assert.equal(built === undefined, expected === undefined, where);
      if (built === undefined || expected === undefined) return;
      const index = schemasOf(built);
      assert.deepEqual(describe_(index), describe_(expected), `${where} (version ${doc.version})`);
      const current = nodesOf(doc.root);
      for (const entry of index.entries) {
        assert.ok(current.has(entry.at.node), `${where}: ${pointerOf(entry.at.node)} is a node of the current tree`);
        assert.equal(index.get(entry.at.node), entry, `${where}: get() finds the entry`);
      }
      if (schemaIndexFromPrevious(built)) takenOver++;
      else walked++;
    };
    // Names the walk does not read, declared types, keywords and names it follows; flat values and others.
    const names = ['note', 'example', 'title', 'type', 'nullable', 'items', 'properties', '$ref', 'x-extra', 'schema'];
    const values = ['1', '"string"', 'null', 'true', '{}', '["a", "b"]', '{"type": "string"}'];
    for (let round = 0; round < 60; round++) {
      // A line with a key, below the version keys: the new line goes before it, at its indentation.
      const keyLines = [...buffer.text.matchAll(/\n( +)"[^"\n]+":/g)].filter((match) => match.index! > buffer.text.indexOf('"paths"'));
      const line = pick(keyLines);
      const at = line.index! + 1;
      const indent = line[1];
      const name = pick(names);
      const value = pick(values);
      if (next() < 0.25) {
        // The whole line deleted, and put back.
        const lineEnd = buffer.text.indexOf('\n', at) + 1;
        const removed = buffer.text.slice(at, lineEnd);
        edit(at, lineEnd, '', `line ${JSON.stringify(removed)} deleted`);
        edit(at, at, removed, `line ${JSON.stringify(removed)} put back`);
        continue;
      }
      // A new line, then the key a character at a time (a key without its colon until it comes),
      // then its value; sometimes taken out again.
      edit(at, at, `${indent}\n`, 'a new line');
      let typed = indent.length;
      for (const character of `${name}: ${value}`) {
        edit(at + typed, at + typed, character, `${name}: ${value} typed`);
        typed++;
      }
      typedKeys++;
      if (next() < 0.5) edit(at, at + typed + 1, '', `${name}: ${value} taken out`);
    }
    t.diagnostic(`${typedKeys} keys typed; the index taken over ${takenOver} times, walked ${walked} times`);
    assert.ok(typedKeys > 30, `keys were typed (${typedKeys})`);
    assert.ok(takenOver > 300, `the walk's keys typed and deleted took the previous index over (${takenOver})`);
    assert.ok(walked > 50, `keywords, references and values the walk enters walked again (${walked})`);
  });
});
