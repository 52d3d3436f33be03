import * as vscode from 'vscode';
import { setLocale } from '../../server/src/core/l10n/messages';
import { registerShowCallSitesCommand } from './callSitesCommand';
import { registerChecklistCommands } from './checklist/checklistCommands';
import { registerCommands } from './commands';
import { trackFocus } from './focusTracker';
import { ServerConnection, type ServerState } from './serverConnection';
import { createServerStatusItem } from './serverStatus';
import { createResultsStatusItem } from './statusBar';
import { ApiGuardData } from './views/apiGuardData';
import { ChecklistView } from './views/checklistView';
import { registerExportInventoryCommand } from './views/exportInventory';
import { InventoryView } from './views/inventoryView';
import { registerStarterSpecCommand } from './views/starterSpec';

/**
 * What the extension returns from `activate`: enough for other extensions and the end-to-end
 * tests to wait for the server and talk to it without reaching into internals.
 */
export interface ApiGuardExtensionApi {
  readonly serverState: ServerState;
  readonly onDidChangeServerState: vscode.Event<ServerState>;
  readonly sendRequest: ServerConnection['sendRequest'];
}

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ApiGuardExtensionApi> {
  const log = vscode.window.createOutputChannel('API Guard', { log: true });
  const serverConnection = new ServerConnection(context, log);
  connection = serverConnection;
  context.subscriptions.push(
    log,
    serverConnection,
    registerCommands(serverConnection, log),
    // The "N call sites" code lenses above operations open the references view through this command.
    registerShowCallSitesCommand(),
    createServerStatusItem(serverConnection),
    trackFocus(serverConnection),
    // Trust widens what the server may read (allowed remote ref hosts), and the server learns the
    // trust state only when it is initialised, so granting trust starts a new server.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('Workspace trust granted; restarting the server with full settings.');
      serverConnection.restart().catch(() => undefined);
    }),
  );
  // The checklist code shared with the server words its messages (a checklist file that cannot
  // be changed, step titles before the server answers) in the editor's language.
  setLocale(vscode.env.language);
  const data = new ApiGuardData(serverConnection, log);
  context.subscriptions.push(
    data,
    new InventoryView(data, context.workspaceState),
    new ChecklistView(data),
    registerExportInventoryCommand(serverConnection, data, log),
    registerStarterSpecCommand(context.extensionUri),
    registerChecklistCommands(data, log),
    createResultsStatusItem(data),
  );
  // A server that fails to start is reported in the log and through the status item; activation
  // itself must still succeed so that the restart command is available.
  await serverConnection.start().catch(() => undefined);
  return {
    get serverState() {
      return serverConnection.state;
    },
    onDidChangeServerState: serverConnection.onDidChangeState,
    sendRequest: serverConnection.sendRequest.bind(serverConnection) as ServerConnection['sendRequest'],
  };
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
