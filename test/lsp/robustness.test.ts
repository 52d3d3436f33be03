import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { PROTECTED_API, UNPROTECTED_API } from './helpers/fixtures';
import { hasCode, withServer } from './helpers/session';

describe('robustness', () => {
  it('survives garbage, binary and empty documents, and keeps analysing the others', async () => {
    const files = {
      'empty.yaml': '',
      'binary.json': '\u0000\u0001\u0002{"openapi": \u0000',
      'broken.yaml': 'openapi: 3.1.0\ninfo: {title: x\npaths: [\n',
      'good.yaml': UNPROTECTED_API,
    };
    await withServer(files, {}, async (client, workspace) => {
      await client.waitForDiagnostics(workspace.uriOf('good.yaml'), hasCode('auth-no-security-scheme'));
      const broken = await client.waitForDiagnostics(workspace.uriOf('broken.yaml'), hasCode('spec-parse-error'), 'the syntax error of the broken file');
      assert.ok(broken.every((item) => item.range.start.line <= 3));
      await client.waitForProgressEnd();

      const garbage = workspace.uriOf('garbage.yaml');
      await client.open(garbage, '\u0000\u0000:::\n- - - [[[{{{\n\t\t"openapi": ]]]\n&a [*a, *a]\n');
      await client.open(workspace.uriOf('empty.yaml'), '');
      await client.open(workspace.uriOf('nothing.json'), '');
      await client.change(workspace.uriOf('empty.yaml'), 'openapi: 3.1.0\n'.repeat(3));
      // A healthy document opened after all that is still analysed and answered.
      const after = workspace.uriOf('after.yaml');
      await client.open(after, UNPROTECTED_API);
      await client.waitForDiagnostics(after, hasCode('auth-no-security-scheme'), 'a good document after the garbage');
      const inventory = await client.request<{ providedApis: unknown[] }>('apiGuard/inventory', { folderUri: workspace.uri });
      assert.ok(inventory.providedApis.length >= 2);
    });
  });

  it('logs a file that exists but cannot be read, once, and reports the reference', async () => {
    // A reference to a folder: it exists, and reading it fails (EISDIR), even for root. Its name
    // ends in .yaml, so that a watched-file event makes the server read it again.
    const api = UNPROTECTED_API.replace('          description: OK\n', '          $ref: "./responses.yaml"\n');
    await withServer({ 'api.yaml': api, 'responses.yaml/ok.yaml': 'description: OK\n' }, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      const unreadable = (): string[] => client.logs.filter((entry) => entry.message.startsWith('Cannot read ') && entry.message.includes('responses.yaml (EISDIR)')).map((entry) => entry.message);
      await client.waitForDiagnostics(uri, hasCode('ref-unresolved'), 'the reference to the folder');
      await client.waitFor('the unreadable file to be logged', () => unreadable().length > 0 || undefined);
      // Later analyses that read it again (after a watched-file event, a settings change and an
      // edit) do not log it again.
      await client.open(uri, api);
      for (const [title, severity] of [['Shop 2', 'off'], ['Shop 3', 'warning']]) {
        await client.filesChanged([{ uri: workspace.uriOf('responses.yaml'), type: FileChangeType.Changed }]);
        await client.changeSettings({ rules: { 'auth-no-security-scheme': severity } });
        await client.change(uri, api.replace('title: Shop', `title: ${title}`));
        // Diagnostics that differ from the last ones: the server has handled all of the above.
        const switchedOff = severity === 'off';
        await client.waitForDiagnostics(
          uri,
          (diagnostics) => diagnostics.some((item) => item.code === 'ref-unresolved') && diagnostics.some((item) => item.code === 'auth-no-security-scheme') !== switchedOff,
          `the analysis with auth-no-security-scheme ${severity}`,
        );
      }
      assert.equal(unreadable().length, 1);
      assert.match(unreadable()[0], /^Cannot read file:\/\/.*\/responses\.yaml \(EISDIR\); it is skipped$/);
    });
  });

  it('ignores malformed editor settings instead of failing', async () => {
    const settings = { rules: 'all', include: 42, diagnostics: 'loud', code: { enabled: 'yes' }, allowedInsecureHosts: [null, 7] };
    await withServer({ 'api.yaml': UNPROTECTED_API }, { settings }, async (client, workspace) => {
      await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('auth-no-security-scheme'), 'analysis with the defaults');
      await client.changeSettings(['not', 'an', 'object'] as unknown as Record<string, unknown>);
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, PROTECTED_API);
      await client.waitForDiagnostics(uri, (list) => !list.some((item) => item.code === 'auth-no-security-scheme'), 'analysis after a broken settings change');
      assert.ok(client.shownMessages.length >= 1, 'the problems are shown to the user');
    });
  });

  it('answers requests while a large workspace is being scanned', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 300; index++) files[`apis/api-${String(index).padStart(3, '0')}.yaml`] = UNPROTECTED_API.replace('title: Shop', `title: Shop ${index}`);
    await withServer(files, {}, async (client, workspace) => {
      await client.waitFor('the first diagnostics of the scan', () => client.published.length > 0);
      const scanStillRunning = !client.progress.some((item) => item.value.kind === 'end');
      const answer = await client.request<{ providedApis: unknown[] }>('apiGuard/inventory', { folderUri: workspace.uriOf('elsewhere') });
      const endedBeforeAnswer = client.progress.some((item) => item.value.kind === 'end');
      assert.deepEqual(answer.providedApis, []);
      assert.ok(scanStillRunning, 'diagnostics appear while the scan is still running');
      assert.equal(endedBeforeAnswer, false, 'the request was answered during the scan, not after it');
      await client.waitForProgressEnd();
      await client.waitFor('diagnostics of all 300 files', () => [...client.diagnostics.values()].filter((list) => list.some((item) => item.code === 'auth-no-security-scheme')).length === 300 || undefined);
    });
  });

  it('starts over with new settings when they change during the scan, and still covers every file', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 120; index++) files[`apis/api-${String(index).padStart(3, '0')}.yaml`] = UNPROTECTED_API;
    await withServer(files, {}, async (client) => {
      // Once while the files are being discovered, once while they are being analysed.
      await client.changeSettings({ rules: { 'auth-operation-unprotected': 'off' } });
      await client.waitFor('the first diagnostics of the scan', () => client.published.length > 0);
      await client.changeSettings({ rules: { 'auth-no-security-scheme': 'off' } });
      await client.waitFor('all 120 files analysed with the new settings', () => {
        const settled = [...client.diagnostics.values()].filter(
          (list) => list.some((item) => item.code === 'auth-operation-unprotected') && !list.some((item) => item.code === 'auth-no-security-scheme'),
        );
        return settled.length === 120 || undefined;
      });
    });
  });
});
