import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { PieceText } from '../../../server/src/core/model/textSource';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis, type FolderAnalysisOptions } from '../../../server/src/core/workspace/folderAnalysis';

/**
 * An editor buffer analysed version after version, as the language server analyses it: each edit
 * is a change of the buffer's text (in pieces, as the server holds it) from the version before,
 * which the store patches into the tree where it can.
 */
export class EditedBuffer {
  readonly store = new DocumentStore({ read: () => undefined });
  readonly analysis: FolderAnalysis;
  private pieces: PieceText;
  version = 1;
  /** How many edits the store patched (the others were parsed whole). */
  patched = 0;

  constructor(
    readonly uri: string,
    public text: string,
    options: FolderAnalysisOptions,
  ) {
    this.pieces = PieceText.of(text, 256);
    this.store.setOpen(uri, this.pieces, 1);
    this.analysis = new FolderAnalysis(this.store, options);
    this.analysis.setCandidates([uri]);
    this.analysis.update();
  }

  /** Replaces `start`…`end` with `inserted`; `analyse` false leaves that version unanalysed (the next keystroke came first). */
  edit(start: number, end: number, inserted: string, analyse = true): void {
    const lines = new LineIndex(this.text);
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
    this.pieces = this.pieces.edited(start, end, inserted);
    this.version++;
    const doc = this.store.setOpen(this.uri, this.pieces, this.version, { fromVersion: this.version - 1, changes: [{ range, text: inserted }] });
    if (doc.patch !== undefined) this.patched++;
    if (analyse) this.analysis.update();
  }

  /** Replaces the `occurrence`-th match of `find` (0: the first). */
  replace(find: string, by: string, occurrence = 0, analyse = true): void {
    let at = -1;
    for (let count = 0; count <= occurrence; count++) at = this.text.indexOf(find, at + 1);
    assert.ok(at >= 0, `${find} (${occurrence}) is in the text`);
    this.edit(at, at + find.length, by, analyse);
  }
}

/**
 * A letter typed into, or deleted from, a quoted key or value of the buffer picked with `next`
 * (never the `openapi` or `swagger` version): the commonest edit of the randomised tests.
 */
export function typeOrDeleteLetter(buffer: EditedBuffer, next: () => number, analyse = true): void {
  const tokens = [...buffer.text.matchAll(/"([^"\n]{2,})"/g)].filter((token) => !/^(openapi|swagger|[23]\.\d(\.\d)?)$/.test(token[1]));
  const token = tokens[Math.floor(next() * tokens.length)];
  const at = token.index! + 1 + Math.floor(next() * (token[1].length - 1));
  if (next() < 0.7) buffer.edit(at, at, String.fromCharCode(97 + Math.floor(next() * 26)), analyse);
  else buffer.edit(at, at + 1, '', analyse);
}
