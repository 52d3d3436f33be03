import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeFileKind } from '../../../server/src/core/code/codeFiles';
import { codeLanguageOf } from '../../../server/src/core/code/languages';
import { credentialPart, isPlaceholderSecret, isSecretName, maskSecret, mayBeGenericSecret, providerFormatOf, shannonEntropy } from '../../../server/src/core/code/secrets';
import { credentialsInUrl, joinUrl, parseUrlTemplate } from '../../../server/src/core/code/urlTemplate';

describe('secret facts', () => {
  test('provider formats', () => {
    const cases: [string, string | undefined][] = [
      ['AKIA4QWERTYUIOPASDFG', 'aws-access-key-id'],
      ['sk_live_51Jq8ZpT2mVx9LcR4nB7wKe3H', 'stripe-secret-key'],
      ['rk_live_51Jq8ZpT2mVx9LcR4nB7wKe3H', 'stripe-secret-key'],
      ['sk_test_51Jq8ZpT2mVx9LcR4nB7wKe3H', undefined],
      ['ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5', 'github-token'],
      ['github_pat_11AB3DE5FG7HJ9KL1MN3PQ_5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7', 'github-token'],
      ['xoxb-2048675309-5551234567890-AbCdEfGhIjKlMnOpQrStUvWx', 'slack-token'],
      ['AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', 'google-api-key'],
      ['SG.aB3dE5fG7hJ9kL1mN3pQ5r.S7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7', 'sendgrid-api-key'],
      ['sk-proj-aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3', 'openai-api-key'],
      ['sk-ant-api03-aB3dE5fG7hJ9kL1mN3pQ5rS7tU9', 'anthropic-api-key'],
      ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIn0.c2lnbmF0dXJl', 'jwt'],
      ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA', 'private-key'],
      ['-----BEGIN PUBLIC KEY-----', undefined],
      ['hello world', undefined],
    ];
    for (const [value, id] of cases) assert.equal(providerFormatOf(value)?.id, id, value);
    assert.equal(providerFormatOf('wJalrXUtnFEMI/K7MDENG/bPxRfiCYq3k9Lm2Np8', 'AWS_SECRET_ACCESS_KEY')?.id, 'aws-secret-access-key');
    assert.equal(providerFormatOf('wJalrXUtnFEMI/K7MDENG/bPxRfiCYq3k9Lm2Np8', 'checksum'), undefined);
  });

  test('secret-like names, and names that only look like them', () => {
    for (const name of ['apiKey', 'API_KEY', 'x-api-key', 'authToken', 'Authorization', 'client_secret', 'password', 'db_passwd', 'PWD', 'privateKey', 'credentials', 'Bearer']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['author', 'tokenUrl', 'auth_endpoint', 'passwordPolicy', 'secretPath', 'cancelToken', 'tokenizer', 'name', 'url']) {
      assert.ok(!isSecretName(name), name);
    }
  });

  test('placeholders are never secrets', () => {
    for (const value of ['${API_KEY}', '{{ secrets.token }}', '<your-token>', '%API_TOKEN%', 'xxxxxxxxxxxx', 'changeme', 'your-api-key', 'my-example-key-123', 'test_token_123456', 'dummy-secret-value-9', '123e4567-e89b-12d3-a456-426614174000', 'some_plain-words.only', '$API_KEY']) {
      assert.ok(isPlaceholderSecret(value), value);
    }
    for (const value of ['q8X2v9LmP4rT7wZk1Nc3', 'Tr0ub4dor-3x!', 'Zx9kq2Lm4Pw7Rt8vB1']) assert.ok(!isPlaceholderSecret(value), value);
  });

  test('a literal that no entropy threshold can make a credential', () => {
    // Too short, white space, placeholders, plain words, URLs and paths, also after a header prefix.
    for (const value of ['q8X2v9LmP', 'a long description', 'Bearer ', 'Bearer q8X2v9LmP', 'properties.authToken', 'your-api-key', '${API_KEY}', 'https://auth.example/token', '/oauth/token/q8X2v9', './auth/httpAuthSchemeProvider', '../tokens/q8X2v9LmP4', 'Standard_v', '']) {
      assert.ok(!mayBeGenericSecret(value), value);
    }
    // Anything else is left to the entropy threshold, which may be as low as 0.
    for (const value of ['q8X2v9LmP4', 'Standard_v2', 'Bearer q8X2v9LmP4rT', 'aaaaaaaaaa1', 'Tr0ub4dor-3x!']) assert.ok(mayBeGenericSecret(value), value);
  });

  test('entropy, header prefixes and masking', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy('q8X2v9LmP4rT7wZk1Nc3') > 4);
    assert.equal(credentialPart('Bearer abc.def'), 'abc.def');
    assert.equal(credentialPart('Basic dXNlcjpwYXNz'), 'dXNlcjpwYXNz');
    assert.equal(maskSecret('sk_live_51Jq8ZpT2'), 'sk_l…');
    assert.equal(maskSecret('😀😀😀😀😀'), '😀😀😀😀…');
  });
});

