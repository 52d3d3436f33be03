import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { CORPUS_DIR } from '../helpers/corpus';
import { lintFiles } from '../helpers/lint';
import { ruleTable } from '../helpers/ruleTable';

const valid20 = `swagger: "2.0"
info: { title: Shop, version: "1" }
host: api.shop.test
schemes: [https]
paths:
  /orders/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, type: string }
      responses:
        "200":
          description: OK
          schema: { $ref: "#/definitions/Order" }
definitions:
  Order: { type: object, properties: { id: { type: string } } }
`;

const valid3 = (version: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
servers:
  - url: https://api.shop.test
paths:
  /orders/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Order" }
components:
  schemas:
    Order: { type: object, properties: { id: { type: string } } }
`;

const withParameter = (version: string, parameter: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      parameters:
        - ${parameter}
      responses:
        "200": { description: OK }
`;

ruleTable('spec-invalid', [
  { name: 'valid Swagger 2.0 document', files: valid20, expect: [] },
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({ name: `valid OpenAPI ${version} document`, files: valid3(version), expect: [] })),
  {
    name: 'valid OpenAPI 3.1 document in JSON',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } } }, null, 2),
    expect: [],
  },
  {
    name: 'missing info.title (3.0): one finding on info',
    files: 'openapi: 3.0.3\ninfo:\n  version: "1"\npaths: {}\n',
    expect: [{ pointer: '/info', message: 'OpenAPI 3.0 schema: Required property "title" is missing', severity: 'error', line: 1 }],
  },
  {
    name: 'missing info.title (2.0)',
    files: 'swagger: "2.0"\ninfo:\n  version: "1"\npaths: {}\n',
    expect: [{ pointer: '/info', message: 'Swagger 2.0 schema: Required property "title" is missing' }],
  },
  {
    name: 'missing info.title (3.1, JSON)',
    files: JSON.stringify({ openapi: '3.1.0', info: { version: '1' }, paths: {} }, null, 2),
    expect: [{ pointer: '/info', message: '"title"', line: 2 }],
  },
  {
    name: 'missing info at the root: placed on the version key',
    files: 'openapi: 3.2.0\npaths: {}\n',
    expect: [{ pointer: '/openapi', message: 'Required property "info" is missing', line: 0 }],
  },
  {
    name: 'wrong type: a response description that is a number',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: 42\n',
    expect: [{ pointer: '/paths/~1orders/get/responses/200/description', message: 'Must be a string, not an integer', line: 7 }],
  },
  {
    name: 'unknown root key in 3.0',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths: {}\nsecurityDefinitions: {}\n',
    expect: [{ pointer: '/securityDefinitions', message: 'Property "securityDefinitions" is not allowed here (extensions must start with "x-")', line: 3 }],
  },
  {
    name: 'a __proto__ key is an unknown key like any other, in YAML (not the prototype of the value validated)',
    files: 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\n  __proto__:\n    x-fine: true\npaths: {}\n',
    expect: [{ pointer: '/info/__proto__', message: 'Property "__proto__" is not allowed here (extensions must start with "x-")', line: 4 }],
  },
  {
    name: 'a __proto__ key is an unknown key like any other, in JSON',
    files: { 'api.json': '{"openapi": "3.0.3", "info": {"title": "Shop", "version": "1", "__proto__": {"title": 5}}, "paths": {}}' },
    expect: [{ pointer: '/info/__proto__', message: 'Property "__proto__" is not allowed here (extensions must start with "x-")', file: 'api.json' }],
  },
  {
    name: 'an x- extension at the root is fine',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths: {}\nx-internal: true\n',
    expect: [],
  },
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `bad parameter "in" (${version})`,
    files: withParameter(version, '{ name: status, in: querry, schema: { type: string } }'),
    expect: [{ pointer: '/paths/~1orders/get/parameters/0/in', message: '"query"', line: 6 }],
  })),
  {
    name: 'bad parameter "in" (2.0)',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: status, in: querry, type: string }\n      responses:\n        "200": { description: OK }\n',
    expect: [{ pointer: '/paths/~1orders/get/parameters/0/in', message: 'Must be one of' }],
  },
  {
    name: 'a parameter with neither schema nor content (3.1)',
    files: withParameter('3.1.0', '{ name: status, in: query }'),
    expect: [{ pointer: '/paths/~1orders/get/parameters/0', message: 'One of the properties "schema", "content" is required' }],
  },
  {
    name: 'an operation written as $ref (multi-file layouts that are not bundled)',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      $ref: "./list-orders.yaml"\n',
      'list-orders.yaml': 'responses:\n  "200": { description: OK }\n',
    },
    expect: [{ pointer: '/paths/~1orders/get/$ref', message: 'A $ref is not allowed here', file: 'api.yaml' }],
  },
  {
    name: 'fragments are not validated on their own',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    $ref: "./orders.yaml"\n',
      'orders.yaml': 'get:\n  responses:\n    "200": { description: 42 }\n  nonsense: true\n',
    },
    expect: [],
  },
  {
    name: 'a root with syntax errors is not validated',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1"\npaths: {}\n',
    expect: [],
  },
  {
    name: 'suppressed with x-api-guard-ignore on the object',
    files: 'openapi: 3.0.3\ninfo:\n  version: "1"\n  x-api-guard-ignore: [spec-invalid]\npaths: {}\n',
    expect: [],
    suppressed: [{ pointer: '/info' }],
  },
  {
    name: 'suppressed with a comment',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths: {}\n# api-guard-ignore spec-invalid -- kept for the old generator\nsecurityDefinitions: {}\n',
    expect: [],
    suppressed: [{ pointer: '/securityDefinitions' }],
  },
]);

describe('spec-invalid beyond the table', () => {
  it('caps the findings of one document and summarises the rest', () => {
    const extra = Array.from({ length: 105 }, (_, index) => `bad${index}: 1`).join('\n');
    const { findings } = lintFiles(`openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths: {}\n${extra}\n`, { only: ['spec-invalid'] });
    assert.equal(findings.length, 101);
    const summary = findings.filter((finding) => finding.message.includes('more violations'));
    assert.equal(summary.length, 1);
    assert.match(summary[0].message, /^5 more violations of the OpenAPI 3\.0 schema are not shown$/);
    assert.equal(summary[0].pointer, '/openapi');
  });

  it('speaks German', () => {
    setLocale('de');
    try {
      const { findings } = lintFiles('openapi: 3.0.3\ninfo:\n  version: "1"\npaths: {}\n', { only: ['spec-invalid'] });
      assert.deepEqual(
        findings.map((finding) => finding.message),
        ['Schema von OpenAPI 3.0: Die Pflichteigenschaft "title" fehlt'],
      );
    } finally {
      setLocale('en');
    }
  });

  for (const name of ['oai-petstore-v30.yaml', 'oai-petstore-v2.yaml', 'oai-tictactoe-v31.yaml', 'readme-security-v30.json']) {
    it(`finds nothing in the valid corpus document ${name}`, (t) => {
      const path = join(CORPUS_DIR, 'specs', name);
      if (!existsSync(path)) {
        t.skip(`corpus not found at ${path}`);
        return;
      }
      const { findings } = lintFiles({ [name]: readFileSync(path, 'utf8') }, { only: ['spec-invalid'] });
      assert.deepEqual(findings, []);
    });
  }
});
