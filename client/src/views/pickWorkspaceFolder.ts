import * as vscode from 'vscode';

export interface PickFolderTexts {
  /** Shown when no folder is open. */
  noFolder: string;
  /** The quick pick's placeholder when there are several folders. */
  placeHolder: string;
}

/** The folder a command acts on: the given one, the only one, or the one the user picks. */
export async function pickWorkspaceFolder(folderUri: string | undefined, texts: PickFolderTexts): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folderUri !== undefined) {
    const folder = folders.find((candidate) => candidate.uri.toString() === folderUri) ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri));
    if (folder !== undefined) return folder;
  }
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(texts.noFolder);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: texts.placeHolder });
}
