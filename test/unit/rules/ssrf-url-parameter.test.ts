import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUrlLikeName } from '../../../server/src/core/rules/limit/ssrf-url-parameter';
import { ruleTable } from '../helpers/ruleTable';

const query3 = (version: string, parameter: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /imports:
    post:
      parameters:
        - ${parameter}
      responses:
        "202": { description: Accepted }
`;

const body3 = (version: string, properties: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /hooks:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
${properties}      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: { type: object, properties: { url: { type: string } } }
`;

const at = '/paths/~1imports/post/parameters/0/name';
const props = '/paths/~1hooks/post/requestBody/content/application~1json/schema/properties';

ruleTable('ssrf-url-parameter', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: a URL query parameter`,
    files: query3(version, '{ name: sourceUrl, in: query, schema: { type: string } }'),
    expect: [{ pointer: at, message: 'Parameter "sourceUrl" takes a URL or redirect target', severity: 'info' as const, line: 6 }],
  })),
  ...['callback', 'redirect', 'redirect_uri', 'webhook', 'next', 'URL', 'imageUri'].map((name) => ({
    name: `the name ${name}`,
    files: query3('3.1.0', `{ name: ${name}, in: query, schema: { type: string } }`),
    expect: [{ pointer: at, message: `"${name}"` }],
  })),
  ...['webhookId', 'redirect_ids', 'nextPage', 'curlyBraces', 'source'].map((name) => ({
    name: `the name ${name} is no URL`,
    files: query3('3.1.0', `{ name: ${name}, in: query, schema: { type: string } }`),
    expect: [],
  })),
  { name: 'an integer "next" is a page number', files: query3('3.0.3', '{ name: next, in: query, schema: { type: integer } }'), expect: [] },
  { name: 'a uuid "callback" is an id', files: query3('3.0.3', '{ name: callback, in: query, schema: { type: string, format: uuid } }'), expect: [] },
  { name: 'format uri marks a URL whatever its name', files: query3('3.1.0', '{ name: target, in: query, schema: { type: string, format: uri } }'), expect: [{ pointer: at, message: '"target"' }] },
  { name: 'an untyped parameter may hold a URL', files: query3('3.0.3', '{ name: returnUrl, in: header, content: { text/plain: {} } }'), expect: [{ pointer: at }] },
  {
    name: 'request body properties, not response ones',
    files: body3('3.1.0', '                targetUrl: { type: string, maxLength: 2048 }\n                name: { type: string }\n'),
    expect: [{ pointer: `${props}/targetUrl`, message: 'Request property "targetUrl"', line: 11 }],
  },
  {
    name: 'readOnly properties are not sent',
    files: body3('3.0.3', '                selfUrl: { type: string, readOnly: true }\n'),
    expect: [],
  },
  {
    name: 'nested and referenced request properties, each once',
    files: `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Subscription" }
      responses:
        "204": { description: Done }
  /b:
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: array
              items: { $ref: "#/components/schemas/Subscription" }
      responses:
        "204": { description: Done }
components:
  schemas:
    Subscription:
      type: object
      properties:
        endpoint:
          type: object
          properties:
            webhookUrl: { $ref: "#/components/schemas/Link" }
    Link: { type: string, format: uri }
`,
    expect: [{ pointer: '/components/schemas/Subscription/properties/endpoint/properties/webhookUrl' }],
  },
  {
    name: 'Swagger 2.0: formData and body properties',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    post:\n      consumes: [application/x-www-form-urlencoded]\n      parameters:\n        - { name: callback, in: formData, type: string }\n      responses:\n        "204": { description: Done }\n  /b:\n    post:\n      parameters:\n        - { name: url, in: body, schema: { type: object, properties: { avatarUrl: { type: string } } } }\n      responses:\n        "204": { description: Done }\n',
    expect: [
      { pointer: '/paths/~1a/post/parameters/0/name', message: 'Parameter "callback"' },
      { pointer: '/paths/~1b/post/parameters/0/schema/properties/avatarUrl', message: 'Request property "avatarUrl"' },
    ],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { parameters: [{ name: 'next', in: 'query', schema: { type: 'string' } }], responses: {} } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get/parameters/0/name', line: 11 }],
  },
  {
    name: 'a parameter in another file',
    files: {
      'api.yaml': query3('3.0.3', '$ref: "./parameters.yaml#/RedirectTo"'),
      'parameters.yaml': 'RedirectTo:\n  name: redirectTo\n  in: query\n  schema: { type: string }\n',
    },
    expect: [{ file: 'parameters.yaml', pointer: '/RedirectTo/name', line: 1 }],
  },
  {
    name: 'suppressed',
    files: query3('3.1.0', '{ name: callbackUrl, in: query, schema: { type: string }, x-api-guard-ignore: [ssrf-url-parameter] }'),
    expect: [],
    suppressed: [{ pointer: at }],
  },
]);

describe('isUrlLikeName', () => {
  it('matches the catalogue patterns case-insensitively and leaves ids out', () => {
    // The Kelvin sign is a `k` to toLowerCase, as before the name test went case-insensitive.
    for (const name of ['url', 'avatarURL', 'redirect_uri', 'RedirectTo', 'webhooks', 'Callback', 'next', 'webhoo\u212Aurl']) assert.equal(isUrlLikeName(name), true, name);
    for (const name of ['webhookId', 'webhook_id', 'callbacks_total', 'nextToken', 'username', 'security']) assert.equal(isUrlLikeName(name), false, name);
  });
});
