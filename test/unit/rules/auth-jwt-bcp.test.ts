import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-jwt-bcp';
const ON = { rules: { [RULE]: 'info' as const } };

function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: a JWT bearer scheme without a reference to RFC 8725`,
    settings: ON,
    files: spec3(version, '    jwt:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n      description: Access token from /login\n    upper: { type: http, scheme: Bearer, bearerFormat: jwt }\n'),
    expect: [
      { pointer: '/components/securitySchemes/jwt', severity: 'info', line: 4, message: 'JWT bearer scheme "jwt" does not say that its tokens follow the JWT Best Current Practices (RFC 8725)' },
      { pointer: '/components/securitySchemes/upper' },
    ],
  },
  {
    name: `${version}: descriptions citing RFC 8725 or BCP 225, and bearer tokens that are not JWTs`,
    settings: ON,
    files: spec3(
      version,
      '    a: { type: http, scheme: bearer, bearerFormat: JWT, description: "Validated per RFC 8725." }\n    b: { type: http, scheme: bearer, bearerFormat: JWT, description: "See https://datatracker.ietf.org/doc/html/rfc8725" }\n    c: { type: http, scheme: bearer, bearerFormat: JWT, description: "Follows BCP 225" }\n    d: { type: http, scheme: bearer, bearerFormat: opaque }\n    e: { type: http, scheme: bearer }\n',
    ),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: 'off by default',
    files: spec3('3.1.0', '    jwt: { type: http, scheme: bearer, bearerFormat: JWT }\n'),
    expect: [],
  },
  {
    name: '2.0 is not checked: it has no bearer scheme type',
    settings: ON,
    files: 'swagger: "2.0"\ninfo: { title: x, version: "1" }\nsecurityDefinitions:\n  jwt: { type: apiKey, name: Authorization, in: header, bearerFormat: JWT }\npaths: {}\n',
    expect: [],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: 'JSON document, at a configured severity',
    settings: { rules: { [RULE]: 'warning' as const } },
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, components: { securitySchemes: { t: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } }, paths: {} }, null, 2),
    expect: [{ pointer: '/components/securitySchemes/t', severity: 'warning', line: 8 }],
  },
  {
    name: 'multi-file: a scheme in another file',
    settings: ON,
    files: {
      'api.yaml': spec3('3.1.0', '    jwt:\n      $ref: "schemes.yaml#/jwt"\n'),
      'schemes.yaml': 'jwt:\n  type: http\n  scheme: bearer\n  bearerFormat: JWT\n',
    },
    expect: [{ pointer: '/jwt', file: 'schemes.yaml', line: 0 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    settings: ON,
    files: spec3(
      '3.2.0',
      '    # api-guard-ignore auth-jwt-bcp -- documented in the developer portal\n    a: { type: http, scheme: bearer, bearerFormat: JWT }\n    b: { type: http, scheme: bearer, bearerFormat: JWT, x-api-guard-ignore: [auth-jwt-bcp] }\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/a' }, { pointer: '/components/securitySchemes/b' }],
  },
]);

describe(`${RULE} data`, () => {
  it('names the scheme', () => {
    const { findings } = lintFiles(spec3('3.0.3', '    t: { type: http, scheme: bearer, bearerFormat: JWT }\n'), { only: [RULE], settings: ON });
    assert.deepEqual(findings[0].data, { scheme: 't', version: '3.0' });
  });
});
