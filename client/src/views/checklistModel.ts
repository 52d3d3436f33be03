/**
 * Builds the checklist view's tree from the `apiGuard/checklist` answer: the plan, the four weeks
 * with their due dates, the eight steps with their status, and each step's evidence (findings,
 * facts of the folder, the manual confirmation). Free of `vscode` so that it is unit-tested;
 * checklistView.ts renders the nodes.
 */
import { isValidDate, parseChecklistState } from '../../../server/src/core/checklist/checklistState';
import type { ChecklistFindingRef, ChecklistStepReport, StepEvidenceDetail, StepStatus } from '../../../server/src/core/checklist/computeChecklist';
import type { InventoryLocation } from '../../../server/src/core/inventory/types';
import type { Position } from '../../../server/src/core/model/lineIndex';
import type { Severity } from '../../../server/src/core/rules/types';
import type { FolderChecklist } from '../../../server/src/lsp/protocol';
import { countsText, escapeMarkdown, severityText } from './labels';
import type { Localizer } from './localizer';
import { findingIcon } from './inventoryModel';
import { folderName, relativeToFolder, THEME_COLORS, type NodeIcon, type ViewNode } from './viewNode';

export interface ChecklistFolderInput {
  report: FolderChecklist;
  /** The team's checklist file as it is on disk, when it exists; its problems are shown. */
  file?: { uri: string; text: string };
}

export interface ChecklistTree {
  nodes: ViewNode[];
  /** Steps done or confirmed, over every folder (the status bar's `5/8`). */
  progress: { done: number; total: number };
  /** Steps past their due date and not done, over every folder. */
  overdue: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Today as `YYYY-MM-DD` in UTC, the day the server's overdue decision uses. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` lies before `from`. */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string): number => {
    const [year, month, day] = date.split('-').map(Number);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** `due in 3 days (2025-01-13)`, `due today`, `2 days overdue (2025-01-13)`. */
export function dueText(dueDate: string, today: string, l10n: Localizer): string {
  const days = daysBetween(today, dueDate);
  if (days > 1) return l10n.t('due in {0} days ({1})', days, dueDate);
  if (days === 1) return l10n.t('due tomorrow ({0})', dueDate);
  if (days === 0) return l10n.t('due today ({0})', dueDate);
  if (days === -1) return l10n.t('1 day overdue ({0})', dueDate);
  return l10n.t('{0} days overdue ({1})', -days, dueDate);
}

/** The status of a step in a few words, with the number of findings that keep it open. */
export function stepStatusText(step: ChecklistStepReport, l10n: Localizer): string {
  const findings = step.automatic.findings.length;
  switch (step.status) {
    case 'done':
      return l10n.t('done');
    case 'open':
      if (findings === 1) return l10n.t('open, 1 finding');
      return findings > 1 ? l10n.t('open, {0} findings', findings) : l10n.t('open');
    case 'overdue':
      if (findings === 1) return l10n.t('overdue, 1 finding');
      return findings > 1 ? l10n.t('overdue, {0} findings', findings) : l10n.t('overdue');
    case 'confirmed':
      return step.confirmation !== undefined ? l10n.t('confirmed by {0}', step.confirmation.by) : l10n.t('confirmed');
    case 'confirmed-evidence-changed':
      return l10n.t('confirmed, but evidence changed');
    case 'manual':
      return l10n.t('waiting for manual confirmation');
  }
}

export function stepStatusIcon(status: StepStatus): NodeIcon {
  switch (status) {
    case 'done':
      return { id: 'pass-filled', color: THEME_COLORS.success };
    case 'confirmed':
      return { id: 'verified-filled', color: THEME_COLORS.success };
    case 'open':
      return { id: 'circle-large-outline' };
    case 'overdue':
      return { id: 'error', color: THEME_COLORS.error };
    case 'confirmed-evidence-changed':
      return { id: 'warning', color: THEME_COLORS.warning };
    case 'manual':
      return { id: 'person', color: THEME_COLORS.info };
  }
}

function isComplete(step: ChecklistStepReport): boolean {
  return step.status === 'done' || step.status === 'confirmed';
}

/**
 * `step-confirmed` / `step-unconfirmed`, with `-audit` for the step that records audits: the
 * `viewItem` the context-menu commands in package.json test.
 */
export function stepContextValue(step: ChecklistStepReport): string {
  return `step-${step.confirmation !== undefined ? 'confirmed' : 'unconfirmed'}${step.kind === 'audit' ? '-audit' : ''}`;
}

/** Steps done or confirmed, and steps overdue, over every folder. */
export function checklistProgress(reports: readonly FolderChecklist[]): Pick<ChecklistTree, 'progress' | 'overdue'> {
  const progress = { done: 0, total: 0 };
  let overdue = 0;
  for (const report of reports) {
    progress.done += report.progress.done;
    progress.total += report.progress.total;
    overdue += report.steps.filter((step) => step.status === 'overdue').length;
  }
  return { progress, overdue };
}

export function buildChecklistTree(folders: readonly ChecklistFolderInput[], today: string, l10n: Localizer): ChecklistTree {
  const { progress, overdue } = checklistProgress(folders.map((folder) => folder.report));
  const builder = new ChecklistTreeBuilder(today, l10n);
  const nodes =
    folders.length === 1
      ? builder.folderContent(folders[0])
      : folders.map(
          (folder): ViewNode => ({
            id: folder.report.folderUri,
            label: folderName(folder.report.folderUri),
            description: l10n.t('{0}/{1} done', folder.report.progress.done, folder.report.progress.total),
            icon: { id: 'root-folder' },
            target: { folderUri: folder.report.folderUri },
            contextValue: 'folder',
            children: builder.folderContent(folder),
            expanded: true,
          }),
        );
  return { nodes, progress, overdue };
}

class ChecklistTreeBuilder {
  constructor(
    private readonly today: string,
    private readonly l10n: Localizer,
  ) {}

