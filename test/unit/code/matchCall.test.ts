import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallMethod } from '../../../server/src/core/code/callSite';
import { findOperationForCall, scorePath, ServerIndex, type CallMatch } from '../../../server/src/core/code/matchCall';
import { apisOf } from './codeHarness';

const oas = (servers: string, paths: string, extra = ''): string => `openapi: 3.1.0
info: { title: Shop, version: "1" }
${servers}
${extra}
paths:
${paths}
`;

const op = (path: string, ...methods: string[]): string =>
  `  ${path}:\n${methods.map((method) => `    ${method}:\n      operationId: ${method}${path.replace(/[^A-Za-z0-9]/g, '_')}\n      responses: { "200": { description: OK } }\n`).join('')}`;

function indexOf(files: Record<string, string>): ServerIndex {
  return new ServerIndex(apisOf(files));
}

function match(index: ServerIndex, method: CallMethod, urlTemplate: string, baseUrl?: string): CallMatch {
  return findOperationForCall({ method, urlTemplate, baseUrl }, index);
}

const shop = indexOf({
  'shop.yaml': oas(
    'servers:\n  - url: https://api.shop.example/v1',
    op('/orders', 'get', 'post') + op('/orders/{orderId}', 'get', 'delete') + op('/orders/{orderId}/items', 'get') + op('/users/me', 'get') + op('/users/{userId}', 'get') + op('/files/{name}.json', 'get'),
  ),
});

