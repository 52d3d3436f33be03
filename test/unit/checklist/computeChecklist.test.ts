import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ChecklistState } from '../../../server/src/core/checklist/checklistState';
import { addDays, computeChecklist, dueDateOf, type ChecklistFacts, type ChecklistStepReport } from '../../../server/src/core/checklist/computeChecklist';
import { formatChecklistMarkdown, formatChecklistText } from '../../../server/src/core/checklist/formatChecklist';
import { CHECKLIST_STEPS, stepsOfFinding } from '../../../server/src/core/checklist/steps';
import type { Finding, Suppression } from '../../../server/src/core/engine/finding';
import { setLocale } from '../../../server/src/core/l10n/messages';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import type { ChecklistStepId, Severity } from '../../../server/src/core/rules/types';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

let line = 0;
function finding(ruleId: string, severity: Severity, suppressed?: Suppression): Finding {
  line++;
  return {
    ruleId,
    severity,
    message: `${ruleId} at ${line}`,
    uri: `${TEST_FOLDER}/api.yaml`,
    range: { start: { line, character: 0 }, end: { line, character: 4 } },
    fingerprint: `fp-${line}`,
    ...(suppressed && { suppressed }),
  };
}

const describedApi = lintFiles('openapi: 3.1.0\ninfo: { title: Described, version: "1", description: Orders. }\npaths: {}\n').analysis.allApis();
const undescribedApi = lintFiles('openapi: 3.1.0\ninfo: { title: Bare, version: "1" }\npaths: {}\n').analysis.allApis();

interface Scenario {
  findings?: Finding[];
  suppressed?: Finding[];
  apis?: ApiDescription[];
  state?: Partial<ChecklistState>;
  now?: string;
  facts?: Partial<ChecklistFacts>;
}

function compute(scenario: Scenario = {}) {
  return computeChecklist({
    findings: scenario.findings ?? [],
    suppressed: scenario.suppressed ?? [],
    apis: scenario.apis ?? describedApi,
    state: { version: 1, steps: {}, ...scenario.state },
    now: new Date(scenario.now ?? '2026-03-05T12:00:00Z'),
    facts: { filesAnalysed: 4, ...scenario.facts },
  });
}

function step(report: ReturnType<typeof compute>, id: ChecklistStepId): ChecklistStepReport {
  return report.steps.find((candidate) => candidate.id === id)!;
}

const statuses = (report: ReturnType<typeof compute>) => Object.fromEntries(report.steps.map((item) => [item.id, item.status]));

const confirmation = { by: 'Mara Keller', at: '2026-03-03T09:00:00Z', note: 'checked' };

afterEach(() => setLocale('en'));

describe('checklist steps', () => {
  it('are the eight steps of the four-week plan with English and German titles', () => {
    assert.deepEqual(
      CHECKLIST_STEPS.map((item) => `${item.week}:${item.id}`),
      ['1:1.1', '1:1.2', '2:2.1', '2:2.2', '3:3.1', '3:3.2', '4:4.1', '4:4.2'],
    );
    for (const item of CHECKLIST_STEPS) assert.ok(item.title.en.length > 10 && item.title.de.length > 10 && item.title.en !== item.title.de);
    assert.equal(CHECKLIST_STEPS[0].title.de, 'Überprüfen Sie die bestehenden API-Integrationen auf Sicherheitsrisiken');
  });

  it('map findings to the steps they are evidence against', () => {
    const steps = (ruleId: string, severity: Severity) => stepsOfFinding({ ruleId, severity });
    assert.deepEqual(steps('tls-http-server', 'error'), ['1.1', '3.1']);
    assert.deepEqual(steps('tls-http-server', 'hint'), [], 'an allowlisted host is no evidence');
    assert.deepEqual(steps('doc-operation-id', 'warning'), ['2.1']);
    assert.deepEqual(steps('doc-operation-tags', 'info'), [], 'only doc-* errors and warnings count for 2.1');
    assert.deepEqual(steps('doc-operation-id-unique', 'error'), ['1.1', '2.1']);
    assert.deepEqual(steps('code-undocumented-operation', 'warning'), ['2.1']);
    assert.deepEqual(steps('code-undocumented-operation', 'info'), ['2.1'], 'raised or lowered, the call is still undocumented');
    assert.deepEqual(steps('auth-admin-shared-scheme', 'error'), ['1.1', '2.2']);
    assert.deepEqual(steps('auth-no-scopes', 'warning'), ['2.2']);
    assert.deepEqual(steps('code-tls-disabled', 'error'), ['1.1', '3.1']);
    assert.deepEqual(steps('auth-oauth-implicit-flow', 'error'), ['1.1', '3.2']);
    assert.deepEqual(steps('code-hardcoded-secret', 'error'), ['1.1', '3.2']);
    assert.deepEqual(steps('limit-rate-limit-response', 'info'), ['4.2']);
    assert.deepEqual(steps('limit-retry-after', 'warning'), ['4.2']);
    assert.deepEqual(steps('limit-string-length', 'info'), []);
    assert.deepEqual(steps('spec-invalid', 'error'), ['1.1']);
  });
});