  folderContent(folder: ChecklistFolderInput): ViewNode[] {
    const { report } = folder;
    const prefix = report.folderUri;
    const nodes: ViewNode[] = [];
    const fileRow = folder.file === undefined ? undefined : this.fileProblems(folder.file, prefix);
    if (fileRow !== undefined) nodes.push(fileRow);
    nodes.push(this.plan(report, prefix));
    for (const week of [1, 2, 3, 4] as const) {
      const steps = report.steps.filter((step) => step.week === week);
      if (steps.length > 0) nodes.push(this.week(week, steps, report.folderUri, prefix));
    }
    return nodes;
  }

  /** A row that reports a checklist file with problems; a broken one is never written to. */
  private fileProblems(file: { uri: string; text: string }, prefix: string): ViewNode | undefined {
    const l10n = this.l10n;
    const parsed = parseChecklistState(file.text);
    if (parsed.problems.length === 0) return undefined;
    const first = parsed.problems[0];
    const start = positionAt(file.text, first.start);
    const end = positionAt(file.text, Math.max(first.start, first.end));
    const label = parsed.broken
      ? l10n.t('The checklist file cannot be read; it is not changed until it is fixed')
      : parsed.problems.length === 1
        ? l10n.t('The checklist file has 1 problem')
        : l10n.t('The checklist file has {0} problems', parsed.problems.length);
    return {
      id: `${prefix}|file-problems`,
      label,
      description: first.message,
      tooltip: parsed.problems.map((problem) => `- ${escapeMarkdown(problem.message)}`).join('\n'),
      icon: parsed.broken ? { id: 'error', color: THEME_COLORS.error } : { id: 'warning', color: THEME_COLORS.warning },
      location: { uri: file.uri, range: { start, end } },
      contextValue: 'checklist-file-problems',
      children: [],
    };
  }

