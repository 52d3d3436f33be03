import type { Inventory } from '../../../server/src/core/inventory/types';
import type { Localizer } from './localizer';

export interface StatusSummaryInput {
  inventories: readonly Inventory[];
  /** Steps done or confirmed, over every folder. */
  progress: { done: number; total: number };
  overdue: number;
}

export interface StatusSummary {
  /** With codicons: `$(shield) $(error) 3 $(warning) 5 · 5/8`. */
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Screen readers read this instead of the codicon names. */
  accessibilityLabel: string;
}

/**
 * The status bar item's content: API Guard's error and warning findings over every folder and
 * the checklist progress. Free of `vscode` so that it is unit-tested.
 */
export function statusSummary(input: StatusSummaryInput, l10n: Localizer): StatusSummary {
  let errors = 0;
  let warnings = 0;
  for (const inventory of input.inventories) {
    errors += inventory.summary.findingCounts.error;
    warnings += inventory.summary.findingCounts.warning;
  }
  const { done, total } = input.progress;
  const checklist = total > 0 ? ` · ${done}/${total}` : '';
  const findings = l10n.t('{0} errors, {1} warnings', errors, warnings);
  const steps = total > 0 ? l10n.t('checklist: {0} of {1} steps done', done, total) : undefined;
  const overdue = input.overdue === 0 ? undefined : input.overdue === 1 ? l10n.t('1 step is overdue') : l10n.t('{0} steps are overdue', input.overdue);
  const summary = [findings, steps, overdue].filter((part) => part !== undefined).join('; ');
  return {
    text: `$(shield) $(error) ${errors} $(warning) ${warnings}${checklist}`,
    tooltip: `**API Guard**\n\n${summary}\n\n${l10n.t('Click to open the API Guard views.')}`,
    accessibilityLabel: `API Guard: ${summary}`,
  };
}
