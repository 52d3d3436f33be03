import type { Node, Tree } from 'web-tree-sitter';
import { LineIndex } from '../model/lineIndex';
import type { CallSite, SourceSpan } from './callSite';
import type { CodeEdit, CodeExtraction, SecretCandidate, TlsSetting, UrlUse } from './codeExtraction';
import { detect, ignoreDirectives, type DetectedCode, type ExtractionDependencies, type TrackedExtraction } from './extractCode';
import { LANGUAGE_SUPPORT } from './extract/languageSupport';
import { SourceFile } from './extract/sourceFile';
import type { ChangedRegion } from './syntaxTreeCache';

/**
 * Redoes the extraction of an edited file for the top-level statements the edit touched and takes
 * the results of every other statement from the previous extraction, moved by the edit's length.
 * Returns undefined whenever that could differ from extracting the whole new text, and the caller
 * extracts the whole file instead:
 *
 * - the previous results must be statement by statement (`dependencies` given, see
 *   `extractWithDependencies`): no detector failed, no client was created, the language's
 *   detectors look beyond a statement only through keyed lookups;
 * - the touched statements, before and after the edit, hold no import, and nothing that could
 *   define a key some detector looked up (a variable a URL is built from, a header object …);
 * - the touched statements held no call site, URL of a call or TLS setting before, and hold none
 *   now: a call's results depend on the rest of the file and its URL may be written elsewhere,
 *   and TLS settings come in several lists whose order a merge would not keep;
 * - read on their own, the touched statements look nothing up beyond themselves.
 *
 * What stays is local to each statement: secret candidates and URL literals (their name and
 * context come from the statement around them) and the suppression comments, read from the whole
 * text again.
 */
export function extractIncrementally(previous: CodeExtraction, dependencies: ExtractionDependencies, region: ChangedRegion, text: string, tree: Tree): TrackedExtraction | undefined {
  const support = LANGUAGE_SUPPORT[previous.language];
  if (support.statementLocal !== true || previous.clients.length > 0) return undefined;
  const delta = region.newEnd - region.oldEnd;
  if (text.length - previous.text.length !== delta || region.start < 0 || region.oldEnd > previous.text.length || region.newEnd > text.length) return undefined;
  const statements = touchedStatements(tree.rootNode, region.start, region.newEnd);
  const start = Math.min(region.start, statements.start);
  const end = Math.max(region.newEnd, statements.end);
  const oldEnd = end - delta;
  // Outside the touched statements the two texts must be the same, character for character.
  if (text.slice(0, start) !== previous.text.slice(0, start) || text.slice(end) !== previous.text.slice(oldEnd)) return undefined;
  const before = (offset: number): boolean => offset < start;
  const after = (offset: number): boolean => offset >= oldEnd;
  const touched = (offset: number): boolean => !before(offset) && !after(offset);
  if (dependencies.importOffsets.some(touched) || dependencies.definitionOffsets.some(touched)) return undefined;
  const outside = (from: number, to: number): boolean => (before(from) && to <= start) || after(from);
  if (!previous.callSites.every((call) => outside(call.offsets.start, call.offsets.end))) return undefined;
  if (!previous.urls.every((use) => use.kind === 'literal' || outside(use.span.start, use.span.end))) return undefined;
  if (!previous.tlsSettings.every((setting) => outside(setting.span.start, setting.span.end))) return undefined;

  const lines = new LineIndex(text);
  const local = detectInStatements(previous, dependencies, text, tree, statements.nodes, lines);
  if (local === undefined) return undefined;

  // Line breaks counted around the edit, one character beyond each end so that a `\r\n` across
  // an end counts alike in both texts.
  const lineDelta = lineBreaks(text, start - 1, end + 1) - lineBreaks(previous.text, start - 1, oldEnd + 1);
  const move = new Mover(oldEnd, delta, lineDelta, lines);
  // The results of the touched statements go; those before stay, those after move.
  const keep = <T>(items: readonly T[], spanOf: (item: T) => SourceSpan, moved: (item: T) => T): { before: T[]; after: T[] } | undefined => {
    const result = { before: [] as T[], after: [] as T[] };
    for (const item of items) {
      const span = spanOf(item);
      if (before(span.start) && span.end > start) return undefined;
      if (before(span.start)) result.before.push(item);
      else if (after(span.start)) result.after.push(moved(item));
    }
    return result;
  };
  const secrets = keep(previous.secretCandidates, (candidate) => candidate.span, (candidate) => move.secretCandidate(candidate));
  const literalUrls = keep(
    previous.urls.filter((use) => use.kind === 'literal'),
    (use) => use.span,
    (use) => move.urlUse(use),
  );
  if (secrets === undefined || literalUrls === undefined) return undefined;
  const extraction: CodeExtraction = {
    uri: previous.uri,
    language: previous.language,
    text,
    directives: ignoreDirectives(text, lines),
    callSites: previous.callSites.map((call) => move.callSite(call)),
    clients: [],
    urls: [...previous.urls.filter((use) => use.kind !== 'literal').map((use) => move.urlUse(use)), ...literalUrls.before, ...local.urls, ...literalUrls.after],
    tlsSettings: previous.tlsSettings.map((setting) => move.tlsSetting(setting)),
    secretCandidates: [...secrets.before, ...local.secretCandidates, ...secrets.after],
  };
  const moved = (offset: number): number => (after(offset) ? offset + delta : offset);
  return {
    extraction,
    dependencies: { ...dependencies, definitionOffsets: dependencies.definitionOffsets.map(moved), importOffsets: dependencies.importOffsets.map(moved) },
  };
}

