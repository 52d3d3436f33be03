import { lastAtOrBefore } from './lineIndex';

/**
 * Read access to a document's text that does not need the text as one string: what the parse
 * patch, the line index and the per-edit checks use. A `string` is one; so is `PieceText`, the
 * text of an editor buffer.
 */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
  indexOf(search: string, position?: number): number;
  lastIndexOf(search: string, position?: number): number;
  startsWith(search: string, position?: number): boolean;
  includes(search: string, position?: number): boolean;
  /** The whole text as one string. */
  toString(): string;
}

/** Pieces are cut to about this many characters; an edited piece is cut again past twice as many. */
const PIECE = 16 * 1024;

/**
 * The text of an editor buffer as pieces of about 16 K characters, each version a new object that
 * shares every piece it did not change with the version before.
 *
 * Why: V8 keeps the text of an edited string as a pair of the parts until something reads it,
 * and then copies the whole text into a new string. For a 4 MB document with one non-Latin-1
 * character that is 8 MB written to freshly mapped memory on every keystroke, some 30–40 ms on
 * this project's machine, while the parse patch reads only a few lines around the edit. An edit
 * here copies only the piece it touches and the array of pieces; the text as one string is made
 * only when something asks for all of it (`toString`), once per version.
 */
export class PieceText implements TextSource {
  /** Offset of each piece's first character. */
  private readonly starts: number[];
  private whole: string | undefined;
  /** The piece the last lookup found: reads cluster around one place. */
  private hint = 0;
  /**
   * Per string searched with `includes` from the start: whether a match starts in each piece
   * (undefined: not looked at yet). The next version takes the answers of the pieces the edit
   * left alone, so that the checks that run on every keystroke (is there a suppression comment
   * at all?) look at the edited piece only, not at all 4 MB.
   */
  private readonly matches = new Map<string, (boolean | undefined)[]>();

  private constructor(
    private readonly pieces: readonly string[],
    readonly length: number,
    /** Pieces are cut to this many characters (tests cut them small to cross many boundaries). */
    private readonly pieceLength: number,
    whole?: string,
  ) {
    this.whole = whole;
    const starts = new Array<number>(pieces.length);
    let offset = 0;
    for (let index = 0; index < pieces.length; index++) {
      starts[index] = offset;
      offset += pieces[index].length;
    }
    this.starts = starts;
  }

  static of(text: string, pieceLength = PIECE): PieceText {
    return new PieceText(cut(text, pieceLength), text.length, pieceLength, text);
  }

  /** This text with [start, end) replaced by `inserted` (offsets clamped to the text; one that is not a number counts as 0, as for `slice`). */
  edited(start: number, end: number, inserted: string): PieceText {
    start = clamp(Math.trunc(start) || 0, 0, this.length);
    end = clamp(Math.trunc(end) || 0, start, this.length);
    if (this.pieces.length === 0) return PieceText.of(inserted, this.pieceLength);
    const first = this.pieceAt(start);
    // The piece holding the last replaced character; an insertion touches only the first one.
    const last = end > start ? this.pieceAt(end - 1) : first;
    const middle = this.pieces[first].slice(0, start - this.starts[first]) + inserted + this.pieces[last].slice(end - this.starts[last]);
    const pieces = this.pieces.slice(0, first);
    if (middle.length > 2 * this.pieceLength) pieces.push(...cut(middle, this.pieceLength));
    else if (middle.length > 0) pieces.push(middle);
    for (let index = last + 1; index < this.pieces.length; index++) pieces.push(this.pieces[index]);
    const next = new PieceText(pieces, this.length - (end - start) + inserted.length, this.pieceLength);
    // Pieces after the edit shift by this much; before it, a piece's answer holds unless a match
    // starting in it could reach into the edited pieces.
    const shift = pieces.length - this.pieces.length;
    for (const [search, found] of this.matches) {
      const carried = new Array<boolean | undefined>(pieces.length);
      for (let index = 0; index < first; index++) {
        if (this.starts[index] + this.pieces[index].length + search.length - 1 > this.starts[first]) break;
        carried[index] = found[index];
      }
      for (let index = last + 1; index < this.pieces.length; index++) carried[index + shift] = found[index];
      next.matches.set(search, carried);
    }
    return next;
  }

