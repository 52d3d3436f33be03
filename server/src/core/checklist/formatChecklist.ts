import { relativeUri } from '../engine/analyseApi';
import { countsText } from '../inventory/formatInventory';
import { defineMessages } from '../l10n/messages';
import type { ChecklistReport, ChecklistStepReport, StepEvidenceDetail, StepStatus } from './computeChecklist';

const m = defineMessages({
  title: { en: 'API security checklist', de: 'API-Sicherheitscheckliste' },
  progress: { en: '{done} of {total} steps done', de: '{done} von {total} Schritten erledigt' },
  plan: { en: 'Plan: {start} to {end}', de: 'Plan: {start} bis {end}' },
  noStartDate: {
    en: 'No start date is set, so no step is due yet.',
    de: 'Es ist kein Startdatum gesetzt, daher ist noch kein Schritt fällig.',
  },
  week: { en: 'Week {week}: {title}', de: 'Woche {week}: {title}' },
  due: { en: 'due {date}', de: 'fällig am {date}' },
  statusDone: { en: 'done', de: 'erledigt' },
  statusOpen: { en: 'open', de: 'offen' },
  statusOverdue: { en: 'overdue', de: 'überfällig' },
  statusConfirmed: { en: 'confirmed', de: 'bestätigt' },
  statusEvidenceChanged: { en: 'confirmed, but evidence changed', de: 'bestätigt, aber Nachweise geändert' },
  statusManual: { en: 'waiting for manual confirmation', de: 'wartet auf manuelle Bestätigung' },
  openFindings: { en: 'open findings: {counts}', de: 'offene Befunde: {counts}' },
  unexplained: {
    en: '{count} of them suppressed without a reason',
    de: 'davon {count} ohne Begründung unterdrückt',
  },
  handled: { en: '{count} suppressed with a reason', de: '{count} mit Begründung unterdrückt' },
  noFindings: { en: 'no open findings', de: 'keine offenen Befunde' },
  nothingAnalysed: { en: 'no OpenAPI or code files have been analysed yet', de: 'es wurden noch keine OpenAPI- oder Code-Dateien analysiert' },
  apiWithoutDescription: { en: 'API "{title}" has no info.description', de: 'API "{title}" hat keine info.description' },
  inventoryMissing: {
    en: 'no exported inventory found (command "API Guard: Export inventory report", or api-guard inventory --format markdown > api-inventory.md)',
    de: 'kein exportiertes Inventar gefunden (Befehl "API Guard: Inventarbericht exportieren" oder api-guard inventory --format markdown > api-inventory.md)',
  },
  inventoryStale: {
    en: 'the exported inventory {file} is older than the newest change to the specs or code',
    de: 'das exportierte Inventar {file} ist älter als die neueste Änderung an Spezifikationen oder Code',
  },
  inventoryFresh: { en: 'inventory exported to {file}', de: 'Inventar exportiert nach {file}' },
  ciMissing: { en: 'no CI configuration runs api-guard', de: 'keine CI-Konfiguration führt api-guard aus' },
  ciPresent: { en: 'CI runs api-guard ({file})', de: 'CI führt api-guard aus ({file})' },
  auditMissing: { en: 'no audit recorded', de: 'kein Audit erfasst' },
  auditRecorded: { en: 'last audit on {date}', de: 'letztes Audit am {date}' },
  confirmedBy: { en: 'confirmed by {by} on {date}', de: 'bestätigt von {by} am {date}' },
});

export interface FormatChecklistOptions {
  /** Paths in the output are shown relative to this folder. */
  folderUri?: string;
}

export function statusText(status: StepStatus): string {
  switch (status) {
    case 'done':
      return m.statusDone();
    case 'open':
      return m.statusOpen();
    case 'overdue':
      return m.statusOverdue();
    case 'confirmed':
      return m.statusConfirmed();
    case 'confirmed-evidence-changed':
      return m.statusEvidenceChanged();
    case 'manual':
      return m.statusManual();
  }
}

const TEXT_MARKERS: Record<StepStatus, string> = {
  done: '[x]',
  confirmed: '[x]',
  'confirmed-evidence-changed': '[~]',
  open: '[ ]',
  overdue: '[!]',
  manual: '[?]',
};

