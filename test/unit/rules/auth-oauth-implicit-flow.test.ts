import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { fixTable } from '../helpers/fixTable';
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

/** A 3.x scheme `oauth` with the given flows (block YAML lines under `flows:`). */
const oauth3 = (version: string, flows: string) => spec3(version, `    oauth:\n      type: oauth2\n      flows:\n${flows}`);

fixTable(RULE, [
  {
    name: '3.1 block YAML: implicit becomes authorizationCode; the token endpoint comes from the password flow',
    files: oauth3('3.1.0', '        implicit:\n          authorizationUrl: https://auth.example.com/oauth/authorize\n          scopes:\n            read: Read\n        password:\n          tokenUrl: https://auth.example.com/oauth/token\n          scopes: {}\n'),
    pointer: '/components/securitySchemes/oauth/flows/implicit',
    offered: ['Replace the implicit flow with authorizationCode'],
    after: oauth3('3.1.0', '        authorizationCode:\n          authorizationUrl: https://auth.example.com/oauth/authorize\n          tokenUrl: https://auth.example.com/oauth/token\n          scopes:\n            read: Read\n        password:\n          tokenUrl: https://auth.example.com/oauth/token\n          scopes: {}\n'),
  },
  {
    name: '3.0 flow style: a guessed token endpoint beside the authorisation endpoint',
    files: oauth3('3.0.3', '        "implicit": {authorizationUrl: "https://auth.example.com/oauth/authorize?prompt=login", scopes: {read: Read}}\n'),
    title: 'tokenUrl guessed as https://auth.example.com/oauth/token',
    after: oauth3('3.0.3', '        "authorizationCode": {authorizationUrl: "https://auth.example.com/oauth/authorize?prompt=login", tokenUrl: https://auth.example.com/oauth/token, scopes: {read: Read}}\n'),
  },
  {
    name: '3.2: a password flow gets the authorisation endpoint of the implicit flow, at its start',
    files: oauth3('3.2.0', '        password:\n          tokenUrl: https://auth.example.com/token\n          scopes: { write: Write }\n        implicit:\n          authorizationUrl: https://auth.example.com/authorize\n          scopes: { read: Read }\n'),
    pointer: '/components/securitySchemes/oauth/flows/password',
    after: oauth3('3.2.0', '        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes: { write: Write }\n        implicit:\n          authorizationUrl: https://auth.example.com/authorize\n          scopes: { read: Read }\n'),
  },
  {
    name: '3.1: with a code flow already there the deprecated flow goes and its scopes move over',
    files: oauth3('3.1.0', '        implicit:\n          authorizationUrl: https://auth.example.com/authorize\n          scopes: { read: Read, admin: Administer }\n        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes:\n            read: Read\n'),
    offered: ['Remove the implicit flow and define its scopes in the existing authorizationCode flow'],
    after: oauth3('3.1.0', '        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes:\n            read: Read\n            admin: Administer\n'),
  },
  {
    name: '2.0 YAML with CRLF: flow implicit becomes accessCode with the token endpoint of another scheme',
    files: spec20('  implicitAuth:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://auth.example.com/authorize\n    scopes: { read: Read }\n  codeAuth:\n    type: oauth2\n    flow: accessCode\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    scopes: { read: Read }\n').replace(/\n/g, '\r\n'),
    after: spec20('  implicitAuth:\n    type: oauth2\n    flow: accessCode\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    scopes: { read: Read }\n  codeAuth:\n    type: oauth2\n    flow: accessCode\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    scopes: { read: Read }\n').replace(/\n/g, '\r\n'),
  },
  {
    name: '2.0 JSON: flow password becomes accessCode with a guessed authorisation endpoint after flow',
    files: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "securityDefinitions": {\n    "petstore_auth": {\n      "type": "oauth2",\n      "flow": "password",\n      "tokenUrl": "https://auth.example.com/oauth/token",\n      "scopes": {"read": "Read"}\n    }\n  },\n  "paths": {}\n}\n',
    title: 'authorizationUrl guessed',
    after: '{\n  "swagger": "2.0",\n  "info": {"title": "Shop", "version": "1"},\n  "securityDefinitions": {\n    "petstore_auth": {\n      "type": "oauth2",\n      "flow": "accessCode",\n      "authorizationUrl": "https://auth.example.com/oauth/authorize",\n      "tokenUrl": "https://auth.example.com/oauth/token",\n      "scopes": {"read": "Read"}\n    }\n  },\n  "paths": {}\n}\n',
  },
  {
    name: 'multi-file: the scheme is rewritten in the file that defines it',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n    oauth:\n      $ref: "auth.yaml"\npaths: {}\n',
      'auth.yaml': 'type: oauth2\nflows:\n  implicit:\n    authorizationUrl: https://auth.example.com/authorize\n    scopes: {}\n  clientCredentials:\n    tokenUrl: https://auth.example.com/token\n    scopes: {}\n',
    },
    after: { 'auth.yaml': 'type: oauth2\nflows:\n  authorizationCode:\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    scopes: {}\n  clientCredentials:\n    tokenUrl: https://auth.example.com/token\n    scopes: {}\n' },
  },
]);

describe(`${RULE} quick fix limits`, () => {
  const proposalsFor = (files: string, pointer?: string) => {
    const outcome = lintFiles(files, { only: [RULE] });
    const finding = outcome.findings.find((candidate) => pointer === undefined || candidate.pointer === pointer);
    assert.ok(finding);
    return ruleFixes(outcome.analysis, finding);
  };

  it('is preferred and safe when the document states both endpoints, offered for review when one is guessed', () => {
    const stated = proposalsFor(spec20('  a:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    scopes: {}\n'));
    assert.deepEqual(stated.map((p) => [p.title, p.isPreferred, p.safe]), [['Replace the implicit flow with accessCode', true, true]]);
    const guessed = proposalsFor(spec20('  a:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://auth.example.com\n    scopes: {}\n'));
    assert.deepEqual(guessed.map((p) => [p.title, p.isPreferred, p.safe]), [
      ['Replace the implicit flow with accessCode (tokenUrl guessed as https://auth.example.com/token: check it)', false, false],
    ]);
  });

  it('is not offered while an endpoint is clear-text HTTP, except on an allowed host', () => {
    const flow = (url: string) => oauth3('3.1.0', `        implicit:\n          authorizationUrl: ${url}\n          scopes: {}\n`);
    assert.deepEqual(proposalsFor(flow('http://auth.shop.test/authorize')), []);
    assert.equal(proposalsFor(flow('http://localhost:8080/authorize')).length, 1);
  });

  it('is not offered for a flow with keys a code flow does not allow, or without scopes', () => {
    assert.deepEqual(proposalsFor(oauth3('3.0.3', '        implicit:\n          authorizationUrl: https://a.example.com/a\n          deviceUrl: https://a.example.com/d\n          scopes: {}\n')), []);
    assert.deepEqual(proposalsFor(oauth3('3.0.3', '        implicit:\n          authorizationUrl: https://a.example.com/a\n')), []);
  });
});
