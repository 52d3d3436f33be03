import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createAjv, staleValidatorFiles, structureValidatorFiles } from '../../../scripts/generateStructureValidators';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import { plainValueOf } from '../../../server/src/core/model/plainValue';
import { detectVersion } from '../../../server/src/core/openapi/detectVersion';
import { compositeBranchPointers, OFFICIAL_SCHEMAS, opaqueCopy } from '../../../server/src/core/openapi/structureSchemas';
import type { SpecVersion } from '../../../server/src/core/openapi/types';
import { corpusEntries, CORPUS_DIR } from '../helpers/corpus';
import { seededRandom } from '../helpers/seededRandom';

const root = path.resolve(__dirname, '../../..');
const generated = path.join(root, 'server/src/core/openapi/generated');

/** A call of a referenced validator with a context object that starts with the instance path. */
const CALL_WITH_INSTANCE_PATH = /(?:\bvalidate\d+|\.validate)(?:\.call\(this, |\()[^,(){}]+, \{instancePath[:,]/;

const info = { title: 'Shop', version: '1' };
const responses = { '200': { description: 'OK' } };
/** Per version, documents the plain check must accept and documents it must reject (nested, under keys with `/` and `~`). */
const CHECKED: Record<SpecVersion, { valid: unknown[]; invalid: unknown[] }> = {
  '2.0': {
    valid: [{ swagger: '2.0', info, paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses } } }, definitions: { 'A~/b': { type: 'object', properties: { c: { $ref: '#/definitions/A~0~1b' } } } } }],
    invalid: [
      { swagger: '2.0', info, paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'querry', type: 'string' }], responses } } } },
      { swagger: '2.0', info, paths: { '/a': { get: { responses: { '200': {} } } } } },
    ],
  },
  '3.0': {
    valid: [{ openapi: '3.0.3', info, paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses } } }, components: { schemas: { 'A.b': { type: 'object', properties: { c: { $ref: '#/components/schemas/A.b' } } } } } }],
    invalid: [
      { openapi: '3.0.3', info, paths: { '/a~b/{id}': { get: { responses: { '200': {} } } } } },
      { openapi: '3.0.3', info, paths: {}, components: { schemas: { 'A.b': { type: 'object', properties: { c: { type: 'object', required: 'd' } } } } } },
    ],
  },
  '3.1': {
    valid: [{ openapi: '3.1.0', info, webhooks: { ping: { post: { responses } } }, components: { schemas: { A: { type: ['string', 'null'] } } } }],
    invalid: [{ openapi: '3.1.0', info, webhooks: { ping: { post: { responses: { '200': {} } } } } }],
  },
  '3.2': {
    valid: [{ openapi: '3.2.0', info, paths: { '/a/{id}': { query: { responses } } } }],
    invalid: [{ openapi: '3.2.0', info, paths: { '/a~b/{id}': { query: { responses: { '200': { description: 'OK', content: 'text/plain' } } } } } }],
  },
};

describe('precompiled structural validators', () => {
  const files = structureValidatorFiles();

  it('are what the generator produces from the installed ajv and schemas', () => {
    const stale = staleValidatorFiles(files);
    assert.deepEqual(stale, [], `Stale generated validators (run \`npx tsx scripts/generateStructureValidators.ts\`): ${stale.join(', ')}`);
  });

  it('call referenced validators without a context in the plain checks, and with one in the explaining validators', () => {
    for (const version of Object.keys(OFFICIAL_SCHEMAS) as SpecVersion[]) {
      const stem = `v${version.replace('.', '')}`;
      const check = readFileSync(path.join(generated, `check-${stem}.js`), 'utf8');
      const explain = readFileSync(path.join(generated, `explain-${stem}.js`), 'utf8');
      // (Not assert.match: its message would hold the whole module.)
      assert.equal(CALL_WITH_INSTANCE_PATH.test(check), false, `check-${stem}.js builds no instance path per call`);
      assert.equal(CALL_WITH_INSTANCE_PATH.test(explain), true, `explain-${stem}.js keeps the instance paths its errors report`);
    }
    // 2020-12's $dynamicRef still gets its anchors.
    assert.equal(/\bvalidate\d+\(data, \{dynamicAnchors\}\)/.test(readFileSync(path.join(generated, 'check-v31.js'), 'utf8')), true);
  });

  it('give the same verdict without the call context: valid documents pass, broken ones fail', () => {
    for (const [version, { valid, invalid }] of Object.entries(CHECKED) as [SpecVersion, (typeof CHECKED)[SpecVersion]][]) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const check = require(path.join(generated, `check-v${version.replace('.', '')}.js`)) as (value: unknown) => boolean;
      valid.forEach((value, index) => assert.equal(check(value), true, `${version} valid #${index}`));
      invalid.forEach((value, index) => assert.equal(check(value), false, `${version} invalid #${index}`));
    }
  });

  it('export a validator for every alternative of every opaque composite', () => {
    for (const version of Object.keys(OFFICIAL_SCHEMAS) as SpecVersion[]) {
      const stem = `v${version.replace('.', '')}`;
      const text = readFileSync(path.join(root, 'server/src/core/openapi/generated', `explain-${stem}.js`), 'utf8');
      const pointers = compositeBranchPointers(opaqueCopy(OFFICIAL_SCHEMAS[version]));
      assert.ok(pointers.length > 0, `${version} has composites`);
      for (const pointer of pointers) assert.ok(text.includes(`exports[${JSON.stringify(pointer)}]`), `${version}: ${pointer} is exported`);
    }
  });
});

