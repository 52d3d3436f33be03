import { ruleTable } from '../helpers/ruleTable';

/** POST /things with an inline request body schema. */
const request3 = (version: string, schema: string, rest = '') => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema:
${schema}      responses:
        "204": { description: Done }
${rest}`;

const at = '/paths/~1things/post/requestBody/content/application~1json/schema';

ruleTable('limit-additional-properties', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: an open request object`,
    files: request3(version, '              type: object\n              properties:\n                name: { type: string }\n'),
    expect: [{ pointer: at, message: 'Request object body schema (application/json) accepts any additional properties', severity: 'info' as const, line: 8 }],
  })),
  {
    name: 'closed by additionalProperties: false or maxProperties',
    files: request3(
      '3.0.3',
      '              type: object\n              additionalProperties: false\n              properties:\n                meta: { type: object, maxProperties: 10, additionalProperties: { type: string } }\n',
    ),
    expect: [],
  },
  {
    name: 'additionalProperties: true is open',
    files: request3('3.0.3', '              type: object\n              additionalProperties: true\n'),
    expect: [{ pointer: at, message: 'accepts any additional properties' }],
  },
  {
    name: 'a map without maxProperties',
    files: request3('3.1.0', '              type: object\n              additionalProperties: { type: string, maxLength: 20 }\n'),
    expect: [{ pointer: at, message: 'Request map body schema (application/json) accepts any number of entries' }],
  },
  {
    name: '3.1: unevaluatedProperties: false closes the schema and its composition members',
    files: request3(
      '3.1.0',
      '              allOf:\n                - { $ref: "#/components/schemas/Base" }\n                - { type: object, properties: { extra: { type: string } } }\n              unevaluatedProperties: false\n',
      'components:\n  schemas:\n    Base: { type: object, properties: { id: { type: string } } }\n',
    ),
    expect: [{ pointer: '/components/schemas/Base', message: 'Request object schema "Base"' }],
  },
  {
    name: '3.0 has no unevaluatedProperties: it does not close the schema',
    files: request3('3.0.3', '              type: object\n              unevaluatedProperties: false\n'),
    expect: [{ pointer: at }],
  },
  {
    name: 'response-only objects and readOnly properties are not part of a request',
    files: `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Thing" }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { type: object }
components:
  schemas:
    Thing:
      type: object
      additionalProperties: false
      properties:
        audit: { type: object, readOnly: true }
`,
    expect: [],
  },
  {
    name: 'Swagger 2.0 body parameters',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /things:\n    post:\n      parameters:\n        - { name: body, in: body, schema: { $ref: "#/definitions/Thing" } }\n      responses:\n        "204": { description: Done }\ndefinitions:\n  Thing: { type: object, properties: { name: { type: string } } }\n',
    expect: [{ pointer: '/definitions/Thing', message: 'schema "Thing"' }],
  },
  {
    name: 'an object without type but with properties is an object',
    files: request3('3.0.3', '              properties:\n                name: { type: string }\n'),
    expect: [{ pointer: at }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { put: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: {} } } } },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/put/requestBody/content/application~1json/schema', line: 12 }],
  },
  {
    name: 'a schema in another file',
    files: {
      'api.yaml': request3('3.0.3', '              $ref: "./models.yaml#/NewThing"\n'),
      'models.yaml': 'NewThing:\n  type: object\n  properties:\n    name: { type: string }\n',
    },
    expect: [{ file: 'models.yaml', pointer: '/NewThing', line: 0 }],
  },
  {
    name: 'suppressed',
    files: request3('3.1.0', '              type: object\n              x-api-guard-ignore: [limit-additional-properties]\n'),
    expect: [],
    suppressed: [{ pointer: at }],
  },
]);
