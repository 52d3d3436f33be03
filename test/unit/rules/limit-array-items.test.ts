import { ruleTable } from '../helpers/ruleTable';

const response3 = (version: string, schema: string, rest = '') => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /things:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
${schema}${rest}`;

ruleTable('limit-array-items', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: an unbounded array in a response`,
    files: response3(version, '                type: array\n                items: { type: string, maxLength: 10 }\n'),
    expect: [{ pointer: '/paths/~1things/get/responses/200/content/application~1json/schema', message: 'Array body schema (application/json) has no maxItems', severity: 'info' as const, line: 10 }],
  })),
  {
    name: 'bounded by maxItems, enum or a closed 3.1 tuple',
    files: response3(
      '3.1.0',
      '                type: object\n                properties:\n                  a: { type: array, maxItems: 10, items: { type: integer, minimum: 0, maximum: 9 } }\n                  b: { type: array, enum: [[1, 2]] }\n                  c: { type: array, prefixItems: [{ type: boolean }], items: false }\n',
    ),
    expect: [],
  },
  {
    name: 'an open tuple and a 3.1 nullable array are unbounded',
    files: response3('3.1.0', '                type: object\n                properties:\n                  a: { type: array, prefixItems: [{ type: boolean }] }\n                  b: { type: [array, "null"], items: { type: boolean } }\n'),
    expect: [
      { pointer: '/paths/~1things/get/responses/200/content/application~1json/schema/properties/a', message: 'property "a"' },
      { pointer: '/paths/~1things/get/responses/200/content/application~1json/schema/properties/b' },
    ],
  },
  {
    name: 'nested arrays are each reported',
    files: response3('3.0.3', '                type: array\n                maxItems: 5\n                items:\n                  type: array\n                  items: { type: boolean }\n'),
    expect: [{ pointer: '/paths/~1things/get/responses/200/content/application~1json/schema/items', message: 'items of body schema' }],
  },
  {
    name: 'Swagger 2.0: array parameters and body schemas',
    files: `swagger: "2.0"
info: { title: Shop, version: "1" }
paths:
  /things:
    post:
      parameters:
        - { name: ids, in: query, type: array, items: { type: integer, minimum: 1, maximum: 9 } }
        - { name: body, in: body, schema: { $ref: "#/definitions/Batch" } }
      responses:
        "204": { description: Done }
definitions:
  Batch: { type: array, items: { type: boolean } }
`,
    expect: [
      { pointer: '/paths/~1things/post/parameters/0/type', message: 'Array parameter "ids"' },
      { pointer: '/definitions/Batch', message: 'Array schema "Batch"' },
    ],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { get: { parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'boolean' } } }], responses: {} } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get/parameters/0/schema', line: 13 }],
  },
  {
    name: 'a schema in another file',
    files: {
      'api.yaml': response3('3.1.0', '                $ref: "./list.yaml"\n'),
      'list.yaml': 'type: array\nitems: { type: boolean }\n',
    },
    expect: [{ file: 'list.yaml', pointer: '/type', message: 'Array schema "list.yaml"', line: 0 }],
  },
  {
    name: 'suppressed',
    files: response3('3.1.0', '                type: array\n                x-api-guard-ignore: [limit-array-items]\n                items: { type: boolean }\n'),
    expect: [],
    suppressed: [{ pointer: '/paths/~1things/get/responses/200/content/application~1json/schema' }],
  },
]);
