import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStructure } from '../../../server/src/core/openapi/validateStructure';

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
});
