import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mergeSettings } from '../../../server/src/core/config/loadConfig';
import { lintFolder } from '../../../server/src/node/lintFolder';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';

const UNPROTECTED = 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { $ref: "./parts/responses.yaml#/ok" }\n';

describe('lintFolder', () => {
  const folder = tempFolder({
    'api/shop.yaml': UNPROTECTED,
    'api/parts/responses.yaml': 'ok:\n  description: OK\n',
    'api/broken.yaml': 'openapi: 3.1.0\npaths: {\n',
    'ignored/shop.yaml': UNPROTECTED,
    'package.json': '{ "name": "not-an-api" }',
    '.gitignore': 'ignored/\n',
  });
  after(() => folder.remove());

  it('discovers, reads and analyses the folder', async () => {
    const result = await lintFolder(folder.path, mergeSettings());
    const shop = pathToUri(folder.file('api/shop.yaml'));
    const broken = pathToUri(folder.file('api/broken.yaml'));
    assert.ok(result.files.specs.includes(shop));
    assert.ok(!result.files.specs.some((uri) => uri.includes('/ignored/')));
    assert.ok(result.findings.some((finding) => finding.ruleId === 'auth-no-security-scheme' && finding.uri === shop));
    assert.ok(result.findings.some((finding) => finding.ruleId === 'spec-parse-error' && finding.uri === broken));
    assert.ok(result.analysis.isAnalysed(pathToUri(folder.file('api/parts/responses.yaml'))));
    assert.ok(!result.findings.some((finding) => finding.uri.endsWith('package.json')));
  });

  it('applies rule settings and the --rule filter', async () => {
    const off = await lintFolder(folder.path, mergeSettings({ rules: { 'auth-no-security-scheme': 'off' } }));
    assert.ok(!off.findings.some((finding) => finding.ruleId === 'auth-no-security-scheme'));
    const only = await lintFolder(folder.path, mergeSettings(), { only: new Set(['spec-parse-error']) });
    assert.ok(only.findings.length > 0);
    assert.ok(only.findings.every((finding) => finding.ruleId === 'spec-parse-error'));
  });

  it('analyses exactly the given files', async () => {
    const result = await lintFolder(folder.path, mergeSettings(), { files: [folder.file('ignored/shop.yaml')] });
    assert.deepEqual(result.files.specs, [pathToUri(folder.file('ignored/shop.yaml'))]);
    assert.ok(result.findings.length > 0);
    assert.ok(result.findings.every((finding) => finding.uri === pathToUri(folder.file('ignored/shop.yaml'))));
  });

  it('discovers only inside the given folders, with the globs and .gitignore of the whole folder', async () => {
    const result = await lintFolder(folder.path, mergeSettings(), { folders: [folder.file('api'), folder.file('ignored')], files: [folder.file('package.json')] });
    assert.deepEqual(result.files.specs, [
      pathToUri(folder.file('api/broken.yaml')),
      pathToUri(folder.file('api/parts/responses.yaml')),
      pathToUri(folder.file('api/shop.yaml')),
      pathToUri(folder.file('package.json')),
    ]);
  });

  it('keeps fingerprints relative to the folder, so that a moved checkout gives the same ones', async () => {
    const copy = tempFolder({ 'api/shop.yaml': UNPROTECTED, 'api/parts/responses.yaml': 'ok:\n  description: OK\n' });
    try {
      const first = await lintFolder(folder.path, mergeSettings(), { files: [folder.file('api/shop.yaml')] });
      const second = await lintFolder(copy.path, mergeSettings());
      assert.deepEqual(
        second.findings.map((finding) => finding.fingerprint),
        first.findings.map((finding) => finding.fingerprint),
      );
    } finally {
      copy.remove();
    }
  });
});
