import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ITEMS_FRAGMENT, ITEMS_FRAGMENT_FIXED, PROTECTED_API, ROOT_WITH_FRAGMENT, UNPROTECTED_API } from './helpers/fixtures';
import { hasCode, lacksCode, messageOf, withServer } from './helpers/session';

describe('workspace analysis', () => {
  it('analyses files that are not open, with a progress report, in the default workspace scope', async () => {
    await withServer({ 'specs/shop.yaml': UNPROTECTED_API, 'package.json': '{ "name": "not-an-api" }' }, {}, async (client, workspace) => {
      const uri = workspace.uriOf('specs/shop.yaml');
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'), 'diagnostics of a file that was never opened');
      assert.deepEqual(diagnostics.find((item) => item.code === 'auth-no-security-scheme')!.range.start, { line: 0, character: 0 });
      await client.waitForProgressEnd();
      const begin = client.progress.find((item) => item.value.kind === 'begin');
      assert.equal(begin?.value.kind === 'begin' && begin.value.title, 'API Guard');
      const reports = client.progress.filter((item) => item.value.kind === 'report').map((item) => (item.value.kind === 'report' ? item.value.message : ''));
      assert.ok(reports.some((message) => /Analysing 2 files/.test(message ?? '')), `progress names the file count: ${JSON.stringify(reports)}`);
      assert.equal(client.diagnostics.get(workspace.uriOf('package.json')), undefined, 'a JSON file that is not OpenAPI gets no diagnostics');
      await client.waitForNotification('apiGuard/analysisChanged', 0, (params) => (params as { folderUri: string }).folderUri === workspace.uri);
    });
  });

  it('publishes a scan in turns: the findings of the files analysed first arrive while it goes on', async () => {
    // Sixty specs take several of the scan's slices; each slice publishes what it finished.
    const files: Record<string, string> = {};
    for (let index = 0; index < 60; index++) files[`specs/shop${index}.yaml`] = UNPROTECTED_API.replace('title: Shop', `title: Shop ${index}`);
    await withServer(files, {}, async (client, workspace) => {
      await client.waitForProgressEnd();
      const uris = Object.keys(files).map((path) => workspace.uriOf(path));
      await client.waitFor('the findings of every spec', () => uris.every((uri) => client.diagnostics.get(uri)?.some((item) => item.code === 'auth-no-security-scheme')) || undefined);
      const reports = client.progress.filter((item) => item.value.kind === 'report' && (item.value.percentage ?? 0) > 0);
      const during = reports.filter((item) => item.value.kind === 'report' && item.value.percentage! < 100 && item.publishedBefore > 0);
      assert.ok(during.length > 0, `findings were published before the scan reached 100 %: ${JSON.stringify(reports.map((item) => [item.value.kind === 'report' && item.value.percentage, item.publishedBefore]))}`);
      const end = client.progress.find((item) => item.value.kind === 'end')!;
      assert.ok(during[0].publishedBefore < end.publishedBefore, 'and more after that');
    });
  });

  it('publishes nothing for files that are not open in the `open` scope, and clears them when the scope changes', async () => {
    const files = { 'a.yaml': UNPROTECTED_API, 'b.yaml': UNPROTECTED_API };
    await withServer(files, { settings: { diagnostics: { scope: 'open' } } }, async (client, workspace) => {
      await client.waitForProgressEnd();
      assert.equal(client.diagnostics.get(workspace.uriOf('a.yaml')), undefined, 'a closed file shows nothing');
      const b = workspace.uriOf('b.yaml');
      await client.open(b, UNPROTECTED_API);
      await client.waitForDiagnostics(b, hasCode('auth-no-security-scheme'), 'diagnostics of the opened file');
      assert.equal(client.diagnostics.get(workspace.uriOf('a.yaml')), undefined);
      await client.changeSettings({ diagnostics: { scope: 'workspace' } });
      await client.waitForDiagnostics(workspace.uriOf('a.yaml'), hasCode('auth-no-security-scheme'), 'the closed file once the scope is workspace');
      await client.changeSettings({ diagnostics: { scope: 'open' } });
      await client.waitForDiagnostics(workspace.uriOf('a.yaml'), (diagnostics) => diagnostics.length === 0, 'the closed file to be cleared');
      assert.ok(client.diagnostics.get(b)!.length > 0, 'the open file keeps its diagnostics');
      await client.close(b);
      await client.waitForDiagnostics(b, (diagnostics) => diagnostics.length === 0, 'the closed file to be cleared in the open scope');
    });
  });

  it('reports a finding inside a fragment on the fragment, and re-publishes it when the fragment is edited', async () => {
    const files = { 'api.yaml': ROOT_WITH_FRAGMENT, 'paths/items.yaml': ITEMS_FRAGMENT };
    await withServer(files, {}, async (client, workspace) => {
      const fragment = workspace.uriOf('paths/items.yaml');
      const diagnostics = await client.waitForDiagnostics(fragment, hasCode('auth-missing-401'), 'the fragment’s finding');
      assert.deepEqual(diagnostics.find((item) => item.code === 'auth-missing-401')!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
      assert.ok(!(client.diagnostics.get(workspace.uriOf('api.yaml')) ?? []).some((item) => item.code === 'auth-missing-401'), 'not on the root');
      await client.open(fragment, ITEMS_FRAGMENT);
      await client.change(fragment, ITEMS_FRAGMENT_FIXED);
      await client.waitForDiagnostics(fragment, lacksCode('auth-missing-401'), 'the fragment’s finding to go after the edit');
      await client.change(fragment, `\n\n${ITEMS_FRAGMENT}`);
      const moved = await client.waitForDiagnostics(fragment, hasCode('auth-missing-401'), 'the finding back, two lines lower');
      assert.equal(moved.find((item) => item.code === 'auth-missing-401')!.range.start.line, 2);
      await client.close(fragment);
      // Closed again, the fragment is read from disk, where the finding is on line 0.
      await client.waitForDiagnostics(fragment, (list) => list.some((item) => item.code === 'auth-missing-401' && item.range.start.line === 0), 'the disk state');
    });
  });

  it('re-publishes a root on disk when an edit of its open fragment changes the root\'s findings', async () => {
    const root = ROOT_WITH_FRAGMENT.replace('$ref: "./paths/items.yaml"', '$ref: "./paths/items.yaml#/items"');
    const fragment = `items:\n${ITEMS_FRAGMENT.replace(/^/gm, '  ')}`;
    await withServer({ 'api.yaml': root, 'paths/items.yaml': fragment }, {}, async (client, workspace) => {
      const rootUri = workspace.uriOf('api.yaml');
      const fragmentUri = workspace.uriOf('paths/items.yaml');
      await client.waitForDiagnostics(fragmentUri, hasCode('auth-missing-401'), 'the fragment’s finding');
      await client.open(fragmentUri, fragment);
      // An edit that changes nothing of the root's findings.
      await client.change(fragmentUri, fragment.replace('listItems', 'listAllItems'));
      await client.waitForDiagnostics(fragmentUri, (list) => list.some((item) => item.code === 'auth-missing-401'), 'the edited fragment');
      assert.ok(!(client.diagnostics.get(rootUri) ?? []).some((item) => item.code === 'ref-unresolved'));
      // The key the root's reference points at renamed: the root's reference no longer resolves.
      await client.change(fragmentUri, fragment.replace('items:', 'itemz:'));
      await client.waitForDiagnostics(rootUri, hasCode('ref-unresolved'), 'the root’s reference into the renamed key');
      await client.change(fragmentUri, fragment);
      await client.waitForDiagnostics(rootUri, lacksCode('ref-unresolved'), 'the root mended with the fragment');
      await client.waitForDiagnostics(fragmentUri, hasCode('auth-missing-401'), 'the fragment’s finding back');
    });
  });

  it('follows changes on disk reported by the file watcher: a changed fragment, a new root, a deleted root', async () => {
    const files = { 'api.yaml': ROOT_WITH_FRAGMENT, 'paths/items.yaml': ITEMS_FRAGMENT };
    await withServer(files, {}, async (client, workspace) => {
      const fragment = workspace.uriOf('paths/items.yaml');
      await client.waitForDiagnostics(fragment, hasCode('auth-missing-401'));
      await client.waitFor('file watchers to be registered', () => client.registrations.find((item) => item.method === 'workspace/didChangeWatchedFiles'));
      workspace.write('paths/items.yaml', ITEMS_FRAGMENT_FIXED);
      await client.filesChanged([{ uri: fragment, type: FileChangeType.Changed }]);
      await client.waitForDiagnostics(fragment, lacksCode('auth-missing-401'), 'the fragment’s finding to go after the file changed on disk');

      const created = workspace.write('new/orders.yaml', UNPROTECTED_API);
      await client.filesChanged([{ uri: created, type: FileChangeType.Created }]);
      await client.waitForDiagnostics(created, hasCode('auth-no-security-scheme'), 'diagnostics of a newly created root');

      rmSync(`${workspace.path}/new/orders.yaml`);
      await client.filesChanged([{ uri: created, type: FileChangeType.Deleted }]);
      await client.waitForDiagnostics(created, (diagnostics) => diagnostics.length === 0, 'the deleted file’s diagnostics to be cleared');
    });
  });

  it('resolves a $ref once the file it points to is created, and reports it again when the file goes', async () => {
    const api = ROOT_WITH_FRAGMENT;
    await withServer({ 'api.yaml': api }, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      const fragment = workspace.uriOf('paths/items.yaml');
      const unresolved = await client.waitForDiagnostics(uri, hasCode('ref-unresolved'), 'the reference to the missing fragment');
      assert.match(messageOf(unresolved.find((item) => item.code === 'ref-unresolved')!), /items\.yaml/);
      // The file appears on disk: the API is built again with it, without any edit of the root.
      workspace.write('paths/items.yaml', ITEMS_FRAGMENT);
      await client.filesChanged([{ uri: fragment, type: FileChangeType.Created }]);
      await client.waitForDiagnostics(uri, lacksCode('ref-unresolved'), 'the reference resolved after the file was created');
      await client.waitForDiagnostics(fragment, hasCode('auth-missing-401'), 'the findings of the new fragment');
      rmSync(`${workspace.path}/paths/items.yaml`);
      await client.filesChanged([{ uri: fragment, type: FileChangeType.Deleted }]);
      await client.waitForDiagnostics(uri, hasCode('ref-unresolved'), 'the reference unresolved again after the file was deleted');
    });
  });

  it('publishes problems of .api-guard.yaml on that file and applies its valid part', async () => {
    const config = ['rules:', '  auth-no-security-scheme: off', '  auth-operation-unprotected: loud', 'maxFileSizeMB: 10', ''].join('\n');
    await withServer({ '.api-guard.yaml': config, 'api.yaml': UNPROTECTED_API }, {}, async (client, workspace) => {
      const configUri = workspace.uriOf('.api-guard.yaml');
      const problems = await client.waitForDiagnostics(configUri, hasCode('config-invalid'), 'the config file’s problem');
      const problem = problems.find((item) => item.code === 'config-invalid')!;
      assert.deepEqual(problem.range, { start: { line: 2, character: 30 }, end: { line: 2, character: 34 } });
      assert.match(messageOf(problem), /"loud" is not a severity/);
      const api = await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('auth-operation-unprotected'));
      assert.ok(!api.some((item) => item.code === 'auth-no-security-scheme'), 'the valid rule setting still applies');

      workspace.write('.api-guard.yaml', 'rules:\n  auth-operation-unprotected: off\n');
      // As a client with two watchers that match the file reports it: the same change twice.
      await client.filesChanged([
        { uri: configUri, type: FileChangeType.Changed },
        { uri: configUri, type: FileChangeType.Changed },
      ]);
      await client.waitForDiagnostics(configUri, (diagnostics) => diagnostics.length === 0, 'the config problem to go');
      const after = await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('auth-no-security-scheme'), 'the edited config to apply');
      assert.ok(!after.some((item) => item.code === 'auth-operation-unprotected'));
      const changedLogs = client.logs.filter((entry) => entry.message.startsWith('Configuration file changed'));
      assert.equal(changedLogs.length, 1, `the change is handled once${client.transcript()}`);
    });
  });

  it('checks an open .api-guard.yaml as it is typed, and applies it when it is saved', async () => {
    await withServer({ '.api-guard.yaml': 'rules: {}\n', 'api.yaml': UNPROTECTED_API }, {}, async (client, workspace) => {
      const configUri = workspace.uriOf('.api-guard.yaml');
      await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('auth-no-security-scheme'));
      await client.open(configUri, 'rules: {}\n');
      await client.change(configUri, '# team settings\nrules:\n  auth-no-security-scheme: of\n');
      const problems = await client.waitForDiagnostics(configUri, hasCode('config-invalid'), 'the typo in the unsaved buffer');
      assert.equal(problems.find((item) => item.code === 'config-invalid')!.range.start.line, 2, 'placed on the buffer’s line');
      await client.change(configUri, '# team settings\nrules:\n  auth-no-security-scheme: off\n');
      await client.waitForDiagnostics(configUri, (list) => list.length === 0, 'the typo fixed');
      assert.ok(hasCode('auth-no-security-scheme')(client.diagnostics.get(workspace.uriOf('api.yaml'))!), 'unsaved settings do not apply yet');
      workspace.write('.api-guard.yaml', '# team settings\nrules:\n  auth-no-security-scheme: off\n');
      await client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
      await client.waitForDiagnostics(workspace.uriOf('api.yaml'), lacksCode('auth-no-security-scheme'), 'the saved settings to apply');
    });
  });

  it('lets editor settings override the config file, and shows a bad editor setting once', async () => {
    const config = 'rules:\n  auth-no-security-scheme: off\n';
    const settings = { rules: { 'auth-no-security-scheme': 'warning' }, maxFileSizeMB: 'big' };
    await withServer({ '.api-guard.yaml': config, 'api.yaml': PROTECTED_API.replace(/security:\n {2}- bearerAuth: \[\]\n/, '') }, { settings }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      assert.equal(diagnostics.find((item) => item.code === 'auth-no-security-scheme')!.severity, 2, 'editor severity wins over the file');
      await client.waitFor('a warning about the bad setting', () => client.shownMessages.find((item) => /apiGuard\.maxFileSizeMB/.test(item.message)));
      await client.changeSettings({ ...settings, rules: {} });
      await client.waitForDiagnostics(uri, lacksCode('auth-no-security-scheme'), 'the file setting once the editor says nothing');
      assert.equal(client.shownMessages.filter((item) => /apiGuard\.maxFileSizeMB/.test(item.message)).length, 1, 'shown once');
    });
  });
});
