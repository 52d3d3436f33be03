import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const info = 'info: { title: Shop, version: "1" }';

/** An OAS 3.x document with the given root servers block and one operation. */
const oas = (version: string, servers: string, operationExtra = '') => `openapi: ${version}
${info}
${servers}paths:
  /orders:
    get:
${operationExtra}      responses:
        "200": { description: OK }
`;

const swagger = (extra: string) => `swagger: "2.0"
${info}
${extra}paths:
  /orders:
    get:
      responses:
        "200": { description: OK }
`;

const perVersion: RuleCase[] = ['3.0.3', '3.1.0', '3.2.0'].flatMap((version) => [
  {
    name: `OAS ${version}: root server on http`,
    files: oas(version, 'servers:\n  - url: http://api.shop.test/v1\n'),
    expect: [
      {
        pointer: '/servers/0/url',
        severity: 'error' as const,
        message: 'uses http://',
        line: 3,
        data: { url: 'http://api.shop.test/v1', scheme: 'http', version: version.slice(0, 3) },
      },
    ],
  },
  {
    name: `OAS ${version}: https and wss servers are fine`,
    files: oas(version, 'servers:\n  - url: https://api.shop.test/v1\n  - url: wss://stream.shop.test\n  - url: /relative\n'),
    expect: [],
  },
]);

