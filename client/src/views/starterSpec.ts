import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { pickWorkspaceFolder } from './pickWorkspaceFolder';
import { commandTarget } from './commandTarget';
import { starterFileName } from './starterFileName';

/** The secure-by-default starter description shipped with the extension. */
const TEMPLATE_PATH = ['templates', 'openapi-starter.yaml'] as const;

/**
 * "API Guard: Create starter OpenAPI file": writes the template into the folder as
 * `openapi.yaml` (or the next free `openapi-N.yaml`) through a workspace edit, so that it can be
 * undone, and opens it.
 */
async function createStarterSpec(extensionUri: vscode.Uri, argument: unknown): Promise<void> {
  const folder = await pickWorkspaceFolder(commandTarget(argument).folderUri, {
    noFolder: vscode.l10n.t('Open a folder first: the starter OpenAPI file is created in it.'),
    placeHolder: vscode.l10n.t('Create the starter OpenAPI file in which folder?'),
  });
  if (folder === undefined) return;
  let template: Uint8Array;
  try {
    template = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...TEMPLATE_PATH));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The starter template could not be read: {0}', error instanceof Error ? error.message : String(error)));
    return;
  }
  // A name listed in the folder is taken; a folder that cannot be listed leaves the first name,
  // and creating the file then fails rather than overwriting anything.
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder.uri)).catch((): [string, vscode.FileType][] => []);
  const taken = new Set(entries.map(([name]) => name));
  const target = vscode.Uri.joinPath(folder.uri, starterFileName((name) => taken.has(name)));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: false, contents: template });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be created.', vscode.workspace.asRelativePath(target)));
    return;
  }
  await vscode.window.showTextDocument(target);
}

export function registerStarterSpecCommand(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.createStarterSpec, (argument: unknown) => createStarterSpec(extensionUri, argument));
}
