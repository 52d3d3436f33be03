import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const doc = (version: string, rootTags: string, operations: string) => `${header(version)}
info: { title: Shop, version: "1" }
${rootTags}paths:
${operations}`;

const operations = `  /orders:
    get:
      tags: [orders, reports]
      responses:
        "200": { description: OK }
  /customers:
    get:
      tags: [customers]
      responses:
        "200": { description: OK }
`;

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `${version}: tags missing from the root list`,
  files: doc(version, 'tags:\n  - name: orders\n    description: Orders\n', operations),
  expect: [
    {
      pointer: '/paths/~1orders/get/tags/1',
      severity: 'info' as const,
      message: 'Tag "reports" of GET /orders is not declared in the root "tags" list',
      line: 8,
      data: { tag: 'reports' },
    },
    { pointer: '/paths/~1customers/get/tags/0', data: { tag: 'customers' } },
  ],
}));

ruleTable('doc-tag-undefined', [
  ...perVersion,
  {
    name: 'no root tags list at all',
    files: doc('3.1.0', '', '  /orders:\n    get:\n      tags: [orders]\n      responses: { "200": { description: OK } }\n'),
    expect: [{ pointer: '/paths/~1orders/get/tags/0', message: 'the document has no root "tags" list' }],
  },
  {
    name: 'every tag declared (one through $ref in another file)',
    files: {
      'api.yaml': doc('3.0.3', 'tags:\n  - name: orders\n  - name: reports\n  - $ref: "./tags.yaml#/customers"\n', operations),
      'tags.yaml': 'customers:\n  name: customers\n  description: Customer accounts\n',
    },
    expect: [],
  },
  {
    name: 'OAS 3.2 nested tags are declared in the root list',
    files: doc(
      '3.2.0',
      'tags:\n  - name: shop\n  - name: orders\n    parent: shop\n',
      '  /orders:\n    get:\n      tags: [orders]\n      responses: { "200": { description: OK } }\n',
    ),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      { swagger: '2.0', info: { title: 'Shop', version: '1' }, tags: [{ name: 'orders' }], paths: { '/orders': { get: { tags: ['order'], responses: {} } } } },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1orders/get/tags/0', line: 15, data: { tag: 'order' } }],
  },
  {
    name: 'multi-file: finding in the path item file',
    files: {
      'api.yaml': doc('3.1.0', 'tags:\n  - name: orders\n', '  /orders:\n    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  tags:\n    - order\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/get/tags/0', line: 2 }],
  },
  {
    name: 'suppressed',
    files: doc(
      '3.0.3',
      'tags:\n  - name: orders\n',
      `  /orders:
    get:
      tags:
        - orders
        - beta # api-guard-ignore doc-tag-undefined -- marker tag for the preview portal
      responses: { "200": { description: OK } }
  /reports:
    get:
      x-api-guard-ignore: [doc-tag-undefined]
      tags: [reports]
      responses: { "200": { description: OK } }
`,
    ),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/get/tags/1' }, { pointer: '/paths/~1reports/get/tags/0' }],
  },
]);

fixTable('doc-tag-undefined', [
  {
    name: 'OAS 3.1 block YAML: appended to the root list',
    files: doc('3.1.0', 'tags:\n  - name: orders\n    description: Orders\n', operations),
    pointer: '/paths/~1orders/get/tags/1',
    title: 'Declare tag "reports"',
    after: doc('3.1.0', 'tags:\n  - name: orders\n    description: Orders\n  - name: reports\n', operations),
  },
  {
    name: 'several undeclared tags: the preferred action declares them all in one edit',
    files: doc('3.1.0', 'tags:\n  - name: orders\n    description: Orders\n', operations),
    pointer: '/paths/~1customers/get/tags/0',
    offered: ['Declare tag "customers" in the root tags list', 'Declare all 2 undeclared tags'],
    after: doc('3.1.0', 'tags:\n  - name: orders\n    description: Orders\n  - name: reports\n  - name: customers\n', operations),
  },
  {
    name: 'Swagger 2.0 without a root list: the list is created before paths',
    files: doc('2.0', 'host: api.shop.test\n', operations),
    pointer: '/paths/~1customers/get/tags/0',
    after: doc('2.0', 'host: api.shop.test\ntags:\n  - name: orders\n  - name: reports\n  - name: customers\n', operations),
  },
  {
    name: 'flow YAML list with CRLF',
    files: doc('3.0.3', 'tags: [{name: orders}]\n', operations).replace(/\n/g, '\r\n'),
    pointer: '/paths/~1customers/get/tags/0',
    title: 'Declare tag "customers"',
    after: doc('3.0.3', 'tags: [{name: orders}, { name: customers }]\n', operations).replace(/\n/g, '\r\n'),
  },
  {
    name: 'JSON',
    files: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "tags": [\n    {"name": "orders"}\n  ],\n  "paths": {"/a": {"get": {"tags": ["admin"], "responses": {"200": {"description": "OK"}}}}}\n}\n',
    after: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "tags": [\n    {"name": "orders"},\n    {\n      "name": "admin"\n    }\n  ],\n  "paths": {"/a": {"get": {"tags": ["admin"], "responses": {"200": {"description": "OK"}}}}}\n}\n',
  },
  {
    name: 'multi-file: the tag of an operation in a fragment is declared in the root document',
    files: {
      'api.yaml': doc('3.1.0', 'tags:\n  - name: orders\n', '  /reports:\n    $ref: "./paths/reports.yaml"\n'),
      'paths/reports.yaml': 'get:\n  tags: [reports]\n  responses:\n    "200": { description: OK }\n',
    },
    after: { 'api.yaml': doc('3.1.0', 'tags:\n  - name: orders\n  - name: reports\n', '  /reports:\n    $ref: "./paths/reports.yaml"\n') },
  },
]);
