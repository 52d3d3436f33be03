import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { Finding } from '../../../server/src/core/engine/finding';
import { setLocale } from '../../../server/src/core/l10n/messages';
import type { Range } from '../../../server/src/core/model/lineIndex';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { CODE_RULES } from '../../../server/src/core/rules/code';
import { allRuleMeta } from '../../../server/src/core/rules/registry';
import { analyse, codeSettings } from './codeHarness';

const shopSpec = readFileSync(path.resolve(__dirname, '../../fixtures/code/specs/shop.yaml'), 'utf8');
const specs = { 'specs/shop.yaml': shopSpec };

function applyEdit(text: string, edit: { range: Range; newText: string }): string {
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

afterEach(() => setLocale('en'));

describe('code rules: registry', () => {
  test('the seven rules of RULES.md section F are registered with German titles and no spec versions', () => {
    const ids = CODE_RULES.map((rule) => rule.meta.id);
    assert.deepEqual(ids, ['code-http-url', 'code-tls-disabled', 'code-hardcoded-secret', 'code-credentials-in-url', 'code-undocumented-operation', 'code-auth-missing', 'code-unknown-api']);
    const registered = new Map(allRuleMeta().map((meta) => [meta.id, meta]));
    for (const rule of CODE_RULES) {
      const meta = registered.get(rule.meta.id);
      assert.ok(meta !== undefined, `${rule.meta.id} is not in allRuleMeta()`);
      assert.equal(meta.category, 'code');
      assert.deepEqual(meta.versions, []);
      assert.ok(meta.titleDe.length > 10 && meta.titleDe !== meta.title);
      assert.ok(meta.description.includes('## What it flags'));
    }
    assert.deepEqual(
      CODE_RULES.map((rule) => rule.meta.severity),
      ['error', 'error', 'error', 'error', 'warning', 'info', 'off'],
    );
  });
});

describe('code rules: settings', () => {
  const code = "fetch('http://api.partner.example/x');\nconst apiToken = 'q8X2v9LmP4rT7wZk1Nc3';\n";

  test('a configured severity replaces the default; off switches a rule off', async () => {
    const settings = codeSettings({ rules: { 'code-http-url': 'warning', 'code-hardcoded-secret': 'off' } });
    const result = await analyse('src/a.js', code, { settings });
    assert.deepEqual(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`), ['code-http-url:warning']);
  });

  test('code-unknown-api is off by default and reports information when switched on', async () => {
    const call = "fetch('https://api.partner.example/rates');\n";
    assert.equal((await analyse('src/a.js', call, { specs })).findings.length, 0);
    const on = await analyse('src/a.js', call, { specs, settings: codeSettings({ rules: { 'code-unknown-api': 'info' } }) });
    assert.deepEqual(on.findings.map((finding) => `${finding.ruleId}:${finding.severity}`), ['code-unknown-api:info']);
    assert.match(on.findings[0].message, /api\.partner\.example/);
  });

  test('allowedInsecureHosts turns a host into a hint, with port patterns', async () => {
    const settings = codeSettings({ allowedInsecureHosts: ['api.partner.example:8080'] });
    const result = await analyse('src/a.js', "fetch('http://api.partner.example:8080/x');\nfetch('http://api.partner.example/x');\nfetch('http://localhost/x');\n", { settings });
    assert.deepEqual(result.findings.map((finding) => finding.severity), ['hint', 'error', 'error']);
  });

  test('the entropy threshold applies to generic secrets, not to provider formats', async () => {
    const text = "const apiToken = 'q8X2v9LmP4rT7wZk1Nc3';\nconst stripe = 'sk_live_51Jq8ZpT2mVx9LcR4nB7wKe3H';\n";
    const strict = codeSettings();
    strict.code = { ...strict.code, secretEntropyThreshold: 5 };
    assert.equal((await analyse('src/a.js', text)).findings.length, 2);
    assert.deepEqual((await analyse('src/a.js', text, { settings: strict })).findings.map((finding) => finding.data?.kind), ['stripe-secret-key']);
  });

  test('URLs and file paths under a secret-like name are addresses at any entropy threshold', async () => {
    const text = "const apiToken = './auth/q8X2v9LmP4rT7wZk1';\nconst password = '../keys/q8X2v9LmP4rT7';\nconst secret = 'https://login.partner.example/q8X2v9Lm';\nconst apiKey = 'q8X2v9.LmP4rT7/wZk1';\n";
    const lenient = codeSettings();
    lenient.code = { ...lenient.code, secretEntropyThreshold: 0 };
    assert.deepEqual((await analyse('src/a.js', text, { settings: lenient })).findings.filter((finding) => finding.ruleId === 'code-hardcoded-secret').map((finding) => finding.range.start.line), [3]);
  });

  test('test files only with includeTests; dependencies and minified bundles never; code.enabled: false switches everything off', async () => {
    assert.equal((await analyse('src/__tests__/a.test.js', code)).findings.length, 0);
    assert.equal((await analyse('tests/test_api.py', "import requests\nrequests.get('http://api.partner.example')\n")).findings.length, 0);
    const withTests = codeSettings();
    withTests.code = { ...withTests.code, includeTests: true };
    assert.equal((await analyse('src/__tests__/a.test.js', code, { settings: withTests })).findings.length, 2);
    assert.equal((await analyse('node_modules/lib/a.js', code, { settings: withTests })).findings.length, 0);
    assert.equal((await analyse('vendor/guzzle/a.php', `<?php ${code}`, { settings: withTests })).findings.length, 0);
    assert.equal((await analyse('public/app.min.js', code)).findings.length, 0);
    const disabled = codeSettings();
    disabled.code = { ...disabled.code, enabled: false };
    const result = await analyse('src/a.js', code, { settings: disabled });
    assert.equal(result.findings.length, 0);
    assert.equal(result.callSites.length, 0);
  });

  test('files of other languages have no extraction', async () => {
    const result = await analyse('src/a.rb', "Net::HTTP.get(URI('http://api.partner.example'))");
    assert.equal(result.extraction, undefined);
    assert.equal(result.findings.length, 0);
  });
});

describe('code rules: quick fix data', () => {
  test('http → https in the literal, also through a constant used by several calls', async () => {
    const text = "const BASE = 'http://api.partner.example';\nfetch(BASE + '/a');\nfetch(`${BASE}/b`);\n";
    const findings = (await analyse('src/a.js', text)).findings;
    assert.equal(findings.length, 1, 'one finding on the constant, not one per call');
    assert.equal(findings[0].range.start.line, 0);
    const fixed = applyEdit(text, findings[0].data?.replacement as { range: Range; newText: string });
    assert.equal(fixed.split('\n')[0], "const BASE = 'https://api.partner.example';");
    assert.equal((await analyse('src/a.js', fixed)).findings.length, 0);
  });

  test('ws → wss', async () => {
    const text = "new WebSocket('ws://chat.example/live');";
    const finding = (await analyse('src/a.js', text)).findings[0];
    assert.equal(applyEdit(text, finding.data?.replacement as { range: Range; newText: string }), "new WebSocket('wss://chat.example/live');");
  });

  const tlsCases: { file: string; text: string; fixed: string }[] = [
    { file: 'a.js', text: 'new https.Agent({ rejectUnauthorized: false });', fixed: 'new https.Agent({ rejectUnauthorized: true });' },
    { file: 'a.js', text: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", fixed: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';" },
    { file: 'a.js', text: "superagent.get('https://a.example').disableTLSCerts().end();", fixed: "superagent.get('https://a.example').end();" },
    { file: 'a.py', text: "requests.get('https://a.example', verify=False)", fixed: "requests.get('https://a.example', verify=True)" },
    { file: 'a.py', text: "urllib3.PoolManager(cert_reqs='CERT_NONE')", fixed: "urllib3.PoolManager(cert_reqs='CERT_REQUIRED')" },
    { file: 'a.py', text: 'ctx = ssl._create_unverified_context()', fixed: 'ctx = ssl.create_default_context()' },
    { file: 'a.go', text: 'package a\nvar c = tls.Config{InsecureSkipVerify: true}', fixed: 'package a\nvar c = tls.Config{InsecureSkipVerify: false}' },
    { file: 'a.php', text: '<?php curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);', fixed: '<?php curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);' },
    { file: 'a.php', text: "<?php $c = new GuzzleHttp\\Client(['verify' => false]);", fixed: "<?php $c = new GuzzleHttp\\Client(['verify' => true]);" },
    { file: 'a.php', text: "<?php $http->withoutVerifying()->get('https://a.example');", fixed: "<?php $http->get('https://a.example');" },
  ];
  for (const { file, text, fixed } of tlsCases) {
    test(`TLS setting inverted or removed: ${text}`, async () => {
      const findings = only((await analyse(`src/${file}`, text)).findings, 'code-tls-disabled');
      assert.equal(findings.length, 1);
      const result = applyEdit(text, findings[0].data?.replacement as { range: Range; newText: string });
      assert.equal(result, fixed);
      assert.equal(only((await analyse(`src/${file}`, result)).findings, 'code-tls-disabled').length, 0);
    });
  }

  test('TLS settings without a literal to change have no replacement', async () => {
    const findings = (await analyse('src/A.cs', 'class A { void F() { handler.ServerCertificateCustomValidationCallback = (a, b, c, d) => true; } }')).findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0].data?.replacement, undefined);
  });

  test('a secret moves to an environment variable (JS/TS process.env, Python os.environ); other languages get no edit', async () => {
    const js = "const stripeSecretKey = 'sk_live_51Jq8ZpT2mVx9LcR4nB7wKe3H';";
    const jsFinding = (await analyse('src/a.ts', js)).findings[0];
    assert.equal(jsFinding.data?.environmentName, 'STRIPE_SECRET_KEY');
    assert.equal(applyEdit(js, jsFinding.data?.replacement as { range: Range; newText: string }), 'const stripeSecretKey = process.env.STRIPE_SECRET_KEY;');
    const py = "client = Client(api_key='Zx9kq2Lm4Pw7Rt8vB1')";
    const pyFinding = (await analyse('src/a.py', py)).findings[0];
    assert.equal(applyEdit(py, pyFinding.data?.replacement as { range: Range; newText: string }), 'client = Client(api_key=os.environ["API_KEY"])');
    assert.equal(pyFinding.data?.requiresImport, 'os');
    const go = 'package a\nconst apiSecret = "Zx9kq2Lm4Pw7Rt8vB1"';
    assert.equal((await analyse('src/a.go', go)).findings[0].data?.replacement, undefined);
  });

  test('the message masks the secret', async () => {
    const finding = (await analyse('src/a.js', "const apiToken = 'q8X2v9LmP4rT7wZk1Nc3';")).findings[0];
    assert.match(finding.message, /q8X2…/);
    assert.ok(!finding.message.includes('q8X2v9'));
  });
});

describe('code rules: undocumented operations and missing credentials', () => {
  test('"Add operation" data: API root, spec file, lower-case method, path template with named parameters', async () => {
    const text = "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.shop.example/v1', headers: { Authorization: t } });\napi.post(`/orders/${id}/refunds/${refundId}/lines`);\n";
    const finding = only((await analyse('src/a.ts', text, { specs })).findings, 'code-undocumented-operation')[0];
    assert.deepEqual(finding.data, {
      outcome: 'path-not-documented',
      apiRootUri: 'file:///ws/specs/shop.yaml',
      specFileUri: 'file:///ws/specs/shop.yaml',
      method: 'post',
      pathTemplate: '/orders/{orderId}/refunds/{refundId}/lines',
      pathParams: ['orderId', 'refundId'],
      serverUrl: 'https://api.shop.example/v1',
    });
    assert.equal(finding.related?.[0].uri, 'file:///ws/specs/shop.yaml');
    assert.equal(finding.related?.[0].range.start.line, shopSpec.split('\n').indexOf('paths:'));
    assert.equal(finding.range.start.line, 2);
  });

  test('method not documented: the data names the documented path', async () => {
    const text = "fetch('https://api.shop.example/v1/users/me', { method: 'DELETE', headers: { Authorization: t } });";
    const finding = only((await analyse('src/a.js', text, { specs })).findings, 'code-undocumented-operation')[0];
    assert.equal(finding.data?.outcome, 'method-not-documented');
    assert.equal(finding.data?.pathTemplate, '/users/me');
    assert.equal(finding.data?.method, 'delete');
    assert.match(finding.message, /documents only GET/);
  });

  test('no undocumented-operation finding for an unknown method or an unknown host', async () => {
    const text = "fetch('https://api.shop.example/v1/refunds', { method: verb });\nfetch(`${base}/refunds`);";
    assert.equal(only((await analyse('src/a.js', text, { specs })).findings, 'code-undocumented-operation').length, 0);
  });

  test('code-auth-missing respects public operations, x-api-guard-public and visible credentials', async () => {
    const spec = shopSpec.replace('  /users/me:\n    get:\n', '  /users/me:\n    get:\n      x-api-guard-public: true\n');
    const text = [
      "fetch('https://api.shop.example/v1/health');",
      "fetch('https://api.shop.example/v1/users/me');",
      "fetch('https://api.shop.example/v1/orders', { headers: { Authorization: token } });",
      "fetch('https://api.shop.example/v1/orders');",
    ].join('\n');
    const findings = only((await analyse('src/a.js', text, { specs: { 'specs/shop.yaml': spec } })).findings, 'code-auth-missing');
    assert.deepEqual(findings.map((finding) => finding.range.start.line), [3]);
    assert.equal(findings[0].severity, 'info');
    assert.match(findings[0].message, /listOrders.*bearerAuth/);
  });

  test('findings of a matched call carry relatedInformation at the operation', async () => {
    const text = "fetch('http://api.shop.example/v1/orders?token=' + t, { headers: { Authorization: t } });";
    const result = await analyse('src/a.js', text, { specs });
    const lines = shopSpec.split('\n');
    const getLine = lines.findIndex((line, index) => line === '    get:' && lines[index - 1] === '  /orders:');
    for (const ruleId of ['code-http-url', 'code-credentials-in-url']) {
      const finding = only(result.findings, ruleId)[0];
      assert.ok(finding !== undefined, ruleId);
      assert.equal(finding.related?.[0].uri, 'file:///ws/specs/shop.yaml');
      assert.equal(finding.related?.[0].range.start.line, getLine);
    }
  });
});

describe('code rules: fingerprints, suppressions and messages', () => {
  test('fingerprints survive unrelated edits and tell identical calls apart', async () => {
    const body = "fetch('http://api.partner.example/x');\nfetch('http://api.partner.example/x');\n";
    const before = (await analyse('src/a.js', body)).findings.map((finding) => finding.fingerprint);
    const after = (await analyse('src/a.js', `// a new first line\nconst unrelated = 1;\n\n${body.replace(/\n/g, '\n\n')}`)).findings.map((finding) => finding.fingerprint);
    assert.equal(new Set(before).size, 2);
    assert.deepEqual(after, before);
    const elsewhere = (await analyse('src/b.js', body)).findings.map((finding) => finding.fingerprint);
    assert.notDeepEqual(elsewhere, before);
  });

  test('a suppression above a multi-line call covers findings on its later lines', async () => {
    const text = "// api-guard-ignore code-http-url -- mock server\nawait fetch(\n  'http://mock.internal/x',\n);\n";
    const result = await analyse('src/a.js', text);
    assert.equal(result.findings.length, 0);
    assert.deepEqual(result.suppressed.map((finding) => [finding.ruleId, finding.suppressed?.reason]), [['code-http-url', 'mock server']]);
  });

  test('a suppression without a reason is reported as a hint in code too', async () => {
    const result = await analyse('src/a.py', "import requests\nrequests.get('http://mock.internal')  # api-guard-ignore code-http-url\n");
    assert.deepEqual(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}:${finding.range.start.line}`), ['ignore-reason-missing:hint:1']);
    assert.equal(result.suppressed.length, 1);
  });

  test('messages in German', async () => {
    setLocale('de');
    const result = await analyse('src/a.js', "fetch('http://api.partner.example/x');\nconst apiToken = 'q8X2v9LmP4rT7wZk1Nc3';\nnew https.Agent({ rejectUnauthorized: false });\n");
    assert.deepEqual(
      result.findings.map((finding) => finding.message.split(' ').slice(0, 3).join(' ')),
      ['Die Anfrage an', '"apiToken" wird auf', 'Die Zertifikatsprüfung ist'],
    );
  });
});