describe('matching a call to an operation', () => {
  test('a literal path matches a path template', () => {
    const result = match(shop, 'GET', 'https://api.shop.example/v1/orders/42/items');
    assert.equal(result.outcome, 'matched');
    assert.equal(result.operation?.path, '/orders/{orderId}/items');
    assert.equal(result.path, '/orders/42/items');
    assert.equal(result.unambiguous, true);
  });

  test('an unknown part ({*}) matches a parameter', () => {
    assert.equal(match(shop, 'DELETE', 'https://api.shop.example/v1/orders/{*}').operation?.path, '/orders/{orderId}');
  });

  test('a named template segment ({id}, as Spring and openapi-fetch write it) matches a parameter', () => {
    assert.equal(match(shop, 'GET', '/orders/{id}/items', 'https://api.shop.example/v1').operation?.path, '/orders/{orderId}/items');
  });

  test('concrete paths beat templated ones', () => {
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/users/me').operation?.path, '/users/me');
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/users/17').operation?.path, '/users/{userId}');
    // An unknown segment is more likely a parameter than the one literal.
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/users/{*}').operation?.path, '/users/{userId}');
    assert.ok(scorePath('/users/me', ['users', 'me'])! > scorePath('/users/{userId}', ['users', 'me'])!);
  });

  test('mixed segments such as {name}.json match by pattern', () => {
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/files/report.json').operation?.path, '/files/{name}.json');
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/files/{*}.json').operation?.path, '/files/{name}.json');
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v1/files/report.xml').outcome, 'path-not-documented');
  });

  test('a relative call joins its client base URL', () => {
    const result = match(shop, 'POST', '/orders', 'https://api.shop.example/v1');
    assert.equal(result.outcome, 'matched');
    assert.equal(result.operation?.operationId, 'post_orders');
  });

  test('a base URL with a trailing slash and a path without a leading one join with one slash', () => {
    assert.equal(match(shop, 'GET', 'orders', 'https://api.shop.example/v1/').operation?.path, '/orders');
  });

  test('query strings, fragments, trailing slashes and default ports are ignored', () => {
    assert.equal(match(shop, 'GET', 'https://API.shop.example:443/v1/orders/?limit=10#top').operation?.path, '/orders');
  });

  test('path not documented and method not documented', () => {
    const path = match(shop, 'GET', 'https://api.shop.example/v1/refunds');
    assert.equal(path.outcome, 'path-not-documented');
    assert.equal(path.unambiguous, true);
    assert.equal(path.serverUrl, 'https://api.shop.example/v1');
    const method = match(shop, 'PUT', 'https://api.shop.example/v1/orders/42');
    assert.equal(method.outcome, 'method-not-documented');
    assert.equal(method.documentedPath, '/orders/{orderId}');
    assert.deepEqual(method.documentedMethods, ['GET', 'DELETE']);
  });

  test('a method other paths document does not hide a concrete path (GET falls back to the template)', () => {
    const index = indexOf({ 'a.yaml': oas('servers:\n  - url: https://a.example', op('/users/me', 'get') + op('/users/{id}', 'get', 'delete')) });
    assert.equal(match(index, 'DELETE', 'https://a.example/users/me').operation?.path, '/users/{id}');
  });

  test('another host is external, a call without host or base is unresolved', () => {
    assert.deepEqual(match(shop, 'GET', 'https://api.partner.example/v1/orders'), { outcome: 'external', host: 'api.partner.example', unambiguous: true });
    assert.equal(match(shop, 'GET', '{*}').outcome, 'unresolved');
    assert.equal(match(shop, 'GET', '/refunds').outcome, 'unresolved');
  });

  test('the same host under another base path is external', () => {
    assert.equal(match(shop, 'GET', 'https://api.shop.example/v2/orders').outcome, 'external');
  });

  test('an unknown host still finds a documented path, but never claims an undocumented one', () => {
    const found = match(shop, 'GET', '{*}/orders/42');
    assert.equal(found.outcome, 'matched');
    assert.equal(found.unambiguous, false);
    assert.equal(match(shop, 'GET', '{*}/refunds').outcome, 'unresolved');
  });

  test('an unknown part standing for a documented literal is only a guess', () => {
    const guess = match(shop, 'GET', 'https://api.shop.example/v1/{*}');
    assert.equal(guess.operation?.path, '/orders');
    assert.equal(guess.unambiguous, false);
    const undocumented = match(shop, 'PUT', 'https://api.shop.example/v1/{*}/{*}/{*}/{*}');
    assert.equal(undocumented.outcome, 'path-not-documented');
    assert.equal(undocumented.unambiguous, false);
  });

  test('the longest host + base-path prefix wins', () => {
    const index = indexOf({
      'root.yaml': oas('servers:\n  - url: https://api.example', op('/v2/reports/{id}', 'get')),
      'v2.yaml': oas('servers:\n  - url: https://api.example/v2', op('/orders', 'get')),
    });
    const result = match(index, 'GET', 'https://api.example/v2/orders');
    assert.equal(result.outcome, 'matched');
    assert.equal(result.api?.root.uri, 'file:///ws/v2.yaml');
    assert.equal(match(index, 'GET', 'https://api.example/v2/refunds').api?.root.uri, 'file:///ws/v2.yaml');
  });

  test('two APIs with the same server make an undocumented path ambiguous', () => {
    const index = indexOf({
      'a.yaml': oas('servers:\n  - url: https://api.example', op('/a', 'get')),
      'b.yaml': oas('servers:\n  - url: https://api.example', op('/b', 'get')),
    });
    assert.equal(match(index, 'GET', 'https://api.example/b').api?.root.uri, 'file:///ws/b.yaml');
    const missing = match(index, 'GET', 'https://api.example/c');
    assert.equal(missing.outcome, 'path-not-documented');
    assert.equal(missing.unambiguous, false);
  });

  test('server variables: the default and every enum value', () => {
    const index = indexOf({
      'vars.yaml': oas(
        'servers:\n  - url: https://{region}.api.example/{version}\n    variables:\n      region: { default: eu, enum: [eu, us] }\n      version: { default: v1 }',
        op('/orders', 'get'),
      ),
    });
    assert.equal(match(index, 'GET', 'https://eu.api.example/v1/orders').outcome, 'matched');
    assert.equal(match(index, 'GET', 'https://us.api.example/v1/orders').outcome, 'matched');
    assert.equal(match(index, 'GET', 'https://ap.api.example/v1/orders').outcome, 'external');
  });

  test('operation-level servers override the root servers', () => {
    const index = indexOf({
      'ops.yaml': oas(
        'servers:\n  - url: https://api.example',
        '  /upload:\n    post:\n      servers:\n        - url: https://upload.example\n      responses: { "200": { description: OK } }\n' + op('/orders', 'get'),
      ),
    });
    assert.equal(match(index, 'POST', 'https://upload.example/upload').outcome, 'matched');
    assert.equal(match(index, 'POST', 'https://api.example/upload').outcome, 'path-not-documented');
  });

  test('a relative server URL matches any host, and relative calls, by its base path', () => {
    const index = indexOf({ 'rel.yaml': oas('servers:\n  - url: /api/v1', op('/orders', 'get')) });
    assert.equal(match(index, 'GET', 'https://shop.example/api/v1/orders').outcome, 'matched');
    assert.equal(match(index, 'GET', '/api/v1/orders').outcome, 'matched');
    const missing = match(index, 'GET', '/api/v1/refunds');
    assert.equal(missing.outcome, 'path-not-documented');
    assert.equal(missing.unambiguous, true);
  });

  test('a relative root server ("/" or none) claims no undocumented paths of other hosts', () => {
    const index = indexOf({ 'none.yaml': oas('', op('/orders', 'get')) });
    assert.equal(match(index, 'GET', 'https://anything.example/orders').outcome, 'matched');
    assert.equal(match(index, 'GET', 'https://anything.example/refunds').outcome, 'external');
    assert.equal(match(index, 'GET', '/refunds').outcome, 'unresolved');
  });

  test('Swagger 2.0: schemes × host + basePath', () => {
    const index = indexOf({
      'legacy.yaml': `swagger: "2.0"\ninfo: { title: Legacy, version: "1" }\nhost: legacy.example:8443\nbasePath: /api\nschemes: [https, http]\npaths:\n${op('/items/{id}', 'get')}`,
    });
    assert.equal(match(index, 'GET', 'https://legacy.example:8443/api/items/7').outcome, 'matched');
    assert.equal(match(index, 'GET', 'http://legacy.example:8443/api/items/7').outcome, 'matched');
    assert.equal(match(index, 'GET', 'https://legacy.example:8443/items/7').outcome, 'external');
    assert.equal(match(index, 'PUT', 'https://legacy.example:8443/api/items/7').outcome, 'method-not-documented');
  });

  test('Swagger 2.0 without schemes matches the host with any scheme', () => {
    const index = indexOf({ 'legacy.yaml': `swagger: "2.0"\ninfo: { title: Legacy, version: "1" }\nhost: legacy.example\npaths:\n${op('/items', 'get')}` });
    assert.equal(match(index, 'GET', 'https://legacy.example/items').outcome, 'matched');
  });

  test('an unknown method matches a documented path (preferring GET)', () => {
    const result = match(shop, 'unknown', 'https://api.shop.example/v1/orders');
    assert.equal(result.outcome, 'matched');
    assert.equal(result.operation?.method, 'get');
    assert.equal(result.unambiguous, false);
  });
});