/** Every object and array of a plain value. */
function containersOf(value: unknown, out: unknown[] = []): unknown[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value);
  for (const member of Array.isArray(value) ? value : Object.values(value)) containersOf(member, out);
  return out;
}

/** Values of every JSON type, to put where another was. */
const REPLACEMENTS: unknown[] = [1, 2.5, -1, 'x', '', true, null, [], ['a'], {}, { type: 'string' }, { $ref: '#/definitions/X' }];

/**
 * One random change of a container, as a function that undoes it: a member deleted, replaced by
 * a value of another type, or added (an unknown key, an extension, an item); or a copy of an item
 * added, which makes a list that must hold unique items invalid, or a copy with one member changed,
 * which does not.
 */
function mutate(container: unknown, random: () => number): () => void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  if (Array.isArray(container)) {
    const copy = container.slice();
    const choice = random();
    if (choice < 0.3 && container.length > 0) container.splice(Math.floor(random() * container.length), 1);
    else if (choice < 0.6 && container.length > 0) container[Math.floor(random() * container.length)] = pick(REPLACEMENTS);
    else if (choice < 0.8 && container.length > 0) container.push(nearCopy(pick(container), random));
    else container.push(pick(REPLACEMENTS));
    return () => container.splice(0, container.length, ...copy);
  }
  const object = container as Record<string, unknown>;
  const keys = Object.keys(object);
  const choice = random();
  const key = choice < 0.75 && keys.length > 0 ? pick(keys) : pick(['bogus', 'x-bogus', 'in', 'type', 'name', 'required', '$ref', 'schema', 'items', 'content']);
  const had = Object.prototype.hasOwnProperty.call(object, key);
  const before = object[key];
  if (choice < 0.35 && had) delete object[key];
  else object[key] = pick(REPLACEMENTS);
  return () => {
    if (had) object[key] = before;
    else delete object[key];
  };
}

/** A copy of a value, half the time with one member of an object replaced by another value. */
function nearCopy(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy) || random() < 0.5) return copy;
  const keys = Object.keys(copy);
  if (keys.length > 0) (copy as Record<string, unknown>)[keys[Math.floor(random() * keys.length)]] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
  return copy;
}

