import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { lineStartsOf, lineStartsSteps } from '../../../server/src/core/model/lineIndex';
import { parseDocument, parseDocumentSteps } from '../../../server/src/core/model/parseDocument';
import { parseJson, parseJsonSteps } from '../../../server/src/core/model/parseJson';
import { plainValueOf, plainValueSteps } from '../../../server/src/core/model/plainValue';
import { drain } from '../helpers/drain';
import { seededRandom } from '../helpers/seededRandom';

/** A JSON spec of about `paths` × 1.3 KB, nested deeper than the stepped parse steps. */
function largeSpec(paths: number): Record<string, unknown> {
  const spec: Record<string, unknown> = { openapi: '3.0.3', info: { title: 'Größe – “big” 😀', version: '1' }, paths: {}, components: { schemas: {} } };
  for (let index = 0; index < paths; index++) {
    (spec.paths as Record<string, unknown>)[`/things${index}/{id}`] = {
      get: {
        operationId: `get${index}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: index } }],
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/S${index}` }, example: { a: [1, 2.5e3, -0.5, true, null, 'x\\"y'] } } } } },
      },
    };
    (spec.components as { schemas: Record<string, unknown> }).schemas[`S${index}`] = { type: 'object', properties: { a: { type: 'array', items: { type: 'string', maxLength: 40 } } } };
  }
  return spec;
}

/**
 * Whether two plain values are alike: the same own keys in the same order, alike values, and alike
 * prototypes where a `__proto__` key set one (`isDeepStrictEqual` wants the very same prototype).
 */
