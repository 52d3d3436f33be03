import { reparseJsonAfterChange, reparseYamlAfterChange } from '../model/incrementalParse';
import type { Range } from '../model/lineIndex';
import { parseDocument, parseDocumentSteps, withSource, type ParsedDocument } from '../model/parseDocument';
import { sameContent, type TextSource } from '../model/textSource';

/**
 * Reads files for the engine. The adapters (LSP server, CLI) implement it over the real file
 * system; tests implement it over a map. It answers undefined for a file that does not exist or
 * cannot be read; it is only ever asked for URIs that the ref policy allows.
 */
export interface FileReader {
  read(uri: string): string | undefined;
  /** `read` in steps (a yield between parts of a large file), for a caller that runs in slices of an event loop. */
  readSteps?(uri: string): Generator<void, string | undefined, void>;
}

/** One change of an editor buffer, as the editor reports it: a range of the text before it, or the whole text. */
export interface BufferChange {
  range?: Range;
  text: string;
}

/** The changes that turned version `fromVersion` of a buffer into the version being set. */
export interface BufferEdits {
  fromVersion: number;
  changes: readonly BufferChange[];
}

interface Entry {
  document: ParsedDocument;
  /** True when the text came from an open editor rather than from disk. */
  open: boolean;
  /**
   * The version `document` replaced, when `document` was parsed whole after an edit the patch
   * could not follow (see `setOpen`): its tree is as it was, and the next version takes it back if
   * it has the same text again.
   */
  replaced?: ParsedDocument;
}

/**
 * The one place where documents are parsed: each version of each file is parsed once and shared
 * by every API that includes it. Open editor buffers take precedence over the file on disk.
 */
export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  private diskVersion = 0;
  private changes = 0;
  /**
   * The files `getSteps` is reading, each with whether it changed meanwhile (opened, closed, changed
   * on disk, or every file after a new size limit): what was read is then not kept.
   */
  private readonly reading = new Map<string, Set<{ changed: boolean }>>();

  constructor(
    private readonly reader: FileReader,
    public maxFileSizeBytes = 25 * 1024 * 1024,
  ) {}

  /**
   * Sets the text of an open document. Returns the parsed document (reused if unchanged). With the
   * editor's `edits` from the version the store holds, the previous parse is patched where only
   * part of the tree changed (see incrementalParse.ts) instead of parsing the whole text again;
   * the previous `ParsedDocument` is then replaced for good, its tree being updated in place.
   * `text` may be an editor buffer's `PieceText`: a patched version keeps it as its `source` and
   * makes the text one string only when something reads all of it.
   *
   * An edit the patch cannot follow (a line commented out, deleted, indented or outdented in a
   * deep YAML mapping, which changes the structure of everything after it) parses the whole text:
   * about 2 s for the 4 MB Stripe YAML while the text is broken. The version it replaced is kept
   * until the next edit, and when that edit gives back its text (the editor's undo, a Backspace
   * over the character just typed, the same line uncommented again), its tree is taken back as it
   * was instead of parsing everything again: its nodes are the ones the analysis knew, so their
   * findings are reused too.
   */
  setOpen(uri: string, text: TextSource, version: number, edits?: BufferEdits): ParsedDocument {
    const existing = this.entries.get(uri);
    if (existing?.open && existing.document.version === version && sameText(existing.document.source, text)) {
      return existing.document;
    }
    let document: ParsedDocument | undefined;
    let replaced: ParsedDocument | undefined;
    if (edits !== undefined && existing?.open && existing.document.version === edits.fromVersion && text.length <= this.maxFileSizeBytes) {
      const earlier = existing.replaced;
      if (earlier !== undefined && sameContent(earlier.source, text)) {
        document = versionAgain(earlier, text, version);
      } else {
        document = patchedDocument(existing.document, edits.changes, text, version);
        // A patch that fails leaves the tree as it was, except after an earlier change of the same
        // batch was patched in (`patchedDocument` goes change by change).
        if (document === undefined && edits.changes.length === 1 && existing.document.root !== undefined) replaced = existing.document;
      }
    }
    document ??= parseDocument(uri, text.toString(), version, { maxFileSizeBytes: this.maxFileSizeBytes, source: text });
    document.open = true;
    this.entries.set(uri, { document, open: true, replaced });
    this.changes++;
    this.changedWhileRead(uri);
    return document;
  }

  /** Forgets an open buffer; the next read goes to disk. */
  close(uri: string): void {
    if (this.entries.get(uri)?.open && this.entries.delete(uri)) this.changes++;
    this.changedWhileRead(uri);
  }

  isOpen(uri: string): boolean {
    return this.entries.get(uri)?.open === true;
  }

  /** The file changed or was deleted on disk; open buffers are unaffected. */
  invalidate(uri: string): void {
    if (this.entries.get(uri)?.open !== true && this.entries.delete(uri)) this.changes++;
    this.changedWhileRead(uri);
  }

  /** Drops every cached parse that is not an open buffer (e.g. after the size limit changed). */
  invalidateAll(): void {
    for (const [uri, entry] of this.entries) if (!entry.open) this.entries.delete(uri);
    this.changes++;
    for (const reads of this.reading.values()) for (const read of reads) read.changed = true;
  }

  private changedWhileRead(uri: string): void {
    for (const read of this.reading.get(uri) ?? []) read.changed = true;
  }

  /**
   * A number that changes whenever a document is added, replaced or dropped: while it stays the
   * same, every `peek` answers as before. It lets the analysis of an API of thousands of files ask
   * whether its documents are still the store's after each step without looking each one up.
   */
  get changeCount(): number {
    return this.changes;
  }

  /** The cached parse, without reading anything. */
  peek(uri: string): ParsedDocument | undefined {
    return this.entries.get(uri)?.document;
  }

  get(uri: string): ParsedDocument | undefined {
    const cached = this.entries.get(uri);
    if (cached !== undefined) return cached.document;
    let text: string | undefined;
    try {
      text = this.reader.read(uri);
    } catch {
      text = undefined;
    }
    if (text === undefined) return undefined;
    const document = parseDocument(uri, text, --this.diskVersion, { maxFileSizeBytes: this.maxFileSizeBytes });
    this.entries.set(uri, { document, open: false });
    this.changes++;
    return document;
  }

  /**
   * `get` in steps, for a caller that runs in slices of an event loop (the language server's
   * workspace scan): a large file is read, decoded and parsed a part at a time (the reader's
   * `readSteps`, `parseDocumentSteps`). The store may change between two steps: when this file was
   * opened, closed or changed on disk meanwhile (or the size limit changed), what was read is not
   * kept, and the store's own document is returned, or the one just read, which a later `get`
   * reads again. Changes of other files (typing in an open document) do not matter.
   */
  *getSteps(uri: string): Generator<void, ParsedDocument | undefined, void> {
    const cached = this.entries.get(uri);
    if (cached !== undefined) return cached.document;
    const read = { changed: false };
    let reads = this.reading.get(uri);
    if (reads === undefined) this.reading.set(uri, (reads = new Set()));
    reads.add(read);
    try {
      let text: string | undefined;
      try {
        text = this.reader.readSteps === undefined ? this.reader.read(uri) : yield* this.reader.readSteps(uri);
      } catch {
        text = undefined;
      }
      if (text === undefined) return this.entries.get(uri)?.document;
      const version = --this.diskVersion;
      const document = yield* parseDocumentSteps(uri, text, version, { maxFileSizeBytes: this.maxFileSizeBytes });
      const now = this.entries.get(uri);
      if (now !== undefined) return now.document;
      if (!read.changed) {
        this.entries.set(uri, { document, open: false });
        this.changes++;
      }
      return document;
    } finally {
      // A read given up half-way (the caller's generator returned) is forgotten too.
      reads.delete(read);
      if (reads.size === 0) this.reading.delete(uri);
    }
  }
}

