import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import type { ServerConnection, ServerState } from './serverConnection';

/**
 * Shows whether the server is starting, running or stopped in the language status area of every
 * document the server analyses, with the log one click away.
 */
export function createServerStatusItem(connection: ServerConnection): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('apiGuard.serverState', SERVER_DOCUMENT_SELECTOR);
  item.name = 'API Guard';
  item.command = { command: COMMANDS.showOutput, title: vscode.l10n.t('Show output') };
  const render = (state: ServerState): void => {
    item.busy = state === 'starting';
    item.severity = state === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    if (state === 'running') item.text = vscode.l10n.t('API Guard: running');
    else if (state === 'starting') item.text = vscode.l10n.t('API Guard: starting');
    else item.text = vscode.l10n.t('API Guard: stopped');
    item.detail = state === 'stopped' ? vscode.l10n.t('Use "API Guard: Restart server" to start it again.') : undefined;
  };
  render(connection.state);
  return vscode.Disposable.from(item, connection.onDidChangeState(render));
}
