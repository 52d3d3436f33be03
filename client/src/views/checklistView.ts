import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../commandIds';
import type { ApiGuardData } from './apiGuardData';
import { buildChecklistTree, todayOf } from './checklistModel';
import { ViewNodeProvider } from './treeItems';

/** The context key whose value picks the checklist view's welcome text. */
const STATE_CONTEXT = 'apiGuard.checklist.state';

/**
 * The checklist view: the tree of checklistModel.ts from the shared data, with the progress and
 * the number of overdue steps as the view's description. The commands that change the
 * checklist live in checklist/checklistCommands.ts.
 */
export class ChecklistView implements vscode.Disposable {
  private readonly provider = new ViewNodeProvider();
  private readonly view: vscode.TreeView<unknown>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly data: ApiGuardData) {
    this.view = vscode.window.createTreeView(VIEWS.checklist, { treeDataProvider: this.provider, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.provider,
      data.onDidChange(() => this.render()),
      vscode.commands.registerCommand(COMMANDS.checklistRefresh, () => data.refresh()),
    );
    this.render();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private render(): void {
    if (this.data.state === 'ready') {
      const tree = buildChecklistTree(this.data.checklists, todayOf(new Date()), vscode.l10n);
      this.provider.setNodes(tree.nodes);
      // No badge here: the container adds up its views' badges, and its number should stay the
      // inventory's count of error findings. Overdue steps are told in the description instead.
      const progress = tree.progress.total > 0 ? vscode.l10n.t('{0}/{1} done', tree.progress.done, tree.progress.total) : undefined;
      const overdue = tree.overdue === 0 ? undefined : tree.overdue === 1 ? vscode.l10n.t('1 step is overdue') : vscode.l10n.t('{0} steps are overdue', tree.overdue);
      this.view.description = [progress, overdue].filter((part) => part !== undefined).join(' · ') || undefined;
    } else if (this.data.state === 'unavailable') {
      this.provider.setNodes([]);
      this.view.description = undefined;
    }
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT, this.data.state);
  }
}