  private plan(report: FolderChecklist, prefix: string): ViewNode {
    const l10n = this.l10n;
    if (report.startDate === undefined) {
      return {
        id: `${prefix}|plan`,
        label: l10n.t('No start date set'),
        description: l10n.t('set one to get due dates'),
        tooltip: l10n.t('The plan runs four weeks from its start date; week N is due seven days after week N−1.'),
        icon: { id: 'calendar', color: THEME_COLORS.warning },
        action: { kind: 'set-start-date', folderUri: report.folderUri },
        target: { folderUri: report.folderUri },
        contextValue: 'plan',
        children: [],
      };
    }
    const end = report.endDate ?? report.startDate;
    const elapsed = daysBetween(report.startDate, this.today);
    const remaining = daysBetween(this.today, end);
    const when =
      elapsed < 0
        ? l10n.t('starts in {0} days', -elapsed)
        : remaining > 0
          ? l10n.t('day {0} of {1}', elapsed + 1, daysBetween(report.startDate, end))
          : remaining === 0
            ? l10n.t('ends today')
            : l10n.t('ended {0} days ago', -remaining);
    return {
      id: `${prefix}|plan`,
      label: l10n.t('Plan: {0} to {1}', report.startDate, end),
      description: `${when} · ${l10n.t('{0}/{1} done', report.progress.done, report.progress.total)}`,
      tooltip: l10n.t('The plan runs four weeks from its start date; week N is due seven days after week N−1.'),
      icon: { id: 'calendar' },
      action: { kind: 'set-start-date', folderUri: report.folderUri },
      target: { folderUri: report.folderUri },
      contextValue: 'plan',
      children: [],
    };
  }

  private week(week: number, steps: ChecklistStepReport[], folderUri: string, prefix: string): ViewNode {
    const l10n = this.l10n;
    const done = steps.filter(isComplete).length;
    const dueDate = steps[0].dueDate;
    const overdue = steps.some((step) => step.status === 'overdue');
    const allDone = done === steps.length;
    const timing = allDone ? l10n.t('all done') : dueDate !== undefined ? dueText(dueDate, this.today, l10n) : undefined;
    return {
      id: `${prefix}|week${week}`,
      label: l10n.t('Week {0}: {1}', week, steps[0].weekTitle),
      description: [`${done}/${steps.length}`, timing].filter((part) => part !== undefined).join(' · '),
      icon: allDone ? { id: 'pass', color: THEME_COLORS.success } : overdue ? { id: 'calendar', color: THEME_COLORS.error } : { id: 'calendar' },
      contextValue: overdue ? 'week-overdue' : 'week',
      children: steps.map((step) => this.step(step, folderUri, `${prefix}|week${week}`)),
      expanded: true,
    };
  }

  private step(step: ChecklistStepReport, folderUri: string, parentId: string): ViewNode {
    const l10n = this.l10n;
    const id = `${parentId}|${step.id}`;
    const evidence = this.evidence(step, folderUri, id);
    const status = stepStatusText(step, l10n);
    const due = step.dueDate !== undefined && !isComplete(step) ? dueText(step.dueDate, this.today, l10n) : undefined;
    const tooltip = [
      `**${escapeMarkdown(`${step.id} ${step.title}`)}**`,
      '',
      `- ${l10n.t('Status: {0}', step.status === 'overdue' || step.status === 'confirmed-evidence-changed' ? `**${escapeMarkdown(status)}**` : escapeMarkdown(status))}`,
      ...(step.dueDate !== undefined ? [`- ${l10n.t('Due: {0}', step.dueDate)}`] : []),
      ...evidence.map((row) => `- ${escapeMarkdown(row.description === undefined ? row.label : `${row.label}: ${row.description}`)}`),
      ...(step.status === 'confirmed-evidence-changed'
        ? ['', l10n.t('The step was confirmed, but its automatic evidence is red again: check the findings, then confirm it again or reopen it.')]
        : []),
    ].join('\n');
    return {
      id,
      label: `${step.id} ${step.title}`,
      description: step.status === 'overdue' ? status : [status, due].filter((part) => part !== undefined).join(' · '),
      tooltip,
      icon: stepStatusIcon(step.status),
      target: { folderUri, step: step.id },
      contextValue: stepContextValue(step),
      children: evidence,
      expanded: step.status === 'overdue' || step.status === 'confirmed-evidence-changed',
    };
  }

