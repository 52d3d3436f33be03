import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-token-lifetime';

function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

const URLS = 'authorizationUrl: "https://a.example.com/a", tokenUrl: "https://a.example.com/t"';

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: authorization code and password flows without refreshUrl`,
    files: spec3(
      version,
      `    oauth:\n      type: oauth2\n      flows:\n        authorizationCode: { ${URLS}, scopes: {} }\n        password: { tokenUrl: "https://a.example.com/t", scopes: {} }\n        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: {} }\n`,
    ),
    expect: [
      { pointer: '/components/securitySchemes/oauth/flows/authorizationCode', severity: 'info', line: 7, message: 'The authorizationCode flow of OAuth2 scheme "oauth" has no refreshUrl' },
      { pointer: '/components/securitySchemes/oauth/flows/password', message: 'password flow' },
    ],
  },
  {
    name: `${version}: flows with refreshUrl and client credentials are fine`,
    files: spec3(version, `    oauth:\n      type: oauth2\n      flows:\n        authorizationCode: { ${URLS}, refreshUrl: "https://a.example.com/r", scopes: {} }\n        clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: {} }\n`),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: '2.0 is not checked: its OAuth2 scheme has no refresh URL field',
    files: `swagger: "2.0"\ninfo: { title: x, version: "1" }\nsecurityDefinitions:\n  o: { type: oauth2, flow: accessCode, ${URLS}, scopes: {} }\npaths: {}\n`,
    expect: [],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: '3.1: the implicit flow is flagged too; deviceAuthorization is not a 3.1 flow',
    files: spec3('3.1.0', '    o:\n      type: oauth2\n      flows:\n        implicit: { authorizationUrl: "https://a.example.com/a", scopes: {} }\n        deviceAuthorization: { deviceAuthorizationUrl: "https://a.example.com/d", tokenUrl: "https://a.example.com/t", scopes: {} }\n'),
    expect: [{ pointer: '/components/securitySchemes/o/flows/implicit' }],
  },
  {
    name: '3.2: the device authorization flow needs a refreshUrl',
    files: spec3('3.2.0', '    o:\n      type: oauth2\n      flows:\n        deviceAuthorization: { deviceAuthorizationUrl: "https://a.example.com/d", tokenUrl: "https://a.example.com/t", scopes: {} }\n'),
    expect: [{ pointer: '/components/securitySchemes/o/flows/deviceAuthorization', message: 'deviceAuthorization flow' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'x', version: '1' },
        components: { securitySchemes: { o: { type: 'oauth2', flows: { password: { tokenUrl: 'https://a.example.com/t', scopes: {} } } } } },
        paths: {},
      },
      null,
      2,
    ),
    expect: [{ pointer: '/components/securitySchemes/o/flows/password', line: 11 }],
  },
  {
    name: 'multi-file: a scheme in another file',
    files: {
      'api.yaml': spec3('3.1.0', '    oauth:\n      $ref: "./auth.yaml#/oauth"\n'),
      'auth.yaml': `oauth:\n  type: oauth2\n  flows:\n    authorizationCode: { ${URLS}, scopes: {} }\n`,
    },
    expect: [{ pointer: '/oauth/flows/authorizationCode', file: 'auth.yaml', line: 3 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: spec3(
      '3.0.3',
      `    a:\n      type: oauth2\n      flows:\n        # api-guard-ignore auth-token-lifetime -- tokens live 5 minutes, users log in again\n        authorizationCode: { ${URLS}, scopes: {} }\n    b:\n      type: oauth2\n      flows:\n        authorizationCode: { ${URLS}, scopes: {}, x-api-guard-ignore: [auth-token-lifetime] }\n`,
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/a/flows/authorizationCode' }, { pointer: '/components/securitySchemes/b/flows/authorizationCode' }],
  },
]);

describe(`${RULE} data`, () => {
  it('names the scheme and the flow', () => {
    const { findings } = lintFiles(spec3('3.1.0', `    o:\n      type: oauth2\n      flows:\n        authorizationCode: { ${URLS}, scopes: {} }\n`), { only: [RULE] });
    assert.deepEqual(findings[0].data, { scheme: 'o', flow: 'authorizationCode', version: '3.1' });
  });
});