describe('step status from findings', () => {
  it('is done everywhere automatic evidence is clear, manual where people must confirm', () => {
    const report = compute({ facts: { ciInvokesApiGuard: { uri: `${TEST_FOLDER}/.github/workflows/ci.yml` } } });
    assert.deepEqual(statuses(report), {
      '1.1': 'done',
      '1.2': 'open',
      '2.1': 'done',
      '2.2': 'done',
      '3.1': 'done',
      '3.2': 'done',
      '4.1': 'manual',
      '4.2': 'manual',
    });
    assert.deepEqual(report.progress, { done: 5, total: 8 });
  });

  it('opens each step for its own findings and counts them by severity', () => {
    const report = compute({
      findings: [
        finding('tls-http-server', 'error'),
        finding('doc-operation-description', 'warning'),
        finding('auth-operation-unprotected', 'warning'),
        finding('auth-http-basic', 'error'),
        finding('limit-retry-after', 'warning'),
        finding('limit-string-length', 'info'),
      ],
    });
    assert.deepEqual(statuses(report), {
      '1.1': 'open',
      '1.2': 'open',
      '2.1': 'open',
      '2.2': 'open',
      '3.1': 'open',
      '3.2': 'open',
      '4.1': 'open',
      '4.2': 'open',
    });
    assert.deepEqual(step(report, '1.1').automatic.openFindings, { error: 2, warning: 0, info: 0, hint: 0 });
    assert.deepEqual(
      step(report, '1.1').automatic.findings.map((item) => item.ruleId),
      ['tls-http-server', 'auth-http-basic'],
    );
    assert.deepEqual(step(report, '2.2').automatic.openFindings, { error: 0, warning: 1, info: 0, hint: 0 });
    assert.equal(step(report, '2.2').automatic.findings[0].fingerprint.startsWith('fp-'), true);
    assert.deepEqual(step(report, '2.2').automatic.findings[0].location.uri, `${TEST_FOLDER}/api.yaml`);
  });

  it('1.1 counts an error suppressed with a reason as handled, one without a reason as open', () => {
    const withReason = compute({ suppressed: [finding('auth-operation-unprotected', 'error', { kind: 'comment', reason: 'load balancer probe' })] });
    assert.equal(step(withReason, '1.1').status, 'done');
    assert.equal(step(withReason, '1.1').automatic.handledBySuppression, 1);
    assert.equal(step(withReason, '2.2').status, 'done', 'other steps take any suppression as a decision');

    const withoutReason = compute({ suppressed: [finding('auth-operation-unprotected', 'error', { kind: 'comment' })] });
    assert.equal(step(withoutReason, '1.1').status, 'open');
    assert.deepEqual(step(withoutReason, '1.1').automatic.openFindings, { error: 1, warning: 0, info: 0, hint: 0 });
    assert.equal(step(withoutReason, '1.1').automatic.findings[0].suppressedWithoutReason, true);

    const blankReason = compute({ suppressed: [finding('tls-http-server', 'error', { kind: 'file-comment', reason: '  ' })] });
    assert.equal(step(blankReason, '1.1').status, 'open');

    const extension = compute({ suppressed: [finding('tls-http-server', 'error', { kind: 'extension' })] });
    assert.equal(step(extension, '1.1').status, 'open', 'x-api-guard-ignore carries no reason');
    assert.equal(step(extension, '3.1').status, 'done');
  });

  it('1.1 is open while nothing has been analysed', () => {
    const report = compute({ facts: { filesAnalysed: 0 } });
    assert.equal(step(report, '1.1').status, 'open');
    assert.deepEqual(step(report, '1.1').automatic.details, [{ kind: 'nothing-analysed' }]);
  });

  it('2.1 needs a description on every API', () => {
    const report = compute({ apis: [...describedApi, ...undescribedApi] });
    assert.equal(step(report, '2.1').status, 'open');
    assert.deepEqual(step(report, '2.1').automatic.details, [{ kind: 'api-without-description', apiId: `${TEST_FOLDER}/api.yaml`, title: 'Bare' }]);
    assert.equal(step(report, '2.1').automatic.findings.length, 0);
  });
});