  toString(): string {
    this.whole ??= this.pieces.join('');
    return this.whole;
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(index);
    const piece = this.pieceAt(index);
    return this.pieces[piece].charCodeAt(index - this.starts[piece]);
  }

  slice(start = 0, end = this.length): string {
    if (this.whole !== undefined) return this.whole.slice(start, end);
    start = relative(start, this.length);
    end = relative(end, this.length);
    if (end <= start) return '';
    let piece = this.pieceAt(start);
    const offset = start - this.starts[piece];
    const firstPiece = this.pieces[piece];
    if (end - this.starts[piece] <= firstPiece.length) return firstPiece.slice(offset, end - this.starts[piece]);
    let result = firstPiece.slice(offset);
    for (piece++; piece < this.pieces.length && this.starts[piece] < end; piece++) {
      result += this.pieces[piece].slice(0, end - this.starts[piece]);
    }
    return result;
  }

  indexOf(search: string, position = 0): number {
    if (this.whole !== undefined) return this.whole.indexOf(search, position);
    const from = clamp(Math.trunc(position) || 0, 0, this.length);
    if (search.length === 0) return from;
    for (let piece = this.pieceAt(from); piece < this.pieces.length; piece++) {
      const start = this.starts[piece];
      const text = this.pieces[piece];
      const found = text.indexOf(search, Math.max(0, from - start));
      if (found >= 0) return start + found;
      const across = this.acrossEnd(piece, search, Math.max(0, from - start));
      if (across >= 0) return across;
    }
    return -1;
  }

  lastIndexOf(search: string, position = Infinity): number {
    if (this.whole !== undefined) return this.whole.lastIndexOf(search, position);
    if (search.length > this.length) return -1;
    const at = Number.isNaN(Number(position)) ? Infinity : Number(position);
    const before = clamp(Math.trunc(Math.min(at, this.length - search.length)), 0, this.length);
    if (search.length === 0) return before;
    for (let piece = this.pieceAt(before); piece >= 0; piece--) {
      const start = this.starts[piece];
      const across = this.acrossEnd(piece, search, 0, before - start);
      if (across >= 0) return across;
      const found = this.pieces[piece].lastIndexOf(search, before - start);
      if (found >= 0) return start + found;
    }
    return -1;
  }

  /**
   * A match of `search` that starts in `piece` (at or after `from`, at or before `upTo`, both
   * relative to the piece) and runs into the pieces after it: the first one, or the last one when
   * `upTo` is given. -1 when there is none.
   */
  private acrossEnd(piece: number, search: string, from: number, upTo?: number): number {
    if (search.length < 2) return -1;
    const start = this.starts[piece];
    const text = this.pieces[piece];
    const tailStart = Math.max(from, text.length - search.length + 1, 0);
    if (tailStart >= text.length || (upTo !== undefined && upTo < tailStart)) return -1;
    const end = start + text.length;
    const window = text.slice(tailStart) + this.slice(end, end + search.length - 1);
    const found = upTo === undefined ? window.indexOf(search) : window.lastIndexOf(search, upTo - tailStart);
    return found >= 0 ? start + tailStart + found : -1;
  }

  startsWith(search: string, position = 0): boolean {
    const from = clamp(Math.trunc(position) || 0, 0, this.length);
    return this.slice(from, from + search.length) === search;
  }

  includes(search: string, position = 0): boolean {
    if (position !== 0 || search.length === 0) return this.indexOf(search, position) >= 0;
    // Searched piece by piece even when the text is one string already (the version an editor
    // opened, or one something read whole): the answers are what the next version takes over.
    // Answered from the whole string, the first keystroke after opening a 4 MB spec searched all
    // of it again for each string (some 6 ms).
    let found = this.matches.get(search);
    if (found === undefined) this.matches.set(search, (found = new Array<boolean | undefined>(this.pieces.length)));
    for (let piece = 0; piece < this.pieces.length; piece++) {
      let here = found[piece];
      if (here === undefined) found[piece] = here = this.pieces[piece].includes(search) || this.acrossEnd(piece, search, 0) >= 0;
      if (here) return true;
    }
    return false;
  }

