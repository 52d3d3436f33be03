import { ruleTable } from '../helpers/ruleTable';

const doc = (version: string, ref: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths: {}
components:
  schemas:
    Money:
      $ref: "${ref}"
`;

ruleTable('ref-remote-blocked', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `${version}: a remote reference`,
    files: doc(version, 'https://schemas.example.org/money.yaml#/Money'),
    expect: [
      {
        pointer: '/components/schemas/Money/$ref',
        message: 'The remote reference "https://schemas.example.org/money.yaml#/Money" is not fetched because schemas.example.org is not in apiGuard.allowedRemoteRefHosts',
        severity: 'warning' as const,
        line: 6,
      },
    ],
  })),
  {
    name: 'Swagger 2.0 over http',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths: {}\ndefinitions:\n  Money: { $ref: "http://schemas.example.org/money.json" }\n',
    expect: [{ pointer: '/definitions/Money/$ref' }],
  },
  { name: 'an allowed host', files: doc('3.1.0', 'https://schemas.example.org/money.yaml'), settings: { allowedRemoteRefHosts: ['*.example.org'] }, expect: [] },
  { name: 'a local reference', files: { 'api.yaml': doc('3.1.0', './money.yaml'), 'money.yaml': 'type: string\n' }, expect: [] },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {}, components: { schemas: { M: { $ref: 'https://h.test/m.json' } } } }, null, 2),
    expect: [{ pointer: '/components/schemas/M/$ref', line: 10 }],
  },
  {
    name: 'in a fragment',
    files: { 'api.yaml': doc('3.1.0', './money.yaml'), 'money.yaml': 'type: object\nproperties:\n  currency: { $ref: "https://h.test/iso4217.yaml" }\n' },
    expect: [{ file: 'money.yaml', pointer: '/properties/currency/$ref', line: 2 }],
  },
  {
    name: 'suppressed by a comment',
    files: doc('3.1.0', 'https://h.test/m.yaml').replace('      $ref', '      # api-guard-ignore ref-remote-blocked -- company-wide schema\n      $ref'),
    expect: [],
    suppressed: [{ pointer: '/components/schemas/Money/$ref' }],
  },
]);