describe('inventory export (1.2)', () => {
  const exported = { uri: `${TEST_FOLDER}/api-inventory.md`, mtimeMs: 2000 };

  it('is done when the export is at least as new as the sources', () => {
    const report = compute({ facts: { inventoryExport: exported, newestSourceChangeMs: 2000 } });
    assert.equal(step(report, '1.2').status, 'done');
    assert.deepEqual(step(report, '1.2').automatic.details, [{ kind: 'inventory-export', state: 'fresh', uri: exported.uri }]);
  });

  it('is open when the export is older than a source change, or missing', () => {
    assert.equal(step(compute({ facts: { inventoryExport: exported, newestSourceChangeMs: 2001 } }), '1.2').status, 'open');
    assert.deepEqual(step(compute(), '1.2').automatic.details, [{ kind: 'inventory-export', state: 'missing' }]);
  });

  it('accepts a manual check-off instead of an export, until an export goes stale', () => {
    const state = { steps: { '1.2': { confirmed: confirmation } } };
    assert.equal(step(compute({ state }), '1.2').status, 'confirmed');
    assert.equal(step(compute({ state, facts: { inventoryExport: exported, newestSourceChangeMs: 5000 } }), '1.2').status, 'confirmed-evidence-changed');
  });
});

describe('audits (4.1) and monitoring (4.2)', () => {
  const ci = { uri: `${TEST_FOLDER}/.gitlab-ci.yml` };
  const audit = { date: '2026-03-01', note: 'pentest', link: 'https://wiki.example/pentest' };

  it('4.1 is done with CI evidence and a recorded audit', () => {
    const report = compute({ facts: { ciInvokesApiGuard: ci }, state: { steps: { '4.1': { lastAudit: audit } } } });
    assert.equal(step(report, '4.1').status, 'done');
    assert.deepEqual(step(report, '4.1').lastAudit, audit);
    assert.deepEqual(step(report, '4.1').automatic.details, [
      { kind: 'ci-invocation', uri: ci.uri },
      { kind: 'audit-recorded', audit },
    ]);
  });

  it('4.1 waits for people with CI only, and is open without CI', () => {
    assert.equal(step(compute({ facts: { ciInvokesApiGuard: ci } }), '4.1').status, 'manual');
    assert.equal(step(compute({ state: { steps: { '4.1': { lastAudit: audit } } } }), '4.1').status, 'open');
  });

  it('4.1 confirmed without CI evidence shows the changed evidence', () => {
    const state = { steps: { '4.1': { confirmed: confirmation } } };
    assert.equal(step(compute({ state, facts: { ciInvokesApiGuard: ci } }), '4.1').status, 'confirmed');
    assert.equal(step(compute({ state }), '4.1').status, 'confirmed-evidence-changed');
  });

  it('4.2 needs clear rate-limit findings and a confirmation', () => {
    assert.equal(step(compute(), '4.2').status, 'manual');
    assert.equal(step(compute({ findings: [finding('limit-rate-limit-response', 'info')] }), '4.2').status, 'open');
    const state = { steps: { '4.2': { confirmed: confirmation } } };
    assert.equal(step(compute({ state }), '4.2').status, 'confirmed');
    assert.equal(step(compute({ state, findings: [finding('limit-retry-after', 'warning')] }), '4.2').status, 'confirmed-evidence-changed');
  });
});

