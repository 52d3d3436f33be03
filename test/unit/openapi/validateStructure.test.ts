import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OFFICIAL_SCHEMAS } from '../../../server/src/core/openapi/structureSchemas';
import type { SpecVersion } from '../../../server/src/core/openapi/types';
import { compositeRunsOf, preparationParts, prepareStructureValidation, prepareStructureValidationSteps, validateStructure, validateStructureReusing, validateStructureSteps } from '../../../server/src/core/openapi/validateStructure';
import { drain } from '../helpers/drain';

const info = { title: 'Shop', version: '1' };
const ok = { description: 'OK' };

describe('validateStructure', () => {
  it('accepts a minimal valid document of every version', () => {
    assert.deepEqual(validateStructure('2.0', { swagger: '2.0', info, paths: { '/a': { get: { responses: { '200': ok } } } } }), []);
    assert.deepEqual(validateStructure('3.0', { openapi: '3.0.3', info, paths: { '/a': { get: { responses: { '200': ok } } } } }), []);
    assert.deepEqual(validateStructure('3.1', { openapi: '3.1.0', info, paths: { '/a': { get: { responses: { '200': ok } } } } }), []);
    assert.deepEqual(validateStructure('3.2', { openapi: '3.2.0', info, paths: { '/a': { query: { responses: { '200': ok } } } } }), []);
  });

  it('keeps external references as Reference Objects and accepts them where they are allowed', () => {
    const doc = {
      openapi: '3.0.3',
      info,
      paths: { '/a': { get: { parameters: [{ $ref: 'parameters.yaml#/limit' }], responses: { '200': { $ref: 'responses.yaml#/ok' } } } } },
    };
    assert.deepEqual(validateStructure('3.0', doc), []);
  });

  it('places a missing property on the object that lacks it', () => {
    const violations = validateStructure('3.0', { openapi: '3.0.3', info: { version: '1' }, paths: {} });
    assert.deepEqual(violations, [{ pointer: '/info', keyword: 'required', params: { missing: ['title'] } }]);
  });

  it('lists every missing property of one object in one violation', () => {
    const violations = validateStructure('2.0', { swagger: '2.0', info: {}, paths: {} });
    assert.equal(violations.length, 1);
    assert.equal(violations[0].pointer, '/info');
    assert.deepEqual((violations[0].params.missing as string[]).sort(), ['title', 'version']);
  });

  it('places an unknown property on its own key', () => {
    const violations = validateStructure('3.0', { openapi: '3.0.3', info, paths: {}, servers2: [] });
    assert.deepEqual(violations.map((v) => [v.pointer, v.keyword]), [['/servers2', 'additionalProperties']]);
  });

  it('reports a wrong type on the value', () => {
    const violations = validateStructure('3.1', { openapi: '3.1.0', info, paths: { '/a': { get: { responses: { '200': { description: 5 } } } } } });
    assert.deepEqual(violations.map((v) => [v.pointer, v.keyword, v.params.type]), [['/paths/~1a/get/responses/200/description', 'type', 'string']]);
  });

  it('explains a bad parameter location once, with every allowed location (3.0)', () => {
    const doc = { openapi: '3.0.3', info, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'querry', schema: { type: 'string' } }], responses: { '200': ok } } } } };
    const violations = validateStructure('3.0', doc);
    assert.equal(violations.length, 1);
    assert.equal(violations[0].pointer, '/paths/~1a/get/parameters/0/in');
    assert.equal(violations[0].keyword, 'enum');
    assert.deepEqual([...(violations[0].params.allowedValues as string[])].sort(), ['cookie', 'header', 'path', 'query']);
  });

  it('explains a bad parameter location once, with every allowed location (2.0)', () => {
    const doc = { swagger: '2.0', info, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'querry', type: 'string' }], responses: { '200': ok } } } } };
    const violations = validateStructure('2.0', doc);
    assert.equal(violations.length, 1);
    assert.equal(violations[0].pointer, '/paths/~1a/get/parameters/0/in');
    assert.deepEqual([...(violations[0].params.allowedValues as string[])].sort(), ['body', 'formData', 'header', 'path', 'query']);
  });

  it('picks the alternative a value resembles: a parameter without a name is a parameter, not a broken $ref', () => {
    const doc = { openapi: '3.0.3', info, paths: { '/a': { get: { parameters: [{ in: 'query', schema: {} }], responses: { '200': ok } } } } };
    assert.deepEqual(validateStructure('3.0', doc), [{ pointer: '/paths/~1a/get/parameters/0', keyword: 'required', params: { missing: ['name'] } }]);
  });

  it('picks the OAuth flow by its discriminating value (2.0 implicit flow without authorizationUrl)', () => {
    const doc = { swagger: '2.0', info, paths: {}, securityDefinitions: { oauth: { type: 'oauth2', flow: 'implicit', scopes: {} } } };
    assert.deepEqual(validateStructure('2.0', doc), [{ pointer: '/securityDefinitions/oauth', keyword: 'required', params: { missing: ['authorizationUrl'] } }]);
  });

  it('says that one of several properties is needed when the alternatives only differ in that', () => {
    const doc = { openapi: '3.1.0', info, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query' }], responses: { '200': ok } } } } };
    assert.deepEqual(validateStructure('3.1', doc), [{ pointer: '/paths/~1a/get/parameters/0', keyword: 'anyRequired', params: { missing: ['schema', 'content'] } }]);
    assert.deepEqual(validateStructure('3.2', { openapi: '3.2.0', info }), [{ pointer: '', keyword: 'anyRequired', params: { missing: ['paths', 'components', 'webhooks'] } }]);
  });

  it('reports a $ref where the specification allows none once, on the $ref', () => {
    const doc = { openapi: '3.0.3', info, paths: { '/a': { get: { $ref: 'operations/list.yaml' } } }, tags: [{ name: 'a', description: { $ref: 'd.md' } }] };
    const violations = validateStructure('3.0', doc);
    assert.deepEqual(violations.map((v) => [v.pointer, v.keyword]).sort(), [
      ['/paths/~1a/get/$ref', 'refNotAllowed'],
      ['/tags/0/description/$ref', 'refNotAllowed'],
    ]);
  });

  it('reports mutually exclusive properties on their object', () => {
    const doc = { openapi: '3.0.3', info, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', schema: {}, example: 1, examples: {} }], responses: { '200': ok } } } } };
    const violations = validateStructure('3.0', doc);
    assert.deepEqual(violations.map((v) => [v.pointer, v.keyword]), [['/paths/~1a/get/parameters/0', 'not']]);
  });

  it('gives at most one violation per node and one per real problem', () => {
    const doc = {
      openapi: '3.0.3',
      info: { version: '1' },
      extra: true,
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'querry', schema: {} }], responses: { '200': { description: 1 } } } } },
    };
    const pointers = validateStructure('3.0', doc).map((v) => v.pointer);
    assert.deepEqual(pointers, ['/extra', '/info', '/paths/~1a/get/parameters/0/in', '/paths/~1a/get/responses/200/description']);
    assert.equal(new Set(pointers).size, pointers.length);
  });

  it('gives the same violations for a value that shares unchanged parts with one validated before', () => {
    // The language server validates each version of an edited document; its value shares every
    // untouched object with the previous version's, and `passes` answers are kept per object.
    // After each change the result must equal a validation of a fresh copy (no shared objects).
    const operation = (index: number) => ({
      operationId: `op${index}`,
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string' } },
        { $ref: '#/components/parameters/Limit' },
        { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      ],
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } }, default: { $ref: '#/components/responses/Error' } },
    });
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 12; index++) paths[`/items${index}/{id}`] = { get: operation(index), put: operation(index + 100) };
    let value: Record<string, unknown> = {
      openapi: '3.0.3',
      info,
      paths,
      components: {
        parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
        schemas: { Item: { type: 'object', properties: { name: { type: 'string' } } } },
        responses: { Error: { description: 'Error' } },
        securitySchemes: { key: { type: 'apiKey', name: 'k', in: 'header' } },
      },
    };
    /** A copy with new objects along `path` only, `change` applied to the innermost one. */
    const changed = (root: Record<string, unknown>, path: (string | number)[], change: (object: Record<string, unknown>) => void): Record<string, unknown> => {
      const copy = (object: unknown): Record<string, unknown> => (Array.isArray(object) ? ([...object] as unknown as Record<string, unknown>) : { ...(object as Record<string, unknown>) });
      const top = copy(root);
      let current = top;
      for (const key of path) {
        current[key] = copy(current[key]);
        current = current[key] as Record<string, unknown>;
      }
      change(current);
      return top;
    };
    const p3 = '/paths/~1items3~1{id}/get/parameters/0/in';
    const p5 = '/paths/~1items5~1{id}/put/parameters/2';
    const r7 = '/paths/~1items7~1{id}/get/responses/200';
    const steps: [string, (string | number)[], (object: Record<string, unknown>) => void, string[]][] = [
      ['a parameter in a wrong place', ['paths', '/items3/{id}', 'get', 'parameters', 0], (o) => (o.in = 'querry'), [`${p3} enum`]],
      ['a parameter without a name', ['paths', '/items5/{id}', 'put', 'parameters', 2], (o) => delete o.name, [`${p3} enum`, `${p5} required`]],
      ['the first one repaired', ['paths', '/items3/{id}', 'get', 'parameters', 0], (o) => (o.in = 'query'), [`${p5} required`]],
      [
        'a misspelt key in a response',
        ['paths', '/items7/{id}', 'get', 'responses', '200'],
        (o) => ((o.descripton = o.description), delete o.description),
        [`${p5} required`, `${r7} required`, `${r7}/descripton additionalProperties`],
      ],
      ['a shared component broken', ['components', 'parameters', 'Limit'], (o) => (o.in = 'body'), [`${p5} required`, `${r7} required`, `${r7}/descripton additionalProperties`, '/components/parameters/Limit/in enum']],
      [
        'a security scheme of the wrong type',
        ['components', 'securitySchemes', 'key'],
        (o) => (o.type = 'apikey'),
        [`${p5} required`, `${r7} required`, `${r7}/descripton additionalProperties`, '/components/parameters/Limit/in enum', '/components/securitySchemes/key/type enum'],
      ],
      ['the nameless parameter repaired', ['paths', '/items5/{id}', 'put', 'parameters', 2], (o) => (o.name = 'id'), [`${r7} required`, `${r7}/descripton additionalProperties`, '/components/parameters/Limit/in enum', '/components/securitySchemes/key/type enum']],
      ['the response repaired', ['paths', '/items7/{id}', 'get', 'responses', '200'], (o) => ((o.description = 'OK'), delete o.descripton), ['/components/parameters/Limit/in enum', '/components/securitySchemes/key/type enum']],
      ['the component repaired', ['components', 'parameters', 'Limit'], (o) => (o.in = 'query'), ['/components/securitySchemes/key/type enum']],
      ['the scheme repaired', ['components', 'securitySchemes', 'key'], (o) => (o.type = 'apiKey'), []],
    ];
    assert.deepEqual(validateStructure('3.0', value), []);
    for (const [what, path, change, expected] of steps) {
      value = changed(value, path, change);
      const violations = validateStructure('3.0', value);
      assert.deepEqual(violations.map((violation) => `${violation.pointer} ${violation.keyword}`), expected, what);
      assert.deepEqual(validateStructure('3.0', structuredClone(value)), violations, `${what}: a copy without shared objects`);
    }
  });

  it('after prepare, the first edit that breaks a valid document runs only the composites along its path', () => {
    const operation = (index: number) => ({
      operationId: `op${index}`,
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string' } },
        { name: 'id', in: 'path', required: true, schema: { oneOf: [{ type: 'integer' }, { type: 'string' }] } },
      ],
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } },
    });
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 40; index++) paths[`/things${index}/{id}`] = { get: operation(index) };
    const value = { openapi: '3.0.3', info, paths };
    assert.deepEqual(validateStructure('3.0', value), []);
    prepareStructureValidation('3.0', value);
    // The edit: one parameter's `in` misspelt, new objects along its path only.
    const path = paths['/things7/{id}'] as { get: ReturnType<typeof operation> };
    const parameters = [{ ...path.get.parameters[0], in: 'querry' }, path.get.parameters[1]];
    const edited = { ...value, paths: { ...paths, '/things7/{id}': { get: { ...path.get, parameters } } } };
    const before = compositeRunsOf('3.0');
    const violations = validateStructure('3.0', edited);
    const afterPrepare = compositeRunsOf('3.0') - before;
    assert.deepEqual(violations.map((violation) => `${violation.pointer} ${violation.keyword}`), ['/paths/~1things7~1{id}/get/parameters/0/in enum']);
    const copy = structuredClone(edited);
    const beforeCopy = compositeRunsOf('3.0');
    assert.deepEqual(validateStructure('3.0', copy), violations, 'a copy without shared objects');
    const unprepared = compositeRunsOf('3.0') - beforeCopy;
    assert.ok(unprepared > 80, `a first validation runs the composites of every operation (${unprepared})`);
    assert.ok(afterPrepare * 10 < unprepared, `after prepare only those along the edited path run (${afterPrepare} against ${unprepared})`);
  });

  it('prepares in parts: each member of the large maps once, as the same object, beside the rest of the root', () => {
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 40; index++) paths[`/p${index}`] = { get: { responses: { '200': { description: 'OK' } } } };
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 20; index++) schemas[`S${index}`] = { type: 'object' };
    const servers = [{ url: 'https://api.example.com' }];
    const root = { openapi: '3.0.3', info, servers, paths, components: { schemas, securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'k' } } } };
    const parts = [...preparationParts(root)];
    assert.equal(parts.length, 1 + 3 + 2 + 1, 'the root, 40 paths in 3 batches, 20 schemas in 2, one scheme');
    const seen = new Map<unknown, number>();
    for (const part of parts) {
      assert.equal(part.info, info, 'every part has the root\'s other members');
      assert.equal(part.servers, servers);
      const components = part.components as Record<string, Record<string, unknown>>;
      for (const member of [...Object.values(part.paths as object), ...Object.values(components.schemas), ...Object.values(components.securitySchemes)]) {
        seen.set(member, (seen.get(member) ?? 0) + 1);
      }
    }
    const members = [...Object.values(paths), ...Object.values(schemas), ...Object.values(root.components.securitySchemes)];
    assert.equal(seen.size, members.length);
    for (const member of members) assert.equal(seen.get(member), 1, 'each member in exactly one part, as the root\'s own object');
  });

  it('after a preparation in parts, the first breaking edit of a schema runs only the composites along its path', () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 40; index++) schemas[`S${index}`] = { oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/S0' }], properties: { a: { type: 'integer' } } };
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 20; index++) {
      paths[`/p${index}`] = { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { oneOf: [{ type: 'integer' }, { type: 'string' }] } }], responses: { '200': { description: 'OK' } } } };
    }
    const value = { openapi: '3.0.3', info, paths, components: { schemas } };
    assert.deepEqual(validateStructure('3.0', value), []);
    const steps = prepareStructureValidationSteps('3.0', value);
    let parts = 0;
    while (steps.next().done !== true) parts++;
    assert.ok(parts > 4, `prepared in several parts (${parts})`);
    assert.equal(prepareStructureValidationSteps('3.0', value).next().done, true, 'a prepared value is not prepared again');
    const edited = { ...value, components: { schemas: { ...schemas, S7: { ...(schemas.S7 as object), properties: { a: { type: 'integer', maxLength: 'ten' } } } } } };
    const before = compositeRunsOf('3.0');
    const violations = validateStructure('3.0', edited);
    const afterPrepare = compositeRunsOf('3.0') - before;
    assert.deepEqual(violations.map((violation) => violation.pointer), ['/components/schemas/S7/properties/a/maxLength']);
    const beforeCopy = compositeRunsOf('3.0');
    assert.deepEqual(validateStructure('3.0', structuredClone(edited)), violations, 'a copy without shared objects');
    const unprepared = compositeRunsOf('3.0') - beforeCopy;
    assert.ok(afterPrepare * 10 < unprepared, `after prepare only those along the edited path run (${afterPrepare} against ${unprepared})`);
  });
});

