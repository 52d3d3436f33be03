import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
paths:
${operations}`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: an operation without client errors`,
  files: doc(
    version,
    `  /orders:
    post:
      responses:
        "201": { description: Created }
        "500": { description: Failure }
    get:
      responses:
        "200": { description: OK }
        "404": { description: Not found }
`,
  ),
  expect: [
    {
      pointer: '/paths/~1orders/post/responses',
      severity: 'warning' as const,
      message: 'POST /orders documents no 4xx response',
      line: 5,
      data: { method: 'post', path: '/orders' },
    },
  ],
}));

ruleTable('doc-error-responses', [
  ...perVersion,
  {
    name: '4XX and default count',
    files: doc(
      '3.1.0',
      '  /a:\n    get:\n      responses:\n        "200": { description: OK }\n        4XX: { description: Client error }\n  /b:\n    get:\n      responses:\n        "200": { description: OK }\n        default: { description: Error }\n',
    ),
    expect: [],
  },
  {
    name: 'no responses at all',
    files: doc('3.2.0', '  /orders:\n    get:\n      summary: List orders\n'),
    expect: [{ pointer: '/paths/~1orders/get' }],
  },
  {
    name: 'a 4xx response through $ref counts',
    files: {
      'api.yaml': doc('3.0.3', '  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "404":\n          $ref: "./responses.yaml#/NotFound"\n'),
      'responses.yaml': 'NotFound:\n  description: Not found\n',
    },
    expect: [],
  },
  {
    name: 'multi-file: the finding is in the path item file',
    files: {
      'api.yaml': doc('3.1.0', '  /orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get/responses', line: 1 }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { 200: { description: 'OK' } } } } } }, null, 2),
    expect: [{ pointer: '/paths/~1orders/get/responses', line: 9 }],
  },
  {
    name: 'suppressed',
    files: doc(
      '3.0.3',
      `  /static:
    get:
      responses: # api-guard-ignore doc-error-responses -- the CDN answers errors
        "200": { description: OK }
  /other:
    x-api-guard-ignore: [doc-error-responses]
    get:
      responses:
        "200": { description: OK }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1static/get/responses' }, { pointer: '/paths/~1other/get/responses' }],
  },
]);

const errorComponents = `components:
  schemas:
    Problem: { type: object, properties: { title: { type: string, maxLength: 200 } } }
`;

fixTable('doc-error-responses', [
  {
    name: 'OAS 3.1 block YAML: 400 goes between 201 and 500, quoted like them',
    files: doc('3.1.0', '  /orders:\n    post:\n      responses:\n        "201": { description: Created }\n        "500": { description: Failure }\n'),
    after: doc('3.1.0', '  /orders:\n    post:\n      responses:\n        "201": { description: Created }\n        "400":\n          description: Bad request\n        "500": { description: Failure }\n'),
  },
  {
    name: 'OAS 3.0: the body the other errors share is copied',
    files: doc('3.0.3', "  /orders:\n    get:\n      responses:\n        '200': { description: OK }\n        '500':\n          description: Failure\n          content:\n            application/problem+json:\n              schema: { $ref: '#/components/schemas/Problem' }\n") + errorComponents,
    after: doc('3.0.3', "  /orders:\n    get:\n      responses:\n        '200': { description: OK }\n        '400':\n          description: Bad request\n          content:\n            application/problem+json:\n              schema:\n                $ref: \"#/components/schemas/Problem\"\n        '500':\n          description: Failure\n          content:\n            application/problem+json:\n              schema: { $ref: '#/components/schemas/Problem' }\n") + errorComponents,
  },
  {
    name: 'OAS 3.2: a reusable BadRequest response is referenced',
    files: doc('3.2.0', '  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n') + 'components:\n  responses:\n    BadRequest: { description: Invalid input }\n',
    after: doc('3.2.0', '  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "400":\n          $ref: "#/components/responses/BadRequest"\n') + 'components:\n  responses:\n    BadRequest: { description: Invalid input }\n',
  },
  {
    name: 'Swagger 2.0: plain status keys, the shared schema as 2.0 writes it',
    files: doc('2.0', '  /orders:\n    get:\n      responses:\n        200: { description: OK }\n        default:\n          description: Error\n          schema: { $ref: "#/definitions/Error" }\n    post:\n      responses:\n        201: { description: Created }\n') + 'definitions:\n  Error: { type: object }\n',
    pointer: '/paths/~1orders/post/responses',
    after: doc('2.0', '  /orders:\n    get:\n      responses:\n        200: { description: OK }\n        default:\n          description: Error\n          schema: { $ref: "#/definitions/Error" }\n    post:\n      responses:\n        201: { description: Created }\n        400:\n          description: Bad request\n          schema:\n            $ref: "#/definitions/Error"\n') + 'definitions:\n  Error: { type: object }\n',
  },
  {
    name: 'an operation without responses gets a responses object',
    files: doc('3.1.0', '  /orders:\n    delete:\n      summary: Delete orders\n'),
    after: doc('3.1.0', '  /orders:\n    delete:\n      summary: Delete orders\n      responses:\n        "400":\n          description: Bad request\n'),
  },
  {
    name: 'flow YAML with CRLF',
    files: doc('3.0.3', '  /orders: {get: {responses: {"200": {description: OK}, "503": {description: Down}}}}\n').replace(/\n/g, '\r\n'),
    after: doc('3.0.3', '  /orders: {get: {responses: {"200": {description: OK}, "400": { description: Bad request }, "503": {description: Down}}}}\n').replace(/\n/g, '\r\n'),
  },
  {
    name: 'JSON',
    files: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "paths": {\n    "/orders": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"}\n        }\n      }\n    }\n  }\n}\n',
    after: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "paths": {\n    "/orders": {\n      "get": {\n        "responses": {\n          "200": {"description": "OK"},\n          "400": {\n            "description": "Bad request"\n          }\n        }\n      }\n    }\n  }\n}\n',
  },
  {
    name: 'multi-file: the response is added in the fragment, with the body its own errors share',
    files: {
      'api.yaml': doc('3.1.0', '  /orders:\n    $ref: "./paths/orders.yaml"\n'),
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n    "500":\n      description: Failure\n      content:\n        application/json: { schema: { $ref: "../schemas.yaml#/Error" } }\n',
      'schemas.yaml': 'Error:\n  type: object\n',
    },
    after: {
      'paths/orders.yaml': 'get:\n  responses:\n    "200": { description: OK }\n    "400":\n      description: Bad request\n      content:\n        application/json:\n          schema:\n            $ref: ../schemas.yaml#/Error\n    "500":\n      description: Failure\n      content:\n        application/json: { schema: { $ref: "../schemas.yaml#/Error" } }\n',
    },
  },
]);