ruleTable('tls-http-server', [
  ...perVersion,
  {
    name: 'ws:// server',
    files: oas('3.1.0', 'servers:\n  - url: ws://stream.shop.test/events\n'),
    expect: [{ pointer: '/servers/0/url', message: 'use wss://', data: { scheme: 'ws', url: 'ws://stream.shop.test/events' } }],
  },
  {
    name: 'upper-case scheme',
    files: oas('3.0.3', 'servers:\n  - url: HTTP://API.SHOP.TEST\n'),
    expect: [{ pointer: '/servers/0/url', data: { scheme: 'http' } }],
  },
  {
    name: 'path-level server shared by two operations is reported once',
    files: `openapi: 3.0.3
${info}
paths:
  /orders:
    servers:
      - url: http://orders.shop.test
    get:
      responses: { "200": { description: OK } }
    post:
      responses: { "201": { description: Created } }
`,
    expect: [{ pointer: '/paths/~1orders/servers/0/url' }],
  },
  {
    name: 'operation-level server and an overridden path-level server are both checked',
    files: `openapi: 3.1.0
${info}
paths:
  /orders:
    servers:
      - url: http://orders.shop.test
    get:
      servers:
        - url: http://read.shop.test
      responses: { "200": { description: OK } }
`,
    expect: [{ pointer: '/paths/~1orders/servers/0/url' }, { pointer: '/paths/~1orders/get/servers/0/url' }],
  },
  {
    name: 'server variable enum offers http',
    files: oas(
      '3.1.0',
      'servers:\n  - url: "{scheme}://api.shop.test"\n    variables:\n      scheme:\n        default: https\n        enum: [https, http]\n',
    ),
    expect: [
      {
        pointer: '/servers/0/variables/scheme/enum/1',
        message: 'server variable "scheme"',
        data: { url: 'http://api.shop.test', scheme: 'http', variable: 'scheme' },
      },
    ],
  },
  {
    name: 'server variable default is a whole http URL',
    files: oas('3.0.3', 'servers:\n  - url: "{base}"\n    variables:\n      base:\n        default: http://api.shop.test\n'),
    expect: [{ pointer: '/servers/0/variables/base/default', data: { url: 'http://api.shop.test' } }],
  },
  {
    name: 'server variables that only yield https',
    files: oas('3.2.0', 'servers:\n  - url: "https://{region}.shop.test"\n    variables:\n      region:\n        default: eu\n        enum: [eu, us]\n'),
    expect: [],
  },
  {
    name: 'allowlisted hosts are reported as hints',
    files: oas(
      '3.1.0',
      'servers:\n  - url: http://localhost:8080\n  - url: http://127.0.0.1/v1\n  - url: "http://[::1]:3000"\n  - url: http://app.localhost\n  - url: http://api.shop.test\n',
    ),
    expect: [
      { pointer: '/servers/0/url', severity: 'hint', message: 'allowedInsecureHosts' },
      { pointer: '/servers/1/url', severity: 'hint' },
      { pointer: '/servers/2/url', severity: 'hint' },
      { pointer: '/servers/3/url', severity: 'hint' },
      { pointer: '/servers/4/url', severity: 'error' },
    ],
  },
  {
    name: 'custom allowlist with a port and a wildcard',
    settings: { allowedInsecureHosts: ['*.dev.internal', 'mock.test:8080'] },
    files: oas(
      '3.0.3',
      'servers:\n  - url: http://orders.dev.internal\n  - url: http://mock.test:8080/api\n  - url: http://mock.test:9090/api\n  - url: http://localhost\n',
    ),
    expect: [
      { pointer: '/servers/0/url', severity: 'hint' },
      { pointer: '/servers/1/url', severity: 'hint' },
      { pointer: '/servers/2/url', severity: 'error' },
      { pointer: '/servers/3/url', severity: 'error' },
    ],
  },
  {
    name: 'a templated host is allowlisted only when every value is',
    files: oas('3.1.0', 'servers:\n  - url: "http://{host}:8080"\n    variables:\n      host:\n        default: localhost\n        enum: [localhost, api.shop.test]\n'),
    expect: [{ pointer: '/servers/0/url', severity: 'error' }],
  },
  {
    name: 'Swagger 2.0: http in schemes',
    files: swagger('host: api.shop.test\nschemes: [https, http]\n'),
    expect: [
      {
        pointer: '/schemes/1',
        severity: 'error',
        message: 'api.shop.test is also served unencrypted',
        data: { scheme: 'http', schemes: ['https', 'http'], version: '2.0' },
      },
    ],
  },
  {
    name: 'Swagger 2.0: ws in schemes and http on an operation',
    files: `swagger: "2.0"
${info}
host: api.shop.test
schemes: [wss, ws]
paths:
  /orders:
    get:
      schemes: [http]
      responses:
        "200": { description: OK }
`,
    expect: [
      { pointer: '/schemes/1', data: { scheme: 'ws', schemes: ['wss', 'ws'] } },
      { pointer: '/paths/~1orders/get/schemes/0', data: { scheme: 'http', schemes: ['http'] } },
    ],
  },
  {
    name: 'Swagger 2.0: https only',
    files: swagger('host: api.shop.test\nschemes: [https]\n'),
    expect: [],
  },
  {
    name: 'Swagger 2.0: http on an allowlisted host',
    files: swagger('host: "localhost:8080"\nschemes: [http]\n'),
    expect: [{ pointer: '/schemes/0', severity: 'hint' }],
  },
  {
    name: 'Swagger 2.0: http without a host',
    files: swagger('schemes: [http]\n'),
    expect: [{ pointer: '/schemes/0', severity: 'error', message: 'the API is also served unencrypted' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      { openapi: '3.1.0', info: { title: 'Shop', version: '1' }, servers: [{ url: 'http://api.shop.test' }], paths: {} },
      null,
      2,
    ),
    expect: [{ pointer: '/servers/0/url', line: 8 }],
  },
  {
    name: 'multi-file: a path item in a second file carries its own http server',
    files: {
      'api.yaml': `openapi: 3.0.3\n${info}\nservers:\n  - url: https://api.shop.test\npaths:\n  /orders:\n    $ref: "./orders.yaml"\n`,
      'orders.yaml': 'servers:\n  - url: http://orders.shop.test\nget:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/servers/0/url', line: 1 }],
  },
  {
    name: 'suppressed by a comment above',
    files: oas('3.1.0', 'servers:\n  # api-guard-ignore tls-http-server -- mock server for the integration tests\n  - url: http://mock.shop.test\n'),
    expect: [],
    suppressed: [{ pointer: '/servers/0/url' }],
  },
  {
    name: 'suppressed by a comment at the end of the line',
    files: oas('3.1.0', 'servers:\n  - url: http://mock.shop.test # api-guard-ignore tls-http-server -- mock server\n'),
    expect: [],
    suppressed: [{ pointer: '/servers/0/url' }],
  },
  {
    name: 'suppressed by x-api-guard-ignore on the server object',
    files: oas('3.0.3', 'servers:\n  - url: http://mock.shop.test\n    x-api-guard-ignore: [tls-http-server]\n  - url: http://api.shop.test\n'),
    expect: [{ pointer: '/servers/1/url' }],
    suppressed: [{ pointer: '/servers/0/url' }],
  },
  {
    name: 'Swagger 2.0: suppressed by x-api-guard-ignore at the root',
    files: swagger('x-api-guard-ignore: [tls-http-server]\nhost: api.shop.test\nschemes: [http]\n'),
    expect: [],
    suppressed: [{ pointer: '/schemes/0' }],
  },
  {
    name: 'callback servers are left to tls-http-url',
    files: oas(
      '3.1.0',
      'servers:\n  - url: https://api.shop.test\n',
      '      callbacks:\n        shipped:\n          "{$request.body#/url}":\n            servers:\n              - url: http://hooks.shop.test\n            post:\n              responses: { "200": { description: OK } }\n',
    ),
    expect: [],
  },
]);