/**
 * Applies an editor's changes one by one to a parsed document, each as a patch of the tree; undefined
 * as soon as one cannot be patched (or the result is not `text`), and then the caller parses `text`.
 * A single change (what typing sends) is applied to `text` itself: building the intermediate text
 * would copy the whole document once more per keystroke.
 */
function patchedDocument(previous: ParsedDocument, changes: readonly BufferChange[], text: TextSource, version: number): ParsedDocument | undefined {
  let document = previous;
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index];
    if (change.range === undefined) return undefined;
    const start = document.lines.offsetAt(change.range.start);
    const end = document.lines.offsetAt(change.range.end);
    if (end < start) return undefined;
    const last = index === changes.length - 1;
    const next = last ? text : document.text.slice(0, start) + change.text + document.text.slice(end);
    if (last && !isResultOf(document.source, start, end, change.text, text)) return undefined;
    const edit = { start, end, text: change.text };
    const patched = document.format === 'json' ? reparseJsonAfterChange(document, edit, next, version) : reparseYamlAfterChange(document, edit, next, version);
    if (patched === undefined) return undefined;
    document = patched;
  }
  // A patch describes one change from the previous version; several in a row describe none.
  if (changes.length > 1) document.patch = undefined;
  return document !== previous ? document : undefined;
}

/**
 * A version whose text is that of an earlier one (`earlier`), parsed as it was: the same tree,
 * problems and line table, without a patch (the version in between was another tree), and marked
 * as that version's tree (`treeOfVersion`).
 */
function versionAgain(earlier: ParsedDocument, text: TextSource, version: number): ParsedDocument {
  return withSource({ uri: earlier.uri, version, format: earlier.format, root: earlier.root, errors: earlier.errors, lines: earlier.lines, skippedReason: earlier.skippedReason, treeOfVersion: earlier.version }, text);
}

/** How far around a change `isResultOf` compares the texts before and after it. */
const CHANGE_CONTEXT = 256;

/**
 * Whether `after` is `before` with [start, end) replaced by `inserted`, judged by the lengths and
 * the text around the change: the editor's versions say the rest is the same.
 */
function isResultOf(before: TextSource, start: number, end: number, inserted: string, after: TextSource): boolean {
  const delta = inserted.length - (end - start);
  if (after.length !== before.length + delta || !after.startsWith(inserted, start)) return false;
  const from = Math.max(0, start - CHANGE_CONTEXT);
  if (before.slice(from, start) !== after.slice(from, start)) return false;
  return before.slice(end, end + CHANGE_CONTEXT) === after.slice(start + inserted.length, start + inserted.length + CHANGE_CONTEXT);
}

/** Whether two texts are the same: the same object, or equal strings (a `PieceText` is compared by identity). */
function sameText(a: TextSource, b: TextSource): boolean {
  return a === b || (typeof a === 'string' && typeof b === 'string' && a === b);
}
