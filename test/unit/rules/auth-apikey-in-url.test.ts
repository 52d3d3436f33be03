import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixTable } from '../helpers/fixTable';
import { lintFiles } from '../helpers/lint';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const RULE = 'auth-apikey-in-url';

function spec3(version: string, schemes: string): string {
  return `openapi: ${version}\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n${schemes}paths: {}\n`;
}

function spec20(definitions: string): string {
  return `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nsecurityDefinitions:\n${definitions}paths: {}\n`;
}

const per3 = (version: string): RuleCase[] => [
  {
    name: `${version}: API keys in the query and in the path`,
    files: spec3(version, '    queryKey:\n      type: apiKey\n      name: api_key\n      in: query\n    pathKey: { type: apiKey, name: key, in: path }\n'),
    expect: [
      { pointer: '/components/securitySchemes/queryKey/in', severity: 'error', message: 'API key scheme "queryKey" sends the key "api_key" in the query string', line: 7 },
      { pointer: '/components/securitySchemes/pathKey/in', message: 'in the URL path' },
    ],
  },
  {
    name: `${version}: API keys in a header or a cookie`,
    files: spec3(version, '    header: { type: apiKey, name: X-Key, in: header }\n    cookie: { type: apiKey, name: session, in: cookie }\n    notKey: { type: http, scheme: bearer, in: query }\n'),
    expect: [],
  },
];

ruleTable(RULE, [
  {
    name: '2.0: an API key in the query',
    files: spec20('  key:\n    type: apiKey\n    in: query\n    name: api-key\n  header: { type: apiKey, in: header, name: X-Key }\n'),
    expect: [{ pointer: '/securityDefinitions/key/in', message: '"api-key" in the query string', line: 5 }],
  },
  ...per3('3.0.3'),
  ...per3('3.1.0'),
  ...per3('3.2.0'),
  {
    name: 'JSON document',
    files: JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, securityDefinitions: { k: { type: 'apiKey', name: 'token', in: 'query' } }, paths: {} }, null, 2),
    expect: [{ pointer: '/securityDefinitions/k/in', line: 10 }],
  },
  {
    name: 'multi-file: the `in` of a referenced scheme is in the other file',
    files: {
      'api.yaml': spec3('3.1.0', '    key:\n      $ref: "common.yaml#/components/securitySchemes/key"\n'),
      'common.yaml': 'components:\n  securitySchemes:\n    key:\n      type: apiKey\n      name: key\n      in: query\n',
    },
    expect: [{ pointer: '/components/securitySchemes/key/in', file: 'common.yaml', line: 5 }],
  },
  {
    name: 'suppressed by a trailing comment and by x-api-guard-ignore',
    files: spec3(
      '3.0.3',
      '    a:\n      type: apiKey\n      name: key\n      in: query # api-guard-ignore auth-apikey-in-url -- public read-only key\n    b:\n      x-api-guard-ignore: [auth-apikey-in-url]\n      type: apiKey\n      name: key\n      in: query\n',
    ),
    expect: [],
    suppressed: [{ pointer: '/components/securitySchemes/a/in' }, { pointer: '/components/securitySchemes/b/in' }],
  },
]);

describe(`${RULE} data`, () => {
  it('keeps the scheme, the parameter name and the location for the quick fix', () => {
    const { findings } = lintFiles(spec20('  key: { type: apiKey, name: api_key, in: query }\n'), { only: [RULE] });
    assert.deepEqual(findings[0].data, { scheme: 'key', name: 'api_key', in: 'query', version: '2.0' });
    assert.equal(findings[0].related, undefined);
  });
});

fixTable(RULE, [
  {
    name: '3.1 block YAML: in: query becomes in: header, the name is kept',
    files: spec3('3.1.0', '    queryKey:\n      type: apiKey\n      name: api_key\n      in: query   # legacy clients\n'),
    offered: ['Send the key "api_key" in a request header (in: header)'],
    after: spec3('3.1.0', '    queryKey:\n      type: apiKey\n      name: api_key\n      in: header   # legacy clients\n'),
  },
  {
    name: '3.0 flow style, an API key in the path, quoted',
    files: spec3('3.0.3', "    pathKey: { type: apiKey, name: key, in: 'path' }\n"),
    after: spec3('3.0.3', "    pathKey: { type: apiKey, name: key, in: 'header' }\n"),
  },
  {
    name: '2.0 YAML with CRLF line endings',
    files: spec20('  key:\n    type: apiKey\n    in: query\n    name: api-key\n').replace(/\n/g, '\r\n'),
    after: spec20('  key:\n    type: apiKey\n    in: header\n    name: api-key\n').replace(/\n/g, '\r\n'),
  },
  {
    name: '3.2 JSON',
    files: '{"openapi": "3.2.0", "info": {"title": "Shop", "version": "1"}, "components": {"securitySchemes": {"key": {"type": "apiKey", "name": "k", "in": "query"}}}, "paths": {}}',
    after: '{"openapi": "3.2.0", "info": {"title": "Shop", "version": "1"}, "components": {"securitySchemes": {"key": {"type": "apiKey", "name": "k", "in": "header"}}}, "paths": {}}',
  },
  {
    name: 'multi-file: the scheme is changed in the file that defines it',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ncomponents:\n  securitySchemes:\n    key:\n      $ref: "schemes.yaml#/key"\npaths: {}\n',
      'schemes.yaml': 'key:\n  type: apiKey\n  name: token\n  in: query\n',
    },
    after: { 'schemes.yaml': 'key:\n  type: apiKey\n  name: token\n  in: header\n' },
  },
]);
