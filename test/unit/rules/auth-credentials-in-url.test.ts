import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCredentialName, isCredentialNameByWords } from '../../../server/src/core/rules/auth/support/credentialName';
import { lintFiles } from '../helpers/lint';
import { seededRandom } from '../helpers/seededRandom';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-credentials-in-url';
type Version = '2.0' | '3.0' | '3.1' | '3.2';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1', '3.2'];

function header(version: Version): string {
  return `${version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}.0`}\ninfo: { title: Shop, version: "1" }\n`;
}

/** A parameter object in flow style, typed the way the version types parameters. */
function parameter(version: Version, name: string, location: string): string {
  const type = version === '2.0' ? 'type: string' : 'schema: { type: string }';
  return `{ name: ${JSON.stringify(name)}, in: ${location}, ${location === 'path' ? 'required: true, ' : ''}${type} }`;
}

const ok = '      responses:\n        "200": { description: OK }\n';

const perVersion = (version: Version): RuleCase[] => [
  {
    name: `${version}: credentials in query and path parameters`,
    files:
      header(version) +
      `paths:\n  /invites/{token}:\n    parameters:\n      - ${parameter(version, 'token', 'path')}\n    get:\n      parameters:\n        - ${parameter(version, 'access_token', 'query')}\n        - ${parameter(version, 'X-Api-Key', 'query')}\n${ok}`,
    expect: [
      { pointer: '/paths/~1invites~1{token}/parameters/0/name', severity: 'error', message: 'Path parameter "token" of GET /invites/{token} carries a credential in the URL' },
      { pointer: '/paths/~1invites~1{token}/get/parameters/0/name', message: 'Query parameter "access_token"', line: 8 },
      { pointer: '/paths/~1invites~1{token}/get/parameters/1/name', message: '"X-Api-Key"' },
    ],
  },
  {
    name: `${version}: pagination tokens, token ids, headers and cookies are fine`,
    files:
      header(version) +
      `paths:\n  /tokens/{tokenId}:\n    get:\n      parameters:\n        - ${parameter(version, 'tokenId', 'path')}\n        - ${parameter(version, 'pageToken', 'query')}\n        - ${parameter(version, 'next_page_token', 'query')}\n        - ${parameter(version, 'Authorization', 'header')}\n        - ${parameter(version, version === '2.0' ? 'password' : 'session_token', version === '2.0' ? 'formData' : 'cookie')}\n${ok}`,
    expect: [],
  },
];

ruleTable(RULE, [
  ...VERSIONS.flatMap(perVersion),
  {
    name: 'a path-level parameter shared by several operations is reported once',
    files: header('3.1') + `paths:\n  /files:\n    parameters:\n      - ${parameter('3.1', 'sig', 'query')}\n    get:\n${ok}    delete:\n${ok}`,
    expect: [{ pointer: '/paths/~1files/parameters/0/name', message: 'Query parameter "sig" of GET /files' }],
  },
  {
    name: 'a referenced component parameter is reported once where it is defined',
    files:
      header('3.0') +
      `components:\n  parameters:\n    Secret:\n      name: client_secret\n      in: query\n      schema: { type: string }\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/Secret"\n${ok}  /b:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/Secret"\n${ok}`,
    expect: [{ pointer: '/components/parameters/Secret/name', line: 5 }],
  },
  {
    name: 'an unused component parameter is not reported',
    files: header('3.1') + `components:\n  parameters:\n    Secret: ${parameter('3.1', 'password', 'query')}\npaths: {}\n`,
    expect: [],
  },
  {
    name: '3.2: a querystring parameter has no name of its own in the URL',
    files: header('3.2') + `paths:\n  /search:\n    get:\n      parameters:\n        - { name: token, in: querystring, content: { application/x-www-form-urlencoded: { schema: { type: object } } } }\n${ok}`,
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 'x', version: '1' },
        paths: { '/login': { get: { parameters: [{ name: 'password', in: 'query', type: 'string' }], responses: { '200': { description: 'OK' } } } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1login/get/parameters/0/name', line: 11 }],
  },
  {
    name: 'multi-file: a parameter defined in another file',
    files: {
      'api.yaml': header('3.1') + `paths:\n  /reports:\n    get:\n      parameters:\n        - $ref: "params.yaml#/ApiKey"\n${ok}`,
      'params.yaml': 'ApiKey:\n  name: apikey\n  in: query\n  schema: { type: string }\n',
    },
    expect: [{ pointer: '/ApiKey/name', file: 'params.yaml', line: 1 }],
  },
  {
    name: 'suppressed by a comment above the parameter and by x-api-guard-ignore',
    files:
      header('3.0') +
      `paths:\n  /download:\n    get:\n      parameters:\n        # api-guard-ignore auth-credentials-in-url -- short-lived signed download link\n        - { name: signature, in: query, schema: { type: string } }\n        - name: token\n          in: query\n          x-api-guard-ignore: [auth-credentials-in-url]\n          schema: { type: string }\n${ok}`,
    expect: [],
    suppressed: [{ pointer: '/paths/~1download/get/parameters/0/name' }, { pointer: '/paths/~1download/get/parameters/1/name' }],
  },
]);

