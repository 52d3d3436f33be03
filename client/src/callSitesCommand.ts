import * as vscode from 'vscode';

/** The command id the server's "N call sites" code lenses run (server/src/lsp/navigation.ts). */
export const SHOW_CALL_SITES_COMMAND = 'apiGuard.showCallSites';

interface JsonPosition {
  line: number;
  character: number;
}

interface JsonLocation {
  uri: string;
  range: { start: JsonPosition; end: JsonPosition };
}

function toPosition(position: JsonPosition): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

/**
 * Opens the references peek view with the call sites of an operation. The code lens carries
 * them as JSON (the protocol cannot carry editor objects), and VS Code's `showReferences`
 * command wants a URI, a position and locations as editor objects.
 */
export function registerShowCallSitesCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_CALL_SITES_COMMAND, async (uri: unknown, position: unknown, locations: unknown) => {
    if (typeof uri !== 'string' || position === null || typeof position !== 'object' || !Array.isArray(locations)) return;
    const targets = (locations as JsonLocation[]).map(
      (location) => new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Range(toPosition(location.range.start), toPosition(location.range.end))),
    );
    await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position as JsonPosition), targets);
  });
}
