import * as vscode from 'vscode';
import type { ChecklistChange } from '../../../server/src/core/checklist/checklistState';
import type { ChecklistStepReport } from '../../../server/src/core/checklist/computeChecklist';
import { CHECKLIST_STEPS, localised } from '../../../server/src/core/checklist/steps';
import type { ChecklistStepId } from '../../../server/src/core/rules/types';
import { COMMANDS } from '../commandIds';
import { checklistFileUri, type ApiGuardData } from '../views/apiGuardData';
import { stepFindingPicks, todayOf, validateDateInput } from '../views/checklistModel';
import { toRange } from '../views/treeItems';
import { commandTarget } from '../views/commandTarget';
import { pickWorkspaceFolder } from '../views/pickWorkspaceFolder';
import { applyChecklistChange } from './checklistWriter';
import { confirmerName } from './confirmer';

/** The folder a checklist command acts on. */
function pickFolder(folderUri: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  return pickWorkspaceFolder(folderUri, {
    noFolder: vscode.l10n.t('Open a folder first: the checklist is kept in the folder, in .api-guard/checklist.json.'),
    placeHolder: vscode.l10n.t('Which folder’s checklist?'),
  });
}

interface StepPickItem extends vscode.QuickPickItem {
  step: ChecklistStepId;
}

/** The step a command acts on: the given one, or one the user picks from those `offer` accepts. */
async function pickStep(
  data: ApiGuardData,
  folder: vscode.WorkspaceFolder,
  step: ChecklistStepId | undefined,
  placeHolder: string,
  offer: (report: ChecklistStepReport | undefined) => boolean,
): Promise<ChecklistStepId | undefined> {
  if (step !== undefined) return step;
  const items: StepPickItem[] = CHECKLIST_STEPS.filter((candidate) => offer(data.step(folder.uri.toString(), candidate.id))).map((candidate) => {
    const report = data.step(folder.uri.toString(), candidate.id);
    return {
      step: candidate.id,
      label: `${candidate.id} ${report?.title ?? localised(candidate.title)}`,
      ...(report !== undefined && { description: report.confirmation !== undefined ? vscode.l10n.t('confirmed by {0}', report.confirmation.by) : undefined }),
    };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No step of the checklist fits this command.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.step;
}

function titleOf(data: ApiGuardData, folder: vscode.WorkspaceFolder, step: ChecklistStepId): string {
  return data.step(folder.uri.toString(), step)?.title ?? localised(CHECKLIST_STEPS.find((candidate) => candidate.id === step)!.title);
}

async function write(data: ApiGuardData, folder: vscode.WorkspaceFolder, change: ChecklistChange, log: vscode.LogOutputChannel, done: string): Promise<void> {
  if (!(await applyChecklistChange(folder.uri.toString(), change, log))) return;
  vscode.window.setStatusBarMessage(done, 5000);
  // The server notices the saved file as well; asking now shows the change without waiting for it.
  data.scheduleRefresh(0);
}

async function confirmStep(data: ApiGuardData, log: vscode.LogOutputChannel, argument: unknown): Promise<void> {
  const target = commandTarget(argument);
  const folder = await pickFolder(target.folderUri);
  if (folder === undefined) return;
  const step = await pickStep(data, folder, target.step, vscode.l10n.t('Which step do you confirm?'), (report) => report?.status !== 'done' && report?.status !== 'confirmed');
  if (step === undefined) return;
  const report = data.step(folder.uri.toString(), step);
  const openFindings = report?.automatic.findings.length ?? 0;
  if (openFindings > 0) {
    const confirmAnyway = vscode.l10n.t('Confirm anyway');
    const showFindings = vscode.l10n.t('Show findings');
    const choice = await vscode.window.showWarningMessage(
      openFindings === 1
        ? vscode.l10n.t('Step {0} still has 1 open finding. A confirmation with open findings shows as "confirmed, but evidence changed".', step)
        : vscode.l10n.t('Step {0} still has {1} open findings. A confirmation with open findings shows as "confirmed, but evidence changed".', step, openFindings),
      { modal: true },
      confirmAnyway,
      showFindings,
    );
    if (choice === showFindings) return showStepFindings(data, { folderUri: folder.uri.toString(), step });
    if (choice !== confirmAnyway) return;
  }
  const note = await vscode.window.showInputBox({
    title: vscode.l10n.t('Confirm step {0}: {1}', step, titleOf(data, folder, step)),
    prompt: vscode.l10n.t('A note for the team: what was checked, or where the evidence is (optional).'),
    ignoreFocusOut: true,
  });
  if (note === undefined) return;
  const by = await confirmerName({
    folderPath: folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    mayRunGit: vscode.workspace.isTrusted,
    fallback: vscode.l10n.t('unknown'),
  });
  const change: ChecklistChange = { kind: 'confirm', step, by, at: new Date().toISOString(), ...(note.trim() !== '' && { note: note.trim() }) };
  await write(data, folder, change, log, vscode.l10n.t('Step {0} confirmed by {1}.', step, by));
}

async function reopenStep(data: ApiGuardData, log: vscode.LogOutputChannel, argument: unknown): Promise<void> {
  const target = commandTarget(argument);
  const folder = await pickFolder(target.folderUri);
  if (folder === undefined) return;
  const step = await pickStep(data, folder, target.step, vscode.l10n.t('Which confirmed step do you reopen?'), (report) => report?.confirmation !== undefined);
  if (step === undefined) return;
  await write(data, folder, { kind: 'reopen', step }, log, vscode.l10n.t('Step {0} reopened.', step));
}

async function setStartDate(data: ApiGuardData, log: vscode.LogOutputChannel, argument: unknown): Promise<void> {
  const folder = await pickFolder(commandTarget(argument).folderUri);
  if (folder === undefined) return;
  const current = data.checklists.find((candidate) => candidate.report.folderUri === folder.uri.toString())?.report.startDate;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Plan start date'),
    prompt:
      current === undefined
        ? vscode.l10n.t('The first day of the four-week plan (YYYY-MM-DD). Week N is due seven days after week N−1.')
        : vscode.l10n.t('The first day of the four-week plan (YYYY-MM-DD). Leave it empty to remove the start date.'),
    value: current ?? todayOf(new Date()),
    ignoreFocusOut: true,
    validateInput: (text) => validateDateInput(text, current !== undefined, vscode.l10n),
  });
  if (value === undefined) return;
  const date = value.trim() === '' ? undefined : value.trim();
  if (date === current) return;
  await write(
    data,
    folder,
    { kind: 'set-start-date', date },
    log,
    date === undefined ? vscode.l10n.t('The plan start date was removed.') : vscode.l10n.t('The plan starts on {0}.', date),
  );
}