/**
 * The top-level statements around `[start, end]` (a statement that ends at `start` or begins at
 * `end` counts: the edit may have joined it), and the span they cover with the region.
 */
function touchedStatements(root: Node, start: number, end: number): { nodes: Node[]; start: number; end: number } {
  const nodes: Node[] = [];
  // The first child that ends at or after `start` (tree-sitter: extends beyond `start - 1`), then
  // its siblings up to the one that begins at `end`.
  for (let child = root.firstChildForIndex(Math.max(0, start - 1)); child !== null && child.startIndex <= end; child = child.nextSibling) nodes.push(child);
  if (nodes.length === 0) return { nodes, start, end };
  return { nodes, start: Math.min(start, nodes[0].startIndex), end: Math.max(end, nodes[nodes.length - 1].endIndex) };
}

/**
 * The detectors run on the touched statements alone, with the file's imports. Undefined when what
 * they find cannot be merged into the previous results: a call, a client or a TLS setting, an
 * import, a definition of a key the rest of the file looked up, a look-up of a key (answered from
 * these statements alone, it could be wrong), or a detector that failed.
 */
function detectInStatements(previous: CodeExtraction, dependencies: ExtractionDependencies, text: string, tree: Tree, statements: Node[], lines: LineIndex): DetectedCode | undefined {
  const file = new SourceFile(previous.uri, text, tree, LANGUAGE_SUPPORT[previous.language].syntax, { roots: statements, imports: dependencies.imports }, lines);
  if (file.importOffsets.length > 0 || file.definesAnyOf(dependencies.lookups)) return undefined;
  let failed = false;
  const found = detect(file, previous.language, () => {
    failed = true;
  });
  if (failed || file.hasLookups || found.callSites.length > 0 || found.clients.length > 0 || found.tlsSettings.length > 0) return undefined;
  if (found.urls.some((use) => use.kind !== 'literal')) return undefined;
  return found;
}

/** Line breaks in `[from, to)` of a text, as `LineIndex` counts them (`\r\n` once, a lone `\r` too). */
function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  const last = Math.min(to, text.length);
  for (let index = Math.max(0, from); index < last; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) breaks++;
    else if (code === 13) {
      breaks++;
      if (text.charCodeAt(index + 1) === 10 && index + 1 < last) index++;
    }
  }
  return breaks;
}

/** Moves the offsets and ranges of results that come after the touched statements. */
class Mover {
  constructor(
    private readonly oldEnd: number,
    private readonly delta: number,
    private readonly lineDelta: number,
    private readonly lines: LineIndex,
  ) {}

  private offset(offset: number): number {
    return offset >= this.oldEnd ? offset + this.delta : offset;
  }

  private moves(offset: number): boolean {
    return offset >= this.oldEnd;
  }

  span(span: SourceSpan): SourceSpan {
    if (!this.moves(span.start) && !this.moves(span.end)) return span;
    const start = this.offset(span.start);
    const end = this.offset(span.end);
    // The statement around a span lies in the same top-level statement, after the edit too.
    return { start, end, range: this.lines.rangeOf(start, end), context: span.context, statementLine: this.moves(span.start) ? span.statementLine + this.lineDelta : span.statementLine };
  }

  edit(edit: CodeEdit): CodeEdit {
    if (!this.moves(edit.start) && !this.moves(edit.end)) return edit;
    const start = this.offset(edit.start);
    const end = this.offset(edit.end);
    return { start, end, range: this.lines.rangeOf(start, end), newText: edit.newText };
  }

  callSite(call: CallSite): CallSite {
    if (!this.moves(call.offsets.start)) return call;
    const moved: CallSite = { ...call, offsets: { ...call.offsets } };
    const span = this.span({ start: call.offsets.start, end: call.offsets.end, range: call.range, context: call.context, statementLine: call.statementLine });
    moved.range = span.range;
    moved.statementLine = span.statementLine;
    moved.offsets.start = span.start;
    moved.offsets.end = span.end;
    if (call.offsets.urlStart !== undefined && call.offsets.urlEnd !== undefined) {
      moved.offsets.urlStart = this.offset(call.offsets.urlStart);
      moved.offsets.urlEnd = this.offset(call.offsets.urlEnd);
      moved.urlRange = this.lines.rangeOf(moved.offsets.urlStart, moved.offsets.urlEnd);
    }
    return moved;
  }

  urlUse(use: UrlUse): UrlUse {
    if (!this.moves(use.span.start)) return use;
    const moved: UrlUse = { ...use, span: this.span(use.span) };
    if (use.verbatimStart !== undefined) moved.verbatimStart = this.offset(use.verbatimStart);
    if (use.schemeFix !== undefined) moved.schemeFix = this.edit(use.schemeFix);
    return moved;
  }

  tlsSetting(setting: TlsSetting): TlsSetting {
    if (!this.moves(setting.span.start)) return setting;
    const moved: TlsSetting = { ...setting, span: this.span(setting.span) };
    if (setting.fix !== undefined) moved.fix = this.edit(setting.fix);
    return moved;
  }

  secretCandidate(candidate: SecretCandidate): SecretCandidate {
    if (!this.moves(candidate.span.start)) return candidate;
    const literalStart = this.offset(candidate.literal.start);
    const literalEnd = this.offset(candidate.literal.end);
    return {
      ...candidate,
      span: this.span(candidate.span),
      valueStart: this.offset(candidate.valueStart),
      valueEnd: this.offset(candidate.valueEnd),
      literal: { start: literalStart, end: literalEnd, range: this.lines.rangeOf(literalStart, literalEnd) },
    };
  }
}
