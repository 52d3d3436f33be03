import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendArrayItem, appendArrayItems, insertProperties, insertProperty, insertPropertyBefore, keyTextLike, removeArrayItem, removeProperty, renameKey, replaceInScalar, replaceNode, replaceScalar } from '../../../server/src/core/fixes/structuralEdits';
import { applyEdits, type TextEdit } from '../../../server/src/core/fixes/textEdit';
import { nodeAtPointer, toValue, type ArrayNode, type ObjectNode } from '../../../server/src/core/model/ast';
import { parseDocument } from '../../../server/src/core/model/parseDocument';

function edit(uri: string, text: string, make: (doc: ReturnType<typeof parseDocument>) => TextEdit | undefined): string {
  const doc = parseDocument(uri, text);
  const change = make(doc);
  assert.ok(change, 'an edit was produced');
  const result = applyEdits(text, [change]);
  const reparsed = parseDocument(uri, result);
  assert.deepEqual(reparsed.errors, [], `edited text parses:\n${result}`);
  return result;
}

const obj = (doc: ReturnType<typeof parseDocument>, pointer: string) => nodeAtPointer(doc.root, pointer) as ObjectNode;
const arr = (doc: ReturnType<typeof parseDocument>, pointer: string) => nodeAtPointer(doc.root, pointer) as ArrayNode;

describe('insertProperty', () => {
  it('adds a key at the end of a block mapping, keeping comments and indentation', () => {
    const text = 'openapi: 3.1.0\ninfo:\n    title: Shop   # the name\n    version: "1"\n# end\npaths: {}\n';
    const result = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, '/info'), 'description', 'TODO'));
    assert.equal(result, 'openapi: 3.1.0\ninfo:\n    title: Shop   # the name\n    version: "1"\n    description: TODO\n# end\npaths: {}\n');
  });

  it('adds a nested block value after a chosen key', () => {
    const text = 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\npaths: {}\n';
    const result = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, ''), 'security', [{ bearerAuth: [] }], { after: ['info'] }));
    assert.equal(result, 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\nsecurity:\n  - bearerAuth: []\npaths: {}\n');
  });

  it('adds a key to a mapping that starts on a sequence dash line', () => {
    const text = 'parameters:\n  - name: id\n    in: path\n';
    const result = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, '/parameters/0'), 'description', 'The id'));
    assert.equal(result, 'parameters:\n  - name: id\n    in: path\n    description: The id\n');
    const atStart = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, '/parameters/0'), 'required', true, { atStart: true }));
    assert.deepEqual(toValue(parseDocument('a.yaml', atStart).root!), { parameters: [{ required: true, name: 'id', in: 'path' }] });
  });

  it('keeps CRLF line endings', () => {
    const text = 'info:\r\n  title: Shop\r\n';
    const result = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, '/info'), 'version', '1'));
    assert.equal(result, 'info:\r\n  title: Shop\r\n  version: "1"\r\n');
  });

  it('inserts into YAML flow mappings, empty or not', () => {
    assert.equal(edit('a.yaml', 'a: {b: 1}\n', (doc) => insertProperty(doc, obj(doc, '/a'), 'c', 2)), 'a: {b: 1, c: 2}\n');
    assert.equal(edit('a.yaml', 'a: {}\n', (doc) => insertProperty(doc, obj(doc, '/a'), 'c', 'x')), 'a: { c: x }\n');
  });

  it('inserts into pretty-printed JSON with its indentation', () => {
    const text = '{\n    "info": {\n        "title": "Shop"\n    }\n}\n';
    const result = edit('a.json', text, (doc) => insertProperty(doc, obj(doc, '/info'), 'contact', { name: 'Team' }));
    assert.equal(result, '{\n    "info": {\n        "title": "Shop",\n        "contact": {\n            "name": "Team"\n        }\n    }\n}\n');
  });

  it('opens an empty JSON object and keeps one-line JSON on one line', () => {
    assert.equal(edit('a.json', '{\n  "a": {}\n}', (doc) => insertProperty(doc, obj(doc, '/a'), 'b', 1)), '{\n  "a": {\n    "b": 1\n  }\n}');
    assert.equal(edit('a.json', '{"a": {"x": 1}}', (doc) => insertProperty(doc, obj(doc, '/a'), 'b', [1])), '{"a": {"x": 1, "b": [1]}}');
  });
});

