import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';
import { RestartBudget } from './restartBudget';

/** What the user can do once the server has crashed too often to be restarted automatically. */
export interface CrashRecoveryActions {
  openLog(): void;
  restartServer(): void;
}

/**
 * Decides what happens when the connection to the server breaks. Transient write/read errors are
 * tolerated a few times; a closed connection (the server process died) restarts the server with a
 * notification while the restart budget lasts, and after that stops it with an error message that
 * offers the log and a manual restart instead of the client's generic text.
 */
export class CrashErrorHandler implements ErrorHandler {
  private static readonly tolerableErrorsInARow = 3;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly actions: CrashRecoveryActions,
    private readonly budget = new RestartBudget(),
    private readonly now: () => number = Date.now,
  ) {}

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the API Guard server failed: ${error.message}`);
    if (count !== undefined && count <= CrashErrorHandler.tolerableErrorsInARow) return { action: ErrorAction.Continue, handled: true };
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const verdict = this.budget.recordCrash(this.now());
    if (verdict.restart) {
      this.log.warn(`The API Guard server stopped unexpectedly; restarting it (${verdict.crashesInWindow} of ${this.budget.maxRestarts}).`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The API Guard server stopped unexpectedly and was restarted ({0} of {1}).', verdict.crashesInWindow, this.budget.maxRestarts),
      );
      return { action: CloseAction.Restart, handled: true };
    }
    const minutes = Math.round(this.budget.windowMs / 60_000);
    this.log.error(`The API Guard server crashed ${verdict.crashesInWindow} times in ${minutes} minutes and will not be restarted automatically.`);
    void this.offerRecovery(verdict.crashesInWindow, minutes);
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async offerRecovery(crashes: number, minutes: number): Promise<void> {
    const openLog = vscode.l10n.t('Open log');
    const restart = vscode.l10n.t('Restart server');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('The API Guard server crashed {0} times in {1} minutes and was stopped. No findings are updated until it is restarted.', crashes, minutes),
      openLog,
      restart,
    );
    if (choice === openLog) this.actions.openLog();
    else if (choice === restart) this.actions.restartServer();
  }
}
