import * as vscode from 'vscode';
import { VIEWS } from './commandIds';
import type { ApiGuardData } from './views/apiGuardData';
import { checklistProgress } from './views/checklistModel';
import { statusSummary } from './views/statusSummary';

/**
 * A status bar item with API Guard's error and warning counts and the checklist progress
 * (`$(shield) $(error) 3 $(warning) 5 · 5/8`); a click opens the API Guard views. The language
 * status item (serverStatus.ts) keeps telling whether the server runs; this one tells the results,
 * and is hidden while there are none to tell.
 */
export function createResultsStatusItem(data: ApiGuardData): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('apiGuard.results', vscode.StatusBarAlignment.Left, 50);
  item.name = 'API Guard';
  item.command = `workbench.view.extension.${VIEWS.container}`;
  const render = (): void => {
    if (data.state !== 'ready' || (vscode.workspace.workspaceFolders ?? []).length === 0) {
      item.hide();
      return;
    }
    const checklist = checklistProgress(data.checklists.map((folder) => folder.report));
    const summary = statusSummary({ inventories: data.inventories, progress: checklist.progress, overdue: checklist.overdue }, vscode.l10n);
    item.text = summary.text;
    item.tooltip = new vscode.MarkdownString(summary.tooltip);
    item.accessibilityInformation = { label: summary.accessibilityLabel };
    item.show();
  };
  render();
  return vscode.Disposable.from(item, data.onDidChange(render));
}