describe('confirmations', () => {
  it('are kept while the evidence is clear and flagged when findings reappear', () => {
    const state = { steps: { '3.1': { confirmed: confirmation } } };
    const clear = step(compute({ state }), '3.1');
    assert.equal(clear.status, 'confirmed');
    assert.deepEqual(clear.confirmation, confirmation);
    const changed = step(compute({ state, findings: [finding('code-http-url', 'error')] }), '3.1');
    assert.equal(changed.status, 'confirmed-evidence-changed');
    assert.equal(changed.automatic.ok, false);
  });

  it('count for progress only while the evidence is clear', () => {
    const state = { steps: { '3.1': { confirmed: confirmation }, '3.2': { confirmed: confirmation } } };
    const report = compute({ state, findings: [finding('code-http-url', 'error')], facts: { ciInvokesApiGuard: { uri: 'x' } } });
    // 1.1 is open (an error), 3.1 changed; done: 2.1, 2.2, 3.2 (confirmed).
    assert.deepEqual(report.progress, { done: 3, total: 8 });
  });
});

describe('due dates', () => {
  it('adds seven days per week to the start date, across months and leap days', () => {
    assert.equal(addDays('2026-03-02', 7), '2026-03-09');
    assert.equal(addDays('2028-02-25', 7), '2028-03-03');
    assert.equal(addDays('2026-12-28', 28), '2027-01-25');
    assert.equal(dueDateOf(undefined, 1), undefined);
    assert.equal(dueDateOf('2026-03-02', 4), '2026-03-30');
  });

  it('gives each step its week’s due date and the plan an end date', () => {
    const report = compute({ state: { startDate: '2026-03-02' } });
    assert.deepEqual(
      report.steps.map((item) => item.dueDate),
      ['2026-03-09', '2026-03-09', '2026-03-16', '2026-03-16', '2026-03-23', '2026-03-23', '2026-03-30', '2026-03-30'],
    );
    assert.equal(report.startDate, '2026-03-02');
    assert.equal(report.endDate, '2026-03-30');
    assert.equal(compute().endDate, undefined);
  });

  it('marks open steps overdue after their due day, never done or confirmed ones', () => {
    const findings = [finding('tls-http-server', 'error'), finding('doc-operation-id', 'warning')];
    const state = { startDate: '2026-03-02', steps: { '3.1': { confirmed: confirmation } } };
    const onDueDay = compute({ findings, state, now: '2026-03-09T23:59:00Z' });
    assert.equal(step(onDueDay, '1.1').status, 'open', 'due today is not overdue yet');
    const dayAfter = compute({ findings, state, now: '2026-03-10T00:01:00Z' });
    assert.equal(step(dayAfter, '1.1').status, 'overdue');
    assert.equal(step(dayAfter, '1.1').overdue, true);
    assert.equal(step(dayAfter, '1.2').status, 'overdue');
    assert.equal(step(dayAfter, '2.1').status, 'open', 'week 2 is not due yet');
    const late = compute({ findings, state, now: '2026-04-01T08:00:00Z' });
    assert.equal(step(late, '2.1').status, 'overdue');
    assert.equal(step(late, '2.2').status, 'done');
    assert.equal(step(late, '3.1').status, 'confirmed-evidence-changed');
    assert.equal(step(late, '4.2').status, 'overdue', 'a manual step that nobody confirmed is overdue too');
    assert.equal(step(late, '4.2').overdue, true);
  });

  it('never makes a step overdue without a start date', () => {
    const report = compute({ findings: [finding('tls-http-server', 'error')], now: '2030-01-01T00:00:00Z' });
    assert.ok(report.steps.every((item) => item.status !== 'overdue'));
  });
});

