import type { Finding } from '../engine/finding';
import { countSeverities } from '../inventory/buildInventory';
import type { InventoryLocation, SeverityCounts } from '../inventory/types';
import { childString } from '../model/ast';
import type { ApiDescription } from '../openapi/types';
import type { ChecklistStepId, Severity } from '../rules/types';
import type { AuditRecord, ChecklistState, StepConfirmation } from './checklistState';
import { CHECKLIST_STEPS, isStepEvidence, localised, WEEK_TITLES, type ChecklistStep, type StepKind } from './steps';

/**
 * `done`: the automatic evidence is clear (and, where the step needs it, the manual part is
 * recorded); `open`: evidence is red; `overdue`: not done and its week's due date has passed;
 * `confirmed`: a person confirmed it and the evidence is clear; `confirmed-evidence-changed`: a
 * person confirmed it but the automatic evidence is red now; `manual`: the automatic part is
 * clear, and a person still has to confirm the rest.
 */
export type StepStatus = 'done' | 'open' | 'overdue' | 'confirmed' | 'confirmed-evidence-changed' | 'manual';

export interface ChecklistFacts {
  /** The exported inventory report found in the folder (e.g. `api-inventory.md`). */
  inventoryExport?: { uri: string; mtimeMs: number };
  /** The newest modification time of the specs and code files the inventory lists. */
  newestSourceChangeMs?: number;
  /** The CI configuration file that runs the `api-guard` CLI (see detectCiInvocation). */
  ciInvokesApiGuard?: { uri: string } | undefined;
  /** How many OpenAPI and code files the analysis covered. */
  filesAnalysed: number;
}

export interface ComputeChecklistInput {
  findings: Finding[];
  suppressed: Finding[];
  apis: ApiDescription[];
  state: ChecklistState;
  now: Date;
  facts: ChecklistFacts;
}

export interface ChecklistFindingRef {
  ruleId: string;
  severity: Severity;
  message: string;
  fingerprint: string;
  location: InventoryLocation;
  /** Set on suppressed findings that still count (step 1.1: a suppression without a reason). */
  suppressedWithoutReason?: true;
}

/** Facts a step's status rests on, besides findings, so that views can show and explain them. */
export type StepEvidenceDetail =
  | { kind: 'nothing-analysed' }
  | { kind: 'api-without-description'; apiId: string; title?: string }
  | { kind: 'inventory-export'; state: 'missing' | 'stale' | 'fresh'; uri?: string }
  | { kind: 'ci-invocation'; uri?: string }
  | { kind: 'audit-recorded'; audit?: AuditRecord };

export interface ChecklistStepReport {
  id: ChecklistStepId;
  week: ChecklistStep['week'];
  weekTitle: string;
  title: string;
  kind: StepKind;
  status: StepStatus;
  /** `YYYY-MM-DD`, when the plan has a start date. */
  dueDate?: string;
  /** The due date has passed and the step is not done or confirmed. */
  overdue: boolean;
  automatic: {
    /** Whether the analysis can say anything about this step. */
    applicable: boolean;
    /** The automatic part of the step is satisfied. */
    ok: boolean;
    openFindings: SeverityCounts;
    /** The findings that keep the step open (for the view's quick pick). */
    findings: ChecklistFindingRef[];
    /** Evidence findings hidden by a suppression that counts as handled. */
    handledBySuppression: number;
    details: StepEvidenceDetail[];
  };
  confirmation?: StepConfirmation;
  lastAudit?: AuditRecord;
}

