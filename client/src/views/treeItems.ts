import * as vscode from 'vscode';
import type { InventoryLocation } from '../../../server/src/core/inventory/types';
import { COMMANDS } from '../commandIds';
import type { NodeAction, ViewNode } from './viewNode';

/** The editor range of an inventory or checklist location. */
export function toRange(location: InventoryLocation): vscode.Range {
  const { start, end } = location.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** Opens the location's file with the exact range selected. */
export function revealCommand(location: InventoryLocation, title: string): vscode.Command {
  return { command: 'vscode.open', title, arguments: [vscode.Uri.parse(location.uri), { selection: toRange(location), preserveFocus: false }] };
}

function actionCommand(action: NodeAction, title: string): vscode.Command {
  switch (action.kind) {
    case 'create-starter-spec':
      return { command: COMMANDS.createStarterSpec, title };
    case 'export-inventory':
      return { command: COMMANDS.exportInventory, title, arguments: [{ folderUri: action.folderUri }] };
    case 'show-step-findings':
      return { command: COMMANDS.checklistShowFindings, title, arguments: [{ folderUri: action.folderUri, step: action.step }] };
    case 'set-start-date':
      return { command: COMMANDS.checklistSetStartDate, title, arguments: [{ folderUri: action.folderUri }] };
    case 'record-audit':
      return { command: COMMANDS.checklistRecordAudit, title, arguments: [{ folderUri: action.folderUri, step: action.step }] };
    case 'confirm-step':
      return { command: COMMANDS.checklistConfirmStep, title, arguments: [{ folderUri: action.folderUri, step: action.step }] };
  }
}

/** Renders a view-model row: codicon in its theme color, Markdown tooltip, click to reveal or act. */
export function toTreeItem(node: ViewNode): vscode.TreeItem {
  const state =
    node.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded === true
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = node.contextValue;
  if (node.icon !== undefined) {
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color === undefined ? undefined : new vscode.ThemeColor(node.icon.color));
  }
  if (node.tooltip !== undefined) {
    const tooltip = new vscode.MarkdownString(node.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
  }
  if (node.action !== undefined) item.command = actionCommand(node.action, node.label);
  else if (node.location !== undefined) item.command = revealCommand(node.location, node.label);
  return item;
}

/** A tree data provider over view-model rows; `setNodes` replaces the whole tree. */
export class ViewNodeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private roots: ViewNode[] = [];
  private readonly parents = new Map<string, ViewNode>();
  private readonly changeEmitter = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  get nodes(): readonly ViewNode[] {
    return this.roots;
  }

  setNodes(nodes: ViewNode[]): void {
    this.roots = nodes;
    this.parents.clear();
    const index = (node: ViewNode): void => {
      for (const child of node.children) {
        this.parents.set(child.id, node);
        index(child);
      }
    };
    nodes.forEach(index);
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: ViewNode): ViewNode[] {
    return node === undefined ? this.roots : node.children;
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return this.parents.get(node.id);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