  /** The rows under a step that explain its status. */
  private evidence(step: ChecklistStepReport, folderUri: string, parentId: string): ViewNode[] {
    const l10n = this.l10n;
    const rows: ViewNode[] = [];
    const automatic = step.automatic;
    const findingsApply = automatic.applicable && step.kind !== 'inventory-export' && step.kind !== 'audit';
    if (findingsApply) {
      const count = automatic.findings.length;
      if (count > 0) {
        const unexplained = automatic.findings.filter((finding) => finding.suppressedWithoutReason).length;
        rows.push({
          id: `${parentId}|findings`,
          label: count === 1 ? l10n.t('1 open finding') : l10n.t('{0} open findings', count),
          description: [countsText(automatic.openFindings, l10n), unexplained > 0 ? l10n.t('{0} suppressed without a reason', unexplained) : undefined]
            .filter((part) => part !== undefined && part !== '')
            .join(' · '),
          tooltip: l10n.t('Click to pick one of the findings and go to it.'),
          icon: findingIcon(worstSeverity(automatic.findings)),
          action: { kind: 'show-step-findings', folderUri, step: step.id },
          contextValue: 'step-findings',
          children: [],
        });
      } else {
        rows.push({
          id: `${parentId}|findings`,
          label: l10n.t('No open findings'),
          icon: { id: 'pass', color: THEME_COLORS.success },
          contextValue: 'step-no-findings',
          children: [],
        });
      }
      if (automatic.handledBySuppression > 0) {
        rows.push({
          id: `${parentId}|handled`,
          label: l10n.t('{0} suppressed with a reason', automatic.handledBySuppression),
          icon: { id: 'comment', color: THEME_COLORS.muted },
          contextValue: 'step-handled',
          children: [],
        });
      }
    }
    automatic.details.forEach((detail, index) => rows.push(this.detail(detail, step, folderUri, `${parentId}|detail${index}`)));
    if (step.confirmation !== undefined) {
      rows.push({
        id: `${parentId}|confirmation`,
        label: l10n.t('Confirmed by {0} on {1}', step.confirmation.by, step.confirmation.at.slice(0, 10)),
        ...(step.confirmation.note !== undefined && step.confirmation.note !== '' && { description: step.confirmation.note }),
        icon: { id: 'person' },
        contextValue: 'step-confirmation',
        children: [],
      });
    } else if (step.status === 'manual') {
      rows.push({
        id: `${parentId}|confirm`,
        label: l10n.t('Confirm this step when the manual part is done'),
        icon: { id: 'check' },
        action: { kind: 'confirm-step', folderUri, step: step.id },
        contextValue: 'step-confirm',
        children: [],
      });
    }
    return rows;
  }

