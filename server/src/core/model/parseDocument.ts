import type { AstNode } from './ast';
import { LineIndex, lineStartsSteps } from './lineIndex';
import { parseJson, parseJsonSteps } from './parseJson';
import { parseYaml, parseYamlSteps } from './parseYaml';
import type { SyntaxProblem } from './syntaxError';
import type { TextSource } from './textSource';

export type DocumentFormat = 'yaml' | 'json';

/** One parsed version of one file: the tree, its syntax problems and the line index. */
export interface ParsedDocument {
  uri: string;
  /** Editor version, or a counter for files read from disk. */
  version: number;
  /**
   * The text as one string. A version patched from an editor buffer makes it on first use from
   * `source`: code that runs on every keystroke reads `source` instead.
   */
  readonly text: string;
  /** The text, read without making it one string (the same string as `text` for a file read whole). */
  readonly source: TextSource;
  format: DocumentFormat;
  root: AstNode | undefined;
  errors: SyntaxProblem[];
  lines: LineIndex;
  /** Set when the file was too large to analyse; then `root` is undefined. */
  skippedReason?: string;
  /** True for the text of an editor buffer (as opposed to a file read from disk). */
  open?: boolean;
  /**
   * Set when this version's text is that of an earlier version of the buffer, whose tree it took
   * back (see `DocumentStore.setOpen`): what was made from that version's tree, at its offsets,
   * holds for this one.
   */
  treeOfVersion?: number;
  /**
   * Set when this version was made by patching the tree of version `fromVersion` in place (see
   * incrementalParse.ts): `node` is the one subtree that changed (re-read, or a scalar or key
   * rewritten); every other node is the previous version's, moved. Work derived from the
   * previous tree can be updated along the path from the root to `node` instead of redone.
   */
  patch?: {
    fromVersion: number;
    node: AstNode;
    /**
     * What `node` replaced: the previous version's subtree (detached, as it was) when the entry was
     * read again, or `node` itself when a key or scalar was rewritten in place. Its entries that
     * `kept` lists are `node`'s now (their parent, and their offsets when after the edit).
     */
    replaced: AstNode;
    /** The key `replaced` had in the previous version (a key rewritten in place has another now). */
    replacedKey: string | number | undefined;
    /**
     * Set when `node` is a new mapping that holds some of `replaced`'s entries, the same objects
     * under the same keys (moved when after the edit): a line edit that added entries to a mapping
     * or took some away (`patchEntriesInContext`). Only the others are new; below the kept ones,
     * keys and so JSON pointers are as they were. Without it, everything below `node` is new.
     */
    kept?: ReadonlySet<AstNode>;
    /** Where the edit began: the text before this offset, and every position in it, is the previous version's. */
    changeStart: number;
    /**
     * The previous version's line where the replaced text ended: the text after the edit is the
     * previous version's, moved by `delta`, and a position on a later line by `lineDelta` lines only.
     */
    changeEndLine: number;
    /** How much longer the text got (negative: shorter). */
    delta: number;
    /** How many more lines the text has (negative: fewer). */
    lineDelta: number;
  };
}

export interface ParseOptions {
  maxFileSizeBytes?: number;
  /**
   * The text as its holder reads it, kept as the document's `source` (`text` is then its string):
   * an editor buffer's `PieceText`, whose answers to the checks run on every keystroke the next
   * version takes over.
   */
  source?: TextSource;
}

/**
 * Whether `doc` has the tree of its document's `version`, unchanged: it is that version, or took
 * that version's tree back with its text (`treeOfVersion`, an undo). What was made from that tree,
 * at its offsets, then holds for `doc`.
 */
export function hasTreeOf(doc: ParsedDocument, version: number): boolean {
  return version === doc.version || version === doc.treeOfVersion;
}

export function formatOf(uri: string, text: string): DocumentFormat {
  const lower = uri.toLowerCase().split(/[?#]/)[0];
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parses a file. Never throws: every problem comes back in `errors`. */
export function parseDocument(uri: string, text: string, version = 0, options: ParseOptions = {}): ParsedDocument {
  const steps = parseSteps(uri, text, version, options, false);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * `parseDocument` in steps, for a caller that runs in slices of an event loop (the language
 * server's workspace scan): the line table and the tree of a large document are built a part at a
 * time (see `parseJsonSteps`, `parseYamlSteps`), a yield after each.
 */
export function parseDocumentSteps(uri: string, text: string, version = 0, options: ParseOptions = {}): Generator<void, ParsedDocument, void> {
  return parseSteps(uri, text, version, options, true);
}

function* parseSteps(uri: string, text: string, version: number, options: ParseOptions, stepped: boolean): Generator<void, ParsedDocument, void> {
  const format = formatOf(uri, text);
  const lines = stepped ? new LineIndex(text, yield* lineStartsSteps(text)) : new LineIndex(text);
  const limit = options.maxFileSizeBytes;
  if (limit !== undefined && text.length > limit) {
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    const reason = `The file is ${megabytes} MB, over the limit of ${(limit / (1024 * 1024)).toFixed(0)} MB (apiGuard.maxFileSizeMB); it is not analysed`;
    return { uri, version, text, source: options.source ?? text, format, root: undefined, errors: [], lines, skippedReason: reason };
  }
  let root: AstNode | undefined;
  let errors: SyntaxProblem[];
  try {
    if (format === 'yaml') ({ root, errors } = stepped ? yield* parseYamlSteps(text) : parseYaml(text));
    else ({ root, errors } = stepped ? yield* parseJsonSteps(text) : parseJson(text));
  } catch (error) {
    root = undefined;
    errors = [{ message: `The file could not be parsed: ${(error as Error).message}`, start: 0, end: 0 }];
  }
  return { uri, version, text, source: options.source ?? text, format, root, errors, lines };
}

/**
 * A parsed version whose text is `source`, made one string only when `text` is first read (when
 * `source` is a string, it is that string).
 */
export function withSource(fields: Omit<ParsedDocument, 'text' | 'source'>, source: TextSource): ParsedDocument {
  if (typeof source === 'string') return { ...fields, text: source, source };
  return Object.defineProperties({ ...fields } as ParsedDocument, {
    source: { value: source, enumerable: true },
    text: { get: () => source.toString(), enumerable: true },
  });
}