describe('arrays and scalars', () => {
  it('appends to block and flow sequences and JSON arrays', () => {
    assert.equal(edit('a.yaml', 'tags:\n  - a\n  - b\nx: 1\n', (doc) => appendArrayItem(doc, arr(doc, '/tags'), 'c')), 'tags:\n  - a\n  - b\n  - c\nx: 1\n');
    assert.equal(edit('a.yaml', 'tags: [a, b]\n', (doc) => appendArrayItem(doc, arr(doc, '/tags'), 'c')), 'tags: [a, b, c]\n');
    assert.equal(edit('a.json', '{\n  "t": [\n    "a"\n  ]\n}', (doc) => appendArrayItem(doc, arr(doc, '/t'), 'b')), '{\n  "t": [\n    "a",\n    "b"\n  ]\n}');
  });

  it('replaces inside a scalar, keeping its quotes', () => {
    assert.equal(edit('a.yaml', "url: 'http://api.shop.test'\n", (doc) => replaceInScalar(doc, nodeAtPointer(doc.root, '/url')!, 'http://', 'https://')), "url: 'https://api.shop.test'\n");
    assert.equal(edit('a.yaml', 'in: query\n', (doc) => replaceScalar(doc, nodeAtPointer(doc.root, '/in')!, 'header')), 'in: header\n');
    assert.equal(edit('a.json', '{"in": "query"}', (doc) => replaceScalar(doc, nodeAtPointer(doc.root, '/in')!, 'header')), '{"in": "header"}');
  });

  it('removes array items and properties in every style', () => {
    assert.equal(edit('a.yaml', 'schemes:\n  - http\n  - https\n', (doc) => removeArrayItem(doc, arr(doc, '/schemes'), 0)), 'schemes:\n  - https\n');
    assert.equal(edit('a.yaml', 'schemes: [http, https]\n', (doc) => removeArrayItem(doc, arr(doc, '/schemes'), 0)), 'schemes: [https]\n');
    assert.equal(edit('a.json', '{"s": ["http", "https"]}', (doc) => removeArrayItem(doc, arr(doc, '/s'), 1)), '{"s": ["http"]}');
    assert.equal(edit('a.yaml', 'a:\n  b: 1\n  c:\n    d: 2\ne: 3\n', (doc) => removeProperty(doc, obj(doc, '/a'), 'c')), 'a:\n  b: 1\ne: 3\n');
    assert.equal(edit('a.json', '{"a": 1, "b": 2}', (doc) => removeProperty(doc, obj(doc, ''), 'a')), '{"b": 2}');
  });
});

