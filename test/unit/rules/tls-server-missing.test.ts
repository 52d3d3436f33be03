import { fixTable } from '../helpers/fixTable';
import { ruleTable } from '../helpers/ruleTable';

const swagger = (extra: string) => `swagger: "2.0"
info: { title: Shop, version: "1" }
${extra}paths:
  /orders:
    get:
      responses:
        "200": { description: OK }
`;

ruleTable('tls-server-missing', [
  {
    name: 'host without schemes',
    files: swagger('host: api.shop.test\nbasePath: /v1\n'),
    expect: [{ pointer: '/host', severity: 'warning', message: '"api.shop.test" but no "schemes"', line: 2, data: {} }],
  },
  {
    name: 'host with an empty schemes list',
    files: swagger('host: api.shop.test\nschemes: []\n'),
    expect: [{ pointer: '/schemes', message: '"schemes" is empty' }],
  },
  { name: 'host with schemes', files: swagger('host: api.shop.test\nschemes: [https]\n'), expect: [] },
  { name: 'neither host nor schemes (served relative to the document)', files: swagger(''), expect: [] },
  {
    name: 'OAS 3.x has no host or schemes',
    files: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\nhost: api.shop.test\npaths: {}\n',
    expect: [],
  },
  {
    name: 'OAS 3.1 and 3.2 are not checked either',
    files: {
      'a.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers: [{ url: "//api.shop.test" }]\npaths: {}\n',
      'b.yaml': 'openapi: 3.2.0\ninfo: { title: Shop, version: "1" }\nservers: [{ url: "//api.shop.test" }]\npaths: {}\n',
    },
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'Shop', version: '1' }, host: 'api.shop.test', paths: {} }, null, 2),
    expect: [{ pointer: '/host', line: 6 }],
  },
  {
    name: 'multi-file: only the root document decides',
    files: {
      'api.yaml': swagger('host: api.shop.test\n').replace('    get:\n      responses:\n        "200": { description: OK }\n', '    $ref: "./orders.yaml"\n'),
      'orders.yaml': 'get:\n  schemes: [https]\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'api.yaml', pointer: '/host' }],
  },
  {
    name: 'suppressed by a comment above',
    files: swagger('# api-guard-ignore tls-server-missing -- the gateway only accepts https\nhost: api.shop.test\n'),
    expect: [],
    suppressed: [{ pointer: '/host' }],
  },
  {
    name: 'suppressed by x-api-guard-ignore at the root',
    files: swagger('x-api-guard-ignore: [tls-server-missing]\nhost: api.shop.test\n'),
    expect: [],
    suppressed: [{ pointer: '/host' }],
  },
]);

fixTable('tls-server-missing', [
  {
    name: 'block YAML: schemes goes after basePath',
    files: swagger('host: api.shop.test\nbasePath: /v1\n'),
    after: swagger('host: api.shop.test\nbasePath: /v1\nschemes:\n  - https\n'),
  },
  {
    name: 'flow YAML root with CRLF',
    files: { 'api.yaml': '{swagger: "2.0", info: {title: Shop, version: "1"}, host: api.shop.test, paths: {}}\r\n' },
    after: { 'api.yaml': '{swagger: "2.0", info: {title: Shop, version: "1"}, host: api.shop.test, schemes: [ https ], paths: {}}\r\n' },
  },
  {
    name: 'an empty list gets https',
    files: swagger('host: api.shop.test\nschemes: []\n'),
    after: swagger('host: api.shop.test\nschemes: [https]\n'),
  },
  {
    name: 'JSON',
    files: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "host": "api.shop.test",\n  "paths": {}\n}\n',
    after: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "host": "api.shop.test",\n  "schemes": [\n    "https"\n  ],\n  "paths": {}\n}\n',
  },
]);
