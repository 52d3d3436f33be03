/**
 * Helpers for the extension-host suites: reach the extension and its API, wait for diagnostics
 * (always by listening to VS Code's events, never by sleeping), edit and restore workspace files,
 * and describe what VS Code currently shows when an expectation is not met.
 */
import * as vscode from 'vscode';
import type { ApiGuardExtensionApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'api-guard.api-guard';
/** How long a condition may take before a wait fails with a description of what VS Code shows. */
export const WAIT_MS = 60_000;

export function apiGuardExtension(): vscode.Extension<ApiGuardExtensionApi> {
  const extension = vscode.extensions.getExtension<ApiGuardExtensionApi>(EXTENSION_ID);
  if (extension === undefined) {
    const installed = vscode.extensions.all.map((item) => item.id).filter((id) => !id.startsWith('vscode.'));
    throw new Error(`${EXTENSION_ID} is not loaded; non-built-in extensions: ${installed.join(', ') || 'none'}`);
  }
  return extension;
}

/**
 * Waits until the extension has activated by itself (no test calls `activate()` before this):
 * VS Code starts the tests without waiting for `workspaceContains` activation to finish, and
 * there is no activation event, so this waits for the first API Guard diagnostics, which only an
 * activated extension can produce, and then requires `isActive`.
 */
export async function waitForSelfActivation(): Promise<vscode.Extension<ApiGuardExtensionApi>> {
  const extension = apiGuardExtension();
  const anyApiGuardDiagnostics = (): boolean =>
    vscode.languages.getDiagnostics().some(([, diagnostics]) => diagnostics.some((diagnostic) => diagnostic.source === 'API Guard'));
  await waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => anyApiGuardDiagnostics(),
    () => `the extension did not activate by itself (isActive: ${extension.isActive}, no API Guard diagnostics)`,
    () => extension.isActive || anyApiGuardDiagnostics(),
  );
  return extension;
}

/** The extension's API once its language server is running. */
export async function runningApi(): Promise<ApiGuardExtensionApi> {
  const api = await apiGuardExtension().activate();
  if (api.serverState !== 'running') {
    await waitForEvent(api.onDidChangeServerState, (state) => state === 'running', () => `server state is ${api.serverState}`, () => api.serverState === 'running');
  }
  return api;
}

/**
 * Waits until `isDone()` holds, re-checking whenever `event` fires. `describe()` says what the
 * state was when the wait gave up.
 */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  describe: () => string,
  isDone: () => boolean = () => false,
  timeoutMs = WAIT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (isDone()) return resolve();
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${timeoutMs / 1000} s; ${describe()}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (accept(value) || isDone()) {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  });
}

/** The diagnostic code as text (VS Code wraps codes that link to documentation in an object). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function apiGuardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'API Guard');
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

export function severityName(severity: vscode.DiagnosticSeverity): SeverityName {
  return SEVERITY_NAMES[severity];
}

/** `line:character-line:character`, 0-based as in the API (the Problems panel shows 1-based). */
export function formatRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  return `${formatRange(diagnostic.range)} ${severityName(diagnostic.severity)} ${codeOf(diagnostic)}: ${diagnostic.message}`;
}

/** Every API Guard diagnostic VS Code holds for `folder`, one line each, for failure messages. */
export function describeFolderDiagnostics(folder: vscode.WorkspaceFolder): string {
  const lines: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!uri.path.startsWith(`${folder.uri.path}/`)) continue;
    for (const diagnostic of diagnostics) {
      if (diagnostic.source === 'API Guard') lines.push(`  ${vscode.workspace.asRelativePath(uri, false)} ${describeDiagnostic(diagnostic)}`);
    }
  }
  return lines.length === 0 ? 'VS Code shows no API Guard diagnostics in this folder' : `VS Code shows:\n${lines.sort().join('\n')}`;
}

/** Waits until the diagnostics of `uri` satisfy `condition`; the error lists what was shown instead. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  condition: (diagnostics: vscode.Diagnostic[]) => boolean,
  expectation: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  const holds = (): boolean => condition(apiGuardDiagnostics(uri));
  await waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    (event) => event.uris.some((changed) => changed.toString() === uri.toString()) && holds(),
    () => {
      const shown = apiGuardDiagnostics(uri).map((diagnostic) => `  ${describeDiagnostic(diagnostic)}`);
      return `expected ${expectation} in ${vscode.workspace.asRelativePath(uri, false)}; VS Code shows ${shown.length === 0 ? 'nothing' : `\n${shown.join('\n')}`}`;
    },
    holds,
    timeoutMs,
  );
  return apiGuardDiagnostics(uri);
}

/** Waits until a condition over every diagnostic of the workspace holds. */
export async function waitForAllDiagnostics(condition: () => boolean, describe: () => string, timeoutMs = WAIT_MS): Promise<void> {
  await waitForEvent(vscode.languages.onDidChangeDiagnostics, () => condition(), describe, condition, timeoutMs);
}

export function hasCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((diagnostic) => codeOf(diagnostic) === code);
}

export function lacksCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((diagnostic) => codeOf(diagnostic) === code);
}

export function onlyFolder(): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length !== 1) throw new Error(`expected one workspace folder, found ${folders.length}`);
  return folders[0];
}

export function folderNamed(name: string): vscode.WorkspaceFolder {
  const folder = (vscode.workspace.workspaceFolders ?? []).find((item) => item.name === name);
  if (folder === undefined) throw new Error(`no workspace folder named ${name}; folders: ${(vscode.workspace.workspaceFolders ?? []).map((item) => item.name).join(', ')}`);
  return folder;
}

export function fileIn(folder: vscode.WorkspaceFolder, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Writes a file on disk (not through an editor), as another program or `git checkout` would. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Replaces the first occurrence of `search` in an open document through an editor edit (unsaved). */
export async function editDocument(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const offset = document.getText().indexOf(search);
  if (offset < 0) throw new Error(`${vscode.workspace.asRelativePath(document.uri, false)} does not contain ${JSON.stringify(search)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length)), replacement);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the edit of ${document.uri.toString()} was not applied`);
}

/**
 * Throws away unsaved changes of a document and closes its editors. A document that is no longer
 * dirty has had its edits saved (e.g. by `files.autoSave`, which the browser workbench turns on
 * by default), so reverting cannot restore the file for later tests: that fails here, loudly.
 */
export async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) {
    const autoSave = vscode.workspace.getConfiguration('files', document.uri).get<string>('autoSave');
    throw new Error(`${vscode.workspace.asRelativePath(document.uri, false)} was saved with the test's edits (files.autoSave is ${autoSave}); reverting cannot restore it`);
  }
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
