import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { staleValidatorFiles, structureValidatorFiles } from '../../../scripts/generateStructureValidators';
import { compositeBranchPointers, OFFICIAL_SCHEMAS, opaqueCopy } from '../../../server/src/core/openapi/structureSchemas';
import type { SpecVersion } from '../../../server/src/core/openapi/types';

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
