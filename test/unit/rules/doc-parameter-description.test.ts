import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { docParameterDescription } from '../../../server/src/core/rules/doc/doc-parameter-description';
import type { Report } from '../../../server/src/core/rules/types';
import { lintFiles } from '../helpers/lint';
import { ruleTable } from '../helpers/ruleTable';

const info = 'info: { title: Shop, version: "1" }';

const oas = (version: string) => `openapi: ${version}
${info}
paths:
  /orders/{orderId}:
    parameters:
      - name: orderId
        in: path
        required: true
        schema: { type: string }
    get:
      parameters:
        - name: expand
          in: query
          description: Related objects to include.
          schema: { type: string }
        - $ref: "#/components/parameters/Page"
      responses:
        "200": { description: OK }
    delete:
      parameters:
        - $ref: "#/components/parameters/Page"
      responses:
        "204": { description: Deleted }
components:
  parameters:
    Page:
      name: page
      in: query
      schema: { type: integer }
`;

const swagger = `swagger: "2.0"
${info}
parameters:
  Page:
    name: page
    in: query
    type: integer
paths:
  /orders:
    get:
      parameters:
        - $ref: "#/parameters/Page"
        - name: since
          in: query
          type: string
          description: ""
      responses:
        "200": { description: OK }
    post:
      parameters:
        - $ref: "#/parameters/Page"
        - name: body
          in: body
          schema: { type: object }
      responses:
        "201": { description: Created }
`;

ruleTable('doc-parameter-description', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: path-level, and a shared component reported once`,
    files: oas(version),
    expect: [
      {
        pointer: '/paths/~1orders~1{orderId}/parameters/0/name',
        severity: 'info' as const,
        message: 'Parameter "orderId" (in path) has no description',
        line: 5,
        data: { name: 'orderId', in: 'path' },
      },
      { pointer: '/components/parameters/Page/name', message: '"page" (in query)', line: 26 },
    ],
  })),
  {
    name: 'Swagger 2.0: shared root parameter once, empty description, body parameter',
    files: swagger,
    expect: [
      { pointer: '/parameters/Page/name', line: 4 },
      { pointer: '/paths/~1orders/get/parameters/1/name', data: { name: 'since', in: 'query' } },
      { pointer: '/paths/~1orders/post/parameters/1/name', data: { name: 'body', in: 'body' } },
    ],
  },
  {
    name: 'an overridden path-level parameter is still checked',
    files: `openapi: 3.1.0
${info}
paths:
  /orders/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      parameters:
        - { name: id, in: path, required: true, description: The order id., schema: { type: string } }
      responses: { "200": { description: OK } }
`,
    expect: [{ pointer: '/paths/~1orders~1{id}/parameters/0/name' }],
  },
  {
    name: 'described parameters',
    files: `openapi: 3.0.3
${info}
paths:
  /orders:
    get:
      parameters:
        - { name: limit, in: query, description: Page size., schema: { type: integer } }
      responses: { "200": { description: OK } }
`,
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.1.0',
        info: { title: 'Shop', version: '1' },
        paths: { '/orders': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: {} } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1orders/get/parameters/0/name', line: 11 }],
  },
  {
    name: 'multi-file: a parameter in a second file, shared by two operations, reported there once',
    files: {
      'api.yaml': `openapi: 3.0.3
${info}
paths:
  /orders:
    get:
      parameters: [{ $ref: "./parameters.yaml#/Page" }]
      responses: { "200": { description: OK } }
  /customers:
    get:
      parameters: [{ $ref: "./parameters.yaml#/Page" }]
      responses: { "200": { description: OK } }
`,
      'parameters.yaml': 'Page:\n  name: page\n  in: query\n  schema: { type: integer }\n',
    },
    expect: [{ file: 'parameters.yaml', pointer: '/Page/name', line: 1 }],
  },
  {
    name: 'suppressed',
    files: `openapi: 3.1.0
${info}
paths:
  /orders:
    get:
      parameters:
        # api-guard-ignore doc-parameter-description -- standard paging parameter
        - name: page
          in: query
          schema: { type: integer }
        - name: size
          in: query
          x-api-guard-ignore: [doc-parameter-description]
          schema: { type: integer }
      responses: { "200": { description: OK } }
`,
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/parameters/0/name' }, { pointer: '/paths/~1orders/get/parameters/1/name' }],
  },
]);

it('doc-parameter-description reports a shared parameter object once, not once per operation', () => {
  const { analysis } = lintFiles(oas('3.1.0'), { only: [] });
  const reports: Report[] = [];
  docParameterDescription.check({ api: analysis.allApis()[0], settings: defaultSettings(), report: (report) => reports.push(report) });
  assert.deepEqual(
    reports.map((report) => report.data?.name),
    ['orderId', 'page'],
  );
});
