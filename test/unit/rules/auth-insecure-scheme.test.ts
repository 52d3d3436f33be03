import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-insecure-scheme';

function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

function spec20(definitions: string): string {
  return `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n${definitions}paths: {}\n`;
}

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: digest, negotiate and OAuth 1.0 (http scheme OAuth)`,
    files: spec3(
      version,
      '    digestAuth: { type: http, scheme: digest }\n    kerberos: { type: http, scheme: Negotiate }\n    oauth1: { type: http, scheme: OAuth }\n',
    ),
    expect: [
      { pointer: '/components/securitySchemes/digestAuth', severity: 'error', message: 'Security scheme "digestAuth" uses HTTP Digest authentication' },
      { pointer: '/components/securitySchemes/kerberos', message: 'uses HTTP Negotiate (SPNEGO)' },
      { pointer: '/components/securitySchemes/oauth1', message: 'uses OAuth 1.0' },
    ],
  },
  {
    name: `${version}: OAuth 1.0 written as an API key carrying an OAuth 1.0 parameter`,
    files: spec3(version, '    signed: { type: apiKey, name: oauth_signature, in: query }\n    plain: { type: apiKey, name: X-Key, in: header }\n'),
    expect: [{ pointer: '/components/securitySchemes/signed', message: '"signed" uses OAuth 1.0' }],
  },
  {
    name: `${version}: bearer, basic, OAuth2 and mutual TLS are not flagged here`,
    files: spec3(
      version,
      '    bearer: { type: http, scheme: bearer }\n    basic: { type: http, scheme: basic }\n    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "https://a.example.com/t", scopes: {} } } }\n    mtls: { type: mutualTLS }\n',
    ),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: '2.0: OAuth 1.0 described as an API key with oauth_token',
    files: spec20('  trello:\n    type: apiKey\n    name: oauth_token\n    in: header\n  key: { type: apiKey, name: key, in: query }\n'),
    expect: [{ pointer: '/securityDefinitions/trello', message: 'uses OAuth 1.0', line: 3 }],
  },
  {
    name: '2.0: a 3.x-style http scheme is not read in 2.0',
    files: spec20('  digestAuth: { type: http, scheme: digest }\n  basicAuth: { type: basic }\n'),
    expect: [],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, components: { securitySchemes: { d: { type: 'http', scheme: 'DIGEST' } } }, paths: {} }, null, 2),
    expect: [{ pointer: '/components/securitySchemes/d', line: 8 }],
  },
  {
    name: 'multi-file: a referenced scheme is reported in its own file',
    files: {
      'api.yaml': spec3('3.1.0', '    legacy:\n      $ref: "./schemes/legacy.yaml#/digest"\n'),
      'schemes/legacy.yaml': 'digest:\n  type: http\n  scheme: digest\n',
    },
    expect: [{ pointer: '/digest', file: 'schemes/legacy.yaml', line: 0 }],
  },
  {
    name: 'suppressed by a comment and by x-api-guard-ignore',
    files: spec3(
      '3.0.3',
      '    # api-guard-ignore auth-insecure-scheme -- intranet only\n    kerberos: { type: http, scheme: negotiate }\n    digest: { type: http, scheme: digest, x-api-guard-ignore: [auth-insecure-scheme] }\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/kerberos' }, { pointer: '/components/securitySchemes/digest' }],
  },
]);

describe(`${RULE} data`, () => {
  it('says which kind of insecure scheme it is', () => {
    const { findings } = lintFiles(spec3('3.1.0', '    a: { type: http, scheme: digest }\n    b: { type: apiKey, name: OAUTH_CONSUMER_KEY, in: query }\n'), { only: [RULE] });
    assert.deepEqual(
      findings.map((finding) => finding.data),
      [
        { scheme: 'a', kind: 'digest', version: '3.1' },
        { scheme: 'b', kind: 'oauth1', version: '3.1' },
      ],
    );
  });
});
