import * as vscode from 'vscode';
import type { InventoryReportFormat } from '../../../server/src/lsp/protocol';
import { COMMANDS } from '../commandIds';
import type { ServerConnection } from '../serverConnection';
import type { ApiGuardData } from './apiGuardData';
import { commandTarget } from './commandTarget';
import { pickWorkspaceFolder } from './pickWorkspaceFolder';
import { inventoryReportRequest } from './requests';

interface FormatItem extends vscode.QuickPickItem {
  format: InventoryReportFormat;
  extension: string;
}

/**
 * The file names the checklist looks for as step 1.2's evidence (server/src/node/checklistFacts.ts
 * INVENTORY_EXPORT_NAMES): the save dialog suggests them so that an export counts without more ado.
 */
const DEFAULT_NAME = 'api-inventory';

function formatItems(): FormatItem[] {
  return [
    { format: 'markdown', extension: 'md', label: vscode.l10n.t('Markdown'), description: 'api-inventory.md', detail: vscode.l10n.t('An audit-ready report with tables of servers, security schemes, operations and call sites.') },
    { format: 'csv', extension: 'csv', label: vscode.l10n.t('CSV'), description: 'api-inventory.csv', detail: vscode.l10n.t('One row per operation and per call site, for spreadsheets.') },
    { format: 'json', extension: 'json', label: vscode.l10n.t('JSON'), description: 'api-inventory.json', detail: vscode.l10n.t('The complete inventory data, as `api-guard inventory --format json` prints it.') },
  ];
}

/**
 * "API Guard: Export inventory report": Markdown, CSV or JSON, written where the user chooses
 * (by default `api-inventory.<ext>` in the folder). The server formats the report with the same
 * functions as `api-guard inventory`, so the file is what the CLI would print for that folder.
 */
async function exportInventory(connection: ServerConnection, data: ApiGuardData, log: vscode.LogOutputChannel, argument: unknown): Promise<void> {
  const folder = await pickWorkspaceFolder(commandTarget(argument).folderUri, {
    noFolder: vscode.l10n.t('Open a folder first: the inventory lists the APIs of a workspace folder.'),
    placeHolder: vscode.l10n.t('Which folder’s inventory do you export?'),
  });
  if (folder === undefined) return;
  const format = await vscode.window.showQuickPick(formatItems(), { placeHolder: vscode.l10n.t('Export the inventory as…') });
  if (format === undefined) return;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder.uri, `${DEFAULT_NAME}.${format.extension}`),
    filters: { [format.label]: [format.extension] },
    title: vscode.l10n.t('Export inventory report'),
    saveLabel: vscode.l10n.t('Export'),
  });
  if (target === undefined) return;
  let text: string;
  try {
    const report = await connection.sendRequest(inventoryReportRequest, { folderUri: folder.uri.toString(), format: format.format });
    if (report === null) throw new Error('the server could not make the report (see its log)');
    text = report.text;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Exporting the inventory failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The inventory could not be exported: {0}', message));
    return;
  }
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The inventory could not be written to {0}: {1}', target.fsPath, message));
    return;
  }
  // Step 1.2 counts a fresh export; the checklist is recomputed now rather than on the next analysis.
  data.scheduleRefresh(0);
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Inventory exported to {0}.', vscode.workspace.asRelativePath(target)), open);
  if (choice === open) await vscode.window.showTextDocument(target);
}

export function registerExportInventoryCommand(connection: ServerConnection, data: ApiGuardData, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.exportInventory, (argument: unknown) => exportInventory(connection, data, log, argument));
}
