import { ruleTable } from '../helpers/ruleTable';

const query3 = (version: string, schema: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /things:
    get:
      parameters:
        - name: limit
          in: query
          schema: ${schema}
      responses:
        "204": { description: Done }
`;

const at = '/paths/~1things/get/parameters/0/schema';

ruleTable('limit-integer-range', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: an integer without bounds`,
    files: query3(version, '{ type: integer }'),
    expect: [{ pointer: at, message: 'Integer parameter "limit" has neither minimum nor maximum', severity: 'info' as const, line: 8, data: { missing: ['minimum', 'maximum'] } }],
  })),
  { name: 'only a minimum', files: query3('3.1.0', '{ type: integer, minimum: 1 }'), expect: [{ pointer: at, message: 'has no maximum', data: { missing: ['maximum'] } }] },
  { name: 'only a maximum', files: query3('3.0.3', '{ type: integer, maximum: 100 }'), expect: [{ pointer: at, message: 'has no minimum', data: { missing: ['minimum'] } }] },
  { name: 'both bounds', files: query3('3.0.3', '{ type: integer, minimum: 1, maximum: 100 }'), expect: [] },
  { name: '3.1 numeric exclusive bounds count', files: query3('3.1.0', '{ type: integer, exclusiveMinimum: 0, exclusiveMaximum: 101 }'), expect: [] },
  {
    name: '3.0 boolean exclusiveMaximum is no bound of its own',
    files: query3('3.0.3', '{ type: integer, minimum: 0, exclusiveMaximum: true }'),
    expect: [{ pointer: at, message: 'has no maximum' }],
  },
  { name: 'enum bounds an integer', files: query3('3.0.3', '{ type: integer, enum: [10, 20, 50] }'), expect: [] },
  { name: 'numbers are not integers', files: query3('3.0.3', '{ type: number }'), expect: [] },
  { name: '3.1 nullable integer', files: query3('3.1.0', '{ type: [integer, "null"], minimum: 0 }'), expect: [{ pointer: at, message: 'has no maximum' }] },
  {
    name: 'Swagger 2.0 parameters and response properties',
    files: `swagger: "2.0"
info: { title: Shop, version: "1" }
paths:
  /things:
    get:
      parameters:
        - { name: page, in: query, type: integer, minimum: 1 }
      responses:
        "200":
          description: OK
          schema:
            type: object
            properties:
              total: { type: integer, format: int64 }
`,
    expect: [
      { pointer: '/paths/~1things/get/parameters/0/type', message: 'Integer parameter "page" has no maximum' },
      { pointer: '/paths/~1things/get/responses/200/schema/properties/total', message: 'property "total" has neither' },
    ],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { parameters: [{ name: 'n', in: 'query', schema: { type: 'integer' } }], responses: {} } } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/get/parameters/0/schema', line: 13 }],
  },
  {
    name: 'a schema in another file',
    files: {
      'api.yaml': query3('3.1.0', '{ $ref: "./common.yaml#/PageSize" }'),
      'common.yaml': 'PageSize:\n  type: integer\n  minimum: 1\n',
    },
    expect: [{ file: 'common.yaml', pointer: '/PageSize', message: 'schema at /PageSize has no maximum', line: 0 }],
  },
  {
    name: 'suppressed by a comment',
    files: query3('3.1.0', '{ type: integer } # api-guard-ignore limit-integer-range -- checked by the lookup'),
    expect: [],
    suppressed: [{ pointer: at }],
  },
]);
