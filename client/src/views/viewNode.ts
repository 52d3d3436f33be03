import type { InventoryLocation } from '../../../server/src/core/inventory/types';
import type { ChecklistStepId } from '../../../server/src/core/rules/types';

/**
 * One row of the inventory or checklist tree as plain data. The view models build these without
 * `vscode`, so that grouping, filtering and labels are unit-tested; the tree providers only turn
 * them into `TreeItem`s.
 */
export interface ViewNode {
  /** Unique within its tree and stable across refreshes, so that expansion state survives. */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: NodeIcon;
  /** Where a click leads: the exact range of the operation, server, scheme, call site or finding. */
  location?: InventoryLocation;
  /** What a click does instead of revealing a location. */
  action?: NodeAction;
  /** The folder (and checklist step) a row stands for: what its context-menu commands act on. */
  target?: NodeTarget;
  /** `TreeItem.contextValue`: which context-menu commands the row offers. */
  contextValue: string;
  children: ViewNode[];
  /** Rows with children start collapsed unless this is set. */
  expanded?: boolean;
}

export interface NodeTarget {
  folderUri: string;
  step?: ChecklistStepId;
}

export interface NodeIcon {
  /** A codicon id (`lock`, `warning` …). */
  id: string;
  /** A theme color id; see THEME_COLORS. */
  color?: string;
}

/** Theme colors the views use, so that highlighting follows the user's theme. */
export const THEME_COLORS = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  info: 'problemsInfoIcon.foreground',
  success: 'testing.iconPassed',
  muted: 'disabledForeground',
} as const;

export type NodeAction =
  | { kind: 'create-starter-spec' }
  | { kind: 'export-inventory'; folderUri: string }
  | { kind: 'show-step-findings'; folderUri: string; step: ChecklistStepId }
  | { kind: 'set-start-date'; folderUri: string }
  | { kind: 'record-audit'; folderUri: string; step: ChecklistStepId }
  | { kind: 'confirm-step'; folderUri: string; step: ChecklistStepId };

/** The folder's name from its URI (`file:///work/my%20shop` → `my shop`). */
export function folderName(folderUri: string): string {
  const trimmed = folderUri.replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || folderUri;
  } catch {
    return last || folderUri;
  }
}

/** A path relative to the folder for display, or the URI itself when it lies outside. */
export function relativeToFolder(uri: string, folderUri: string): string {
  const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  if (!uri.startsWith(prefix)) return uri;
  const relative = uri.slice(prefix.length);
  try {
    return decodeURIComponent(relative);
  } catch {
    return relative;
  }
}
