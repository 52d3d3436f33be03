import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const info = 'info: { title: Shop, version: "1" }';

const oas = (version: string, servers: string) => `openapi: ${version}
${info}
${servers}paths:
  /orders:
    servers:
      - url: https://orders.example.org
    get:
      servers:
        - url: https://read.shop.test
      responses:
        "200": { description: OK }
    post:
      responses:
        "201": { description: Created }
`;

const perVersion: RuleCase[] = ['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `OAS ${version}: root and path-level servers on placeholder domains`,
  files: oas(version, 'servers:\n  - url: https://api.example.com/v1\n  - url: https://api.shop.test\n'),
  expect: [
    {
      pointer: '/servers/0/url',
      severity: 'warning' as const,
      message: 'placeholder domain api.example.com',
      line: 3,
      data: { url: 'https://api.example.com/v1', host: 'api.example.com' },
    },
    { pointer: '/paths/~1orders/servers/0/url', data: { host: 'orders.example.org' } },
  ],
}));

ruleTable('doc-server-example', [
  ...perVersion,
  {
    name: 'bare domain, example.net, and a variable default',
    files: `openapi: 3.1.0
${info}
servers:
  - url: http://example.com
  - url: https://example.net/api
  - url: "https://{env}.shop.test"
    variables:
      env: { default: api }
  - url: "https://{host}/v1"
    variables:
      host: { default: sandbox.example.org }
paths: {}
`,
    expect: [{ pointer: '/servers/0/url' }, { pointer: '/servers/1/url' }, { pointer: '/servers/3/url', data: { host: 'sandbox.example.org' } }],
  },
  {
    name: 'look-alike hosts are not placeholders',
    files: `openapi: 3.0.3\n${info}\nservers:\n  - url: https://example.company.com\n  - url: https://myexample.com\n  - url: https://shop.example\npaths: {}\n`,
    expect: [],
  },
  {
    name: 'Swagger 2.0 host',
    files: `swagger: "2.0"\n${info}\nhost: "petstore.example.com:443"\nschemes: [https]\npaths: {}\n`,
    expect: [{ pointer: '/host', line: 2, data: { host: 'petstore.example.com' } }],
  },
  {
    name: 'Swagger 2.0 real host',
    files: `swagger: "2.0"\n${info}\nhost: api.shop.test\npaths: {}\n`,
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths: {} }, null, 2),
    expect: [{ pointer: '/servers/0/url', line: 8 }],
  },
  {
    name: 'multi-file: a path item with its own server in a second file',
    files: {
      'api.yaml': `openapi: 3.0.3\n${info}\npaths:\n  /orders:\n    $ref: "./orders.yaml"\n`,
      'orders.yaml': 'servers:\n  - url: https://orders.example.com\nget:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/servers/0/url', line: 1 }],
  },
  {
    name: 'suppressed',
    files: `openapi: 3.1.0
${info}
servers:
  # api-guard-ignore doc-server-example -- tutorial document
  - url: https://api.example.com
  - url: https://api.example.org
    x-api-guard-ignore: [doc-server-example]
paths: {}
`,
    expect: [],
    suppressed: [{ pointer: '/servers/0/url' }, { pointer: '/servers/1/url' }],
  },
]);