/** Plain text for the terminal (`api-guard checklist`). */
export function formatChecklistText(report: ChecklistReport, options: FormatChecklistOptions = {}): string {
  const out: string[] = [`${m.title()}: ${m.progress(report.progress)}`];
  out.push(report.startDate !== undefined ? m.plan({ start: report.startDate, end: report.endDate ?? '' }) : m.noStartDate());
  for (const [week, steps] of byWeek(report)) {
    out.push('', weekHeading(week, steps));
    for (const step of steps) {
      out.push(`  ${TEXT_MARKERS[step.status]} ${step.id} ${step.title}`);
      out.push(`      ${statusText(step.status)}`);
      for (const line of evidenceLines(step, options)) out.push(`      - ${line}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Markdown for reports and pull-request comments (`api-guard checklist --format markdown`). */
export function formatChecklistMarkdown(report: ChecklistReport, options: FormatChecklistOptions = {}): string {
  const out: string[] = [`# ${m.title()}`, '', `**${m.progress(report.progress)}.** ${report.startDate !== undefined ? m.plan({ start: report.startDate, end: report.endDate ?? '' }) + '.' : m.noStartDate()}`];
  for (const [week, steps] of byWeek(report)) {
    out.push('', `## ${weekHeading(week, steps)}`, '');
    for (const step of steps) {
      const checked = step.status === 'done' || step.status === 'confirmed' ? 'x' : ' ';
      const status = step.status === 'overdue' || step.status === 'confirmed-evidence-changed' ? `**${statusText(step.status)}**` : statusText(step.status);
      out.push(`- [${checked}] **${step.id}** ${escapeMarkdown(step.title)} — ${status}`);
      for (const line of evidenceLines(step, options)) out.push(`  - ${escapeMarkdown(line)}`);
    }
  }
  return out.join('\n') + '\n';
}

function byWeek(report: ChecklistReport): Map<number, ChecklistStepReport[]> {
  const weeks = new Map<number, ChecklistStepReport[]>();
  for (const step of report.steps) {
    const list = weeks.get(step.week) ?? [];
    list.push(step);
    weeks.set(step.week, list);
  }
  return weeks;
}

function weekHeading(week: number, steps: ChecklistStepReport[]): string {
  const heading = m.week({ week, title: steps[0].weekTitle });
  return steps[0].dueDate === undefined ? heading : `${heading} (${m.due({ date: steps[0].dueDate })})`;
}

/** The lines that explain a step's status: findings, facts, the confirmation. */
export function evidenceLines(step: ChecklistStepReport, options: FormatChecklistOptions = {}): string[] {
  const lines: string[] = [];
  const file = (uri: string): string => relativeUri(uri, options.folderUri);
  const automatic = step.automatic;
  if (automatic.applicable && step.kind !== 'inventory-export' && step.kind !== 'audit') {
    if (automatic.findings.length > 0) {
      const unexplained = automatic.findings.filter((finding) => finding.suppressedWithoutReason).length;
      lines.push(m.openFindings({ counts: countsText(automatic.openFindings) }) + (unexplained > 0 ? `, ${m.unexplained({ count: unexplained })}` : ''));
    } else lines.push(m.noFindings());
    if (automatic.handledBySuppression > 0) lines.push(m.handled({ count: automatic.handledBySuppression }));
  }
  for (const detail of automatic.details) lines.push(detailText(detail, file));
  if (step.confirmation !== undefined) {
    const confirmed = m.confirmedBy({ by: step.confirmation.by, date: step.confirmation.at.slice(0, 10) });
    lines.push(step.confirmation.note ? `${confirmed}: ${step.confirmation.note}` : confirmed);
  }
  return lines;
}

function detailText(detail: StepEvidenceDetail, file: (uri: string) => string): string {
  switch (detail.kind) {
    case 'nothing-analysed':
      return m.nothingAnalysed();
    case 'api-without-description':
      return m.apiWithoutDescription({ title: detail.title ?? file(detail.apiId) });
    case 'inventory-export':
      if (detail.state === 'missing') return m.inventoryMissing();
      return detail.state === 'stale' ? m.inventoryStale({ file: file(detail.uri ?? '') }) : m.inventoryFresh({ file: file(detail.uri ?? '') });
    case 'ci-invocation':
      return detail.uri === undefined ? m.ciMissing() : m.ciPresent({ file: file(detail.uri) });
    case 'audit-recorded': {
      if (detail.audit === undefined) return m.auditMissing();
      const extra = [detail.audit.note, detail.audit.link].filter((part) => part !== undefined && part !== '').join(' ');
      return extra === '' ? m.auditRecorded({ date: detail.audit.date }) : `${m.auditRecorded({ date: detail.audit.date })}: ${extra}`;
    }
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}
