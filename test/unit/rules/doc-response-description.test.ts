import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { docResponseDescription } from '../../../server/src/core/rules/doc/doc-response-description';
import type { Report } from '../../../server/src/core/rules/types';
import { lintFiles } from '../helpers/lint';
import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const info = 'info: { title: Shop, version: "1" }';

const oas = (version: string) => `openapi: ${version}
${info}
paths:
  /orders:
    get:
      responses:
        "200":
          content:
            application/json: { schema: { type: array } }
        "404":
          $ref: "#/components/responses/NotFound"
    delete:
      responses:
        "204": { description: Deleted }
        "404":
          $ref: "#/components/responses/NotFound"
components:
  responses:
    NotFound:
      content:
        application/json: { schema: { type: object } }
`;

const perVersion: RuleCase[] = ['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `OAS ${version}: inline response, and a shared one reported once on its definition`,
  files: oas(version),
  expect: [
    {
      pointer: '/paths/~1orders/get/responses/200',
      severity: 'warning' as const,
      message: 'Response 200 has no description',
      line: 6,
      data: { status: '200' },
    },
    { pointer: '/components/responses/NotFound', line: 18, data: { status: '404' } },
  ],
}));

ruleTable('doc-response-description', [
  ...perVersion,
  {
    name: 'Swagger 2.0: inline and root-level responses',
    files: `swagger: "2.0"
${info}
responses:
  Unauthorised:
    schema: { type: object }
paths:
  /orders:
    get:
      responses:
        200:
          schema: { type: array }
        "401": { $ref: "#/responses/Unauthorised" }
        default: { description: Error }
`,
    expect: [
      { pointer: '/paths/~1orders/get/responses/200', data: { status: '200' } },
      { pointer: '/responses/Unauthorised', line: 3, data: { status: '401' } },
    ],
  },
  {
    name: 'an empty description is present (not this rule)',
    files: `openapi: 3.1.0\n${info}\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: "" }\n`,
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 204: {} } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get/responses/204', line: 10 }],
  },
  {
    name: 'multi-file: a response in a second file used by two operations',
    files: {
      'api.yaml': `openapi: 3.1.0
${info}
paths:
  /orders:
    get:
      responses:
        "200": { description: OK }
        "429": { $ref: "./responses.yaml#/TooMany" }
  /customers:
    get:
      responses:
        "200": { description: OK }
        "429": { $ref: "./responses.yaml#/TooMany" }
`,
      'responses.yaml': 'TooMany:\n  headers:\n    Retry-After: { schema: { type: integer } }\n',
    },
    expect: [{ file: 'responses.yaml', pointer: '/TooMany', line: 0, data: { status: '429' } }],
  },
  {
    name: 'suppressed',
    files: `openapi: 3.0.3
${info}
paths:
  /orders:
    get:
      responses:
        # api-guard-ignore doc-response-description -- generated, the portal adds text
        "200": {}
    delete:
      x-api-guard-ignore: [doc-response-description]
      responses:
        "204": {}
`,
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/responses/200' }, { pointer: '/paths/~1orders/delete/responses/204' }],
  },
]);

it('doc-response-description reports a shared response object once, not once per operation', () => {
  const { analysis } = lintFiles(oas('3.0.3'), { only: [] });
  const reports: Report[] = [];
  docResponseDescription.check({ api: analysis.allApis()[0], settings: defaultSettings(), report: (report) => reports.push(report) });
  assert.deepEqual(
    reports.map((report) => report.data?.status),
    ['200', '404'],
  );
});

fixTable('doc-response-description', [
  {
    name: 'OAS 3.0 block YAML: description goes first',
    files: oas('3.0.3'),
    pointer: '/paths/~1orders/get/responses/200',
    after: oas('3.0.3').replace('        "200":\n          content:', '        "200":\n          description: TODO\n          content:'),
  },
  {
    name: 'a shared response is fixed on its definition',
    files: oas('3.1.0'),
    pointer: '/components/responses/NotFound',
    after: oas('3.1.0').replace('    NotFound:\n', '    NotFound:\n      description: TODO\n'),
  },
  {
    name: 'Swagger 2.0 flow YAML: an empty response object',
    files: `swagger: "2.0"\n${info}\npaths:\n  /orders:\n    delete:\n      responses: { "204": {} }\n`,
    after: `swagger: "2.0"\n${info}\npaths:\n  /orders:\n    delete:\n      responses: { "204": { description: TODO } }\n`,
  },
  {
    name: 'Swagger 2.0 JSON with CRLF',
    files: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "paths": {"/orders": {"get": {"responses": {\r\n    "200": {\r\n      "schema": {"type": "array"}\r\n    }\r\n  }}}}\r\n}\r\n',
    after: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "paths": {"/orders": {"get": {"responses": {\r\n    "200": {\r\n      "description": "TODO",\r\n      "schema": {"type": "array"}\r\n    }\r\n  }}}}\r\n}\r\n',
  },
  {
    name: 'multi-file: the response defined in a fragment is fixed there',
    files: {
      'api.yaml': `openapi: 3.2.0\n${info}\npaths:\n  /orders:\n    get:\n      responses:\n        "404":\n          $ref: "./responses.yaml#/NotFound"\n`,
      'responses.yaml': 'NotFound:\n  content:\n    application/json: { schema: { type: object } }\n',
    },
    after: { 'responses.yaml': 'NotFound:\n  description: TODO\n  content:\n    application/json: { schema: { type: object } }\n' },
  },
]);