describe('validateStructureSteps (the language server validates a large spec in parts)', () => {
  function spec30(count: number): Record<string, unknown> {
    const paths: Record<string, unknown> = {};
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < count; index++) {
      paths[`/p${index}/{id}`] = { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/S${index}` } } } } } } };
      schemas[`S${index}`] = { type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } };
    }
    return { openapi: '3.0.3', info: { ...info }, servers: [{ url: 'https://api.example.com' }], paths, components: { schemas, securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'k' } } } };
  }

  it('checks a valid spec a part at a time and finds it valid', () => {
    const { value, yields } = drain(validateStructureSteps('3.0', spec30(50)));
    assert.deepEqual(value, []);
    assert.equal(yields, 1 + 4 + 4 + 1, 'one yield per part: the root, 50 paths in 4 batches, 50 schemas in 4, one scheme');
  });

  it('gives validateStructure\'s violations wherever a spec breaks', () => {
    const breaks: [string, (spec: Record<string, any>) => void][] = [
      ['a path member', (spec) => (spec.paths['/p33/{id}'].get.parameters[0].in = 'querry')],
      ['a schema', (spec) => (spec.components.schemas.S7.properties.a = { type: 'strin' })],
      ['the root', (spec) => delete spec.info.title],
      ['an unknown root key', (spec) => (spec.paramters = {})],
      ['a map that is no object', (spec) => (spec.components.schemas = [])],
      ['two places', (spec) => { spec.paths['/p1/{id}'].get.responses = {}; spec.components.securitySchemes.key.in = 'body'; }],
    ];
    for (const [where, breakIt] of breaks) {
      const spec = spec30(40);
      breakIt(spec);
      const expected = validateStructure('3.0', structuredClone(spec));
      assert.ok(expected.length > 0, where);
      assert.deepEqual(drain(validateStructureSteps('3.0', spec)).value, expected, where);
    }
  });

  it('gives validateStructure\'s answer for Swagger 2.0 and OpenAPI 3.1 / 3.2 specs', () => {
    const definitions: Record<string, unknown> = {};
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 30; index++) {
      definitions[`D${index}`] = { type: 'object' };
      paths[`/p${index}`] = { get: { responses: { '200': { description: 'OK' } } } };
    }
    const swagger = { swagger: '2.0', info, paths, definitions, parameters: { q: { name: 'q', in: 'query', type: 'string' } }, securityDefinitions: { basic: { type: 'basic' } } };
    assert.deepEqual(drain(validateStructureSteps('2.0', swagger)).value, []);
    const badSwagger = { ...swagger, definitions: { ...definitions, D3: { type: 'object', required: 'a' } } };
    assert.deepEqual(drain(validateStructureSteps('2.0', badSwagger)).value, validateStructure('2.0', structuredClone(badSwagger)));
    for (const version of ['3.1', '3.2'] as const) {
      const webhooks = { ping: { post: { responses: { '200': { description: 'OK' } } } } };
      const spec = { openapi: `${version}.0`, info, paths, webhooks, components: { schemas: { A: { type: ['string', 'null'] } }, pathItems: { P: { get: { responses: { '200': { description: 'OK' } } } } } } };
      assert.deepEqual(drain(validateStructureSteps(version, spec)).value, []);
      const broken = { ...spec, webhooks: { ping: { post: { responses: { '200': {} } } } } };
      assert.deepEqual(drain(validateStructureSteps(version, broken)).value, validateStructure(version, structuredClone(broken)));
    }
  });

  it('validateStructureReusing gives validateStructure\'s violations for values that share members with those before', () => {
    // As an editor buffer's values: each version a new root and new objects along the edited path, every other member shared.
    let value: Record<string, any> = spec30(60);
    const edit = (path: string[], replace: (old: any) => any): void => {
      const copy = (object: Record<string, any>, at: number): Record<string, any> => ({ ...object, [path[at]]: at === path.length - 1 ? replace(object[path[at]]) : copy(object[path[at]], at + 1) });
      value = copy(value, 0);
    };
    const same = (label: string): void => assert.deepEqual(validateStructureReusing('3.0', value), validateStructure('3.0', structuredClone(value)), label);
    const fresh = spec30(20) as Record<string, any>;
    fresh.paths['/p2/{id}'].get.responses = {};
    assert.deepEqual(validateStructureReusing('3.0', fresh), validateStructure('3.0', structuredClone(fresh)), 'an invalid value whose members are all new');
    same('the first validation');
    edit(['paths', '/p3/{id}', 'get', 'summary'], () => 'x');
    same('a valid edit of a path');
    edit(['paths', '/p3/{id}', 'get', 'parameters'], () => [{ name: 'id', in: 'querry', required: true }]);
    same('a path broken');
    edit(['components', 'schemas', 'S40', 'type'], () => 'strin');
    same('a schema broken as well');
    edit(['components', 'schemas', 'S41'], () => ({ type: 'object', required: 'a' }));
    same('two schemas broken');
    edit(['info'], (info) => ({ ...info, title: undefined, version: 3 }));
    same('the root\'s own part broken as well');
    edit(['paths'], (paths) => ({ notAPath: {}, ...paths }));
    same('a member name the map does not allow, first in its map');
    edit(['info'], () => ({ title: 'T', version: '1' }));
    edit(['paths', '/p3/{id}', 'get', 'parameters'], () => [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]);
    same('the root and a path repaired');
    edit(['paths'], ({ notAPath, ...paths }) => paths);
    edit(['components', 'schemas', 'S40', 'type'], () => 'string');
    edit(['components', 'schemas', 'S41'], () => ({ type: 'object' }));
    same('everything repaired');
    assert.deepEqual(validateStructureReusing('3.0', value), []);
    const renamed = { ...value.paths };
    renamed.p5 = renamed['/p5/{id}'];
    delete renamed['/p5/{id}'];
    edit(['paths'], () => renamed);
    same('a valid member, the same object, under a name the map does not allow');
  });

  it('validateStructureReusing explains only the members that fail, not the whole value', () => {
    const value = spec30(80) as Record<string, any>;
    validateStructureReusing('3.0', value);
    const broken = { ...value, paths: { ...value.paths, '/p7/{id}': { get: { parameters: [{ name: 'id', in: 'querry', required: true }], responses: { '200': { description: 'OK' } } } } } };
    const before = compositeRunsOf('3.0');
    const violations = validateStructureReusing('3.0', broken);
    const reusing = compositeRunsOf('3.0') - before;
    const beforeWhole = compositeRunsOf('3.0');
    assert.deepEqual(validateStructure('3.0', structuredClone(broken)), violations);
    const whole = compositeRunsOf('3.0') - beforeWhole;
    assert.ok(violations.length > 0);
    assert.ok(reusing * 10 < whole, `the composites of one path item against those of all (${reusing} against ${whole})`);
  });

  /**
   * The parts answer for the whole only because no official schema constrains a split map across
   * its members: no member count, no dependency between members, no composite of the map itself.
   * A newer schema that did would make a valid-looking set of parts an invalid whole.
   */
  it('relies on no constraint across the members of a split map in any official schema', () => {
    const ACROSS_MEMBERS = ['minProperties', 'maxProperties', 'dependencies', 'dependentRequired', 'dependentSchemas', 'not', 'oneOf', 'anyOf', 'if', 'required', 'unevaluatedItems'];
    for (const version of ['2.0', '3.0', '3.1', '3.2'] as SpecVersion[]) {
      const root = OFFICIAL_SCHEMAS[version] as Record<string, any>;
      const resolve = (schema: Record<string, any>): Record<string, any> => {
        const ref: unknown = schema.$ref;
        if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
        return ref.slice(2).split('/').reduce((at: Record<string, any>, segment) => at[segment.replace(/~1/g, '/').replace(/~0/g, '~')], root);
      };
      // The schemas that apply to one instance: the schema, what it references and its allOf, at the same level.
      const sameLevel = (schema: Record<string, any>): Record<string, any>[] => {
        const out = [schema];
        for (let index = 0; index < out.length; index++) {
          const at = out[index];
          const referenced = resolve(at);
          if (referenced !== at && !out.includes(referenced)) out.push(referenced);
          for (const part of at.allOf ?? []) if (!out.includes(part)) out.push(part);
        }
        return out;
      };
      const memberSchemas = (schema: Record<string, any>, key: string): Record<string, any>[] => sameLevel(schema).flatMap((at) => (at.properties?.[key] === undefined ? [] : sameLevel(at.properties[key])));
      const maps: [string, Record<string, any>[]][] = [];
      for (const key of ['paths', 'webhooks', 'definitions', 'parameters', 'responses', 'securityDefinitions']) maps.push([key, memberSchemas(root, key)]);
      for (const components of memberSchemas(root, 'components')) {
        for (const section of Object.keys(components.properties ?? {})) maps.push([`components/${section}`, memberSchemas(components, section)]);
      }
      assert.ok(maps.filter(([, schemas]) => schemas.length > 0).length >= 5, `${version}: the split maps are found`);
      for (const [where, schemas] of maps) {
        for (const schema of schemas) {
          const found = ACROSS_MEMBERS.filter((keyword) => keyword in schema);
          assert.deepEqual(found, [], `${version} ${where}`);
        }
      }
    }
  });
});
