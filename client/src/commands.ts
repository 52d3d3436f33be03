import * as vscode from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { COMMANDS } from './commandIds';
import { analyseWorkspaceRequest, type AnalyseWorkspaceResult } from './protocol';
import { ServerNotRunningError, type ServerConnection } from './serverConnection';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function restartServer(connection: ServerConnection, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await connection.restart();
    vscode.window.setStatusBarMessage(vscode.l10n.t('API Guard server restarted.'), 5000);
  } catch (error) {
    log.error(`Restarting the API Guard server failed: ${describeError(error)}`);
    await showErrorWithLog(vscode.l10n.t('The API Guard server could not be started: {0}', describeError(error)), log);
  }
}

async function showErrorWithLog(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const openLog = vscode.l10n.t('Open log');
  if ((await vscode.window.showErrorMessage(message, openLog)) === openLog) log.show(true);
}

function summarise(result: AnalyseWorkspaceResult | null): string {
  if (result !== null && typeof result.files === 'number' && typeof result.findings === 'number') {
    return vscode.l10n.t('API Guard analysed {0} files and found {1} problems.', result.files, result.findings);
  }
  return vscode.l10n.t('API Guard analysed the workspace.');
}

/**
 * Asks the server to re-analyse every folder. A server that does not know the request (an older
 * build) or is not running gets restarted instead, which analyses the whole workspace as well.
 */
async function analyseWorkspace(connection: ServerConnection, log: vscode.LogOutputChannel): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('API Guard: analysing the workspace…') },
    async () => {
      try {
        const result = await connection.sendRequest(analyseWorkspaceRequest);
        vscode.window.setStatusBarMessage(summarise(result), 8000);
      } catch (error) {
        const unsupported = error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound;
        if (unsupported || error instanceof ServerNotRunningError) {
          log.info(`Analysing the workspace by restarting the server (${describeError(error)}).`);
          await restartServer(connection, log);
          return;
        }
        log.error(`Analysing the workspace failed: ${describeError(error)}`);
        await showErrorWithLog(vscode.l10n.t('API Guard could not analyse the workspace: {0}', describeError(error)), log);
      }
    },
  );
}

/**
 * Opens a rule's documentation page in the browser. The "Show documentation for <rule>" code
 * action passes the page's URL; only web pages are opened, whatever else an argument may hold.
 */
async function showRuleDocumentation(url: unknown, log: vscode.LogOutputChannel): Promise<void> {
  let uri: vscode.Uri | undefined;
  try {
    uri = typeof url === 'string' ? vscode.Uri.parse(url, true) : undefined;
  } catch {
    uri = undefined;
  }
  if (uri === undefined || (uri.scheme !== 'https' && uri.scheme !== 'http')) {
    log.warn(`Show rule documentation: ${String(url)} is not a web page`);
    return;
  }
  if (!(await vscode.env.openExternal(uri))) log.warn(`Show rule documentation: the editor did not open ${uri.toString(true)}`);
}

export function registerCommands(connection: ServerConnection, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(connection, log)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(COMMANDS.analyseWorkspace, () => analyseWorkspace(connection, log)),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (url: unknown) => showRuleDocumentation(url, log)),
  );
}
