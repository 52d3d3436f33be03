import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-http-basic';

/** A 3.x document whose `components.securitySchemes` body is given (indented by four spaces). */
function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

function spec20(definitions: string): string {
  return `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n${definitions}paths: {}\n`;
}

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: type http with scheme basic, in any case`,
    files: spec3(version, '    basicAuth:\n      type: http\n      scheme: basic\n    legacy: { type: http, scheme: Basic }\n'),
    expect: [
      { pointer: '/components/securitySchemes/basicAuth', severity: 'error', message: 'Security scheme "basicAuth" uses HTTP basic authentication', line: 4 },
      { pointer: '/components/securitySchemes/legacy', message: '"legacy"' },
    ],
  },
  {
    name: `${version}: bearer and API key schemes; a 2.0-style type basic is not a 3.x construct`,
    files: spec3(version, '    bearer: { type: http, scheme: bearer }\n    key: { type: apiKey, name: X-Key, in: header }\n    old: { type: basic }\n'),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: '2.0: type basic',
    files: spec20('  basicAuth:\n    type: basic\n  key: { type: apiKey, name: X-Key, in: header }\n'),
    expect: [{ pointer: '/securityDefinitions/basicAuth', severity: 'error', line: 3 }],
  },
  {
    name: '2.0: a 3.x-style http scheme is not a 2.0 construct',
    files: spec20('  basicAuth: { type: http, scheme: basic }\n'),
    expect: [],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } }, paths: {} }, null, 2),
    expect: [{ pointer: '/components/securitySchemes/basic', line: 8 }],
  },
  {
    name: 'multi-file: a scheme defined under a key of another file is reported there',
    files: {
      'api.yaml': spec3('3.0.3', '    basicAuth:\n      $ref: "schemes.yaml#/basic"\n'),
      'schemes.yaml': 'bearer: { type: http, scheme: bearer }\nbasic:\n  type: http\n  scheme: basic\n',
    },
    expect: [{ pointer: '/basic', file: 'schemes.yaml', line: 1 }],
  },
  {
    name: 'multi-file (2.0): a whole-file scheme is reported on its type',
    files: {
      'api.yaml': spec20('  basicAuth:\n    $ref: "basic.yaml"\n'),
      'basic.yaml': 'description: Legacy login\ntype: basic\n',
    },
    expect: [{ pointer: '/type', file: 'basic.yaml', line: 1 }],
  },
  {
    name: 'suppressed by a comment above the scheme and by x-api-guard-ignore inside it',
    files: spec3(
      '3.1.0',
      '    # api-guard-ignore auth-http-basic -- only the token endpoint uses it\n    tokenClient: { type: http, scheme: basic }\n    other:\n      type: http\n      scheme: basic\n      x-api-guard-ignore: [auth-http-basic]\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/tokenClient' }, { pointer: '/components/securitySchemes/other' }],
  },
]);

describe(`${RULE} data and related locations`, () => {
  it('names the scheme and links a referenced definition to the referring entry', () => {
    const outcome = lintFiles(
      { 'api.yaml': spec3('3.2.0', '    basicAuth:\n      $ref: "schemes.yaml#/basic"\n'), 'schemes.yaml': 'basic: { type: http, scheme: basic }\n' },
      { only: [RULE] },
    );
    assert.equal(outcome.findings.length, 1);
    assert.deepEqual(outcome.findings[0].data, { scheme: 'basicAuth', version: '3.2' });
    assert.deepEqual(
      outcome.findings[0].related?.map((item) => [item.uri, item.range.start.line, item.message]),
      [[outcome.uri('api.yaml'), 4, 'Security scheme "basicAuth" refers to this definition here']],
    );
  });
});
