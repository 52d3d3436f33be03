import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeOf } from '../../../server/src/core/engine/rangeOf';
import { escapePointerSegment, nodeAtPointer, pointerOf, toValue } from '../../../server/src/core/model/ast';
import { parseDocument } from '../../../server/src/core/model/parseDocument';

function rangeAt(uri: string, text: string, pointer: string, part: 'key' | 'value' = 'key') {
  const doc = parseDocument(uri, text);
  const node = nodeAtPointer(doc.root, pointer);
  assert.ok(node, `node at ${pointer}`);
  assert.equal(pointerOf(node), pointer);
  return rangeOf(doc, node, part);
}

describe('document model: ranges', () => {
  it('escapes ~ and / in pointer segments (RFC 6901), the same on every call', () => {
    for (let round = 0; round < 3; round++) {
      assert.equal(escapePointerSegment('/repos/{owner}/{repo}'), '~1repos~1{owner}~1{repo}');
      assert.equal(escapePointerSegment('a~/b'), 'a~0~1b');
      assert.equal(escapePointerSegment('~1'), '~01');
      assert.equal(escapePointerSegment('plain'), 'plain');
    }
  });

  it('YAML block style: keys and values', () => {
    const text = 'openapi: 3.1.0\npaths:\n  /orders/{id}:\n    get:\n      summary: Get order\n';
    assert.deepEqual(rangeAt('a.yaml', text, '/paths/~1orders~1{id}/get'), { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } });
    assert.deepEqual(rangeAt('a.yaml', text, '/paths/~1orders~1{id}/get/summary', 'value'), { start: { line: 4, character: 15 }, end: { line: 4, character: 24 } });
  });

  it('YAML flow style and quoted keys', () => {
    const text = 'responses: { "200": {description: OK}, 404: { description: "Not found" } }\n';
    assert.deepEqual(rangeAt('a.yaml', text, '/responses/404'), { start: { line: 0, character: 39 }, end: { line: 0, character: 42 } });
    assert.deepEqual(rangeAt('a.yaml', text, '/responses/200/description', 'value'), { start: { line: 0, character: 34 }, end: { line: 0, character: 36 } });
  });

  it('JSON with escapes, nested arrays and a BOM', () => {
    const text = '\uFEFF{\n  "a\\"b": [1, {"c": "d\\u00e9"}]\n}';
    const doc = parseDocument('a.json', text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toValue(doc.root!), { 'a"b': [1, { c: 'dé' }] });
    assert.deepEqual(rangeAt('a.json', text, '/a"b/1/c'), { start: { line: 1, character: 15 }, end: { line: 1, character: 18 } });
  });

  it('CRLF line endings', () => {
    const text = 'a: 1\r\nb:\r\n  c: x\r\n';
    assert.deepEqual(rangeAt('a.yaml', text, '/b/c'), { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } });
    assert.deepEqual(rangeAt('a.json', '{\r\n"a":\r\n 1}', '/a', 'value'), { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } });
  });

  it('tabs count as one character, as in LSP', () => {
    assert.deepEqual(rangeAt('a.json', '{\n\t"a": 1\n}', '/a'), { start: { line: 1, character: 1 }, end: { line: 1, character: 4 } });
  });

  it('non-ASCII text before a node (UTF-16 columns)', () => {
    assert.deepEqual(rangeAt('a.yaml', 'title: "Bestellungen – 🛒"\nx: 1\n', '/x'), { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.deepEqual(rangeAt('a.yaml', 'a: "🛒"\nb: {c: 1}\n', '/b/c'), { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } });
  });

  it('YAML anchors, aliases and merge keys', () => {
    const text = 'base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n';
    const doc = parseDocument('a.yaml', text);
    assert.deepEqual(toValue(doc.root!), { base: { x: 1, y: 2 }, c: { y: 3, x: 1 }, d: { x: 1, y: 2 } });
    assert.equal(pointerOf(nodeAtPointer(doc.root, '/d/x')!), '/d/x');
  });
});

describe('document model: errors never throw', () => {
  it('broken YAML keeps what it could read', () => {
    const doc = parseDocument('a.yaml', 'openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n');
    assert.ok(doc.errors.length > 0);
    assert.equal(nodeAtPointer(doc.root, '/openapi')?.type, 'string');
  });

  it('broken JSON returns the partial tree and one error at the right place', () => {
    const doc = parseDocument('a.json', '{"openapi": "3.1.0", "info": {"title": "x",, }');
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.errors[0].start, 43);
    assert.equal(nodeAtPointer(doc.root, '/info/title')?.type, 'string');
    assert.equal(nodeAtPointer(doc.root, '/openapi')?.type, 'string');
  });

  it('empty and garbage input', () => {
    assert.equal(parseDocument('a.json', '').root, undefined);
    assert.ok(parseDocument('a.json', '\u0000\u0001garbage').errors.length > 0);
    assert.ok(parseDocument('a.yaml', ':\n  - : : [').errors.length > 0);
  });

  it('an alias bomb ends with an error instead of exhausting memory', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const doc = parseDocument('bomb.yaml', lines.join('\n'));
    assert.ok(doc.errors.some((error) => /expands to more than/.test(error.message)));
  });

  it('files over the size limit are skipped with a reason', () => {
    const doc = parseDocument('big.yaml', 'a: 1\n'.repeat(1000), 0, { maxFileSizeBytes: 100 });
    assert.equal(doc.root, undefined);
    assert.match(doc.skippedReason ?? '', /over the limit/);
  });
});
