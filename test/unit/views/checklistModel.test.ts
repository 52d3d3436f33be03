import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { ChecklistState } from '../../../server/src/core/checklist/checklistState';
import { computeChecklist, type ChecklistFacts } from '../../../server/src/core/checklist/computeChecklist';
import type { Finding } from '../../../server/src/core/engine/finding';
import { setLocale } from '../../../server/src/core/l10n/messages';
import type { ChecklistStepId, Severity } from '../../../server/src/core/rules/types';
import type { FolderChecklist } from '../../../server/src/lsp/protocol';
import {
  buildChecklistTree,
  daysBetween,
  dueText,
  positionAt,
  stepContextValue,
  stepFindingPicks,
  stepStatusText,
  todayOf,
  validateDateInput,
  type ChecklistFolderInput,
} from '../../../client/src/views/checklistModel';
import { bundleLocalizer } from '../../../client/src/views/localizer';
import type { ViewNode } from '../../../client/src/views/viewNode';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

const english = bundleLocalizer();
const german = bundleLocalizer(JSON.parse(readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>);

let line = 0;
function finding(ruleId: string, severity: Severity, file = 'api.yaml'): Finding {
  line++;
  return {
    ruleId,
    severity,
    message: `${ruleId} at ${line}`,
    uri: `${TEST_FOLDER}/${file}`,
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    fingerprint: `fp-${line}`,
  };
}

const apis = lintFiles('openapi: 3.1.0\ninfo: { title: Described, version: "1", description: Orders. }\npaths: {}\n').analysis.allApis();

interface Scenario {
  findings?: Finding[];
  state?: Partial<ChecklistState>;
  now?: string;
  facts?: Partial<ChecklistFacts>;
}

/** A folder's checklist as the server computes it for `apiGuard/checklist`. */
function report(scenario: Scenario = {}): FolderChecklist {
  const computed = computeChecklist({
    findings: scenario.findings ?? [],
    suppressed: [],
    apis,
    state: { version: 1, steps: {}, ...scenario.state },
    now: new Date(scenario.now ?? '2026-03-05T12:00:00Z'),
    facts: { filesAnalysed: 4, ...scenario.facts },
  });
  return { ...computed, folderUri: TEST_FOLDER };
}

function tree(folders: ChecklistFolderInput[], today = '2026-03-05', l10n = english) {
  return buildChecklistTree(folders, today, l10n);
}

function stepNode(nodes: readonly ViewNode[], id: ChecklistStepId): ViewNode {
  const found = nodes.flatMap((node) => node.children).find((node) => node.label.startsWith(`${id} `));
  assert.ok(found, `no row for step ${id}`);
  return found;
}

const confirmation = { by: 'Mara Keller', at: '2026-03-03T09:00:00Z', note: 'Reviewed in the team meeting' };

afterEach(() => setLocale('en'));

describe('due dates', () => {
  it('counts whole days between calendar dates, across months and years', () => {
    assert.equal(daysBetween('2026-03-05', '2026-03-12'), 7);
    assert.equal(daysBetween('2026-03-05', '2026-03-01'), -4);
    assert.equal(daysBetween('2025-12-30', '2026-01-02'), 3);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2, 'a leap day counts');
  });

  it('words a due date relative to today, overdue included', () => {
    assert.equal(dueText('2026-03-09', '2026-03-05', english), 'due in 4 days (2026-03-09)');
    assert.equal(dueText('2026-03-06', '2026-03-05', english), 'due tomorrow (2026-03-06)');
    assert.equal(dueText('2026-03-05', '2026-03-05', english), 'due today (2026-03-05)');
    assert.equal(dueText('2026-03-04', '2026-03-05', english), '1 day overdue (2026-03-04)');
    assert.equal(dueText('2026-02-26', '2026-03-05', english), '7 days overdue (2026-02-26)');
    assert.equal(dueText('2026-02-26', '2026-03-05', german), '7 Tage überfällig (2026-02-26)');
  });

  it('takes today in UTC, as the server decides what is overdue', () => {
    assert.equal(todayOf(new Date('2026-03-05T23:30:00-02:00')), '2026-03-06');
  });
});