describe('precompiled plain checks against ajv compiled at run time', () => {
  it('give ajv\'s verdict on lists that must hold unique items: copies of references, parameters, tags and enum values, and near copies', () => {
    const query = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: 'query', type: 'string', ...extra });
    const swagger = (parameters: unknown[], tags: unknown[], values: unknown[]) => ({
      swagger: '2.0',
      info,
      tags,
      paths: { '/a': { get: { parameters, responses } } },
      parameters: { P: query('p'), Q: query('q') },
      definitions: { E: { enum: values } },
    });
    const openapi = (parameters: unknown[], tags: unknown[], values: unknown[]) => ({
      openapi: '3.0.3',
      info,
      tags,
      paths: { '/a': { get: { parameters, responses } } },
      components: { parameters: { P: { name: 'p', in: 'query', schema: { type: 'string' } } }, schemas: { E: { enum: values } } },
    });
    const parameterLists = [
      [{ $ref: '#/parameters/P' }, { $ref: '#/parameters/Q' }],
      [{ $ref: '#/parameters/P' }, { $ref: '#/parameters/Q' }, { $ref: '#/parameters/P' }],
      [query('a'), query('b'), query('a')],
      [query('a'), query('a', { description: 'other' })],
      [query('a'), { ...query('a'), in: 'header' }],
    ];
    const tagLists = [[{ name: 'x' }, { name: 'y' }], [{ name: 'x' }, { name: 'x' }], [{ name: 'x' }, { name: 'x', description: 'd' }], [{ description: 'd', name: 'x' }, { name: 'x', description: 'd' }]];
    const enums = [[1, 2], [1, 1.0], [0, '0'], [[1, 2], [1, 2]], [[1, 2], [2, 1]], [{}, {}], [{ a: 1 }, { a: 1, b: 2 }], [{ a: { b: [1] } }, { a: { b: [1] } }], [null, null], [true, 'true']];
    const disagreements: string[] = [];
    const verdicts = new Set<boolean>();
    for (const [version, build] of [['2.0', swagger], ['3.0', openapi]] as const) {
      const reference = createAjv(OFFICIAL_SCHEMAS[version], false).compile(OFFICIAL_SCHEMAS[version]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const check = require(path.join(generated, `check-v${version.replace('.', '')}.js`)) as (value: unknown) => boolean;
      const cases = [
        ...parameterLists.map((list, index) => ({ name: `parameters ${index}`, value: build(version === '2.0' ? list : list.map((item) => ('$ref' in item ? { $ref: '#/components/parameters/P' } : { ...item, type: undefined, schema: { type: 'string' } })), [], [1]) })),
        ...tagLists.map((list, index) => ({ name: `tags ${index}`, value: build([], list, [1]) })),
        ...enums.map((list, index) => ({ name: `enum ${index}`, value: build([], [], list) })),
      ];
      for (const { name, value } of cases) {
        const plain = JSON.parse(JSON.stringify(value)) as unknown;
        const want = reference(plain) === true;
        verdicts.add(want);
        if (check(plain) !== want) disagreements.push(`${version} ${name}: ajv says ${want ? 'valid' : 'invalid'}`);
      }
    }
    assert.deepEqual(disagreements, []);
    assert.deepEqual([...verdicts].sort(), [false, true], 'the cases reach both verdicts');
  });

  it('give ajv\'s verdict (with its error objects and call contexts) on every corpus spec and on random changes of it', (t) => {
    const entries = corpusEntries().filter((entry) => entry.name.startsWith('specs/'));
    if (entries.length === 0) {
      t.skip(`no corpus at ${CORPUS_DIR}`);
      return;
    }
    const reference = new Map<SpecVersion, (value: unknown) => boolean>();
    const disagreements: string[] = [];
    let checked = 0;
    let invalid = 0;
    for (const entry of entries) {
      const doc = parseDocument(entry.name, readFileSync(entry.files[0], 'utf8'));
      const version = detectVersion(doc.root)?.version;
      if (version === undefined) continue;
      let expected = reference.get(version);
      if (expected === undefined) {
        const ajv = createAjv(OFFICIAL_SCHEMAS[version], false);
        const validate = ajv.compile(OFFICIAL_SCHEMAS[version]);
        reference.set(version, (expected = (value) => validate(value) === true));
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const check = require(path.join(generated, `check-v${version.replace('.', '')}.js`)) as (value: unknown) => boolean;
      const value = plainValueOf(doc);
      const containers = containersOf(value);
      const random = seededRandom(entry.bytes);
      // Fewer changes of the large specs: each takes both validators over megabytes.
      const changes = entry.bytes > 1_000_000 ? 6 : 60;
      for (let index = 0; index <= changes; index++) {
        const undo = index === 0 ? undefined : mutate(containers[Math.floor(random() * containers.length)], random);
        const want = expected(value);
        if (check(value) !== want) disagreements.push(`${entry.name}, change ${index}: ajv says ${want ? 'valid' : 'invalid'}`);
        checked++;
        if (!want) invalid++;
        undo?.();
      }
    }
    assert.deepEqual(disagreements, []);
    // The changes reach both verdicts, so that the comparison means something.
    assert.ok(invalid > checked / 4 && invalid < checked, `${invalid} of ${checked} invalid`);
  });
});
