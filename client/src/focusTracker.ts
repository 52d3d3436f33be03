import * as vscode from 'vscode';
import { SPEC_LANGUAGES } from './documentSelector';
import { focusNotification } from './protocol';
import type { ServerConnection } from './serverConnection';

/** How long scrolling must rest before the server is told where the user looks. */
const SETTLE_MILLISECONDS = 250;

/**
 * Tells the server which line of an API description the user looks at: the middle of an editor's
 * visible lines, once scrolling has rested for a moment, when an editor is scrolled or becomes the
 * active one. VS Code shows at most 1,000 diagnostics of a document; for a specification with more
 * findings, the server then sends those nearest to this line (besides every error and warning), so
 * that the part on screen has its squiggles wherever it is in the file.
 */
export function trackFocus(connection: ServerConnection): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();
  const lastSent = new Map<string, number>();
  const schedule = (editor: vscode.TextEditor | undefined): void => {
    if (editor === undefined) return;
    const document = editor.document;
    if (document.uri.scheme !== 'file' || !(SPEC_LANGUAGES as readonly string[]).includes(document.languageId)) return;
    const uri = document.uri.toString();
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const ranges = editor.visibleRanges;
        if (ranges.length === 0) return;
        const line = Math.floor((ranges[0].start.line + ranges[ranges.length - 1].end.line) / 2);
        if (lastSent.get(uri) === line) return;
        lastSent.set(uri, line);
        connection.sendNotification(focusNotification, { uri, line });
      }, SETTLE_MILLISECONDS),
    );
  };
  const subscriptions = [
    vscode.window.onDidChangeTextEditorVisibleRanges((event) => schedule(event.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.workspace.onDidCloseTextDocument((document) => lastSent.delete(document.uri.toString())),
    // A new server knows nothing of where the user was.
    connection.onDidChangeState((state) => {
      if (state !== 'running') return;
      lastSent.clear();
      schedule(vscode.window.activeTextEditor);
    }),
  ];
  return new vscode.Disposable(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const subscription of subscriptions) subscription.dispose();
  });
}
