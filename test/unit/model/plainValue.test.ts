import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toValue } from '../../../server/src/core/model/ast';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import { plainValueOf } from '../../../server/src/core/model/plainValue';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { corpusEntries } from '../helpers/corpus';

const TEXT = 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\npaths:\n  /orders:\n    get:\n      summary: List\n      tags: [a, b]\n  /items:\n    get: {}\n';

function edit(text: string, at: number, inserted: string): { text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } {
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  const position = { line, character };
  return { text: before + inserted + text.slice(at), range: { start: position, end: position } };
}

describe('plainValueOf (the value structural validation reads)', () => {
  it('updates the value of an edited buffer along the patched path and shares the rest', () => {
    const store = new DocumentStore({ read: () => undefined });
    const uri = 'file:///ws/shop.yaml';
    const first = store.setOpen(uri, TEXT, 1);
    const before = plainValueOf(first) as Record<string, Record<string, unknown>>;
    assert.deepEqual(before, toValue(first.root!));
    assert.equal(plainValueOf(first), before, 'asked again for the same version: the same value');

    const typed = edit(TEXT, TEXT.indexOf('List') + 4, 's');
    const second = store.setOpen(uri, typed.text, 2, { fromVersion: 1, changes: [{ range: typed.range, text: 's' }] });
    assert.ok(second.patch, 'the store patched the tree');
    const after = plainValueOf(second) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    assert.deepEqual(after, toValue(second.root!));
    assert.equal(after.paths['/orders'].get.summary, 'Lists');
    assert.equal(after.info, before.info, 'an untouched subtree is shared, not copied');
    assert.equal(after.paths['/items'], before.paths['/items']);
    assert.notEqual(after.paths, before.paths, 'the path to the edit is new');
    assert.equal((before.paths as unknown as Record<string, Record<string, Record<string, unknown>>>)['/orders'].get.summary, 'List', 'the previous value is unchanged');

    const renamed = edit(typed.text, typed.text.indexOf('tags'), 'x');
    const third = store.setOpen(uri, renamed.text, 3, { fromVersion: 2, changes: [{ range: renamed.range, text: 'x' }] });
    assert.deepEqual(plainValueOf(third), toValue(third.root!), 'a renamed key as well');
  });

  it('converts files read from disk afresh and keeps nothing for them', () => {
    const store = new DocumentStore({ read: () => TEXT });
    const doc = store.get('file:///ws/disk.yaml')!;
    const one = plainValueOf(doc);
    const two = plainValueOf(doc);
    assert.deepEqual(one, two);
    assert.notEqual(one, two, 'not kept');
  });

  it('converts afresh when several changes came at once, or the version kept is not the one patched', () => {
    const store = new DocumentStore({ read: () => undefined });
    const uri = 'file:///ws/multi.yaml';
    store.setOpen(uri, TEXT, 1);
    // Version 1's value is never asked for: version 2 cannot build on it.
    const typed = edit(TEXT, TEXT.indexOf('Shop') + 4, 'X');
    const second = store.setOpen(uri, typed.text, 2, { fromVersion: 1, changes: [{ range: typed.range, text: 'X' }] });
    assert.deepEqual(plainValueOf(second), toValue(second.root!));
    const a = edit(typed.text, typed.text.indexOf('List'), 'A');
    const b = edit(a.text, a.text.indexOf('ShopX'), 'B');
    const third = store.setOpen(uri, b.text, 3, { fromVersion: 2, changes: [{ range: a.range, text: 'A' }, { range: b.range, text: 'B' }] });
    assert.equal(third.patch, undefined, 'two changes in one version describe no single patch');
    assert.deepEqual(plainValueOf(third), toValue(third.root!));
  });
});

/** plainValueOf must give toValue's value exactly: same keys in the same order, same prototypes. */
function assertSameAsWalk(uri: string, text: string): void {
  const doc = parseDocument(uri, text);
  assert.deepStrictEqual(plainValueOf(doc), doc.root === undefined ? undefined : toValue(doc.root), uri);
}

describe('plainValueOf of a JSON file (JSON.parse where it reads the same value)', () => {
  it('equals the walk of the tree for JSON and YAML', () => {
    assertSameAsWalk('file:///w/a.json', '{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}, "x": [1, -0, 2.5e3, 1e400, true, null, "\\u00e9\\ud83d\\ude00\\ud800"]}');
    assertSameAsWalk('file:///w/b.json', '{"10": 1, "2": 2, "a": 3, "1": 4}');
    assertSameAsWalk('file:///w/c.yaml', 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\n');
    assertSameAsWalk('file:///w/empty.json', '   ');
  });

  it('takes the walk where JSON.parse would read the text differently or not at all', () => {
    for (const text of [
      '\ufeff{"openapi": "3.1.0"}',
      '{"n": 012}',
      '{"a": 1, "a": 2, "b": 3}',
      '{"a": 1,}',
      '{"a": 1} // comment',
    ]) {
      assertSameAsWalk('file:///w/edge.json', text);
    }
  });

  it('keeps a `__proto__` key as an own member, as JSON.parse does, in JSON, YAML and a patched value', () => {
    const own = (value: unknown, label: string): void => {
      const a = (value as { a: Record<string, unknown> }).a;
      assert.ok(Object.hasOwn(a, '__proto__'), label);
      assert.deepEqual(Object.keys(a), ['__proto__', 'b'], label);
      assert.equal(Object.getPrototypeOf(a), Object.prototype, `${label}: the prototype is not set`);
      assert.equal(a.polluted, undefined, `${label}: the members of its value are not the object's`);
    };
    for (const text of ['{"a": {"__proto__": {"polluted": true}, "b": 1}}', '{"a": {"\\u005f_proto__": {"polluted": true}, "b": 1}}', '{"a": {"__pr\\u006Fto__": {"polluted": true}, "b": 1}}']) {
      assertSameAsWalk('file:///w/p.json', text);
      own(plainValueOf(parseDocument('file:///w/p.json', text)), text);
    }
    const yaml = 'a:\n  __proto__:\n    polluted: true\n  b: 1\n';
    own(plainValueOf(parseDocument('file:///w/p.yaml', yaml)), 'YAML');
    const store = new DocumentStore({ read: () => undefined });
    const uri = 'file:///w/open.yaml';
    plainValueOf(store.setOpen(uri, yaml, 1));
    const typed = edit(yaml, yaml.indexOf('true'), 'x');
    const patched = store.setOpen(uri, typed.text, 2, { fromVersion: 1, changes: [{ range: typed.range, text: 'x' }] });
    assert.ok(patched.patch, 'the store patched the tree');
    own(plainValueOf(patched), 'patched');
  });

  it('equals the walk of the tree for every JSON document of the corpus', () => {
    const files = corpusEntries().flatMap((entry) => entry.files.filter((file) => file.endsWith('.json')));
    for (const file of files) assertSameAsWalk(`file://${file}`, readFileSync(file, 'utf8'));
  });
});
