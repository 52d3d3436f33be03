import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-oauth-implicit-flow';

function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

function spec20(definitions: string): string {
  return `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n${definitions}paths: {}\n`;
}

const FLOWS_3 = [
  '    oauth:',
  '      type: oauth2',
  '      flows:',
  '        implicit:',
  '          authorizationUrl: https://auth.example.com/authorize',
  '          scopes: { read: Read }',
  '        password:',
  '          tokenUrl: https://auth.example.com/token',
  '          scopes: { read: Read }',
  '        authorizationCode:',
  '          authorizationUrl: https://auth.example.com/authorize',
  '          tokenUrl: https://auth.example.com/token',
  '          scopes: { read: Read }',
  '',
].join('\n');

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: implicit and password flows, one finding each on the flow key`,
    files: spec3(version, FLOWS_3),
    expect: [
      { pointer: '/components/securitySchemes/oauth/flows/implicit', severity: 'error', line: 7, message: 'OAuth2 scheme "oauth" uses the implicit flow' },
      { pointer: '/components/securitySchemes/oauth/flows/password', line: 10, message: 'resource owner password flow' },
    ],
  },
  {
    name: `${version}: authorization code and client credentials are fine`,
    files: spec3(
      version,
      '    oauth:\n      type: oauth2\n      flows:\n        authorizationCode: { authorizationUrl: "https://a.example.com/a", tokenUrl: "https://a.example.com/t", scopes: {} }\n        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: {} }\n',
    ),
    expect: [],
  },
  {
    name: `${version}: flows under a scheme that is not OAuth2 are ignored`,
    files: spec3(version, '    oidc:\n      type: openIdConnect\n      openIdConnectUrl: https://a.example.com/.well-known/openid-configuration\n      flows:\n        implicit: { authorizationUrl: "https://a.example.com/a", scopes: {} }\n'),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: '2.0: flow implicit and flow password, on the value',
    files: spec20(
      '  browser:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://a.example.com/a\n    scopes: {}\n  legacy: { type: oauth2, flow: password, tokenUrl: "https://a.example.com/t", scopes: {} }\n',
    ),
    expect: [
      { pointer: '/securityDefinitions/browser/flow', message: 'implicit flow', line: 5 },
      { pointer: '/securityDefinitions/legacy/flow', message: 'password flow' },
    ],
  },
  {
    name: '2.0: accessCode and application are fine; a 3.x flows map is not read in 2.0',
    files: spec20(
      '  a: { type: oauth2, flow: accessCode, authorizationUrl: "https://a.example.com/a", tokenUrl: "https://a.example.com/t", scopes: {} }\n  b: { type: oauth2, flow: application, tokenUrl: "https://a.example.com/t", scopes: {} }\n  c: { type: oauth2, flows: { implicit: { authorizationUrl: "https://a.example.com/a", scopes: {} } } }\n',
    ),
    expect: [],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.1.0',
        info: { title: 'x', version: '1' },
        components: { securitySchemes: { o: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a.example.com/a', scopes: {} } } } } },
        paths: {},
      },
      null,
      2,
    ),
    expect: [{ pointer: '/components/securitySchemes/o/flows/implicit', line: 11 }],
  },
  {
    name: 'multi-file: a scheme in another file',
    files: {
      'api.yaml': spec3('3.0.3', '    oauth:\n      $ref: "oauth.yaml"\n'),
      'oauth.yaml': 'type: oauth2\nflows:\n  implicit:\n    authorizationUrl: https://a.example.com/a\n    scopes: {}\n',
    },
    expect: [{ pointer: '/flows/implicit', file: 'oauth.yaml', line: 2 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: spec3(
      '3.1.0',
      '    a:\n      type: oauth2\n      flows:\n        # api-guard-ignore auth-oauth-implicit-flow -- removed in v3 of the API\n        implicit: { authorizationUrl: "https://a.example.com/a", scopes: {} }\n    b:\n      type: oauth2\n      x-api-guard-ignore: [auth-oauth-implicit-flow]\n      flows:\n        password: { tokenUrl: "https://a.example.com/t", scopes: {} }\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/a/flows/implicit' }, { pointer: '/components/securitySchemes/b/flows/password' }],
  },
]);

describe(`${RULE} data`, () => {
  it('names flow, version, replacement and whether the replacement exists', () => {
    const three = lintFiles(spec3('3.2.0', FLOWS_3), { only: [RULE] }).findings.map((finding) => finding.data);
    assert.deepEqual(three, [
      { scheme: 'oauth', flow: 'implicit', version: '3.2', replacement: 'authorizationCode', replacementExists: true },
      { scheme: 'oauth', flow: 'password', version: '3.2', replacement: 'authorizationCode', replacementExists: true },
    ]);
    const two = lintFiles(spec20('  o: { type: oauth2, flow: implicit, authorizationUrl: "https://a.example.com/a", scopes: {} }\n'), { only: [RULE] });
    assert.deepEqual(two.findings[0].data, { scheme: 'o', flow: 'implicit', version: '2.0', replacement: 'accessCode', replacementExists: false });
  });
});
