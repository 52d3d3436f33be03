import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const info = 'info: { title: Shop, version: "1" }';

const oas = (version: string, servers: string) => `openapi: ${version}
${info}
servers:
${servers}paths:
  /orders:
    servers:
      - url: https://orders.shop.test
        description: Orders service
    get:
      responses:
        "200": { description: OK }
    post:
      responses:
        "201": { description: Created }
`;

const perVersion: RuleCase[] = ['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
  name: `OAS ${version}: servers without an environment`,
  files: oas(version, '  - url: https://api.shop.test\n  - url: https://staging.shop.test\n    description: Staging\n'),
  expect: [
    {
      pointer: '/servers/0/url',
      severity: 'info' as const,
      message: 'The server "https://api.shop.test" has no description',
      line: 3,
      data: { url: 'https://api.shop.test' },
    },
    { pointer: '/paths/~1orders/servers/0/url', message: '("Orders service") does not name its environment' },
  ],
}));

ruleTable('doc-server-environment', [
  ...perVersion,
  {
    name: 'English and German environment words, compounds and abbreviations',
    files: `openapi: 3.1.0
${info}
servers:
  - { url: "https://a.shop.test", description: Production server }
  - { url: "https://b.shop.test", description: prod }
  - { url: "https://c.shop.test", description: Sandbox for partners }
  - { url: "https://d.shop.test", description: QA }
  - { url: "https://e.shop.test", description: UAT (acceptance) }
  - { url: "http://localhost:8080", description: Local development }
  - { url: "https://f.shop.test", description: Produktionsumgebung }
  - { url: "https://g.shop.test", description: Testsystem }
  - { url: "https://h.shop.test", description: Entwicklung }
  - { url: "https://i.shop.test", description: "Dev" }
  - { url: "https://j.shop.test", description: Pre-production }
paths: {}
`,
    expect: [],
  },
  {
    name: 'words that only contain an environment name do not count',
    files: `openapi: 3.0.3
${info}
servers:
  - { url: "https://a.shop.test", description: Products API }
  - { url: "https://b.shop.test", description: Device gateway }
paths: {}
`,
    expect: [{ pointer: '/servers/0/url' }, { pointer: '/servers/1/url' }],
  },
  {
    name: 'OAS 3.2: the server name counts',
    files: `openapi: 3.2.0\n${info}\nservers:\n  - url: https://api.shop.test\n    name: production\npaths: {}\n`,
    expect: [],
  },
  {
    name: 'Swagger 2.0 has no server descriptions',
    files: `swagger: "2.0"\n${info}\nhost: api.shop.test\nschemes: [https]\npaths: {}\n`,
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, servers: [{ url: 'https://api.shop.test' }], paths: {} }, null, 2),
    expect: [{ pointer: '/servers/0/url', line: 8 }],
  },
  {
    name: 'multi-file: a server in a second file',
    files: {
      'api.yaml': `openapi: 3.1.0\n${info}\npaths:\n  /orders:\n    $ref: "./orders.yaml"\n`,
      'orders.yaml': 'servers:\n  - url: https://orders.shop.test\nget:\n  responses:\n    "200": { description: OK }\n',
    },
    expect: [{ file: 'orders.yaml', pointer: '/servers/0/url', line: 1 }],
  },
  {
    name: 'suppressed',
    files: `openapi: 3.0.3
${info}
x-api-guard-ignore: [doc-server-environment]
servers:
  - url: https://api.shop.test
paths: {}
`,
    expect: [],
    suppressed: [{ pointer: '/servers/0/url' }],
  },
  {
    name: 'suppressed by a comment at the end of the line',
    files: `openapi: 3.1.0\n${info}\nservers:\n  - url: https://api.shop.test # api-guard-ignore doc-server-environment -- single environment\npaths: {}\n`,
    expect: [],
    suppressed: [{ pointer: '/servers/0/url' }],
  },
]);
