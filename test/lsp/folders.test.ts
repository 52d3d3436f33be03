import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UNPROTECTED_API } from './helpers/fixtures';
import { hasCode, lacksCode, withServer } from './helpers/session';

const REMOTE_REF_API = UNPROTECTED_API.replace(
  'paths:\n',
  'components:\n  schemas:\n    Money:\n      $ref: "https://schemas.example.com/money.yaml"\npaths:\n',
);

const WIDENING_CONFIG = ['allowedRemoteRefHosts:', '  - schemas.example.com', 'include:', '  - "**/*.yaml"', '  - "../shared/**/*.yaml"', ''].join('\n');

describe('workspace folders', () => {
  it('keeps settings per folder (config file and folder-scoped editor settings) and follows added and removed folders', async () => {
    const files = {
      'a/api.yaml': UNPROTECTED_API,
      'a/.api-guard.yaml': 'rules:\n  auth-no-security-scheme: off\n',
      'b/api.yaml': UNPROTECTED_API,
      'c/api.yaml': UNPROTECTED_API,
    };
    await withServer(files, { folders: ['a', 'b'] }, async (client, workspace) => {
      client.folderSettings.set(workspace.uriOf('b'), { rules: { 'auth-operation-unprotected': 'off' } });
      await client.changeSettings({});
      const a = await client.waitForDiagnostics(workspace.uriOf('a/api.yaml'), hasCode('auth-operation-unprotected'), 'folder a');
      assert.ok(!a.some((item) => item.code === 'auth-no-security-scheme'), 'folder a’s config file turns the rule off there');
      await client.waitForDiagnostics(
        workspace.uriOf('b/api.yaml'),
        (list) => hasCode('auth-no-security-scheme')(list) && lacksCode('auth-operation-unprotected')(list),
        'folder b with its own editor settings',
      );
      assert.equal(client.diagnostics.get(workspace.uriOf('c/api.yaml')), undefined, 'folder c is not part of the workspace yet');

      await client.changeFolders([{ uri: workspace.uriOf('c'), name: 'c' }], [{ uri: workspace.uriOf('b'), name: 'b' }]);
      await client.waitForDiagnostics(workspace.uriOf('c/api.yaml'), hasCode('auth-no-security-scheme'), 'the added folder');
      await client.waitForDiagnostics(workspace.uriOf('b/api.yaml'), (list) => list.length === 0, 'the removed folder to be cleared');
      const inventory = await client.request<{ folders: { folderUri: string }[] }>('apiGuard/inventory', {});
      assert.deepEqual(inventory.folders.map((folder) => folder.folderUri).sort(), [workspace.uriOf('a'), workspace.uriOf('c')]);
    });
  });

  it('gives the files of a nested folder to the inner folder alone', async () => {
    const files = { 'outer/api.yaml': UNPROTECTED_API, 'outer/inner/api.yaml': UNPROTECTED_API, 'outer/inner/.api-guard.yaml': 'rules:\n  auth-no-security-scheme: off\n' };
    await withServer(files, { folders: ['outer', 'outer/inner'] }, async (client, workspace) => {
      await client.waitForDiagnostics(workspace.uriOf('outer/api.yaml'), hasCode('auth-no-security-scheme'), 'the outer file');
      const inner = await client.waitForDiagnostics(workspace.uriOf('outer/inner/api.yaml'), hasCode('auth-operation-unprotected'), 'the inner file');
      await client.waitForProgressEnd(2);
      const settled = client.diagnostics.get(workspace.uriOf('outer/inner/api.yaml'))!;
      assert.deepEqual(settled, inner, 'published once, by the inner folder');
      assert.ok(!settled.some((item) => item.code === 'auth-no-security-scheme'), 'with the inner folder’s settings');
      assert.equal(settled.filter((item) => item.code === 'auth-operation-unprotected').length, 1, 'not twice');
    });
  });

  it('analyses a document outside every folder on its own', async () => {
    await withServer({ 'inside/api.yaml': UNPROTECTED_API }, { folders: ['inside'] }, async (client, workspace) => {
      const outside = workspace.uriOf('outside/api.yaml');
      await client.open(outside, UNPROTECTED_API);
      await client.waitForDiagnostics(outside, hasCode('auth-no-security-scheme'), 'the loose document');
    });
  });

  it('follows remote $refs of allowed hosts in a trusted workspace', async () => {
    await withServer({ '.api-guard.yaml': WIDENING_CONFIG, 'api.yaml': REMOTE_REF_API }, { trusted: true }, async (client, workspace) => {
      const diagnostics = await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('auth-no-security-scheme'));
      assert.ok(!diagnostics.some((item) => item.code === 'ref-remote-blocked'), 'the host is allowed');
      assert.ok(!client.logs.some((entry) => /not trusted/.test(entry.message)));
    });
  });

  it('ignores settings that widen access in an untrusted workspace, and says so in the log', async () => {
    await withServer({ '.api-guard.yaml': WIDENING_CONFIG, 'api.yaml': REMOTE_REF_API }, { trusted: false }, async (client, workspace) => {
      const diagnostics = await client.waitForDiagnostics(workspace.uriOf('api.yaml'), hasCode('ref-remote-blocked'), 'the remote ref to stay blocked');
      assert.ok(diagnostics.some((item) => item.code === 'auth-no-security-scheme'), 'the rest of the analysis runs');
      const note = client.logs.find((entry) => /not trusted/.test(entry.message));
      assert.ok(note, 'the log explains what was ignored');
      assert.match(note.message, /allowedRemoteRefHosts \(schemas\.example\.com\)/);
      assert.match(note.message, /include \(\.\.\/shared\/\*\*\/\*\.yaml\)/);
    });
  });
});
