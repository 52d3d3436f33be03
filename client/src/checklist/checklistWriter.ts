import * as vscode from 'vscode';
import { ChecklistStateError, updateChecklistState, type ChecklistChange } from '../../../server/src/core/checklist/checklistState';
import { checklistFileUri } from '../views/apiGuardData';
import { toRange } from '../views/treeItems';
import { positionAt } from '../views/checklistModel';
import { minimalTextChange } from './textChange';

/**
 * Writes one change to the team's `.api-guard/checklist.json` through a WorkspaceEdit, so that it
 * can be undone and so that whatever else the file holds (unsaved edits included) stays as it is:
 * updateChecklistState changes only the affected property. A file that cannot be read safely is
 * reported with a button to open it and is never overwritten. Returns whether the change was made.
 */
export async function applyChecklistChange(folderUri: string, change: ChecklistChange, log: vscode.LogOutputChannel): Promise<boolean> {
  const uri = checklistFileUri(folderUri);
  const document = await openIfExists(uri);
  const before = document?.getText() ?? '';
  let after: string;
  try {
    after = updateChecklistState(before, change);
  } catch (error) {
    if (!(error instanceof ChecklistStateError)) throw error;
    log.warn(`${uri.toString()}: ${error.message}`);
    await reportBrokenFile(uri, before, error);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  if (document === undefined) {
    // A new file is created with its content in one step; the workspace edit makes it undoable.
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(after) });
  } else {
    const textChange = minimalTextChange(before, after);
    if (textChange === undefined) return true;
    edit.replace(uri, new vscode.Range(document.positionAt(textChange.start), document.positionAt(textChange.end)), textChange.text);
  }
  const wasDirty = document?.isDirty ?? false;
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The checklist file {0} could not be changed.', vscode.workspace.asRelativePath(uri)));
    return false;
  }
  if (document !== undefined) {
    // The server reads the file from disk. A file that had no unsaved changes is saved at once;
    // one with unsaved edits of the user's is left for them to save, with a word about it.
    if (!wasDirty) await document.save();
    else void vscode.window.showInformationMessage(vscode.l10n.t('The checklist file has unsaved changes; save it to update the checklist.'));
  }
  return true;
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open !== undefined) return open;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}

async function reportBrokenFile(uri: vscode.Uri, text: string, error: ChecklistStateError): Promise<void> {
  const open = vscode.l10n.t('Open checklist file');
  const first = error.problems[0];
  const detail = first === undefined ? error.message : `${error.message} ${first.message}`;
  if ((await vscode.window.showErrorMessage(detail, open)) !== open) return;
  const selection =
    first === undefined ? undefined : toRange({ uri: uri.toString(), range: { start: positionAt(text, first.start), end: positionAt(text, Math.max(first.start, first.end)) } });
  await vscode.window.showTextDocument(uri, selection === undefined ? {} : { selection });
}
