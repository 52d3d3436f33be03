import assert from 'node:assert/strict';
import { TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../../server/src/core/model/lineIndex';

/**
 * Applies a workspace edit the way an editor does, strictly: versioned document edits must name
 * the version the client holds (null for a file that is not open), edits of one document must
 * not overlap, and only text edits are expected. Returns the new text of every edited document.
 */
export function applyWorkspaceEdit(
  edit: WorkspaceEdit,
  textOf: (uri: string) => string,
  versionOf: (uri: string) => number | undefined,
): Map<string, string> {
  const byUri = new Map<string, TextEdit[]>();
  if (edit.documentChanges !== undefined) {
    assert.equal(edit.changes, undefined, 'a workspace edit uses documentChanges or changes, not both');
    for (const change of edit.documentChanges) {
      assert.ok(TextDocumentEdit.is(change), `only text document edits are expected: ${JSON.stringify(change)}`);
      const uri = change.textDocument.uri;
      assert.equal(change.textDocument.version, versionOf(change.textDocument.uri) ?? null, `the edit of ${uri} names the version the client holds`);
      byUri.set(uri, [...(byUri.get(uri) ?? []), ...(change.edits as TextEdit[])]);
    }
  } else {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
  }
  const results = new Map<string, string>();
  for (const [uri, edits] of byUri) {
    const text = textOf(uri);
    const lines = new LineIndex(text);
    const spans = edits
      .map((item) => ({ start: lines.offsetAt(item.range.start), end: lines.offsetAt(item.range.end), newText: item.newText }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    for (let index = 1; index < spans.length; index++) {
      assert.ok(spans[index].start >= spans[index - 1].end, `edits of ${uri} do not overlap`);
      assert.ok(!(spans[index].start === spans[index - 1].start && spans[index].end === spans[index].start && spans[index - 1].end === spans[index - 1].start), `two inserts at one place in ${uri} have no defined order`);
    }
    let result = text;
    for (const span of [...spans].reverse()) result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    results.set(uri, result);
  }
  return results;
}