/** Which names the rule flags, checked through the rule itself on one query parameter each. */
const NAME_TABLE: [string, boolean][] = [
  ['token', true],
  ['Token', true],
  ['access_token', true],
  ['accessToken', true],
  ['accesstoken', true],
  ['oauth_token', true],
  ['id_token', true],
  ['refresh-token', true],
  ['api_key', true],
  ['apiKey', true],
  ['APIKey', true],
  ['apikey', true],
  ['api-key', true],
  ['X-API-KEY', true],
  ['secret_key', true],
  ['subscription-key', true],
  ['password', true],
  ['userPassword', true],
  ['secret', true],
  ['client_secret', true],
  ['clientSecret', true],
  ['sig', true],
  ['signature', true],
  ['X-Amz-Signature', true],
  ['pageToken', false],
  ['page_token', false],
  ['nextPageToken', false],
  ['NextToken', false],
  ['continuationToken', false],
  ['syncToken', false],
  ['cursor', false],
  ['tokenId', false],
  ['token_type_hint', false],
  ['signature_method', false],
  ['password_policy', false],
  ['key', false],
  ['access_key', false],
  ['sort_key', false],
  ['monkey', false],
  ['design', false],
  ['tokens', false],
];

describe(`${RULE} name matching`, () => {
  it('flags credential names and leaves pagination tokens and look-alikes alone', () => {
    const parameters = NAME_TABLE.map(([name]) => `        - ${parameter('3.1', name, 'query')}\n`).join('');
    const { findings } = lintFiles(header('3.1') + `paths:\n  /a:\n    get:\n      parameters:\n${parameters}${ok}`, { only: [RULE] });
    const flagged = new Set(findings.map((finding) => finding.data?.name));
    const mismatches = NAME_TABLE.filter(([name, expected]) => flagged.has(name) !== expected).map(([name, expected]) => `${name}: expected ${expected ? '' : 'not '}flagged`);
    assert.deepEqual(mismatches, []);
  });

  it('answers every name as the split into words does, the names it answers without splitting them included', () => {
    const pieces = ['token', 'Token', 'TOKEN', 'pass', 'Password', 'passwd', 'secret', 'Secret', 'sig', 'Signature', 'key', 'Key', 'KEY', 'api', 'Api', 'API',
      'access', 'client', 'page', 'Next', 'name', 'space', 'id', 'x', '_', '-', '.', ' ', '0', 'ä', '\u212a', 'İ', 'to', 'ken', 'K', 'e', 'y'];
    const next = seededRandom(3);
    const names = NAME_TABLE.map(([name]) => name);
    for (let index = 0; index < 20_000; index++) {
      let name = '';
      const length = 1 + Math.floor(next() * 5);
      for (let at = 0; at < length; at++) name += pieces[Math.floor(next() * pieces.length)];
      names.push(name);
    }
    let credentials = 0;
    for (const name of names) {
      const expected = isCredentialNameByWords(name);
      assert.equal(isCredentialName(name), expected, name);
      if (expected) credentials++;
    }
    assert.ok(credentials > 1000, `${credentials} credential names among the random ones`);
  });

  it('puts name, location and the first operation into the data', () => {
    const { findings } = lintFiles(header('2.0') + `paths:\n  /a:\n    post:\n      parameters:\n        - ${parameter('2.0', 'apikey', 'query')}\n${ok}`, { only: [RULE] });
    assert.deepEqual(findings[0].data, { name: 'apikey', in: 'query', method: 'post', path: '/a' });
  });
});