  private detail(detail: StepEvidenceDetail, step: ChecklistStepReport, folderUri: string, id: string): ViewNode {
    const l10n = this.l10n;
    const file = (uri: string): string => relativeToFolder(uri, folderUri);
    const base = { id, contextValue: `step-detail-${detail.kind}`, children: [] };
    switch (detail.kind) {
      case 'nothing-analysed':
        return { ...base, label: l10n.t('No OpenAPI or code files have been analysed yet'), icon: { id: 'warning', color: THEME_COLORS.warning } };
      case 'api-without-description':
        return {
          ...base,
          label: l10n.t('API "{0}" has no description', detail.title ?? file(detail.apiId)),
          description: file(detail.apiId),
          icon: { id: 'book', color: THEME_COLORS.warning },
          location: startOf(detail.apiId),
        };
      case 'inventory-export':
        if (detail.state === 'missing') {
          return {
            ...base,
            label: l10n.t('No exported inventory yet'),
            description: l10n.t('export it as api-inventory.md'),
            icon: { id: 'export', color: THEME_COLORS.warning },
            action: { kind: 'export-inventory', folderUri },
          };
        }
        if (detail.state === 'stale') {
          return {
            ...base,
            label: l10n.t('The exported inventory is older than the newest change'),
            description: file(detail.uri ?? ''),
            tooltip: l10n.t('Export the inventory again so that the list matches the workspace.'),
            icon: { id: 'history', color: THEME_COLORS.warning },
            action: { kind: 'export-inventory', folderUri },
          };
        }
        return { ...base, label: l10n.t('Inventory exported'), description: file(detail.uri ?? ''), icon: { id: 'file', color: THEME_COLORS.success }, location: startOf(detail.uri ?? '') };
      case 'ci-invocation':
        if (detail.uri === undefined) {
          return {
            ...base,
            label: l10n.t('No CI configuration runs api-guard'),
            tooltip: l10n.t('Run the api-guard command line in a CI workflow (for example `npx api-guard lint --fail-on error`) so that every change is checked.'),
            icon: { id: 'warning', color: THEME_COLORS.warning },
          };
        }
        return { ...base, label: l10n.t('CI runs api-guard'), description: file(detail.uri), icon: { id: 'pass', color: THEME_COLORS.success }, location: startOf(detail.uri) };
      case 'audit-recorded':
        if (detail.audit === undefined) {
          return {
            ...base,
            label: l10n.t('No audit recorded'),
            description: l10n.t('record one'),
            icon: { id: 'calendar', color: THEME_COLORS.warning },
            action: { kind: 'record-audit', folderUri, step: step.id },
          };
        }
        return {
          ...base,
          label: l10n.t('Last audit on {0}', detail.audit.date),
          ...(detail.audit.note !== undefined || detail.audit.link !== undefined
            ? { description: [detail.audit.note, detail.audit.link].filter((part) => part !== undefined && part !== '').join(' · ') }
            : {}),
          icon: { id: 'shield', color: THEME_COLORS.success },
          action: { kind: 'record-audit', folderUri, step: step.id },
        };
    }
  }
}

function startOf(uri: string): InventoryLocation {
  return { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

function worstSeverity(findings: readonly ChecklistFindingRef[]): Severity {
  return SEVERITY_ORDER.find((severity) => findings.some((finding) => finding.severity === severity)) ?? 'hint';
}

/** The LSP position of an offset (UTF-16 code units, lines split at CR, LF and CRLF). */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let index = 0; index < clamped; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, character: clamped - lineStart };
}

export interface FindingPick {
  label: string;
  description: string;
  detail: string;
  location: InventoryLocation;
}

/** The quick-pick entries for a step's findings: worst first, then by file and line. */
export function stepFindingPicks(step: ChecklistStepReport, folderUri: string, l10n: Localizer): FindingPick[] {
  const rank = (severity: Severity): number => SEVERITY_ORDER.indexOf(severity);
  return [...step.automatic.findings]
    .sort(
      (a, b) =>
        rank(a.severity) - rank(b.severity) ||
        a.location.uri.localeCompare(b.location.uri) ||
        a.location.range.start.line - b.location.range.start.line ||
        a.location.range.start.character - b.location.range.start.character,
    )
    .map((finding) => ({
      label: `${codiconOf(finding.severity)} ${finding.message}`,
      description: finding.suppressedWithoutReason ? `${finding.ruleId} · ${l10n.t('suppressed without a reason')}` : `${finding.ruleId} · ${severityText(finding.severity, l10n)}`,
      detail: `${relativeToFolder(finding.location.uri, folderUri)}:${finding.location.range.start.line + 1}:${finding.location.range.start.character + 1}`,
      location: finding.location,
    }));
}

function codiconOf(severity: Severity): string {
  return `$(${findingIcon(severity).id})`;
}

/** An error message for a `YYYY-MM-DD` input, or undefined when it is a real calendar day (or empty, if allowed). */
export function validateDateInput(value: string, allowEmpty: boolean, l10n: Localizer): string | undefined {
  const text = value.trim();
  if (text === '') return allowEmpty ? undefined : l10n.t('Enter a date.');
  return isValidDate(text) ? undefined : l10n.t('Enter a date as YYYY-MM-DD, for example {0}.', '2025-03-03');
}