describe('checklist output', () => {
  const report = () =>
    compute({
      state: { startDate: '2026-03-02', steps: { '1.2': { confirmed: confirmation }, '4.1': { lastAudit: { date: '2026-03-01', note: 'pentest' } } } },
      findings: [finding('tls-http-server', 'error')],
      suppressed: [finding('auth-operation-unprotected', 'error', { kind: 'comment', reason: 'probe' })],
      now: '2026-03-12T00:00:00Z',
      facts: { ciInvokesApiGuard: { uri: `${TEST_FOLDER}/.github/workflows/ci.yml` } },
    });

  it('prints weeks, steps, status and evidence as text', () => {
    const text = formatChecklistText(report(), { folderUri: TEST_FOLDER });
    assert.match(text, /^API security checklist: 5 of 8 steps done\nPlan: 2026-03-02 to 2026-03-30\n/);
    assert.match(text, /Week 1: Analysis and planning \(due 2026-03-09\)\n {2}\[!\] 1\.1 Review existing API integrations for security risks\n {6}overdue\n {6}- open findings: 1 error\n {6}- 1 suppressed with a reason\n/);
    assert.match(text, /\[x\] 1\.2 .*\n {6}confirmed\n {6}- no exported inventory found.*\n {6}- confirmed by Mara Keller on 2026-03-03: checked\n/);
    assert.match(text, /\[x\] 4\.1 .*\n {6}done\n {6}- CI runs api-guard \(\.github\/workflows\/ci\.yml\)\n {6}- last audit on 2026-03-01: pentest\n/);
    assert.match(text, /\[\?\] 4\.2 .*\n {6}waiting for manual confirmation\n/);
  });

  it('prints a Markdown task list', () => {
    const text = formatChecklistMarkdown(report(), { folderUri: TEST_FOLDER });
    assert.match(text, /^# API security checklist\n\n\*\*5 of 8 steps done\.\*\* Plan: 2026-03-02 to 2026-03-30\.\n/);
    assert.match(text, /## Week 3: Security measures \(due 2026-03-23\)\n\n- \[ \] \*\*3\.1\*\* Encrypt all API transactions — open\n {2}- open findings: 1 error\n/);
    assert.match(text, /- \[x\] \*\*1\.2\*\* .* — confirmed\n/);
    assert.match(text, /- \[ \] \*\*1\.1\*\* .* — \*\*overdue\*\*\n/);
  });

  it('speaks German when the locale is German', () => {
    setLocale('de');
    const german = report();
    assert.equal(german.steps[0].title, 'Überprüfen Sie die bestehenden API-Integrationen auf Sicherheitsrisiken');
    assert.equal(german.steps[0].weekTitle, 'Analyse und Planung');
    const text = formatChecklistText(german);
    assert.match(text, /^API-Sicherheitscheckliste: 5 von 8 Schritten erledigt\nPlan: 2026-03-02 bis 2026-03-30\n/);
    assert.match(text, /Woche 1: Analyse und Planung \(fällig am 2026-03-09\)/);
    assert.match(text, /überfällig\n {6}- offene Befunde: 1 Fehler\n/);
    assert.match(text, /wartet auf manuelle Bestätigung/);
  });

  it('is plain JSON', () => {
    const value = report();
    assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
  });
});
