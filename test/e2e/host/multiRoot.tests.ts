/**
 * A multi-root workspace (test/e2e/fixtures/multi-root): two folders with the same API and
 * different .api-guard.yaml files. Each folder's findings follow its own configuration, and
 * folder-scoped editor settings reach only their folder.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RequestType } from 'vscode-jsonrpc';
import type { Inventory } from '../../../server/src/core/inventory/types';
import { INVENTORY_REQUEST } from '../../../server/src/lsp/protocol';
import type { Bdd } from './mochaRun';
import {
  apiGuardDiagnostics,
  codeOf,
  fileIn,
  folderNamed,
  formatRange,
  hasCode,
  lacksCode,
  runningApi,
  severityName,
  waitForDiagnostics,
  waitForEvent,
  waitForSelfActivation,
} from './vscodeHelpers';

const allFoldersInventoryRequest = new RequestType<Record<string, never>, { folders: Inventory[] }, void>(INVENTORY_REQUEST);

export function multiRootTests({ describe, it }: Bdd): void {
  describe('a multi-root workspace with one .api-guard.yaml per folder', () => {
    it('opens both folders from the .code-workspace file and activates', async () => {
      assert.ok(vscode.workspace.workspaceFile?.path.endsWith('.code-workspace'), `workspace file: ${vscode.workspace.workspaceFile?.toString()}`);
      // The workbench may resolve the workspace file's folders after the extension host starts
      // (seen once in a run on a loaded machine: the suite began with no folder yet).
      const folderNames = (): string[] => (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.name);
      await waitForEvent(vscode.workspace.onDidChangeWorkspaceFolders, () => folderNames().length >= 2, () => `folders: [${folderNames().join(', ')}]`, () => folderNames().length >= 2);
      assert.deepEqual(folderNames(), ['billing', 'catalog']);
      assert.equal((await waitForSelfActivation()).isActive, true, 'the extension activates by itself in a multi-root workspace');
      await runningApi();
    });

    it('applies each folder’s own configuration to the same API', async () => {
      await runningApi();
      const billing = fileIn(folderNamed('billing'), 'openapi.yaml');
      const catalog = fileIn(folderNamed('catalog'), 'openapi.yaml');
      // billing: tls-http-server off, auth-operation-unprotected at its default.
      await waitForDiagnostics(billing, hasCode('auth-operation-unprotected'), 'auth-operation-unprotected (default severity)');
      await waitForDiagnostics(billing, lacksCode('tls-http-server'), 'no tls-http-server (off in billing/.api-guard.yaml)');
      // catalog: tls-http-server lowered to warning, auth-operation-unprotected off.
      const isServerWarning = (diagnostic: vscode.Diagnostic): boolean =>
        codeOf(diagnostic) === 'tls-http-server' && severityName(diagnostic.severity) === 'warning' && formatRange(diagnostic.range) === '7:9-7:43';
      await waitForDiagnostics(catalog, (shown) => shown.some(isServerWarning), 'tls-http-server as a warning at 7:9-7:43');
      await waitForDiagnostics(catalog, lacksCode('auth-operation-unprotected'), 'no auth-operation-unprotected (off in catalog/.api-guard.yaml)');
    });

    it('applies a folder-scoped editor setting to that folder only', async () => {
      await runningApi();
      const billingFolder = folderNamed('billing');
      const billing = fileIn(billingFolder, 'openapi.yaml');
      const catalog = fileIn(folderNamed('catalog'), 'openapi.yaml');
      await waitForDiagnostics(billing, hasCode('doc-info'), 'doc-info');
      await waitForDiagnostics(catalog, hasCode('doc-info'), 'doc-info');
      const configuration = vscode.workspace.getConfiguration('apiGuard', billingFolder.uri);
      await configuration.update('rules', { 'doc-info': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
      try {
        await waitForDiagnostics(billing, lacksCode('doc-info'), 'no doc-info with the billing folder setting');
        assert.ok(hasCode('doc-info')(apiGuardDiagnostics(catalog)), 'the catalog folder keeps doc-info');
        // The folder setting merges with billing's .api-guard.yaml rule by rule.
        assert.ok(lacksCode('tls-http-server')(apiGuardDiagnostics(billing)), 'billing keeps tls-http-server off from its config file');
      } finally {
        await configuration.update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      }
      await waitForDiagnostics(billing, hasCode('doc-info'), 'doc-info back after the folder setting was removed');
    });

    it('answers one inventory per folder through the extension API', async () => {
      const api = await runningApi();
      const answer = await api.sendRequest(allFoldersInventoryRequest, {});
      const byFolder = new Map(answer.folders.map((inventory) => [inventory.folderUri, inventory]));
      for (const [name, title] of [['billing', 'Billing API'], ['catalog', 'Catalog API']]) {
        const inventory = byFolder.get(folderNamed(name).uri.toString());
        assert.ok(inventory, `an inventory for ${name}; got ${[...byFolder.keys()].join(', ')}`);
        assert.deepEqual(inventory.providedApis.map((item) => [item.rootFile, item.title]), [['openapi.yaml', title]]);
      }
    });
  });
}
