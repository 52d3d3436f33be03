import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../commandIds';
import type { ApiGuardData } from './apiGuardData';
import { buildInventoryTree, type OperationGrouping } from './inventoryModel';
import { ViewNodeProvider } from './treeItems';

/** Context keys the manifest's menus and welcome texts test. */
const CONTEXT = {
  groupBy: 'apiGuard.inventory.groupBy',
  onlyProblems: 'apiGuard.inventory.onlyProblems',
  state: 'apiGuard.inventory.state',
} as const;

/** Where the view's toggles are remembered between sessions (per workspace). */
const MEMENTO = {
  groupBy: 'apiGuard.inventory.groupBy',
  onlyProblems: 'apiGuard.inventory.onlyProblems',
} as const;

/** The value of `apiGuard.inventory.state`: which welcome text an empty view shows. */
type InventoryViewState = 'loading' | 'unavailable' | 'no-apis' | 'no-problems' | 'ready';

/**
 * The inventory view: renders the tree of inventoryModel.ts from the shared data, keeps the
 * group-by and filter toggles (with context keys so the title-bar icons flip), and shows the
 * number of error findings as the view's badge.
 */
export class InventoryView implements vscode.Disposable {
  private readonly provider = new ViewNodeProvider();
  private readonly view: vscode.TreeView<unknown>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private groupBy: OperationGrouping;
  private onlyProblems: boolean;

  constructor(
    private readonly data: ApiGuardData,
    private readonly memento: vscode.Memento,
  ) {
    this.groupBy = memento.get<OperationGrouping>(MEMENTO.groupBy) === 'path' ? 'path' : 'tag';
    this.onlyProblems = memento.get<boolean>(MEMENTO.onlyProblems) === true;
    this.view = vscode.window.createTreeView(VIEWS.inventory, { treeDataProvider: this.provider, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.provider,
      data.onDidChange(() => this.render()),
      vscode.commands.registerCommand(COMMANDS.inventoryRefresh, () => data.refresh()),
      vscode.commands.registerCommand(COMMANDS.inventoryGroupByPath, () => this.setGroupBy('path')),
      vscode.commands.registerCommand(COMMANDS.inventoryGroupByTag, () => this.setGroupBy('tag')),
      vscode.commands.registerCommand(COMMANDS.inventoryShowOnlyProblems, () => this.setOnlyProblems(true)),
      vscode.commands.registerCommand(COMMANDS.inventoryShowAll, () => this.setOnlyProblems(false)),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT.groupBy, this.groupBy);
    void vscode.commands.executeCommand('setContext', CONTEXT.onlyProblems, this.onlyProblems);
    this.render();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async setGroupBy(groupBy: OperationGrouping): Promise<void> {
    this.groupBy = groupBy;
    await this.memento.update(MEMENTO.groupBy, groupBy);
    await vscode.commands.executeCommand('setContext', CONTEXT.groupBy, groupBy);
    this.render();
  }

  private async setOnlyProblems(onlyProblems: boolean): Promise<void> {
    this.onlyProblems = onlyProblems;
    await this.memento.update(MEMENTO.onlyProblems, onlyProblems);
    await vscode.commands.executeCommand('setContext', CONTEXT.onlyProblems, onlyProblems);
    this.render();
  }

  private render(): void {
    let state: InventoryViewState;
    if (this.data.state !== 'ready') {
      state = this.data.state;
      // The last tree stays while the server restarts, unless there never was one.
      if (this.data.state === 'unavailable') this.provider.setNodes([]);
    } else {
      const tree = buildInventoryTree(this.data.inventories, { groupBy: this.groupBy, onlyProblems: this.onlyProblems }, vscode.l10n);
      this.provider.setNodes(tree.nodes);
      state = tree.emptyReason ?? 'ready';
      this.view.badge =
        tree.errorCount > 0
          ? { value: tree.errorCount, tooltip: tree.errorCount === 1 ? vscode.l10n.t('1 error finding') : vscode.l10n.t('{0} error findings', tree.errorCount) }
          : undefined;
      this.view.message = this.onlyProblems && tree.nodes.length > 0 ? vscode.l10n.t('Showing only items with problems.') : undefined;
    }
    void vscode.commands.executeCommand('setContext', CONTEXT.state, state);
  }
}