  /**
   * Whether `other` holds the same characters. A piece that `other` shares with this text at the
   * same offset (two versions of one buffer share every piece an edit left alone) is not read.
   */
  sameContentAs(other: TextSource): boolean {
    if (other.length !== this.length) return false;
    if (this.whole !== undefined && typeof other === 'string') return this.whole === other;
    for (let index = 0; index < this.pieces.length; index++) {
      const piece = this.pieces[index];
      const start = this.starts[index];
      if (other instanceof PieceText) {
        const at = other.pieceAt(start);
        if (other.starts[at] === start && other.pieces[at] === piece) continue;
      }
      if (other.slice(start, start + piece.length) !== piece) return false;
    }
    return true;
  }

  /** The index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    this.hint = lastAtOrBefore(this.starts, offset, this.hint);
    return this.hint;
  }
}

/** A text cut into pieces of `length` characters (slices of it, which V8 does not copy). */
function cut(text: string, length: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += length) pieces.push(text.slice(start, start + length));
  return pieces;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** A `slice` bound: negative counts from the end, then clamped to the text. */
function relative(value: number, length: number): number {
  const integer = Math.trunc(value) || 0;
  return integer < 0 ? Math.max(0, length + integer) : Math.min(integer, length);
}

/** Whether two texts hold the same characters (see `PieceText.sameContentAs`). */
export function sameContent(a: TextSource, b: TextSource): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (a instanceof PieceText) return a.sameContentAs(b);
  if (b instanceof PieceText) return b.sameContentAs(a);
  return a.toString() === b.toString();
}

/** The characters of `word` as character codes, for `hasUnicodeEscapeOf`. */
export function characterCodesOf(word: string): ReadonlySet<number> {
  return new Set([...word].map((character) => character.charCodeAt(0)));
}

/**
 * Whether the text has a `\u` escape (JSON's, or YAML's in a double-quoted scalar) of one of the
 * characters `codes`: a quoted key can spell a word that way which a search for the word does not
 * find. An escaped backslash before the `u` (`\\u…`, no escape) is counted all the same: the callers
 * only skip work when the answer is false, so counting too much costs that saving, not correctness.
 */
export function hasUnicodeEscapeOf(text: TextSource, codes: ReadonlySet<number>): boolean {
  for (let at = text.indexOf('\\u'); at >= 0; at = text.indexOf('\\u', at + 2)) if (codes.has(unicodeEscapeAt(text, at))) return true;
  return false;
}

/**
 * `hasUnicodeEscapeOf` over a string in steps: `searchSteps` reads `perStep` characters between
 * two yields. The answer is the same.
 */
export function* hasUnicodeEscapeOfSteps(text: string, codes: ReadonlySet<number>, perStep: number): Generator<void, boolean, void> {
  let found = false;
  yield* searchSteps(text, '\\u', perStep, (at) => !(found = codes.has(unicodeEscapeAt(text, at))));
  return found;
}

/**
 * Calls `visit` with the offset of each occurrence of `word` in `text`, in order, until `visit`
 * returns false. The search for the next one starts `advance` characters after the start of the
 * last one (the word's length by default: occurrences that overlap one found are skipped, as a
 * loop of `indexOf` from the end of the last one skips them). The text is searched `perStep`
 * characters at a time, with a yield between two: one `indexOf` through the 13 MB GitHub spec (a
 * string of two bytes a character) held a workspace scan's turn of the event loop for some 20 ms.
 * Each part is a `slice`, which V8 makes without copying the characters.
 */
export function* searchSteps(text: string, word: string, perStep: number, visit: (at: number) => boolean, advance = word.length): Generator<void, void, void> {
  const length = text.length;
  const step = Math.max(perStep, word.length);
  // Where the next occurrence may start.
  let next = 0;
  for (let from = 0; from < length; from += step) {
    const end = Math.min(length, from + step);
    // The part reaches past `end` by the word's length less one, so that an occurrence that starts
    // before `end` is found whole; one that starts at `end` or later is the next part's.
    const part = from === 0 && end + word.length - 1 >= length ? text : text.slice(from, Math.min(length, end + word.length - 1));
    for (let at = part.indexOf(word, Math.max(0, next - from)); at >= 0 && from + at < end; at = part.indexOf(word, next - from)) {
      next = from + at + advance;
      if (!visit(from + at)) return;
    }
    if (end < length) yield;
  }
}

/** The character code that the `\u` escape at `at` (its backslash) spells, or NaN for no hex digits. */
export function unicodeEscapeAt(text: TextSource, at: number): number {
  return Number.parseInt(text.slice(at + 2, at + 6), 16);
}
