import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { mergeSettings } from '../../../server/src/core/config/loadConfig';
import { discoverFiles } from '../../../server/src/node/discoverFiles';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';

describe('discoverFiles', () => {
  const folder = tempFolder({
    'api/orders.yaml': 'openapi: 3.1.0\n',
    'api/schemas.json': '{}',
    'api/notes.txt': 'not a candidate',
    'README.md': '# readme',
    '.api-guard.yaml': 'rules: {}\n',
    'node_modules/lib/openapi.yaml': 'openapi: 3.0.0\n',
    'dist/bundle.yaml': 'openapi: 3.0.0\n',
    '.gitignore': 'generated/\n*.local.yaml\n!keep.local.yaml\n',
    'generated/out.yaml': 'openapi: 3.0.0\n',
    'api/dev.local.yaml': 'x: 1\n',
    'api/keep.local.yaml': 'x: 1\n',
    'services/.gitignore': 'private.yaml\n',
    'services/private.yaml': 'x: 1\n',
    'services/public.yaml': 'x: 1\n',
    'private.yaml': 'x: 1\n',
    'src/client.ts': 'fetch("/orders")',
    'src/client.test.ts': 'test',
    'src/legacy.min.js': 'minified',
    'src/types.d.ts': 'declare function fetch(url: string): Promise<unknown>;',
    'src/esm.d.mts': 'export {};',
    'src/tests/helper.py': 'pass',
    'src/__tests__/a.js': '',
    'src/api_test.go': '',
    'src/test_api.py': '',
    'src/OrderTest.java': '',
    'src/OrderTests.cs': '',
    'src/main.go': '',
    'src/Order.java': '',
    'src/app.py': '',
    'src/index.php': '',
  });
  after(() => folder.remove());
  const uris = (...paths: string[]) => paths.map((path) => pathToUri(folder.file(path))).sort();

  it('finds spec candidates and code files (no minified bundles or declaration files), honouring excludes and nested .gitignore files', async () => {
    const files = await discoverFiles(folder.path, mergeSettings());
    assert.deepEqual(files.specs, uris('api/orders.yaml', 'api/schemas.json', 'api/keep.local.yaml', 'services/public.yaml', 'private.yaml'));
    assert.deepEqual(files.code, uris('src/client.ts', 'src/main.go', 'src/Order.java', 'src/app.py', 'src/index.php'));
  });

  it('includes test files when code.includeTests is set', async () => {
    const files = await discoverFiles(folder.path, mergeSettings({ code: { includeTests: true } }));
    assert.deepEqual(
      files.code,
      uris(
        'src/client.ts',
        'src/client.test.ts',
        'src/tests/helper.py',
        'src/__tests__/a.js',
        'src/api_test.go',
        'src/test_api.py',
        'src/OrderTest.java',
        'src/OrderTests.cs',
        'src/main.go',
        'src/Order.java',
        'src/app.py',
        'src/index.php',
      ),
    );
  });

  it('applies the include and exclude globs of the settings', async () => {
    const files = await discoverFiles(folder.path, mergeSettings({ include: ['api/**/*.yaml'], exclude: ['api/keep.*'] }));
    assert.deepEqual(files.specs, uris('api/orders.yaml'));
  });

  it('restricts code files to the given extensions', async () => {
    const files = await discoverFiles(folder.path, mergeSettings(), { codeExtensions: ['.py'] });
    assert.deepEqual(files.code, uris('src/app.py'));
  });

  it('reports progress and stops when aborted', async () => {
    const counts: number[] = [];
    await discoverFiles(folder.path, mergeSettings(), { onProgress: (scanned) => counts.push(scanned) });
    assert.ok(counts.length > 1);
    assert.ok(counts.every((count, index) => index === 0 || count >= counts[index - 1]));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(discoverFiles(folder.path, mergeSettings(), { signal: controller.signal }), { name: 'AbortError' });
  });

  it('answers nothing for a folder that does not exist', async () => {
    assert.deepEqual(await discoverFiles(folder.file('missing'), mergeSettings()), { specs: [], code: [] });
  });
});

describe('discoverFiles size limit and links', () => {
  const folder = tempFolder({ 'small.yaml': 'openapi: 3.0.0\n' });
  const outside = tempFolder({ 'secret.yaml': 'openapi: 3.0.0\n', 'dir/other.yaml': 'openapi: 3.0.0\n' });
  after(() => {
    folder.remove();
    outside.remove();
  });

  it('keeps an over-limit OpenAPI file (to report it) and skips other over-limit files without reading them whole', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    writeFileSync(folder.file('big-api.yaml'), `openapi: 3.0.0\ninfo: {title: t, version: "1"}\nx-filler: ${big}\n`);
    writeFileSync(folder.file('big-data.json'), `{"rows": "${big}"}`);
    writeFileSync(folder.file('big.ts'), `const s = "${big}";`);
    const files = await discoverFiles(folder.path, mergeSettings({ maxFileSizeMB: 1 }));
    assert.deepEqual(files.specs, [pathToUri(folder.file('big-api.yaml')), pathToUri(folder.file('small.yaml'))]);
    assert.deepEqual(files.code, []);
  });

  it('does not follow links that leave the folder', async () => {
    symlinkSync(outside.file('secret.yaml'), folder.file('linked.yaml'));
    symlinkSync(outside.file('dir'), folder.file('linked-dir'));
    const files = await discoverFiles(folder.path, mergeSettings({ maxFileSizeMB: 100 }));
    assert.ok(!files.specs.some((uri) => uri.includes('linked')), files.specs.join('\n'));
  });
});