export interface ChecklistReport {
  startDate?: string;
  /** The last due date of the plan (start + 28 days). */
  endDate?: string;
  generatedAt: string;
  steps: ChecklistStepReport[];
  progress: { done: number; total: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` plus a number of days, in UTC (so that every team member computes the same date). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The step's due date: the plan's start plus seven days per week. */
export function dueDateOf(startDate: string | undefined, week: number): string | undefined {
  return startDate === undefined ? undefined : addDays(startDate, 7 * week);
}

/** Computes the status of every step from the analysis, the facts of the folder and the stored state. */
export function computeChecklist(input: ComputeChecklistInput): ChecklistReport {
  const today = input.now.toISOString().slice(0, 10);
  const steps = CHECKLIST_STEPS.map((step) => computeStep(step, input, today));
  const startDate = input.state.startDate;
  return {
    ...(startDate !== undefined && { startDate, endDate: addDays(startDate, 28) }),
    generatedAt: input.now.toISOString(),
    steps,
    progress: { done: steps.filter((step) => step.status === 'done' || step.status === 'confirmed').length, total: steps.length },
  };
}

function computeStep(step: ChecklistStep, input: ComputeChecklistInput, today: string): ChecklistStepReport {
  const stored = input.state.steps[step.id];
  const confirmation = stored?.confirmed;
  const lastAudit = stored?.lastAudit;
  const dueDate = dueDateOf(input.state.startDate, step.week);
  const pastDue = dueDate !== undefined && today > dueDate;

  const open = input.findings.filter((finding) => isStepEvidence(step, finding));
  const suppressedEvidence = input.suppressed.filter((finding) => isStepEvidence(step, finding));
  // Step 1.1 asks that every open error is fixed or deliberately accepted; a suppression is a
  // deliberate decision only when it says why.
  const unexplained = step.id === '1.1' ? suppressedEvidence.filter((finding) => !hasReason(finding)) : [];
  const counted = [...open.map((finding) => findingRef(finding)), ...unexplained.map((finding) => findingRef(finding, true))];
  const details: StepEvidenceDetail[] = [];
  let ok = counted.length === 0;
  let applicable = step.evidence.length > 0;

  switch (step.kind) {
    case 'findings':
      if (step.id === '1.1' && input.facts.filesAnalysed === 0) {
        details.push({ kind: 'nothing-analysed' });
        ok = false;
      }
      if (step.id === '2.1') {
        for (const api of input.apis) {
          if ((childString(api.info?.node, 'description') ?? '').trim() !== '') continue;
          details.push({ kind: 'api-without-description', apiId: api.root.uri, ...(api.title !== undefined && { title: api.title }) });
          ok = false;
        }
      }
      break;
    case 'inventory-export': {
      applicable = true;
      const exported = input.facts.inventoryExport;
      const newest = input.facts.newestSourceChangeMs;
      const state = exported === undefined ? 'missing' : newest !== undefined && exported.mtimeMs < newest ? 'stale' : 'fresh';
      details.push({ kind: 'inventory-export', state, ...(exported !== undefined && { uri: exported.uri }) });
      ok = state === 'fresh';
      break;
    }
    case 'audit': {
      applicable = true;
      const ci = input.facts.ciInvokesApiGuard;
      details.push({ kind: 'ci-invocation', ...(ci !== undefined && { uri: ci.uri }) });
      details.push({ kind: 'audit-recorded', ...(lastAudit !== undefined && { audit: lastAudit }) });
      ok = ci !== undefined;
      break;
    }
    case 'findings-and-manual':
      break;
  }

  const status = statusOf(step.kind, { ok, confirmed: confirmation !== undefined, pastDue, auditRecorded: lastAudit !== undefined, details });
  return {
    id: step.id,
    week: step.week,
    weekTitle: localised(WEEK_TITLES[step.week]),
    title: localised(step.title),
    kind: step.kind,
    status,
    ...(dueDate !== undefined && { dueDate }),
    overdue: status === 'overdue',
    automatic: {
      applicable,
      ok,
      openFindings: countSeverities(counted),
      findings: counted,
      handledBySuppression: suppressedEvidence.length - unexplained.length,
      details,
    },
    ...(confirmation !== undefined && { confirmation }),
    ...(lastAudit !== undefined && { lastAudit }),
  };
}

interface StatusFacts {
  ok: boolean;
  confirmed: boolean;
  pastDue: boolean;
  auditRecorded: boolean;
  details: StepEvidenceDetail[];
}

function statusOf(kind: StepKind, facts: StatusFacts): StepStatus {
  const { ok, confirmed, pastDue } = facts;
  const notDone = (waitingForPeople: boolean): StepStatus => (pastDue ? 'overdue' : waitingForPeople ? 'manual' : 'open');
  switch (kind) {
    case 'findings':
      if (confirmed) return ok ? 'confirmed' : 'confirmed-evidence-changed';
      return ok ? 'done' : notDone(false);
    case 'inventory-export': {
      // A manual check-off replaces a missing export; an export that is older than the specs
      // it lists means the confirmed list no longer matches the workspace.
      const stale = facts.details.some((detail) => detail.kind === 'inventory-export' && detail.state === 'stale');
      if (confirmed) return stale ? 'confirmed-evidence-changed' : 'confirmed';
      return ok ? 'done' : notDone(false);
    }
    case 'audit':
      if (confirmed) return ok ? 'confirmed' : 'confirmed-evidence-changed';
      if (ok && facts.auditRecorded) return 'done';
      return notDone(ok);
    case 'findings-and-manual':
      if (confirmed) return ok ? 'confirmed' : 'confirmed-evidence-changed';
      return notDone(ok);
  }
}

function hasReason(finding: Finding): boolean {
  return (finding.suppressed?.reason ?? '').trim() !== '';
}

function findingRef(finding: Finding, suppressedWithoutReason = false): ChecklistFindingRef {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fingerprint: finding.fingerprint,
    location: { uri: finding.uri, range: finding.range },
    ...(suppressedWithoutReason && { suppressedWithoutReason: true as const }),
  };
}