describe('URL templates', () => {
  test('parts of absolute, scheme-relative, relative and templated URLs', () => {
    assert.deepEqual(parseUrlTemplate('https://user:pw@API.example:8443/v1/a?x=1#f'), {
      scheme: 'https',
      userinfo: 'user:pw',
      userinfoOffset: 8,
      host: 'api.example:8443',
      path: '/v1/a',
      query: 'x=1',
      queryOffset: 38,
    });
    assert.equal(parseUrlTemplate('//cdn.example/x').host, 'cdn.example');
    assert.equal(parseUrlTemplate('/orders/{*}').host, undefined);
    assert.equal(parseUrlTemplate('{*}/orders').path, '{*}/orders');
    assert.equal(parseUrlTemplate('https://{*}/orders').host, '{*}');
  });

  test('joining a base and a path', () => {
    assert.equal(joinUrl('https://a.example/v1', '/x'), 'https://a.example/v1/x');
    assert.equal(joinUrl('https://a.example/v1/', '/x'), 'https://a.example/v1/x');
    assert.equal(joinUrl('https://a.example/v1', 'x'), 'https://a.example/v1/x');
    assert.equal(joinUrl('https://a.example/v1', '?q=1'), 'https://a.example/v1?q=1');
    assert.equal(joinUrl('https://a.example/v1', 'https://b.example/y'), 'https://b.example/y');
  });

  test('credentials in URLs', () => {
    assert.deepEqual(credentialsInUrl('https://admin:s3cret@a.example/x'), [{ kind: 'userinfo', offset: 8 }]);
    assert.deepEqual(credentialsInUrl('https://admin@a.example/x'), []);
    assert.deepEqual(credentialsInUrl('https://user:<password>@a.example/x'), []);
    assert.deepEqual(
      credentialsInUrl('https://a.example/x?page=2&api_key={*}&Signature=abc&token='),
      [
        { kind: 'query', name: 'api_key', offset: 27 },
        { kind: 'query', name: 'signature', offset: 39 },
      ],
    );
  });
});

describe('code files', () => {
  test('languages from the editor language id or the extension', () => {
    assert.equal(codeLanguageOf('file:///a/x.ts'), 'typescript');
    assert.equal(codeLanguageOf('file:///a/x.tsx'), 'tsx');
    assert.equal(codeLanguageOf('file:///a/x.tsx', 'typescript'), 'tsx');
    assert.equal(codeLanguageOf('file:///a/x', 'typescriptreact'), 'tsx');
    assert.equal(codeLanguageOf('file:///a/x.jsx'), 'javascript');
    assert.equal(codeLanguageOf('file:///a/x.mjs'), 'javascript');
    assert.equal(codeLanguageOf('untitled:Untitled-1', 'python'), 'python');
    assert.equal(codeLanguageOf('file:///a/X.cs'), 'csharp');
    assert.equal(codeLanguageOf('file:///a/x.go'), 'go');
    assert.equal(codeLanguageOf('file:///a/x.php'), 'php');
    assert.equal(codeLanguageOf('file:///a/X.java'), 'java');
    assert.equal(codeLanguageOf('file:///a/x.rb'), undefined);
    assert.equal(codeLanguageOf('file:///a/x.yaml', 'yaml'), undefined);
  });

  test('sources, tests, dependencies and minified bundles', () => {
    const kinds: [string, string][] = [
      ['file:///ws/src/api/client.ts', 'source'],
      ['file:///ws/src/api/client.test.ts', 'test'],
      ['file:///ws/src/api/client.spec.js', 'test'],
      ['file:///ws/tests/test_client.py', 'test'],
      ['file:///ws/pkg/client_test.go', 'test'],
      ['file:///ws/src/test/java/ClientTest.java', 'test'],
      ['file:///ws/Shop.Tests/ClientTests.cs', 'test'],
      ['file:///ws/node_modules/axios/index.js', 'dependency'],
      ['file:///ws/vendor/guzzlehttp/guzzle/src/Client.php', 'dependency'],
      ['file:///ws/public/app.min.js', 'minified'],
    ];
    for (const [uri, kind] of kinds) assert.equal(codeFileKind(uri), kind, uri);
    assert.equal(codeFileKind('file:///ws/public/bundle.js', `var a=1;${'x'.repeat(6000)}`), 'minified');
  });
});
