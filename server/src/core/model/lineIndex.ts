import type { TextSource } from './textSource';

/** Position in LSP terms: 0-based line, 0-based UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** More line breaks than this in one edit's text make `afterChange` build a new table instead of splicing them in. */
const MAX_SPLICED_LINES = 10_000;

/**
 * Converts offsets to line/character positions. Built once per document version; a lookup
 * searches from the line of the previous one. Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP.
 */
export class LineIndex {
  private starts: number[] | undefined;
  /** The line of the last lookup, where the next one starts its search (see `lastAtOrBefore`). */
  private recentLine = 0;

  constructor(
    private readonly text: TextSource,
    /** Line starts already known for `text` (see `afterChange`); computed from the text when first needed otherwise. */
    knownLineStarts?: number[],
  ) {
    this.starts = knownLineStarts;
  }

  /**
   * The offset where each line starts, found on first use: most files of a spec of thousands are
   * read and analysed without one position asked for (the DigitalOcean spec's findings are in 722
   * of its 2,900 files).
   */
  private get lineStarts(): number[] {
    if (this.starts === undefined) this.starts = lineStartsOf(this.text, 0, 0);
    return this.starts;
  }

  /**
   * The index of `newText`, which is this text with [start, end) replaced by `inserted`: the line
   * starts before the edit are kept, those after it move, and only the inserted text is scanned.
   * Carriage returns near the edit (where `\r\n` could be split or joined) mean a full rebuild.
   * Otherwise the line starts are changed in place, so this index is not valid for its own text
   * afterwards: only for the replacing version of a document. A new table of a large document's
   * 110,000 lines took some 10 ms per line added or removed (most of it the first writes to the
   * fresh memory of an 880 KB array); in place, lines are spliced out or in and the rest moved.
   */
  afterChange(start: number, end: number, inserted: string, newText: TextSource): LineIndex {
    if (inserted.indexOf('\r') >= 0 || this.text.slice(Math.max(0, start - 1), end + 1).indexOf('\r') >= 0) return new LineIndex(newText);
    const starts = this.lineStarts;
    const delta = inserted.length - (end - start);
    const startLine = this.positionAt(start).line;
    let firstAfter = startLine + 1;
    while (firstAfter < starts.length && starts[firstAfter] <= end) firstAfter++;
    const added: number[] = [];
    for (let at = inserted.indexOf('\n'); at >= 0; at = inserted.indexOf('\n', at + 1)) added.push(start + at + 1);
    if (added.length > MAX_SPLICED_LINES) {
      // A large paste: spreading its lines as arguments could overflow the stack.
      const next = starts.slice(0, startLine + 1).concat(added);
      for (let line = firstAfter; line < starts.length; line++) next.push(starts[line] + delta);
      return new LineIndex(newText, next);
    }
    if (added.length > 0 || firstAfter > startLine + 1) starts.splice(startLine + 1, firstAfter - startLine - 1, ...added);
    if (delta !== 0) for (let line = startLine + 1 + added.length; line < starts.length; line++) starts[line] += delta;
    return new LineIndex(newText, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, clamped, this.recentLine);
    this.recentLine = line;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(start: number, end: number): Range {
    const from = this.positionAt(start);
    // Most ranges end on the line they start on (a key, a value): no second search then.
    const lineStart = this.lineStarts[from.line];
    const clamped = Math.max(0, Math.min(end, this.text.length));
    if (clamped >= lineStart && (from.line + 1 === this.lineStarts.length || clamped < this.lineStarts[from.line + 1])) {
      return { start: from, end: { line: from.line, character: clamped - lineStart } };
    }
    return { start: from, end: this.positionAt(end) };
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/**
 * The index of the last of ascending `starts` (whose first is at most `value`) that is at most
 * `value`: the line, or the piece of text, that holds an offset.
 *
 * Without a hint, a binary search. With `near` (the answer of a recent lookup), a galloping search
 * from there: lookups come in runs close to each other (the findings of a rule, in document order),
 * and a search over a few neighbouring entries touches a few cache lines, where a binary search of
 * a 100,000-line table misses the cache at nearly every step. The answer is the same either way.
 */
export function lastAtOrBefore(starts: readonly number[], value: number, near?: number): number {
  let low = 0;
  let high = starts.length - 1;
  if (near !== undefined && near >= 0 && near <= high) {
    let step = 1;
    if (starts[near] <= value) {
      // The answer is `near` or after it: double the step until an entry lies past `value`.
      low = near;
      let probe = near + 1;
      while (probe <= high && starts[probe] <= value) {
        low = probe;
        step *= 2;
        probe = low + step;
      }
      if (probe <= high) high = probe - 1;
    } else {
      // The answer is before `near`: double the step back until an entry is at most `value`.
      high = near - 1;
      let probe = near - 1;
      while (probe > 0 && starts[probe] > value) {
        high = probe - 1;
        step *= 2;
        probe = near - step;
      }
      low = Math.max(0, probe);
    }
  }
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** `lineStartsSteps` yields after searching this many characters (about a millisecond). */
const LINE_STEP_CHARACTERS = 1_048_576;

/**
 * `lineStartsOf(text, 0, 0)` in steps, for a caller that runs in slices of an event loop: the line
 * table of a 13 MB document takes some 30 ms in one go. A text with carriage returns (rare in large
 * specs) is searched in one go.
 */
export function* lineStartsSteps(text: string): Generator<void, number[], void> {
  if (text.length <= LINE_STEP_CHARACTERS || text.indexOf('\r') >= 0) return lineStartsOf(text, 0, 0);
  const starts = [0];
  let at = text.indexOf('\n');
  while (at >= 0) {
    const stop = at + LINE_STEP_CHARACTERS;
    for (; at >= 0 && at < stop; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    if (at >= 0) yield;
  }
  return starts;
}

/**
 * The line starts in `text`, offset by `base`, from index `skip` on (0: including the start of
 * `text` itself). A line break is `\n`, `\r\n` or a lone `\r`.
 */
export function lineStartsOf(text: TextSource, base: number, skip: number): number[] {
  const starts = skip === 0 ? [base] : [];
  if (text.indexOf('\r') < 0) {
    // The common case, only `\n`: indexOf jumps from line to line far faster than a loop over characters.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(base + at + 1);
    return starts;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) starts.push(base + index + 1);
    else if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index++;
      starts.push(base + index + 1);
    }
  }
  return starts;
}
