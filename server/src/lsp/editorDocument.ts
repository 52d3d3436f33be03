import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lastAtOrBefore, lineStartsOf } from '../core/model/lineIndex';
import { PieceText } from '../core/model/textSource';

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * An open editor buffer, as the server's `TextDocuments` keeps it: a `TextDocument` whose text is a
 * `PieceText`. An incremental change copies only the piece of text it touches and rescans only the
 * lines around it, where the library's document builds the whole text anew on every keystroke
 * (see `PieceText` for what that costs on a large spec). `getText()` makes the text one string,
 * once per version, for the readers that need all of it; `source` reads it without that.
 *
 * Positions and offsets mean what they mean for the library's documents: lines end at `\n`,
 * `\r\n` or a lone `\r`, and an offset is never placed between the characters of a line break.
 * Like the library's, a document is updated in place and returned by `update`.
 */
export class EditorDocument implements TextDocument {
  /**
   * The offset where each line starts; made on first use or while the server is idle
   * (`prepareLineTable`), not when the document is opened, which would make its first diagnostics
   * later (a 13 MB spec has 400,000 lines, some 35 ms); then kept up to date by edits.
   */
  private knownLineStarts: number[] | undefined;
  /** The line of the last lookup, where the next one starts its search (see `lastAtOrBefore`). */
  private recentLine = 0;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private content: PieceText,
  ) {}

  private get lineStarts(): number[] {
    this.knownLineStarts ??= lineStartsOf(this.content.toString(), 0, 0);
    return this.knownLineStarts;
  }

  /**
   * Makes the line table now, for a caller with time to spare (the server while idle, see
   * `warmUpOpenDocuments`), rather than on the first edit or position lookup; false when it is
   * already made, and nothing was done.
   */
  prepareLineTable(): boolean {
    if (this.knownLineStarts !== undefined) return false;
    this.knownLineStarts = lineStartsOf(this.content.toString(), 0, 0);
    return true;
  }

  static create(uri: string, languageId: string, version: number, text: string): EditorDocument {
    return new EditorDocument(uri, languageId, version, PieceText.of(text));
  }

  /** Applies the editor's changes in order and sets the new version; returns the same document. */
  static update(document: EditorDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): EditorDocument {
    for (const change of changes) {
      if ('range' in change) document.replace(change.range, change.text);
      else document.setText(change.text);
    }
    document.currentVersion = version;
    return document;
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text, read without making it one string. */
  get source(): PieceText {
    return this.content;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    if (range === undefined) return this.content.toString();
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    // As the library's document (`substring`): a range given end first reads the same text.
    return this.content.slice(Math.min(start, end), Math.max(start, end));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.content.length));
    const line = this.lineOf(clamped);
    return { line, character: this.beforeLineBreak(clamped, this.lineStarts[line]) - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last] } };
    }
    const start = starts[line];
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts;
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.content.slice(this.beforeLineBreak(next, starts[line]), next);
  }

  private setText(text: string): void {
    this.content = PieceText.of(text);
    this.knownLineStarts = undefined;
  }

  /**
   * Replaces a range. The line starts that cannot have changed are kept (those before the edit)
   * or moved (those after the first character behind it, whose line break is untouched either
   * way); the lines between are scanned again in the new text, from the start of the line before
   * the edit, since a `\r` just before it may now be followed by an inserted `\n` or lose one.
   */
  private replace(range: Range, inserted: string): void {
    // A range given end first means the text between, as in the library's document. A position
    // that is not a number (a malformed change) counts as the start of the text, as it does for
    // the library's `substring`, and must not reach the line table.
    const from = this.offsetAt(range.start) || 0;
    const to = this.offsetAt(range.end) || 0;
    const start = Math.min(from, to);
    const end = Math.max(from, to);
    const delta = inserted.length - (end - start);
    this.content = this.content.edited(start, end, inserted);
    const starts = this.lineStarts;
    // The last line start before the edit, and the first one after the character behind it.
    let first = this.lineOf(start);
    if (first > 0 && starts[first] === start) first--;
    let after = first + 1;
    while (after < starts.length && starts[after] <= end) after++;
    const scanFrom = starts[first];
    const scanTo = after < starts.length ? starts[after] + delta : this.content.length;
    const rescanned = lineStartsOf(this.content.slice(scanFrom, scanTo), scanFrom, 1).filter((offset) => offset < scanTo || after >= starts.length);
    if (rescanned.length < 10_000) {
      starts.splice(first + 1, after - first - 1, ...rescanned);
    } else {
      // A large paste: spreading its lines as arguments could overflow the stack.
      this.knownLineStarts = starts.slice(0, first + 1).concat(rescanned, starts.slice(after));
    }
    const moved = this.lineStarts;
    if (delta !== 0) for (let line = first + 1 + rescanned.length; line < moved.length; line++) moved[line] += delta;
  }

  private lineOf(offset: number): number {
    this.recentLine = lastAtOrBefore(this.lineStarts, offset, this.recentLine);
    return this.recentLine;
  }

  /** Moves an offset that stands after line-break characters back before them, not before `lineStart`. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const code = this.content.charCodeAt(offset - 1);
      if (code !== LINE_FEED && code !== CARRIAGE_RETURN) break;
      offset--;
    }
    return offset;
  }
}