fixTable('tls-http-server', [
  {
    name: 'OAS 3.1 block YAML: http becomes https',
    files: oas('3.1.0', 'servers:\n  - url: http://api.shop.test/v1 # production\n'),
    after: oas('3.1.0', 'servers:\n  - url: https://api.shop.test/v1 # production\n'),
  },
  {
    name: 'OAS 3.0 flow YAML with a quoted ws URL: ws becomes wss, quotes kept',
    files: oas('3.0.3', "servers: [{ url: 'ws://stream.shop.test' }]\n"),
    after: oas('3.0.3', "servers: [{ url: 'wss://stream.shop.test' }]\n"),
  },
  {
    name: 'OAS 3.2 JSON',
    files: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "servers": [{"url": "HTTP://api.shop.test"}],\n  "paths": {}\n}\n',
    after: '{\n  "openapi": "3.2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "servers": [{"url": "https://api.shop.test"}],\n  "paths": {}\n}\n',
  },
  {
    name: 'CRLF line endings are kept',
    files: 'openapi: 3.1.0\r\ninfo: { title: Shop, version: "1" }\r\nservers:\r\n  - url: http://api.shop.test\r\npaths: {}\r\n',
    after: 'openapi: 3.1.0\r\ninfo: { title: Shop, version: "1" }\r\nservers:\r\n  - url: https://api.shop.test\r\npaths: {}\r\n',
  },
  {
    name: 'a server variable default changes together with the same enum value',
    files: oas('3.1.0', 'servers:\n  - url: "{scheme}://api.shop.test"\n    variables:\n      scheme:\n        default: http\n        enum: [http]\n'),
    pointer: '/servers/0/variables/scheme/default',
    after: oas('3.1.0', 'servers:\n  - url: "{scheme}://api.shop.test"\n    variables:\n      scheme:\n        default: https\n        enum: [https]\n'),
  },
  {
    name: 'an enum value whose secure form is listed is removed; the default equal to it changes along',
    files: oas('3.0.3', 'servers:\n  - url: "{scheme}://api.shop.test"\n    variables:\n      scheme:\n        default: http\n        enum:\n          - http\n          - https\n'),
    pointer: '/servers/0/variables/scheme/enum/0',
    after: oas('3.0.3', 'servers:\n  - url: "{scheme}://api.shop.test"\n    variables:\n      scheme:\n        default: https\n        enum:\n          - https\n'),
  },
  {
    name: 'a variable holding a whole base URL',
    files: oas('3.1.0', 'servers:\n  - url: "{base}/v1"\n    variables:\n      base:\n        default: "http://api.shop.test"\n'),
    after: oas('3.1.0', 'servers:\n  - url: "{base}/v1"\n    variables:\n      base:\n        default: "https://api.shop.test"\n'),
  },
  {
    name: 'multi-file: a path-level server in a fragment is fixed in that file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.shop.test\npaths:\n  /orders:\n    $ref: "./orders.yaml"\n',
      'orders.yaml': 'servers:\n  - url: http://orders.shop.test\nget:\n  responses:\n    "200": { description: OK }\n',
    },
    after: { 'orders.yaml': 'servers:\n  - url: https://orders.shop.test\nget:\n  responses:\n    "200": { description: OK }\n' },
  },
  {
    name: 'Swagger 2.0 flow list: http is dropped when https is listed',
    files: swagger('host: api.shop.test\nschemes: [http, https]\n'),
    after: swagger('host: api.shop.test\nschemes: [https]\n'),
    offered: ['Remove "http" from schemes'],
  },
  {
    name: 'Swagger 2.0 block list: http becomes https, quotes kept',
    files: swagger('host: api.shop.test\nschemes:\n  - "http"\n  - wss\n'),
    after: swagger('host: api.shop.test\nschemes:\n  - "https"\n  - wss\n'),
    offered: ['Replace "http" with "https" in schemes'],
  },
  {
    name: 'Swagger 2.0 JSON with CRLF: block of http and https loses http',
    files: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "schemes": [\r\n    "http",\r\n    "https"\r\n  ],\r\n  "paths": {}\r\n}\r\n',
    after: '{\r\n  "swagger": "2.0",\r\n  "info": {"title": "Shop", "version": "1"},\r\n  "schemes": [\r\n    "https"\r\n  ],\r\n  "paths": {}\r\n}\r\n',
  },
  {
    name: 'Swagger 2.0 operation-level schemes',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nhost: api.shop.test\nschemes: [https]\npaths:\n  /orders:\n    get:\n      schemes: [ws]\n      responses:\n        "200": { description: OK }\n',
    after: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nhost: api.shop.test\nschemes: [https]\npaths:\n  /orders:\n    get:\n      schemes: [wss]\n      responses:\n        "200": { description: OK }\n',
  },
]);

describe('tls-http-server quick fix on allowlisted hosts', () => {
  it('is offered but left out of fix-all', () => {
    const outcome = lintFiles(oas('3.1.0', 'servers:\n  - url: http://localhost:8080\n'), { only: ['tls-http-server'] });
    const [proposal] = ruleFixes(outcome.analysis, outcome.findings[0]);
    assert.equal(proposal.edits[0].newText, 'https');
    assert.equal(proposal.safe, false);
  });
});