async function recordAudit(data: ApiGuardData, log: vscode.LogOutputChannel, argument: unknown): Promise<void> {
  const target = commandTarget(argument);
  const folder = await pickFolder(target.folderUri);
  if (folder === undefined) return;
  const step = target.step ?? CHECKLIST_STEPS.find((candidate) => candidate.kind === 'audit')!.id;
  const title = vscode.l10n.t('Record audit for step {0}', step);
  const previous = data.step(folder.uri.toString(), step)?.lastAudit;
  const date = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The day of the security audit or penetration test (YYYY-MM-DD).'),
    value: todayOf(new Date()),
    ignoreFocusOut: true,
    validateInput: (text) => validateDateInput(text, false, vscode.l10n),
  });
  if (date === undefined) return;
  const note = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('What was audited, and by whom (optional).'),
    value: previous?.note ?? '',
    ignoreFocusOut: true,
  });
  if (note === undefined) return;
  const link = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Where the report lives: a URL, a wiki page or a ticket (optional).'),
    value: previous?.link ?? '',
    ignoreFocusOut: true,
  });
  if (link === undefined) return;
  const change: ChecklistChange = {
    kind: 'record-audit',
    step,
    date: date.trim(),
    ...(note.trim() !== '' && { note: note.trim() }),
    ...(link.trim() !== '' && { link: link.trim() }),
  };
  await write(data, folder, change, log, vscode.l10n.t('Audit of {0} recorded.', date.trim()));
}

interface FindingPickItem extends vscode.QuickPickItem {
  location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

async function showStepFindings(data: ApiGuardData, argument: unknown): Promise<void> {
  const target = commandTarget(argument);
  const folder = await pickFolder(target.folderUri);
  if (folder === undefined) return;
  const step = await pickStep(data, folder, target.step, vscode.l10n.t('Whose findings do you want to see?'), (report) => (report?.automatic.findings.length ?? 0) > 0);
  if (step === undefined) return;
  const report = data.step(folder.uri.toString(), step);
  const picks: FindingPickItem[] = report === undefined ? [] : stepFindingPicks(report, folder.uri.toString(), vscode.l10n);
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Step {0} has no open findings.', step));
    return;
  }
  const choice = await vscode.window.showQuickPick(picks, {
    title: vscode.l10n.t('Findings of step {0}: {1}', step, report!.title),
    placeHolder: vscode.l10n.t('Pick a finding to go to it'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (choice === undefined) return;
  await vscode.window.showTextDocument(vscode.Uri.parse(choice.location.uri), { selection: toRange(choice.location) });
}

async function openChecklistFile(argument: unknown): Promise<void> {
  const folder = await pickFolder(commandTarget(argument).folderUri);
  if (folder === undefined) return;
  const uri = checklistFileUri(folder.uri);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const setDate = vscode.l10n.t('Set plan start date');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} does not exist yet. It is created when you set the plan start date, confirm a step or record an audit.', vscode.workspace.asRelativePath(uri)),
      setDate,
    );
    if (choice === setDate) await vscode.commands.executeCommand(COMMANDS.checklistSetStartDate, { folderUri: folder.uri.toString() });
    return;
  }
  await vscode.window.showTextDocument(uri);
}

/** The commands that change the checklist file or explain a step. */
export function registerChecklistCommands(data: ApiGuardData, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.checklistConfirmStep, (argument: unknown) => confirmStep(data, log, argument)),
    vscode.commands.registerCommand(COMMANDS.checklistReopenStep, (argument: unknown) => reopenStep(data, log, argument)),
    vscode.commands.registerCommand(COMMANDS.checklistSetStartDate, (argument: unknown) => setStartDate(data, log, argument)),
    vscode.commands.registerCommand(COMMANDS.checklistRecordAudit, (argument: unknown) => recordAudit(data, log, argument)),
    vscode.commands.registerCommand(COMMANDS.checklistShowFindings, (argument: unknown) => showStepFindings(data, argument)),
    vscode.commands.registerCommand(COMMANDS.checklistOpenFile, (argument: unknown) => openChecklistFile(argument)),
  );
}