describe('keys and whole nodes', () => {
  it('renames a key, keeping its quotes', () => {
    assert.equal(edit('a.yaml', 'security:\n  - bearerAuht: []\n', (doc) => renameKey(doc, nodeAtPointer(doc.root, '/security/0/bearerAuht')!, 'bearerAuth')), 'security:\n  - bearerAuth: []\n');
    assert.equal(edit('a.yaml', "s: [{'bearer': []}]\n", (doc) => renameKey(doc, nodeAtPointer(doc.root, '/s/0/bearer')!, "it's")), "s: [{'it''s': []}]\n");
    assert.equal(edit('a.yaml', 's: {"implicit": {}}\r\n', (doc) => renameKey(doc, nodeAtPointer(doc.root, '/s/implicit')!, 'authorizationCode')), 's: {"authorizationCode": {}}\r\n');
    assert.equal(edit('a.json', '{"a": {"b": 1}}', (doc) => renameKey(doc, nodeAtPointer(doc.root, '/a/b')!, 'c')), '{"a": {"c": 1}}');
    assert.equal(edit('a.yaml', 'a:\n  b: 1\n', (doc) => renameKey(doc, nodeAtPointer(doc.root, '/a/b')!, 'true')), 'a:\n  "true": 1\n');
    assert.equal(renameKey(parseDocument('a.yaml', '- 1\n'), nodeAtPointer(parseDocument('a.yaml', '- 1\n').root, '/0')!, 'x'), undefined);
  });

  it('writes a status code key like its siblings', () => {
    const plain = parseDocument('a.yaml', 'responses:\n  200: {description: OK}\n');
    assert.equal(keyTextLike(plain, nodeAtPointer(plain.root, '/responses/200'), '401'), '401');
    const single = parseDocument('a.yaml', "responses:\n  '200': {description: OK}\n");
    assert.equal(keyTextLike(single, nodeAtPointer(single.root, '/responses/200'), '401'), "'401'");
    const double = parseDocument('a.yaml', 'responses:\n  "200": {description: OK}\n');
    assert.equal(keyTextLike(double, nodeAtPointer(double.root, '/responses/200'), '401'), '"401"');
    assert.equal(keyTextLike(plain, undefined, '401'), '"401"');
    assert.equal(keyTextLike(plain, nodeAtPointer(plain.root, '/responses/200'), 'null'), '"null"');
    const json = parseDocument('a.json', '{"responses": {"200": {}}}');
    assert.equal(keyTextLike(json, nodeAtPointer(json.root, '/responses/200'), '401'), '"401"');
  });

  it('inserts a key written as given', () => {
    const text = 'responses:\n  200: {description: OK}\n';
    const result = edit('a.yaml', text, (doc) => insertProperty(doc, obj(doc, '/responses'), '401', { description: 'No' }, { keyText: '401' }));
    assert.equal(result, 'responses:\n  200: {description: OK}\n  401:\n    description: No\n');
    assert.equal(edit('a.yaml', 'r: {200: {}}\n', (doc) => insertProperty(doc, obj(doc, '/r'), '401', 'x', { keyText: '401' })), 'r: {200: {}, 401: x}\n');
  });

  it('replaces an empty requirement in a block sequence with a block mapping', () => {
    const text = 'security:\n  - {}\n  - apiKey: []\n';
    assert.equal(edit('a.yaml', text, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/security/0')!, { bearerAuth: [] })), 'security:\n  - bearerAuth: []\n  - apiKey: []\n');
    const nested = 'list:\n  - {}\n';
    assert.equal(edit('a.yaml', nested, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/list/0')!, { a: 1, b: [2] })), 'list:\n  - a: 1\n    b:\n      - 2\n');
  });

  it('replaces nodes inside flow collections and JSON', () => {
    assert.equal(edit('a.yaml', 'security: [{}]\n', (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/security/0')!, { bearerAuth: [] })), 'security: [{ bearerAuth: [] }]\n');
    assert.equal(edit('a.json', '{"security": [{}]}', (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/security/0')!, { bearerAuth: [] })), '{"security": [{"bearerAuth":[]}]}');
    const pretty = '{\r\n  "security": [\r\n    {}\r\n  ]\r\n}\r\n';
    assert.equal(
      edit('a.json', pretty, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/security/0')!, { bearerAuth: [] })),
      '{\r\n  "security": [\r\n    {\r\n      "bearerAuth": []\r\n    }\r\n  ]\r\n}\r\n',
    );
  });

  it('replaces a block mapping value on the lines below its key', () => {
    const text = 'a:\n  b: x\n  c: 1\n';
    assert.equal(edit('a.yaml', text, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/a/b')!, { d: [1] })), 'a:\n  b:\n    d:\n      - 1\n  c: 1\n');
    assert.equal(edit('a.yaml', text, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/a/b')!, 'y')), 'a:\n  b: y\n  c: 1\n');
    const commented = 'a:\n  b: # note\n    x\n';
    assert.equal(edit('a.yaml', commented, (doc) => replaceNode(doc, nodeAtPointer(doc.root, '/a/b')!, { d: 1 })), 'a:\n  b: # note\n    { d: 1 }\n');
  });
});

describe('insertPropertyBefore', () => {
  it('inserts above a block key and above the comments written at its indentation', () => {
    const text = 'responses:\n  "200":\n    description: OK\n    # about 200\n  # api-guard-ignore doc-response-success -- reason\n  "500":\n    description: Down\n';
    const result = edit('a.yaml', text, (doc) => insertPropertyBefore(doc, obj(doc, '/responses'), '429', { description: 'Slow down' }, '500', { keyText: '"429"' }));
    assert.equal(result, 'responses:\n  "200":\n    description: OK\n    # about 200\n  "429":\n    description: Slow down\n  # api-guard-ignore doc-response-success -- reason\n  "500":\n    description: Down\n');
  });

  it('inserts before the first key of a mapping that starts on a sequence dash line', () => {
    const text = 'tags:\n  - name: a\n    description: A\n';
    const result = edit('a.yaml', text, (doc) => insertPropertyBefore(doc, obj(doc, '/tags/0'), 'x-order', 1, 'name'));
    assert.equal(result, 'tags:\n  - x-order: 1\n    name: a\n    description: A\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'op:\r\n  responses: {}\r\n';
    assert.equal(edit('a.yaml', text, (doc) => insertPropertyBefore(doc, obj(doc, '/op'), 'summary', 'List orders', 'responses')), 'op:\r\n  summary: List orders\r\n  responses: {}\r\n');
  });

  it('inserts into YAML flow mappings and JSON on one line or several', () => {
    assert.equal(edit('a.yaml', 'r: {200: {}, 500: {}}\n', (doc) => insertPropertyBefore(doc, obj(doc, '/r'), '400', 'x', '500', { keyText: '400' })), 'r: {200: {}, 400: x, 500: {}}\n');
    assert.equal(edit('a.json', '{"r": {"200": {}, "500": {}}}', (doc) => insertPropertyBefore(doc, obj(doc, '/r'), '400', { a: 1 }, '500')), '{"r": {"200": {}, "400": {"a":1}, "500": {}}}');
    const pretty = '{\r\n  "r": {\r\n    "200": {},\r\n    "500": {}\r\n  }\r\n}\r\n';
    assert.equal(
      edit('a.json', pretty, (doc) => insertPropertyBefore(doc, obj(doc, '/r'), '400', { a: 1 }, '500')),
      '{\r\n  "r": {\r\n    "200": {},\r\n    "400": {\r\n      "a": 1\r\n    },\r\n    "500": {}\r\n  }\r\n}\r\n',
    );
  });

  it('appends when the key to insert before does not exist', () => {
    assert.equal(edit('a.yaml', 'a:\n  b: 1\n', (doc) => insertPropertyBefore(doc, obj(doc, '/a'), 'c', 2, 'missing')), 'a:\n  b: 1\n  c: 2\n');
  });
});

describe('insertProperties', () => {
  it('adds several keys in order in block, flow and JSON mappings', () => {
    const entries = [['b', 'B'], ['c', 'C']] as const;
    assert.equal(edit('a.yaml', 'm:\n  a: A\nz: 1\n', (doc) => insertProperties(doc, obj(doc, '/m'), entries)), 'm:\n  a: A\n  b: B\n  c: C\nz: 1\n');
    assert.equal(edit('a.yaml', 'm: {a: A}\r\n', (doc) => insertProperties(doc, obj(doc, '/m'), entries)), 'm: {a: A, b: B, c: C}\r\n');
    assert.equal(edit('a.json', '{\n  "m": {\n    "a": "A"\n  }\n}', (doc) => insertProperties(doc, obj(doc, '/m'), entries)), '{\n  "m": {\n    "a": "A",\n    "b": "B",\n    "c": "C"\n  }\n}');
  });

  it('fills an empty mapping as a whole', () => {
    const entries = [['b', 'B'], ['c', 'C']] as const;
    assert.equal(edit('a.yaml', 'm:\n  s: {}\n', (doc) => insertProperties(doc, obj(doc, '/m/s'), entries)), 'm:\n  s:\n    b: B\n    c: C\n');
    assert.equal(edit('a.yaml', 'm: {s: {}}\n', (doc) => insertProperties(doc, obj(doc, '/m/s'), entries)), 'm: {s: { b: B, c: C }}\n');
    assert.equal(edit('a.yaml', 'm:\n  s: {}\n', (doc) => insertProperties(doc, obj(doc, '/m/s'), [['b', 'B']])), 'm:\n  s: { b: B }\n');
    assert.equal(insertProperties(parseDocument('a.yaml', 'm: {}\n'), obj(parseDocument('a.yaml', 'm: {}\n'), '/m'), []), undefined);
  });
});

describe('appendArrayItems', () => {
  it('appends several items in order in block, flow and JSON arrays', () => {
    assert.equal(edit('a.yaml', 'tags:\n  - name: a\nx: 1\n', (doc) => appendArrayItems(doc, arr(doc, '/tags'), [{ name: 'b' }, { name: 'c' }])), 'tags:\n  - name: a\n  - name: b\n  - name: c\nx: 1\n');
    assert.equal(edit('a.yaml', 'tags: [a]\r\n', (doc) => appendArrayItems(doc, arr(doc, '/tags'), ['b', 'c'])), 'tags: [a, b, c]\r\n');
    assert.equal(edit('a.yaml', 'tags: []\n', (doc) => appendArrayItems(doc, arr(doc, '/tags'), ['b', 'c'])), 'tags: [b, c]\n');
    assert.equal(edit('a.json', '{\n  "t": [\n    "a"\n  ]\n}', (doc) => appendArrayItems(doc, arr(doc, '/t'), ['b', 'c'])), '{\n  "t": [\n    "a",\n    "b",\n    "c"\n  ]\n}');
    assert.equal(edit('a.json', '{"t": []}', (doc) => appendArrayItems(doc, arr(doc, '/t'), [{ name: 'b' }, 'c'])), '{"t": [{"name":"b"}, "c"]}');
    assert.equal(appendArrayItems(parseDocument('a.yaml', 't: []\n'), arr(parseDocument('a.yaml', 't: []\n'), '/t'), []), undefined);
  });
});
