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

const folderNames = (): string[] => (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.name);

/** How long the workbench gets to read the .code-workspace file's folders before the suite gives up on this window. */
const FOLDERS_WAIT_MS = 30_000;
/** How long the suite waits for the folders before it writes the .code-workspace file again (see below). */
const FOLDERS_NUDGE_MS = 5_000;

/**
 * The suite's precondition: the workbench has read the folders of the .code-workspace file it was
 * opened with. A remote workbench (code-server) starts a workspace from its cached copy of the
 * file, empty the first time, and reads the file itself once the remote file system is up; it may
 * do so after the extension host has started, so the folders can arrive a little later. Some
 * windows never got them (`folders: []` after a minute, an empty Explorer; in four of five fresh
 * clones in session 28), which no extension can cause. Writing the file again with the same bytes
 * after 5 s, as a user saving it would, made such a window read it (session 29); should the folders
 * still not come, the runner opens a new window (test/e2e/lib/hostSuites.mjs).
 */
export async function multiRootWorkspaceOpened(): Promise<string | undefined> {
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile === undefined || !workspaceFile.path.endsWith('.code-workspace')) return `no .code-workspace file is open (workspace file: ${workspaceFile?.toString()})`;
  const hasFolders = (): boolean => folderNames().length >= 2;
  const foldersWithin = (timeoutMs: number): Promise<void> =>
    waitForEvent(vscode.workspace.onDidChangeWorkspaceFolders, hasFolders, () => `folders: [${folderNames().join(', ')}]`, hasFolders, timeoutMs);
  try {
    await foldersWithin(FOLDERS_NUDGE_MS);
    return undefined;
  } catch {
    // Not yet: the file is written again with the same bytes, through the workbench's file
    // service, whose change event makes a workbench that watches it read it again (as when a user
    // saves it). The wait then goes on for the rest of its time.
  }
  try {
    const written = await vscode.workspace.fs.readFile(workspaceFile);
    await vscode.workspace.fs.writeFile(workspaceFile, written);
    console.log(`[e2e]   (no folders after ${FOLDERS_NUDGE_MS / 1000} s: ${workspaceFile.fsPath} written again with the same content)`);
  } catch (error) {
    console.log(`[e2e]   (no folders after ${FOLDERS_NUDGE_MS / 1000} s, and ${workspaceFile.fsPath} could not be written again: ${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    await foldersWithin(FOLDERS_WAIT_MS - FOLDERS_NUDGE_MS);
    return undefined;
  } catch (error) {
    return `${workspaceFile.toString()} is open without its folders: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function multiRootTests({ describe, it }: Bdd): void {
  describe('a multi-root workspace with one .api-guard.yaml per folder', () => {
    it('opens both folders from the .code-workspace file and activates', async () => {
      assert.ok(vscode.workspace.workspaceFile?.path.endsWith('.code-workspace'), `workspace file: ${vscode.workspace.workspaceFile?.toString()}`);
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