function alike(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (!isDeepStrictEqual(keysA, keysB)) return false;
  if (!keysA.every((key) => alike((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))) return false;
  const protoA: unknown = Object.getPrototypeOf(a);
  const protoB: unknown = Object.getPrototypeOf(b);
  return protoA === protoB || (protoA !== Object.prototype && protoB !== Object.prototype && alike(protoA, protoB));
}

/** The text with a few random characters inserted, deleted or replaced. */
function mutated(text: string, random: () => number): string {
  const alphabet = '{}[],:"\\ \n0123456789-.eEtrufalsn/*xé';
  let out = text;
  for (let count = 1 + Math.floor(random() * 3); count > 0; count--) {
    const at = Math.floor(random() * out.length);
    const removed = Math.floor(random() * 3);
    const inserted = random() < 0.5 ? '' : alphabet[Math.floor(random() * alphabet.length)];
    out = out.slice(0, at) + inserted + out.slice(at + removed);
  }
  return out;
}

describe('the stepped parse (a large file read by the language server in slices)', () => {
  const large = JSON.stringify(largeSpec(500), undefined, 2);

  it('parseJsonSteps yields while reading a large document and builds what parseJson builds', () => {
    assert.ok(large.length > 500_000, `a large text (${large.length})`);
    const { value, yields } = drain(parseJsonSteps(large));
    assert.ok(yields >= 6, `it yields every 64 K characters or so (${yields} times)`);
    assert.equal(value.errors.length, 0);
    assert.ok(isDeepStrictEqual(value, parseJson(large)), 'the same tree, keys and offsets');
  });

  it('parseJsonSteps gives parseJson\'s tree and errors for broken text, wherever it breaks', () => {
    const random = seededRandom(11);
    const small = JSON.stringify(largeSpec(3), undefined, 1);
    let broken = 0;
    for (let round = 0; round < 600; round++) {
      const text = mutated(round % 20 === 0 ? large : small, random);
      const expected = parseJson(text);
      if (expected.errors.length > 0) broken++;
      assert.ok(isDeepStrictEqual(drain(parseJsonSteps(text)).value, expected), `round ${round}`);
      // The node limit stops both at the same node.
      assert.ok(isDeepStrictEqual(drain(parseJsonSteps(text, 40)).value, parseJson(text, 40)), `round ${round} with a node limit`);
    }
    assert.ok(broken > 300, `most mutations break the text (${broken})`);
    for (const text of ['', '  ', '{', '[', '{"a":', '{"a":1,}', '[1,]', '{"a" 1}', '{"a":1 "b":2}', '{"a":{"b":[1,{"c":2}]}} x', '\uFEFF{"a":1}']) {
      assert.ok(isDeepStrictEqual(drain(parseJsonSteps(text)).value, parseJson(text)), JSON.stringify(text));
    }
  });

  it('lineStartsSteps gives lineStartsOf\'s table for large texts, with and without carriage returns', () => {
    const lines = Array.from({ length: 60_000 }, (_, index) => `line ${index} ${'x'.repeat(index % 40)}`);
    for (const text of [lines.join('\n'), `${lines.join('\n')}\n`, `\n\n${lines.join('\n')}`, lines.join('\r\n'), 'no break at all'.repeat(100_000)]) {
      const { value, yields } = drain(lineStartsSteps(text));
      assert.deepEqual(value, lineStartsOf(text, 0, 0));
      if (text.length > 1_100_000 && !text.includes('\r') && text.includes('\n')) assert.ok(yields > 0, 'a large text takes several steps');
    }
  });

  it('parseDocumentSteps gives parseDocument\'s document, JSON and YAML', () => {
    const yaml = `openapi: 3.0.3\ninfo:\n  title: t\n  version: "1"\npaths:\n${Array.from({ length: 3000 }, (_, index) => `  /p${index}:\n    get:\n      responses:\n        "200": { description: OK }\n`).join('')}`;
    for (const [uri, text] of [
      ['file:///w/large.json', large],
      ['file:///w/broken.json', large.slice(0, 300_000)],
      ['file:///w/large.yaml', yaml],
    ] as const) {
      const { value, yields } = drain(parseDocumentSteps(uri, text, -3, { maxFileSizeBytes: 25 * 1024 * 1024 }));
      const whole = parseDocument(uri, text, -3, { maxFileSizeBytes: 25 * 1024 * 1024 });
      // `parseDocument` finds the line starts on first use, the stepped parse as it goes.
      assert.equal(whole.lines.lineCount, value.lines.lineCount);
      assert.ok(isDeepStrictEqual(value, whole), uri);
      if (uri.endsWith('.json')) assert.ok(yields > 3, `${uri} takes several steps (${yields})`);
    }
    const tooLarge = drain(parseDocumentSteps('file:///w/x.json', large, 1, { maxFileSizeBytes: 1000 })).value;
    assert.equal(tooLarge.root, undefined);
    assert.match(tooLarge.skippedReason ?? '', /over the limit/);
  });
});

describe('plainValueSteps (the value structural validation reads, in steps)', () => {
  const disk = (uri: string, text: string) => parseDocument(uri, text, -1);

  it('equals plainValueOf for large JSON and YAML, yielding on the way', () => {
    const spec = largeSpec(1000);
    const json = disk('file:///w/a.json', JSON.stringify(spec));
    const { value, yields } = drain(plainValueSteps(json));
    assert.deepEqual(value, spec);
    assert.deepEqual(value, plainValueOf(json));
    assert.ok(yields >= Math.floor(json.text.length / 262_144), `yields about every 256 K characters (${yields} for ${json.text.length})`);
    const yamlText = `openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n${Array.from({ length: 9000 }, (_, index) => `  /p${index}:\n    get:\n      parameters: [{ name: "n${index}", in: query, schema: { type: integer } }]\n`).join('')}`;
    const yaml = disk('file:///w/a.yaml', yamlText);
    const stepped = drain(plainValueSteps(yaml));
    assert.deepEqual(stepped.value, plainValueOf(yaml));
    assert.ok(stepped.yields >= 2, `${stepped.yields} for ${yamlText.length}`);
  });

  it('walks what JSON.parse would read differently, as plainValueOf does, and keeps a `__proto__` key as JSON.parse does', () => {
    const padding = 'p'.repeat(40_000);
    for (const text of [
      // A `__proto__` key is an own member, whether JSON.parse reads the piece or the walk does.
      `{"openapi":"3.0.3","pad":"${padding}","components":{"schemas":{"__proto__":{"type":"object"},"b":{"type":"string","x":"${padding}"}}}}`,
      `{"openapi":"3.0.3","pad":"${padding}","components":{"schemas":{"a\\u005f_proto__":{"type":"object"},"b":{"x":"${padding}"}}}}`,
      // A number with a leading zero, which JSON.parse rejects and the parser reads.
      `{"openapi":"3.0.3","a":{"n":007,"x":"${padding}"},"b":{"x":"${padding}"}}`,
      `\uFEFF{"openapi":"3.0.3","a":{"x":"${padding}"},"b":{"x":"${padding}"}}`,
    ]) {
      const doc = disk('file:///w/odd.json', text);
      const stepped = drain(plainValueSteps(doc)).value as { components?: { schemas: object } };
      assert.ok(alike(stepped, plainValueOf(doc)), text.slice(0, 80));
      if (text.includes('"__proto__"')) {
        assert.equal(Object.keys(stepped.components!.schemas).join(), '__proto__,b', 'an own member, in the order of the text');
        assert.equal(Object.getPrototypeOf(stepped.components!.schemas), Object.prototype, 'the prototype is not set');
      }
    }
  });

  it('takes the kept value of an editor buffer', () => {
    const doc = parseDocument('file:///w/open.json', JSON.stringify(largeSpec(5)), 3);
    doc.open = true;
    const value = plainValueOf(doc);
    assert.equal(drain(plainValueSteps(doc)).value, value);
  });
});