describe('the checklist tree', () => {
  it('shows the plan, then the eight steps under their four weeks', () => {
    const nodes = tree([{ report: report({ state: { startDate: '2026-03-02' } }) }]).nodes;
    assert.deepEqual(
      nodes.map((node) => node.label),
      ['Plan: 2026-03-02 to 2026-03-30', 'Week 1: Analysis and planning', 'Week 2: Documentation and access rights', 'Week 3: Security measures', 'Week 4: Testing and monitoring'],
    );
    assert.deepEqual(
      nodes.slice(1).map((week) => week.children.map((step) => step.label.split(' ')[0])),
      [
        ['1.1', '1.2'],
        ['2.1', '2.2'],
        ['3.1', '3.2'],
        ['4.1', '4.2'],
      ],
    );
    assert.match(nodes[0].description ?? '', /^day 4 of 28 · \d\/8 done$/);
    assert.deepEqual(nodes[0].action, { kind: 'set-start-date', folderUri: TEST_FOLDER });
  });

  it('invites to set a start date when the plan has none', () => {
    const plan = tree([{ report: report() }]).nodes[0];
    assert.equal(plan.label, 'No start date set');
    assert.deepEqual(plan.action, { kind: 'set-start-date', folderUri: TEST_FOLDER });
    assert.equal(plan.contextValue, 'plan');
  });

  it('shows each week’s due date and highlights an overdue week', () => {
    const nodes = tree([{ report: report({ state: { startDate: '2026-02-20' }, findings: [finding('auth-operation-unprotected', 'error')] }) }]).nodes;
    const week1 = nodes[1];
    const week2 = nodes[2];
    // Week 1 was due 2026-02-27 and step 1.1 still has an error: overdue.
    assert.equal(week1.description, '0/2 · 6 days overdue (2026-02-27)');
    assert.deepEqual(week1.icon, { id: 'calendar', color: 'problemsErrorIcon.foreground' });
    assert.equal(week1.contextValue, 'week-overdue');
    assert.equal(week2.description, '1/2 · due tomorrow (2026-03-06)');
    const overdueStep = stepNode(nodes, '1.1');
    assert.equal(overdueStep.description, 'overdue, 1 finding');
    assert.deepEqual(overdueStep.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    assert.equal(overdueStep.expanded, true, 'an overdue step opens to show why');
    assert.equal(tree([{ report: report({ state: { startDate: '2026-02-20' }, findings: [finding('auth-operation-unprotected', 'error')] }) }]).overdue, 2);
  });

  it('shows open steps with their finding counts and a row that lists the findings', () => {
    const findings = [finding('tls-http-server', 'error'), finding('tls-http-url', 'warning'), finding('code-http-url', 'warning', 'src/client.ts')];
    const nodes = tree([{ report: report({ findings }) }]).nodes;
    const encryption = stepNode(nodes, '3.1');
    assert.equal(encryption.description, 'open, 3 findings');
    assert.deepEqual(encryption.icon, { id: 'circle-large-outline' });
    const evidence = encryption.children[0];
    assert.equal(evidence.label, '3 open findings');
    assert.equal(evidence.description, '1 error, 2 warnings');
    assert.deepEqual(evidence.action, { kind: 'show-step-findings', folderUri: TEST_FOLDER, step: '3.1' });
    assert.deepEqual(evidence.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    const done = stepNode(nodes, '2.2');
    assert.equal(done.description, 'done');
    assert.deepEqual(done.children.map((row) => row.label), ['No open findings']);
  });

  it('tells "confirmed" from "confirmed, but evidence changed" when findings reappear', () => {
    const confirmedClean = tree([{ report: report({ state: { steps: { '3.1': { confirmed: confirmation } } } }) }]).nodes;
    const clean = stepNode(confirmedClean, '3.1');
    assert.equal(clean.description, 'confirmed by Mara Keller');
    assert.deepEqual(clean.icon, { id: 'verified-filled', color: 'testing.iconPassed' });
    assert.equal(clean.contextValue, 'step-confirmed');
    assert.deepEqual(clean.target, { folderUri: TEST_FOLDER, step: '3.1' });
    assert.deepEqual(
      clean.children.map((row) => [row.label, row.description]),
      [
        ['No open findings', undefined],
        ['Confirmed by Mara Keller on 2026-03-03', 'Reviewed in the team meeting'],
      ],
    );

    const changed = stepNode(tree([{ report: report({ findings: [finding('tls-http-server', 'error')], state: { steps: { '3.1': { confirmed: confirmation } } } }) }]).nodes, '3.1');
    assert.equal(changed.description, 'confirmed, but evidence changed');
    assert.deepEqual(changed.icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.equal(changed.expanded, true);
    assert.match(changed.tooltip ?? '', /automatic evidence is red again/);
    assert.equal(changed.contextValue, 'step-confirmed', 'it can be reopened');
  });

  it('explains the inventory export of step 1.2: missing, stale or fresh', () => {
    const missing = stepNode(tree([{ report: report() }]).nodes, '1.2').children[0];
    assert.equal(missing.label, 'No exported inventory yet');
    assert.deepEqual(missing.action, { kind: 'export-inventory', folderUri: TEST_FOLDER });
    const exported = { uri: `${TEST_FOLDER}/docs/api-inventory.md`, mtimeMs: 1000 };
    const stale = stepNode(tree([{ report: report({ facts: { inventoryExport: exported, newestSourceChangeMs: 2000 } }) }]).nodes, '1.2');
    assert.equal(stale.children[0].label, 'The exported inventory is older than the newest change');
    assert.equal(stale.children[0].description, 'docs/api-inventory.md');
    const fresh = stepNode(tree([{ report: report({ facts: { inventoryExport: exported, newestSourceChangeMs: 500 } }) }]).nodes, '1.2');
    assert.equal(fresh.description, 'done');
    assert.equal(fresh.children[0].label, 'Inventory exported');
    assert.equal(fresh.children[0].location?.uri, exported.uri);
  });

  it('offers to record an audit for step 4.1 and shows the last one', () => {
    const without = stepNode(tree([{ report: report() }]).nodes, '4.1');
    assert.equal(without.contextValue, 'step-unconfirmed-audit');
    assert.deepEqual(
      without.children.map((row) => row.label),
      ['No CI configuration runs api-guard', 'No audit recorded'],
    );
    assert.deepEqual(without.children[1].action, { kind: 'record-audit', folderUri: TEST_FOLDER, step: '4.1' });
    const audit = { date: '2026-02-20', note: 'External pentest', link: 'https://wiki.example/pentest' };
    const withAudit = stepNode(
      tree([{ report: report({ state: { steps: { '4.1': { lastAudit: audit } } }, facts: { ciInvokesApiGuard: { uri: `${TEST_FOLDER}/.github/workflows/ci.yml` } } }) }]).nodes,
      '4.1',
    );
    assert.equal(withAudit.description, 'done');
    assert.deepEqual(
      withAudit.children.map((row) => [row.label, row.description]),
      [
        ['CI runs api-guard', '.github/workflows/ci.yml'],
        ['Last audit on 2026-02-20', 'External pentest · https://wiki.example/pentest'],
      ],
    );
  });

  it('asks a person to confirm step 4.2 once its findings are clear', () => {
    const monitoring = stepNode(tree([{ report: report() }]).nodes, '4.2');
    assert.equal(monitoring.description, 'waiting for manual confirmation');
    assert.deepEqual(monitoring.icon, { id: 'person', color: 'problemsInfoIcon.foreground' });
    const confirmRow = monitoring.children.find((row) => row.action?.kind === 'confirm-step');
    assert.deepEqual(confirmRow?.action, { kind: 'confirm-step', folderUri: TEST_FOLDER, step: '4.2' });
  });

  it('reports a broken checklist file with its first problem, placed for revealing', () => {
    const text = '{\n  "version": 1,\n  "startDate": "2026-13-40"\n}\n';
    const nodes = tree([{ report: report(), file: { uri: `${TEST_FOLDER}/.api-guard/checklist.json`, text } }]).nodes;
    assert.equal(nodes[0].label, 'The checklist file has 1 problem');
    assert.match(nodes[0].description ?? '', /startDate/);
    assert.deepEqual(nodes[0].location?.range.start, { line: 2, character: 15 });
    const broken = tree([{ report: report(), file: { uri: `${TEST_FOLDER}/.api-guard/checklist.json`, text: '{ "version": 1, ' } }]).nodes;
    assert.equal(broken[0].label, 'The checklist file cannot be read; it is not changed until it is fixed');
    assert.deepEqual(broken[0].icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    const valid = tree([{ report: report(), file: { uri: `${TEST_FOLDER}/.api-guard/checklist.json`, text: '{ "version": 1 }\n' } }]).nodes;
    assert.equal(valid[0].contextValue, 'plan', 'a valid file adds no row');
  });

  it('sums progress and overdue steps over several folders, each under its own row', () => {
    const first = report({ state: { startDate: '2026-01-05' } });
    const second = { ...report(), folderUri: 'file:///work/billing' };
    const result = tree([{ report: first }, { report: second }]);
    assert.deepEqual(result.nodes.map((node) => node.label), ['ws', 'billing']);
    assert.deepEqual(result.progress, { done: first.progress.done + second.progress.done, total: 16 });
    assert.equal(result.overdue, first.steps.filter((step) => step.status === 'overdue').length);
    const ids = result.nodes.flatMap(function all(node: ViewNode): string[] {
      return [node.id, ...node.children.flatMap(all)];
    });
    assert.equal(new Set(ids).size, ids.length, 'ids are unique across folders');
  });

  it('words the tree in German', () => {
    setLocale('de');
    const nodes = tree([{ report: report({ state: { startDate: '2026-03-02' }, findings: [finding('tls-http-server', 'error')] }) }], '2026-03-05', german).nodes;
    assert.equal(nodes[0].label, 'Plan: 2026-03-02 bis 2026-03-30');
    assert.equal(nodes[1].label, 'Woche 1: Analyse und Planung');
    const encryption = stepNode(nodes, '3.1');
    assert.equal(encryption.label, '3.1 Integrieren Sie Verschlüsselungstechniken für alle API-Transaktionen');
    assert.equal(encryption.description, 'offen, 1 Befund · fällig in 18 Tagen (2026-03-23)');
  });
});

describe('step labels and actions', () => {
  it('words every status', () => {
    const base = report().steps.find((step) => step.id === '3.1')!;
    const texts = (['done', 'open', 'overdue', 'confirmed', 'confirmed-evidence-changed', 'manual'] as const).map((status) => stepStatusText({ ...base, status }, english));
    assert.deepEqual(texts, ['done', 'open', 'overdue', 'confirmed', 'confirmed, but evidence changed', 'waiting for manual confirmation']);
  });

  it('names the context value after confirmation and the audit step', () => {
    const steps = report({ state: { steps: { '4.1': { confirmed: confirmation } } } }).steps;
    assert.equal(stepContextValue(steps.find((step) => step.id === '4.1')!), 'step-confirmed-audit');
    assert.equal(stepContextValue(steps.find((step) => step.id === '1.1')!), 'step-unconfirmed');
  });

  it('lists a step’s findings worst first, then by file and line, for the quick pick', () => {
    const findings = [finding('tls-http-url', 'warning', 'b.yaml'), finding('tls-http-server', 'error', 'z.yaml'), finding('tls-http-url', 'warning', 'a.yaml')];
    const step = report({ findings }).steps.find((candidate) => candidate.id === '3.1')!;
    const picks = stepFindingPicks(step, TEST_FOLDER, english);
    assert.deepEqual(
      picks.map((pick) => [pick.label.split(' ')[0], pick.description, pick.detail.replace(/:\d+:\d+$/, '')]),
      [
        ['$(error)', 'tls-http-server · error', 'z.yaml'],
        ['$(warning)', 'tls-http-url · warning', 'a.yaml'],
        ['$(warning)', 'tls-http-url · warning', 'b.yaml'],
      ],
    );
    assert.deepEqual(picks[0].location, { uri: `${TEST_FOLDER}/z.yaml`, range: findings[1].range });
    assert.equal(picks[0].detail, `z.yaml:${findings[1].range.start.line + 1}:3`);
  });
});

describe('inputs', () => {
  it('accepts real calendar days as YYYY-MM-DD only', () => {
    assert.equal(validateDateInput('2026-03-02', false, english), undefined);
    assert.equal(validateDateInput(' 2024-02-29 ', false, english), undefined);
    assert.match(validateDateInput('2026-02-29', false, english) ?? '', /YYYY-MM-DD/);
    assert.match(validateDateInput('2.3.2026', false, english) ?? '', /YYYY-MM-DD/);
    assert.equal(validateDateInput('', false, english), 'Enter a date.');
    assert.equal(validateDateInput('', true, english), undefined, 'empty removes the start date where allowed');
    assert.match(validateDateInput('morgen', false, german) ?? '', /JJJJ-MM-TT/);
  });

  it('turns offsets into positions with CRLF, CR and LF line ends', () => {
    assert.deepEqual(positionAt('ab\r\ncd\ref\ngh', 0), { line: 0, character: 0 });
    assert.deepEqual(positionAt('ab\r\ncd\ref\ngh', 4), { line: 1, character: 0 });
    assert.deepEqual(positionAt('ab\r\ncd\ref\ngh', 7), { line: 2, character: 0 });
    assert.deepEqual(positionAt('ab\r\ncd\ref\ngh', 11), { line: 3, character: 1 });
    assert.deepEqual(positionAt('ab', 99), { line: 0, character: 2 });
  });
});
