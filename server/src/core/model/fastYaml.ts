import type { ArrayNode, AstNode, CollectionNode, ObjectNode, ScalarNode } from './ast';
import type { SyntaxProblem } from './syntaxError';

/**
 * A fast, single-pass YAML reader for the YAML that OpenAPI documents use. It builds the same
 * AstNode tree, with the same offsets, as reading the text with the `yaml` package (parseDocument
 * with merge keys, YAML 1.2 core schema) and converting that document in parseYaml.ts — roughly
 * ten times faster and without the intermediate document.
 *
 * It is deliberately narrow: anything it does not handle with certainty (tags, complex keys,
 * directives, several documents, tabs as indentation, any syntax error but two) ends the fast read
 * with `FastYamlUnsupported`, and the caller reads the text with the `yaml` package, which also
 * produces the proper error messages. The two errors it reads through, where the package's reading
 * is known: a key right of its mapping's column after a value that ends before it
 * (`misindentedKey`), what outdenting a key leaves behind; and a key given twice in a block mapping
 * (`addBlockEntry`), what pasting an entry next to itself makes. In a large spec the package takes
 * seconds for such a text. A result from this reader therefore always means "the yaml package reads
 * this text into exactly this tree, with exactly these problems".
 *
 * The offsets follow the yaml package's conventions, which this file has to reproduce exactly:
 * - a scalar spans its text (quotes and block scalar headers included, a plain scalar without its
 *   trailing spaces);
 * - a flow collection spans its brackets;
 * - a block collection spans from its first entry to the end of its last value's "line end": the
 *   spaces, comment and line break after that value, plus the comment lines that the yaml parser
 *   attaches to that value or leaves in a nested collection (see `scanTrailing`);
 * - `key:` without a value is a null scalar right after the colon and the spaces that follow it;
 * - an alias is a copy of the anchored node, with the anchored node's offsets.
 */

/** Thrown inside the reader for any input it does not handle; never escapes `readYamlFast`. */
export class FastYamlUnsupported extends Error {}

/**
 * The tree and the problems the yaml package reports for the text (see `misindentedKey` and
 * `addBlockEntry`: the kinds of problem this reader recovers from as the package does), or why the
 * text must be read with the package instead.
 */
export type FastYamlResult = { root: AstNode; errors: SyntaxProblem[]; unsupported?: undefined } | { root?: undefined; errors?: undefined; unsupported: string };

/**
 * Reads `text` with the fast reader. Returns the tree, or the reason why the text must be read with
 * the yaml package instead. Never throws.
 */
export function readYamlFast(text: string, maxNodes: number): FastYamlResult {
  try {
    const reader = new FastYamlReader(text, maxNodes);
    return { root: reader.readDocument(), errors: reader.errors };
  } catch (error) {
    return declined(error);
  }
}

/**
 * `readYamlFast` in steps, for a caller that runs in slices of an event loop (the language server's
 * workspace scan reads the 4 MB Stripe YAML in some 100–150 ms): the generator yields after about
 * every `STEP_CHARACTERS` of text, between two entries of a block mapping less than `STEP_DEPTH`
 * levels deep. Everything else is read whole, as `readYamlFast` reads it, and the result is the same.
 */
export function* readYamlFastSteps(text: string, maxNodes: number): Generator<void, FastYamlResult, void> {
  try {
    const reader = new FastYamlReader(text, maxNodes);
    return { root: yield* reader.readDocumentSteps(), errors: reader.errors };
  } catch (error) {
    return declined(error);
  }
}

function declined(error: unknown): FastYamlResult {
  if (error instanceof FastYamlUnsupported) return { unsupported: error.message };
  // A stack overflow on absurdly deep nesting, or a defect in this reader: the yaml package decides.
  return { unsupported: `internal: ${error instanceof Error ? error.message : String(error)}` };
}

/** The stepped read yields after about this many characters (about a millisecond of reading). */
const STEP_CHARACTERS = 65_536;

/** What `mappingEnds` answers when the mapping ends. */
const MAPPING_ENDS = -2;

/** Block mappings this many levels deep and deeper are read whole by the stepped read (the root is level 0). */
const STEP_DEPTH = 3;

const enum Code {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Percent = 37,
  Ampersand = 38,
  SingleQuote = 39,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Digit0 = 48,
  Digit1 = 49,
  Digit9 = 57,
  Colon = 58,
  GreaterThan = 62,
  Question = 63,
  At = 64,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Backtick = 96,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
  ByteOrderMark = 0xfeff,
}

/** How a plain scalar's first line ended. */
const enum PlainStop {
  /** At `:` followed by white space or the end of the text: the scalar is a mapping key. */
  Colon,
  /** At `#` after white space: a comment follows. */
  Comment,
  /** At a line break or the end of the text. */
  LineEnd,
  /** At a flow indicator (`,[]{}`), inside flow collections only. */
  FlowIndicator,
}

/** Where a node starts, which decides what may start there. */
const enum Place {
  /** First thing on its own line: mappings, sequences and `?` keys may start here. */
  Line,
  /** After `- ` (or the `: ` of a `?` key) on the same line: compact mappings and nested sequences. */
  Entry,
  /** After `key: ` on the same line: only a scalar, alias, flow collection or block scalar. */
  Value,
}

function unsupported(reason: string): never {
  throw new FastYamlUnsupported(reason);
}

function isBlank(code: number): boolean {
  // NaN (past the end of the text) counts as blank, like the end of a line.
  return code === Code.Space || code === Code.LineFeed || code === Code.Tab || code === Code.CarriageReturn || code !== code;
}


/** Whether a value ends with an empty value (`key:` or `-` with nothing after it), itself or its last entry or item at any depth. */
function endsEmpty(value: AstNode): boolean {
  let last: AstNode | undefined = value;
  while (last !== undefined && (last.type === 'object' || last.type === 'array') && !last.flow) {
    if (last.type === 'array') last = last.items[last.items.length - 1];
    else {
      let entry: AstNode | undefined;
      for (entry of last.properties.values());
      last = entry;
    }
  }
  return last === undefined || (last.type === 'null' && last.start === last.end);
}

function isFlowIndicator(code: number): boolean {
  return code === Code.Comma || code === Code.OpenBracket || code === Code.CloseBracket || code === Code.OpenBrace || code === Code.CloseBrace;
}

/** The anchors a `FastYamlReader` has read, made for a document that uses anchors, aliases or merge keys. */
interface AnchorTables {
  /** Completed anchored nodes by name; the last definition wins, as in the yaml package. */
  readonly anchors: Map<string, AstNode>;
  /** How many nodes each anchored node counts (its copies included), to stop alias bombs before copying. */
  readonly anchorSizes: WeakMap<AstNode, number>;
  /** Anchors whose node is still being read: an alias to one of them would be a cycle. */
  readonly openAnchors: Set<string>;
  /** Mappings that used a merge key; the yaml-path converter merges them differently, so they are not merge sources here. */
  readonly mergingObjects: WeakSet<ObjectNode>;
}

class FastYamlReader {
  private readonly text: string;
  private readonly length: number;
  private readonly maxNodes: number;
  private pos = 0;
  private nodeCount = 0;
  /** Where the first line starts: after a byte order mark, which does not count as indentation. */
  private firstLineStart = 0;

  // Set by every reader of a block value, describing what follows it.
  /** Column of the next content line, or -1 when the document ends; `pos` is at its first character. */
  private nextIndent = -1;
  /** The yaml package's `range[2]` of the value just read: its end including the line end it owns. */
  private lastEnd2 = 0;
  /**
   * The blank and comment lines after the last value that the yaml parser keeps as a comment-only
   * item of the innermost collection (`T` below). When a collection closes, the item stays in it if
   * it holds a comment indented at least as far as the collection, which then ends after it.
   */
  private trailPending = false;
  private trailMaxCommentIndent = -1;
  private trailEnd = 0;
  /**
   * The yaml lexer lowers its minimum continuation indentation to the indentation of any line
   * whose second character (after the indentation) is not blank: `#comment` lowers it, `# comment`
   * does not, and neither does an ordinary blank line. This is the lowest such indentation among
   * the lines `scanTrailing` skipped; it matters for a value that starts on a later line than its
   * `key:` or `-`.
   */
  private trailLowestIndent = Number.POSITIVE_INFINITY;

  // Results of the small scanners, to avoid allocating a record per call.
  private scanEnd = 0;
  private keyName = '';
  private keyStart = 0;
  private keyEnd = 0;
  private flowDepth = 0;
  /** Where the stepped read last yielded. */
  private steppedAt = 0;

  /**
   * What anchors, aliases and merge keys need, made for the first of them (`anchorTables`): few
   * specs use any, and a spec of thousands of files would make four collections per file for none.
   */
  private anchorState: AnchorTables | undefined;
  /** The problems recovered from (`misindentedKey`, `addBlockEntry`), in the order of the text once the document is read. */
  readonly errors: SyntaxProblem[] = [];
  /** A key was given twice in a block mapping (`addBlockEntry`); an alias was read (`readAlias`). */
  private repeatedKey = false;
  private aliasRead = false;

  constructor(text: string, maxNodes: number) {
    this.text = text;
    this.length = text.length;
    this.maxNodes = maxNodes;
  }

  private get anchorTables(): AnchorTables {
    if (this.anchorState === undefined) this.anchorState = { anchors: new Map(), anchorSizes: new WeakMap(), openAnchors: new Set(), mergingObjects: new WeakSet() };
    return this.anchorState;
  }

  private code(at: number): number {
    return this.text.charCodeAt(at);
  }

  private countNode(): void {
    if (++this.nodeCount > this.maxNodes) unsupported('too many nodes');
  }

  readDocument(): AstNode {
    const root = this.readBlockNode(-1, this.rootStart(), undefined, undefined, Place.Line, 0);
    this.documentEnds();
    return root;
  }

  *readDocumentSteps(): Generator<void, AstNode, void> {
    const root = yield* this.readBlockNodeSteps(-1, this.rootStart(), undefined, undefined, Place.Line, 0, 0);
    this.documentEnds();
    return root;
  }

  private documentEnds(): void {
    if (this.nextIndent !== -1) unsupported('content after the root node');
    // The yaml path's converter merges and expands a mapping with a repeated key in its own way.
    if (this.repeatedKey && this.aliasRead) unsupported('repeated key in a document with aliases');
    // In the order of the text, as `parseYamlWithPackage` sorts the package's (a mapping's repeated
    // key is found after the problems inside its value).
    if (this.errors.length > 1) this.errors.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Skips what precedes the root node (blank lines, comments, one `---`); leaves `pos` at it and returns its column. */
  private rootStart(): number {
    let p = this.code(0) === Code.ByteOrderMark ? 1 : 0;
    this.firstLineStart = p;
    let sawDocumentStart = false;
    // Blank lines, comments and one `---` before the root node.
    while (true) {
      const lineStart = p;
      let c = this.code(p);
      while (c === Code.Space) c = this.code(++p);
      if (p >= this.length) unsupported('empty document');
      if (c === Code.LineFeed) {
        p++;
        continue;
      }
      if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) {
        p += 2;
        continue;
      }
      if (c === Code.Hash) {
        p = this.afterLine(p);
        continue;
      }
      if (p === lineStart && c === Code.Minus && this.isDocumentMarker(p, Code.Minus)) {
        if (sawDocumentStart) unsupported('several documents');
        sawDocumentStart = true;
        p += 3;
        c = this.code(p);
        let spaced = false;
        while (c === Code.Space || c === Code.Tab) {
          c = this.code(++p);
          spaced = true;
        }
        if (c === Code.Hash && spaced) p = this.afterLine(p);
        else if (c === Code.LineFeed) p++;
        else if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) p += 2;
        else if (p < this.length) unsupported('content after ---');
        continue;
      }
      if (c === Code.Tab || c === Code.Percent || c === Code.CarriageReturn) unsupported('directive, tab or stray carriage return before the root');
      if (p === lineStart && c === Code.Dot && this.isDocumentMarker(p, Code.Dot)) unsupported('empty document');
      // After a byte order mark the yaml parser does not count the first line's indentation or
      // indicators, so a root that starts there indented or with `-`/`?`/`:` reads differently.
      if (lineStart === 1 && this.firstLineStart === 1 && (p !== lineStart || ((c === Code.Minus || c === Code.Question || c === Code.Colon) && isBlank(this.code(p + 1))))) {
        unsupported('indicator right after a byte order mark');
      }
      this.pos = p;
      return p - lineStart;
    }
  }

  /** Whether a line ends at `p` (line break or end of the text); a carriage return alone is not handled. */
  private isLineEndAt(p: number): boolean {
    const c = this.code(p);
    if (c === Code.LineFeed || c !== c) return true;
    if (c !== Code.CarriageReturn) return false;
    if (this.code(p + 1) !== Code.LineFeed) unsupported('stray carriage return');
    return true;
  }

  /** Offset just after the line break that ends the line containing `p` (or the end of the text). */
  private afterLine(p: number): number {
    const lineFeed = this.text.indexOf('\n', p);
    return lineFeed < 0 ? this.length : lineFeed + 1;
  }

  /** Whether `---` or `...` (by `marker`) starts at `p`, at the start of a line, followed by white space. */
  private isDocumentMarker(p: number, marker: number): boolean {
    return this.code(p + 1) === marker && this.code(p + 2) === marker && isBlank(this.code(p + 3));
  }

  private columnOf(p: number): number {
    const lineFeed = p === 0 ? -1 : this.text.lastIndexOf('\n', p - 1);
    return p - (lineFeed < 0 ? this.firstLineStart : lineFeed + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Block structure

  /**
   * Reads the node starting at `pos`, in column `column`, inside a block collection indented `n`
   * (-1 at the root); lines that continue a scalar or flow collection must be indented at least
   * `minIndent` (normally n + 1). Leaves `pos`, `nextIndent` and the trailing state describing what
   * follows.
   */
  private readBlockNode(n: number, column: number, parent: CollectionNode | undefined, key: string | number | undefined, place: Place, minIndent: number): AstNode {
    const special = this.readSpecialNode(n, column, parent, key, place, minIndent);
    if (special !== undefined) return special;
    // A plain scalar, or the first key of a mapping: `readPlainStart` and `readPlainScalar` written
    // out rather than called, on the reader's busiest path (the calls measured 0–5 % slower).
    const start = this.pos;
    if (!this.canStartPlain(this.code(start), this.code(start + 1))) unsupported('unsupported plain scalar');
    const stop = this.scanPlainLine(start);
    if (stop === PlainStop.Colon) {
      if (place === Place.Value) unsupported('mapping on a key line');
      this.keyName = plainKeyName(this.text.slice(start, this.scanEnd));
      this.keyStart = start;
      this.keyEnd = this.scanEnd;
      this.pos++;
      return this.readBlockMapping(column, parent, key, true);
    }
    if (parent === undefined) unsupported('scalar root');
    const node = this.readPlainRest(start, stop, minIndent, parent, key);
    this.finishLine(n, true);
    return node;
  }

  /** `readBlockNode`, with a mapping less than `STEP_DEPTH` levels deep read in steps (see `readYamlFastSteps`). */
  private *readBlockNodeSteps(n: number, column: number, parent: CollectionNode | undefined, key: string | number | undefined, place: Place, minIndent: number, depth: number): Generator<void, AstNode, void> {
    if (depth >= STEP_DEPTH) return this.readBlockNode(n, column, parent, key, place, minIndent);
    // A block sequence is read in steps too (`readSpecialNode` reads it whole), and so is a mapping
    // whose first key is explicit (`? key`) or quoted (`'/pets/{id}':`, the first path of
    // trello.yaml's and stackexchange.yaml's `paths`).
    const c = this.code(this.pos);
    if ((c === Code.Minus || c === Code.Question) && isBlank(this.code(this.pos + 1))) {
      if (c === Code.Question) {
        if (place !== Place.Line) unsupported('compact explicit key');
        return yield* this.readBlockMappingSteps(column, parent, key, false, depth);
      }
      if (place === Place.Value) unsupported('block sequence on a key line');
      return yield* this.readBlockSequenceSteps(column, parent, key, depth);
    }
    if (c === Code.DoubleQuote || c === Code.SingleQuote) {
      return this.readQuotedNode(n, parent, key, place, minIndent) ?? (yield* this.readBlockMappingSteps(column, parent, key, true, depth));
    }
    const special = this.readSpecialNode(n, column, parent, key, place, minIndent);
    if (special !== undefined) return special;
    const start = this.pos;
    const stop = this.readPlainStart(place);
    if (stop === PlainStop.Colon) return yield* this.readBlockMappingSteps(column, parent, key, true, depth);
    return this.readPlainScalar(n, start, stop, parent, key, minIndent);
  }

  /**
   * The quoted scalar at `pos`; or, where it is followed by a colon (and not a value on a key's
   * line), the first key of a block mapping: then the key is read (`keyName`, `keyStart`,
   * `keyEnd`, `pos` after the colon), the answer is undefined, and the caller reads the mapping.
   */
  private readQuotedNode(n: number, parent: CollectionNode | undefined, key: string | number | undefined, place: Place, minIndent: number): AstNode | undefined {
    const start = this.pos;
    const node = this.readQuoted(minIndent, parent, key);
    if (place !== Place.Value) {
      let p = this.pos;
      while (this.code(p) === Code.Space) p++;
      if (this.code(p) === Code.Colon && isBlank(this.code(p + 1))) {
        const lineFeed = this.text.indexOf('\n', start);
        if (lineFeed >= 0 && lineFeed < node.end) unsupported('multi-line quoted key');
        this.nodeCount--; // The scalar becomes a key, not a node.
        this.keyName = node.value as string;
        this.keyStart = start;
        this.keyEnd = node.end;
        this.pos = p + 1;
        return undefined;
      }
    }
    if (parent === undefined) unsupported('scalar root');
    this.finishLine(n, true);
    return node;
  }

  /** The node at `pos` when it is no plain scalar or plain first key (see `readBlockNode`); else undefined, and nothing is read. */
  private readSpecialNode(n: number, column: number, parent: CollectionNode | undefined, key: string | number | undefined, place: Place, minIndent: number): AstNode | undefined {
    const c = this.code(this.pos);
    const next = this.code(this.pos + 1);
    switch (c) {
      case Code.Minus:
        if (isBlank(next)) {
          if (place === Place.Value) unsupported('block sequence on a key line');
          return this.readBlockSequence(column, parent, key);
        }
        break;
      case Code.Question:
        if (isBlank(next)) {
          if (place !== Place.Line) unsupported('compact explicit key');
          return this.readBlockMapping(column, parent, key, false);
        }
        break;
      case Code.Colon:
        if (isBlank(next)) unsupported('empty key');
        break;
      case Code.OpenBracket:
      case Code.OpenBrace: {
        const node = this.readFlowCollection(minIndent, parent, key);
        this.finishLine(n, true);
        return node;
      }
      case Code.DoubleQuote:
      case Code.SingleQuote:
        return this.readQuotedNode(n, parent, key, place, minIndent) ?? this.readBlockMapping(column, parent, key, true);
      case Code.Star: {
        if (parent === undefined) unsupported('alias root');
        const node = this.readAlias(parent, key);
        this.finishLine(n, true);
        return node;
      }
      case Code.Pipe:
      case Code.GreaterThan:
        if (place === Place.Line) unsupported('block scalar on its own line');
        return this.readBlockScalar(n, parent, key);
      case Code.Ampersand:
      case Code.Bang:
      case Code.Percent:
      case Code.At:
      case Code.Backtick:
      case Code.Comma:
      case Code.CloseBracket:
      case Code.CloseBrace:
      case Code.Hash:
      case Code.Tab:
        unsupported(`node starting with ${JSON.stringify(String.fromCharCode(c))}`);
    }
    return undefined;
  }

  /**
   * The first line of a plain scalar, or the first key of a mapping (then its name and offsets are
   * in keyName / keyStart / keyEnd and `pos` is after its colon): says which by where the line stopped.
   */
  private readPlainStart(place: Place): PlainStop {
    const start = this.pos;
    if (!this.canStartPlain(this.code(start), this.code(start + 1))) unsupported('unsupported plain scalar');
    const stop = this.scanPlainLine(start);
    if (stop === PlainStop.Colon) {
      if (place === Place.Value) unsupported('mapping on a key line');
      this.keyName = plainKeyName(this.text.slice(start, this.scanEnd));
      this.keyStart = start;
      this.keyEnd = this.scanEnd;
      this.pos++;
    }
    return stop;
  }

  /** The plain scalar starting at `start`, whose first line `readPlainStart` scanned. */
  private readPlainScalar(n: number, start: number, stop: PlainStop, parent: CollectionNode | undefined, key: string | number | undefined, minIndent: number): AstNode {
    if (parent === undefined) unsupported('scalar root');
    const node = this.readPlainRest(start, stop, minIndent, parent, key);
    this.finishLine(n, true);
    return node;
  }

  /**
   * Reads a block mapping in column `n`. With `haveFirstKey`, the first key has been read (into
   * keyName/keyStart/keyEnd) and `pos` is after its colon; otherwise `pos` is at a `?`.
   */
  private readBlockMapping(n: number, parent: CollectionNode | undefined, key: string | number | undefined, haveFirstKey: boolean): ObjectNode {
    const node = this.openBlockMapping(parent, key, haveFirstKey);
    let merged: Set<string> | undefined;
    let first = true;
    /** The value of the entry before, while it is one with a key. */
    let previous: AstNode | undefined;
    /** The column of the key read next when it is out of the mapping's column (`mappingEnds`), else -1. */
    let keyIndent = -1;
    while (true) {
      const explicit = this.readMappingKey(n, !first || !haveFirstKey);
      first = false;
      const name = this.keyName;
      const keyStart = this.keyStart;
      const keyEnd = this.keyEnd;
      if (name === '<<') {
        if (merged !== undefined || keyIndent >= 0) unsupported('two merge keys, or one out of its column');
        merged = this.readMergeValue(node, n);
        previous = undefined;
        keyIndent = this.mappingEnds(node, n, undefined);
        if (keyIndent === MAPPING_ENDS) return node;
      } else {
        // After the `:` of an explicit key the value is read like a sequence item.
        const value = explicit ? this.readEntryItem(n, node, name) : this.readEntryValue(n, node, name, keyIndent < 0 ? n : keyIndent);
        if (keyIndent >= 0) this.valueOfKeyOutOfColumn(value);
        this.addBlockEntry(node, name, value, keyStart, keyEnd, merged, explicit || keyIndent >= 0 ? undefined : previous);
        previous = value;
        keyIndent = this.mappingEnds(node, n, explicit ? undefined : value);
        if (keyIndent === MAPPING_ENDS) return node;
      }
    }
  }

  /** `readBlockMapping` with a chance to yield after each entry, and nested mappings read in steps too while less than `STEP_DEPTH` deep. */
  private *readBlockMappingSteps(n: number, parent: CollectionNode | undefined, key: string | number | undefined, haveFirstKey: boolean, depth: number): Generator<void, ObjectNode, void> {
    const node = this.openBlockMapping(parent, key, haveFirstKey);
    let merged: Set<string> | undefined;
    let first = true;
    /** The value of the entry before, while it is one with a key. */
    let previous: AstNode | undefined;
    /** The column of the key read next when it is out of the mapping's column (`mappingEnds`), else -1. */
    let keyIndent = -1;
    while (true) {
      const explicit = this.readMappingKey(n, !first || !haveFirstKey);
      first = false;
      const name = this.keyName;
      const keyStart = this.keyStart;
      const keyEnd = this.keyEnd;
      if (name === '<<') {
        if (merged !== undefined || keyIndent >= 0) unsupported('two merge keys, or one out of its column');
        merged = this.readMergeValue(node, n);
        previous = undefined;
        keyIndent = this.mappingEnds(node, n, undefined);
        if (keyIndent === MAPPING_ENDS) return node;
      } else {
        const value = explicit ? this.readEntryItem(n, node, name) : yield* this.readEntryValueSteps(n, node, name, keyIndent < 0 ? n : keyIndent, depth + 1);
        if (keyIndent >= 0) this.valueOfKeyOutOfColumn(value);
        this.addBlockEntry(node, name, value, keyStart, keyEnd, merged, explicit || keyIndent >= 0 ? undefined : previous);
        previous = value;
        keyIndent = this.mappingEnds(node, n, explicit ? undefined : value);
        if (keyIndent === MAPPING_ENDS) return node;
      }
      if (this.pos - this.steppedAt >= STEP_CHARACTERS) {
        this.steppedAt = this.pos;
        yield;
      }
    }
  }

  /** A block mapping opened at its first key (read already with `haveFirstKey`, else `pos` is at a `?`). */
  private openBlockMapping(parent: CollectionNode | undefined, key: string | number | undefined, haveFirstKey: boolean): ObjectNode {
    this.countNode();
    const start = haveFirstKey ? this.keyStart : this.pos;
    return { type: 'object', properties: new Map(), flow: false, start, end: start, parent, key, keyStart: undefined, keyEnd: undefined };
  }

  /** Reads the next key of a block mapping in column `n` when `read` (else it was read); true for an explicit `?` key. */
  private readMappingKey(n: number, read: boolean): boolean {
    if (!read) return false;
    const explicit = this.code(this.pos) === Code.Question && isBlank(this.code(this.pos + 1));
    if (explicit) this.readExplicitKey(n);
    else this.readBlockKey();
    return explicit;
  }

  /**
   * After an entry of a block mapping in column `n`: `MAPPING_ENDS` when the mapping ends here (it
   * is then finished); else -1 when the next key is in the mapping's column, or that key's column
   * when it is right of it (`misindentedKey`). `value` is the entry's value after an implicit key,
   * undefined after an explicit key or a merge key.
   */
  private mappingEnds(node: ObjectNode, n: number, value: AstNode | undefined): number {
    const nextIndent = this.nextIndent;
    if (nextIndent === n) {
      if (this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) unsupported('sequence entry at mapping indent');
      return -1;
    }
    if (nextIndent > n) {
      this.misindentedKey(nextIndent, value);
      return nextIndent;
    }
    this.finishCollection(node, n);
    return MAPPING_ENDS;
  }

  /**
   * A key right of its mapping's column after an entry whose value is a block collection further
   * right, as outdenting a key to the column of the mapping that holds it leaves the entries after
   * it:
   *
   *     paths:              /a:               (a path's key outdented: `/b` is now a key of the
   *       /a: ...           /b:                root, and so is every later path, each with a
   *     /b:                   get: ...         problem)
   *         get: ...
   *       /c: ...
   *
   * The yaml package takes such a key as the next entry of the mapping and reports `All mapping items
   * must start at the same column` at the end of the entry before it (its parser closes the
   * collections right of the key, and the mapping left of it takes the key as its next item). It
   * does the same after a quoted scalar or a flow collection on the key's line, and after a plain
   * scalar on the line of a key out of its mapping's column itself when the line is not right of
   * that key (the package's lexer continues the scalar only on lines right of its key's line). The
   * entry is read as any other: its value is read relative to the mapping's column, as the
   * package's parser does. Any other text right of a mapping's column is declined: after a plain
   * scalar on its key's line otherwise (the package reads it as a key of several lines), after a
   * value on several lines, after a block collection not right of the line (a sequence in the
   * mapping's own column), a sequence's `-` or an explicit key.
   */
  private misindentedKey(indent: number, value: AstNode | undefined): void {
    if (value === undefined || !(this.isBlockCollectionRightOf(value, indent) || this.isOneLineValueOnKeyLine(value, indent))) unsupported('unexpected indentation');
    const c = this.code(this.pos);
    if ((c === Code.Question || c === Code.Minus) && isBlank(this.code(this.pos + 1))) unsupported('unexpected indentation');
    this.errors.push({ message: 'All mapping items must start at the same column', start: this.lastEnd2, end: this.lastEnd2 + 1 });
  }

  private isBlockCollectionRightOf(value: AstNode, indent: number): boolean {
    return (value.type === 'object' || value.type === 'array') && !value.flow && this.columnOf(value.start) > indent;
  }

  /**
   * A scalar or flow collection on its key's line, on that line alone: quoted or flow, or a plain
   * scalar of a key out of its mapping's column in `indent` or right of it (which the package's lexer
   * does not continue on a line not right of the key's). Not an alias, whose copy has the offsets of
   * the anchored node before the key, nor an anchored value, which starts at its `&`.
   */
  private isOneLineValueOnKeyLine(value: AstNode, indent: number): boolean {
    if (value.keyStart === undefined || value.keyEnd === undefined || value.start < value.keyEnd) return false;
    const c = this.code(value.start);
    if (c === Code.Ampersand || c === Code.Star || c === Code.Pipe || c === Code.GreaterThan) return false;
    const quotedOrFlow = c === Code.DoubleQuote || c === Code.SingleQuote || c === Code.OpenBracket || c === Code.OpenBrace;
    if (!quotedOrFlow && this.columnOf(value.keyStart) < indent) return false;
    const lineFeed = this.text.indexOf('\n', value.keyEnd);
    return lineFeed < 0 || lineFeed >= value.end;
  }

  /**
   * The value of a key out of its mapping's column. The package's parser places the lines after such
   * a key by the mapping's column, as this reader does, but its lexer continues a scalar only on lines
   * right of the key's own line. A scalar on the key's line is read that way (`readEntryValueOnKeyLine`);
   * one on the next lines, an anchored one and a block scalar are read relative to the mapping's
   * column. So a scalar or flow collection on several lines is declined; block collections hold
   * their own lines and are read as anywhere else.
   */
  private valueOfKeyOutOfColumn(value: AstNode): void {
    if (value.type === 'null' || ((value.type === 'object' || value.type === 'array') && !value.flow)) return;
    const lineFeed = this.text.indexOf('\n', value.start);
    if (lineFeed >= 0 && lineFeed < value.end) unsupported('value on several lines after a key out of its column');
  }

  /**
   * Stores an entry's value in its block mapping. A key given after a merge key overrides the merged
   * one and moves to the end. A key given twice is a problem the yaml package reports (`Map keys must
   * be unique`); the earlier entry is dropped and the later one added after the entries read so far
   * (so it stands where its text is), as the package's tree converted in parseYaml.ts has it.
   * Declined:
   * - keys of one name but not one value (`1` and `"1"`, `~` and `""`, `.nan` twice): the package
   *   compares a key's value with every key before it, and reports none or some of them;
   * - a repeated key that is explicit, out of its mapping's column or right after a merge key (for
   *   these, `previous` is undefined), or that follows a value ending with an empty value: the
   *   package reports the problem where the tokens before the key end, which is the key's start
   *   unless the lines before it belong to the entry before.
   * `previous` is the value of the entry before, for an implicit key in the mapping's column.
   */
  private addBlockEntry(node: ObjectNode, name: string, value: AstNode, keyStart: number, keyEnd: number, merged: Set<string> | undefined, previous: AstNode | undefined): void {
    value.keyStart = keyStart;
    value.keyEnd = keyEnd;
    const properties = node.properties;
    const earlier = properties.get(name);
    properties.set(name, value);
    if (earlier === undefined) return;
    if (merged === undefined || !merged.delete(name)) {
      if (previous === undefined || endsEmpty(previous) || earlier.keyStart === undefined || earlier.keyEnd === undefined) unsupported('duplicate key');
      if (this.keyValue(earlier.keyStart, earlier.keyEnd, name) !== this.keyValue(keyStart, keyEnd, name)) unsupported('keys of one name and different values');
      this.errors.push({ message: 'Map keys must be unique', start: keyStart, end: keyStart + 1 });
      this.repeatedKey = true;
    }
    properties.delete(name);
    properties.set(name, value);
  }

  /**
   * The value of a key named `name`, which the yaml package compares with `===`: a quoted key's is
   * its name, a plain key's the value of its text (the core schema).
   */
  private keyValue(start: number, end: number, name: string): string | number | boolean | null {
    const c = this.code(start);
    return c === Code.DoubleQuote || c === Code.SingleQuote ? name : plainValue(this.text.slice(start, end));
  }

  /** A mapping key at `pos` (not `?`): sets keyName/keyStart/keyEnd and leaves `pos` after the colon. */
  private readBlockKey(): void {
    const start = this.pos;
    const c = this.code(start);
    if (c === Code.DoubleQuote || c === Code.SingleQuote) {
      const name = c === Code.DoubleQuote ? this.scanDoubleQuoted(start, -1) : this.scanSingleQuoted(start, -1);
      let p = this.pos;
      while (this.code(p) === Code.Space) p++;
      if (this.code(p) !== Code.Colon || !isBlank(this.code(p + 1))) unsupported('quoted scalar where a key was expected');
      this.keyName = name;
      this.keyStart = start;
      this.keyEnd = this.pos;
      this.pos = p + 1;
      return;
    }
    if (!this.canStartPlain(c, this.code(start + 1))) unsupported('unsupported key');
    if (this.scanPlainLine(start) !== PlainStop.Colon) unsupported('key without value indicator');
    this.keyName = plainKeyName(this.text.slice(start, this.scanEnd));
    this.keyStart = start;
    this.keyEnd = this.scanEnd;
    this.pos++;
  }

  /**
   * `? key` on one line, then `: value` on the next line in the same column (what generators such as
   * Twilio's write for keys over 1024 characters). Leaves `pos` after the `:`.
   */
  private readExplicitKey(n: number): void {
    let p = this.pos + 1;
    while (this.code(p) === Code.Space) p++;
    const start = p;
    const c = this.code(p);
    if (c === Code.DoubleQuote || c === Code.SingleQuote) {
      this.keyName = c === Code.DoubleQuote ? this.scanDoubleQuoted(start, -1) : this.scanSingleQuoted(start, -1);
      this.keyEnd = this.pos;
    } else {
      if (!this.canStartPlain(c, this.code(p + 1))) unsupported('unsupported explicit key');
      if (this.scanPlainLine(start) !== PlainStop.LineEnd) unsupported('explicit key with more on its line');
      this.keyName = plainKeyName(this.text.slice(start, this.scanEnd));
      this.keyEnd = this.scanEnd;
    }
    if (this.keyName === '<<') unsupported('explicit merge key');
    this.keyStart = start;
    p = this.keyEnd;
    while (this.code(p) === Code.Space) p++;
    if (this.code(p) === Code.CarriageReturn) p++;
    if (this.code(p) !== Code.LineFeed) unsupported('explicit key with more on its line');
    p++;
    const lineStart = p;
    while (this.code(p) === Code.Space) p++;
    if (p - lineStart !== n || this.code(p) !== Code.Colon || !isBlank(this.code(p + 1))) unsupported('explicit key without value line');
    this.pos = p + 1;
  }

  /** The value after `key:` (`pos` after the colon) in a block mapping in column `n`. */
  private readEntryValue(n: number, parent: ObjectNode, name: string, keyIndent: number): AstNode {
    const p = this.entryValueStart();
    if (p >= 0) return this.readValueOnNextLines(n, parent, name, p, true, false);
    return this.readEntryValueOnKeyLine(n, parent, name, keyIndent);
  }

  /** `readEntryValue`, with a value on the next lines read in steps while less than `STEP_DEPTH` deep. */
  private *readEntryValueSteps(n: number, parent: ObjectNode, name: string, keyIndent: number, depth: number): Generator<void, AstNode, void> {
    if (depth >= STEP_DEPTH) return this.readEntryValue(n, parent, name, keyIndent);
    const p = this.entryValueStart();
    if (p >= 0) return yield* this.readValueOnNextLinesSteps(n, parent, name, p, true, false, depth);
    return this.readEntryValueOnKeyLine(n, parent, name, keyIndent);
  }

  /**
   * Where the value after `key:` goes on: when nothing but perhaps a comment follows on the key's
   * line, where that is (0 or more); otherwise -1, with `pos` at the value on the key's line.
   */
  private entryValueStart(): number {
    let p = this.pos;
    let c = this.code(p);
    while (c === Code.Space || c === Code.Tab) c = this.code(++p);
    if (c === Code.Hash || this.isLineEndAt(p)) return p;
    this.pos = p;
    return -1;
  }

  /** The value on the key's line; lines that continue it must be right of the key's line (`keyIndent`, `n` but for `misindentedKey`). */
  private readEntryValueOnKeyLine(n: number, parent: ObjectNode, name: string, keyIndent: number): AstNode {
    if (this.code(this.pos) === Code.Ampersand) return this.readAnchored(n, parent, name, true);
    return this.readBlockNode(n, -1, parent, name, Place.Value, keyIndent + 1);
  }

  /**
   * The item after `-` (`pos` after it) in a block sequence in column `n`, or the value after the
   * `:` of an explicit key in a mapping in column `n`.
   */
  private readEntryItem(n: number, parent: CollectionNode, key: string | number, commentBefore = false): AstNode {
    let p = this.pos;
    let c = this.code(p);
    while (c === Code.Space) c = this.code(++p);
    if (c === Code.Tab) unsupported('tab after an indicator');
    if (c === Code.Hash || this.isLineEndAt(p)) {
      return this.readValueOnNextLines(n, parent, key, p, false, commentBefore);
    }
    this.pos = p;
    if (c === Code.Ampersand) return this.readAnchored(n, parent, key, false);
    return this.readBlockNode(n, this.columnOf(p), parent, key, Place.Entry, n + 1);
  }

  /**
   * Nothing but perhaps a comment follows the indicator on its line (`p` is there): the value is the
   * block node on the following lines, or null. A mapping value may be a sequence in the mapping's
   * own column. `commentBefore`: a comment precedes the indicator within the same entry.
   */
  private readValueOnNextLines(
    n: number,
    parent: CollectionNode,
    key: string | number,
    p: number,
    sameColumnSequence: boolean,
    commentBefore: boolean,
  ): AstNode {
    this.skipToNextLines(n, p);
    const next = this.nextIndent;
    if (next > n) return this.readBlockNode(n, next, parent, key, Place.Line, Math.min(n + 1, this.trailLowestIndent));
    return this.readValueNotBelow(n, parent, key, p, sameColumnSequence, commentBefore);
  }

  /** `readValueOnNextLines`, with a mapping below read in steps while less than `STEP_DEPTH` deep. */
  private *readValueOnNextLinesSteps(
    n: number,
    parent: CollectionNode,
    key: string | number,
    p: number,
    sameColumnSequence: boolean,
    commentBefore: boolean,
    depth: number,
  ): Generator<void, AstNode, void> {
    this.skipToNextLines(n, p);
    const next = this.nextIndent;
    if (next > n) return yield* this.readBlockNodeSteps(n, next, parent, key, Place.Line, Math.min(n + 1, this.trailLowestIndent), depth);
    // A sequence in the mapping's own column, in steps (see `readValueNotBelow`).
    if (next === n && sameColumnSequence && this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) return yield* this.readBlockSequenceSteps(n, parent, key, depth);
    return this.readValueNotBelow(n, parent, key, p, sameColumnSequence, commentBefore);
  }

  /** `readEntryItem`, with the item read in steps while less than `STEP_DEPTH` deep. */
  private *readEntryItemSteps(n: number, parent: CollectionNode, key: string | number, commentBefore: boolean, depth: number): Generator<void, AstNode, void> {
    if (depth >= STEP_DEPTH) return this.readEntryItem(n, parent, key, commentBefore);
    let p = this.pos;
    let c = this.code(p);
    while (c === Code.Space) c = this.code(++p);
    if (c === Code.Tab) unsupported('tab after an indicator');
    if (c === Code.Hash || this.isLineEndAt(p)) {
      return yield* this.readValueOnNextLinesSteps(n, parent, key, p, false, commentBefore, depth);
    }
    this.pos = p;
    if (c === Code.Ampersand) return this.readAnchored(n, parent, key, false);
    return yield* this.readBlockNodeSteps(n, this.columnOf(p), parent, key, Place.Entry, n + 1, depth);
  }

  /** Moves to the line after `p` and past blank and comment lines (`scanTrailing`). */
  private skipToNextLines(n: number, p: number): void {
    this.pos = p < this.length ? this.afterLine(p) : p;
    this.scanTrailing(n, false, this.pos);
  }

  /** The value of `readValueOnNextLines` when the next content is not indented more than `n`: a sequence in the same column, or null. */
  private readValueNotBelow(n: number, parent: CollectionNode, key: string | number, p: number, sameColumnSequence: boolean, commentBefore: boolean): AstNode {
    const emptyAt = p;
    const hasComment = this.code(p) === Code.Hash;
    if (this.nextIndent === n && sameColumnSequence && this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) {
      return this.readBlockSequence(n, parent, key);
    }
    this.countNode();
    // The lines after an empty value stay among its own tokens (they never move outwards). With a
    // comment among those tokens, the yaml package ends the value's line end at the next content,
    // which is where the collection ends when this is its last entry.
    this.lastEnd2 = commentBefore || hasComment || this.trailMaxCommentIndent >= 0 ? this.trailEnd : emptyAt;
    this.trailPending = false;
    return { type: 'null', value: null, start: emptyAt, end: emptyAt, parent, key, keyStart: undefined, keyEnd: undefined };
  }

  /** `&name` at `pos`, then the anchored node on the same line or (for collections) the next lines. */
  private readAnchored(n: number, parent: CollectionNode, key: string | number, afterKey: boolean): AstNode {
    const name = this.readAnchorName();
    const { anchors, anchorSizes, openAnchors } = this.anchorTables;
    if (openAnchors.has(name)) unsupported('nested anchors with one name');
    let p = this.pos;
    let c = this.code(p);
    let spaced = false;
    while (c === Code.Space) {
      c = this.code(++p);
      spaced = true;
    }
    openAnchors.add(name);
    const countBefore = this.nodeCount;
    let node: AstNode;
    if ((c === Code.Hash && spaced) || this.isLineEndAt(p)) {
      this.pos = p < this.length ? this.afterLine(p) : p;
      this.scanTrailing(n, false, this.pos);
      const next = this.nextIndent;
      if (next > n) {
        const c0 = this.code(this.pos);
        // Only collections: for a scalar on the next line the yaml package places the anchor differently.
        if (!(c0 === Code.Minus && isBlank(this.code(this.pos + 1))) && c0 !== Code.OpenBracket && c0 !== Code.OpenBrace) {
          const lineStart = this.pos;
          const stop = this.scanPlainLine(lineStart);
          this.pos = lineStart;
          if (stop !== PlainStop.Colon) unsupported('anchored scalar on the next line');
        }
        node = this.readBlockNode(n, next, parent, key, Place.Line, Math.min(n + 1, this.trailLowestIndent));
      } else if (next === n && afterKey && this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) {
        node = this.readBlockSequence(n, parent, key);
      } else {
        unsupported('anchored empty value');
      }
    } else {
      if (!spaced) unsupported('anchor without space');
      this.pos = p;
      const c1 = this.code(p + 1);
      if ((c === Code.Minus || c === Code.Question || c === Code.Colon) && isBlank(c1)) unsupported('anchored indicator');
      if (c === Code.Star) unsupported('anchored alias');
      node = this.readBlockNode(n, -1, parent, key, Place.Value, n + 1);
      if (node.type === 'object' && !node.flow) unsupported('anchored compact mapping');
    }
    openAnchors.delete(name);
    anchors.set(name, node);
    anchorSizes.set(node, this.nodeCount - countBefore);
    return node;
  }

  private readAnchorName(): string {
    const start = ++this.pos;
    let p = start;
    let c = this.code(p);
    while (!isBlank(c) && !isFlowIndicator(c)) c = this.code(++p);
    if (p === start) unsupported('empty anchor name');
    this.pos = p;
    return this.text.slice(start, p);
  }

  /** `*name` at `pos`: a copy of the anchored node, as the yaml-path converter expands aliases. */
  private readAlias(parent: CollectionNode, key: string | number | undefined): AstNode {
    this.aliasRead = true;
    const name = this.readAnchorName();
    if (name.charCodeAt(name.length - 1) === Code.Colon) unsupported('alias ending in a colon');
    const { anchors, anchorSizes, openAnchors } = this.anchorTables;
    if (openAnchors.has(name)) unsupported('alias inside its own anchor');
    const target = anchors.get(name);
    if (target === undefined) unsupported('unknown alias');
    // The converter counts the alias itself as well as the copy.
    if (++this.nodeCount + (anchorSizes.get(target) ?? 0) > this.maxNodes) unsupported('too many nodes');
    return this.copyNode(target, parent, key);
  }

  private copyNode(source: AstNode, parent: CollectionNode | undefined, key: string | number | undefined): AstNode {
    this.countNode();
    const { start, end } = source;
    if (source.type === 'object') {
      const copy: ObjectNode = { type: 'object', properties: new Map(), flow: source.flow, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
      for (const [name, value] of source.properties) {
        const child = this.copyNode(value, copy, name);
        child.keyStart = value.keyStart;
        child.keyEnd = value.keyEnd;
        copy.properties.set(name, child);
      }
      return copy;
    }
    if (source.type === 'array') {
      const copy: ArrayNode = { type: 'array', items: [], flow: source.flow, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
      for (const item of source.items) copy.items.push(this.copyNode(item, copy, copy.items.length));
      return copy;
    }
    return { type: source.type, value: source.value, start, end, parent, key };
  }

  /**
   * `<<: *a` or `<<: [*a, *b]`: adds the properties of the anchored mappings that the mapping does
   * not have yet, as the yaml-path converter does. Returns the merged names.
   */
  private readMergeValue(node: ObjectNode, n: number): Set<string> {
    this.aliasRead = true;
    let p = this.pos;
    while (this.code(p) === Code.Space) p++;
    this.pos = p;
    const sources: ObjectNode[] = [];
    if (this.code(p) === Code.Star) {
      sources.push(this.readMergeSource());
    } else if (this.code(p) === Code.OpenBracket) {
      this.pos++;
      while (true) {
        while (this.code(this.pos) === Code.Space) this.pos++;
        if (this.code(this.pos) !== Code.Star) unsupported('unsupported merge list');
        sources.push(this.readMergeSource());
        while (this.code(this.pos) === Code.Space) this.pos++;
        const c = this.code(this.pos++);
        if (c === Code.CloseBracket) break;
        if (c !== Code.Comma) unsupported('unsupported merge list');
      }
    } else {
      unsupported('unsupported merge value');
    }
    this.finishLine(n, true);
    let upperBound = this.nodeCount;
    for (const source of sources) upperBound += this.anchorTables.anchorSizes.get(source) ?? 0;
    if (upperBound > this.maxNodes) unsupported('too many nodes');
    const merged = new Set<string>();
    for (const source of sources) {
      for (const [name, value] of source.properties) {
        if (node.properties.has(name)) continue;
        const copy = this.copyNode(value, node, name);
        copy.keyStart = value.keyStart;
        copy.keyEnd = value.keyEnd;
        node.properties.set(name, copy);
        merged.add(name);
      }
    }
    this.anchorTables.mergingObjects.add(node);
    return merged;
  }

  /** `*name` in a merge value: the anchored mapping, which must not use merge keys itself. */
  private readMergeSource(): ObjectNode {
    const name = this.readAnchorName();
    const { anchors, openAnchors, mergingObjects } = this.anchorTables;
    if (openAnchors.has(name)) unsupported('merge inside its own anchor');
    const target = anchors.get(name);
    if (target === undefined || target.type !== 'object' || mergingObjects.has(target)) unsupported('unsupported merge source');
    return target;
  }

  /** A block sequence in column `n`; `pos` is at its first `-`. */
  private readBlockSequence(n: number, parent: CollectionNode | undefined, key: string | number | undefined): ArrayNode {
    this.countNode();
    const node: ArrayNode = { type: 'array', items: [], flow: false, start: this.pos, end: this.pos, parent, key, keyStart: undefined, keyEnd: undefined };
    while (true) {
      // Comment lines between two items belong to the second item's properties (unless a nested
      // collection kept them); an empty item then ends after all of its tokens.
      const commentBefore = node.items.length > 0 && this.trailPending && this.trailMaxCommentIndent >= 0;
      this.pos++;
      node.items.push(this.readEntryItem(n, node, node.items.length, commentBefore));
      const nextIndent = this.nextIndent;
      if (nextIndent === n && this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) continue;
      if (nextIndent > n) unsupported('unexpected indentation');
      this.finishCollection(node, n);
      return node;
    }
  }

  /**
   * `readBlockSequence` with a chance to yield after each item, and items read in steps too while
   * less than `STEP_DEPTH` deep (the sequence is at `depth`). A long list at the top of a document
   * (tags, servers, a sequence of path items) was read in one step: up to 40 ms during a scan.
   */
  private *readBlockSequenceSteps(n: number, parent: CollectionNode | undefined, key: string | number | undefined, depth: number): Generator<void, ArrayNode, void> {
    this.countNode();
    const node: ArrayNode = { type: 'array', items: [], flow: false, start: this.pos, end: this.pos, parent, key, keyStart: undefined, keyEnd: undefined };
    while (true) {
      const commentBefore = node.items.length > 0 && this.trailPending && this.trailMaxCommentIndent >= 0;
      this.pos++;
      node.items.push(yield* this.readEntryItemSteps(n, node, node.items.length, commentBefore, depth + 1));
      const nextIndent = this.nextIndent;
      if (nextIndent === n && this.code(this.pos) === Code.Minus && isBlank(this.code(this.pos + 1))) {
        if (this.pos - this.steppedAt >= STEP_CHARACTERS) {
          this.steppedAt = this.pos;
          yield;
        }
        continue;
      }
      if (nextIndent > n) unsupported('unexpected indentation');
      this.finishCollection(node, n);
      return node;
    }
  }

  /** A block collection in column `n` ends: it spans to its last value's end; see `trailPending`. */
  private finishCollection(node: CollectionNode, n: number): void {
    node.end = this.lastEnd2;
    if (this.trailPending && n > 0 && this.trailMaxCommentIndent >= n) {
      this.lastEnd2 = this.trailEnd;
      this.trailPending = false;
    }
  }

  /**
   * After a value that ends on the current line (`pos` just after it): the rest of the line, then
   * the blank and comment lines up to the next content line. `n` is the column of the innermost
   * block collection; `ownsLineEnd` is true for values that own the line end after them (flow
   * scalars, aliases and flow collections; not block scalars or empty values).
   */
  private finishLine(n: number, ownsLineEnd: boolean): void {
    let p = this.pos;
    let c = this.code(p);
    let spaced = false;
    while (c === Code.Space || c === Code.Tab) {
      c = this.code(++p);
      spaced = true;
    }
    if (c === Code.Hash) {
      if (!spaced) unsupported('comment without space');
      p = this.afterLine(p);
    } else if (c === Code.LineFeed) {
      p++;
    } else if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) {
      p += 2;
    } else if (p < this.length) {
      unsupported('unexpected content after a value');
    }
    this.pos = p;
    this.scanTrailing(n, ownsLineEnd, p);
  }

  /**
   * Skips blank and comment lines from `pos` (a line start) to the next content line and records
   * what the yaml parser does with them:
   * - comment lines indented deeper than the innermost collection (`n`), before any other comment,
   *   extend the previous value's line end (`absorbing`, only for values that own a line end);
   * - everything else forms a comment-only item of the innermost collection, which stays there or
   *   moves outwards as collections close (`finishCollection`).
   */
  private scanTrailing(n: number, absorbing: boolean, end2: number): void {
    let p = this.pos;
    let maxCommentIndent = -1;
    let lowestIndent = Number.POSITIVE_INFINITY;
    while (true) {
      const lineStart = p;
      let c = this.code(p);
      while (c === Code.Space) c = this.code(++p);
      if (p >= this.length) {
        this.nextIndent = -1;
        break;
      }
      if (p - lineStart < lowestIndent && !isBlank(this.code(p + 1))) lowestIndent = p - lineStart;
      if (c === Code.LineFeed) {
        p++;
        continue;
      }
      if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) {
        p += 2;
        continue;
      }
      if (c === Code.Tab || c === Code.CarriageReturn) unsupported('tab or stray carriage return in indentation');
      const column = p - lineStart;
      if (c === Code.Hash) {
        p = this.afterLine(p);
        if (absorbing && column > n) end2 = p;
        else {
          absorbing = false;
          if (column > maxCommentIndent) maxCommentIndent = column;
        }
        continue;
      }
      if (column === 0 && (c === Code.Minus || c === Code.Dot) && this.isDocumentMarker(p, c)) {
        if (c === Code.Minus) unsupported('several documents');
        this.checkDocumentEnd(p + 3);
        this.nextIndent = -1;
        break;
      }
      this.nextIndent = column;
      break;
    }
    this.pos = p;
    this.lastEnd2 = end2;
    this.trailPending = true;
    this.trailMaxCommentIndent = maxCommentIndent;
    this.trailEnd = p;
    this.trailLowestIndent = lowestIndent;
  }

  /** After `...`: only blank and comment lines may follow. */
  private checkDocumentEnd(p: number): void {
    while (p < this.length) {
      const c = this.code(p);
      if (c === Code.Space || c === Code.Tab || c === Code.LineFeed) p++;
      else if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) p += 2;
      else if (c === Code.Hash && isBlank(this.code(p - 1))) p = this.afterLine(p);
      else unsupported('content after the document end');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plain scalars

  /** Whether a plain scalar may start with `c` (followed by `next`) in block context. */
  private canStartPlain(c: number, next: number): boolean {
    switch (c) {
      case Code.Minus:
      case Code.Question:
      case Code.Colon:
        return !isBlank(next);
      case Code.OpenBracket:
      case Code.OpenBrace:
      case Code.CloseBracket:
      case Code.CloseBrace:
      case Code.Comma:
      case Code.Hash:
      case Code.Ampersand:
      case Code.Star:
      case Code.Bang:
      case Code.Pipe:
      case Code.GreaterThan:
      case Code.SingleQuote:
      case Code.DoubleQuote:
      case Code.Percent:
      case Code.At:
      case Code.Backtick:
      case Code.Tab:
      case Code.Space:
      case Code.LineFeed:
      case Code.CarriageReturn:
      // The yaml lexer skips a byte order mark at the start of a line before the document.
      case Code.ByteOrderMark:
        return false;
      default:
        return c === c; // not past the end
    }
  }

  /**
   * Scans one line of a plain scalar in block context from `start`. Sets `scanEnd` (after the last
   * non-blank character) and leaves `pos` at the stop: the `:` of a key, the `#` of a comment, or
   * the line break.
   */
  private scanPlainLine(start: number): PlainStop {
    const text = this.text;
    let p = start;
    let end = start;
    while (true) {
      const c = text.charCodeAt(p);
      if (c === Code.Colon) {
        if (isBlank(text.charCodeAt(p + 1))) {
          this.scanEnd = end;
          this.pos = p;
          return PlainStop.Colon;
        }
        end = ++p;
      } else if (c === Code.Space || c === Code.Tab) {
        if (text.charCodeAt(p + 1) === Code.Hash) {
          this.scanEnd = end;
          this.pos = p + 1;
          return PlainStop.Comment;
        }
        p++;
      } else if (c === Code.LineFeed || c !== c) {
        this.scanEnd = end;
        this.pos = p;
        return PlainStop.LineEnd;
      } else if (c === Code.CarriageReturn) {
        if (text.charCodeAt(p + 1) !== Code.LineFeed) unsupported('stray carriage return');
        this.scanEnd = end;
        this.pos = p;
        return PlainStop.LineEnd;
      } else {
        end = ++p;
      }
    }
  }

  /**
   * A plain scalar value whose first line has been scanned (`stop`, `scanEnd`): continues over the
   * following lines indented at least `minIndent`, then folds the lines as YAML does.
   */
  private readPlainRest(start: number, stop: PlainStop, minIndent: number, parent: CollectionNode, key: string | number | undefined): ScalarNode {
    let end = this.scanEnd;
    let multiLine = false;
    if (stop === PlainStop.Colon) unsupported('mapping value where a scalar was expected');
    if (stop === PlainStop.LineEnd) {
      let p = this.pos;
      while (p < this.length) {
        // p is at a line break.
        p = this.code(p) === Code.CarriageReturn ? p + 2 : p + 1;
        let lineStart = p;
        let c = this.code(p);
        while (true) {
          while (c === Code.Space) c = this.code(++p);
          if (c === Code.LineFeed) {
            lineStart = ++p;
            c = this.code(p);
          } else if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) {
            p += 2;
            lineStart = p;
            c = this.code(p);
          } else break;
        }
        if (p >= this.length || p - lineStart < minIndent || c === Code.Hash) break;
        if (c === Code.Tab || c === Code.CarriageReturn) unsupported('tab in a plain scalar continuation');
        if (p === lineStart && (c === Code.Minus || c === Code.Dot) && this.isDocumentMarker(p, c)) unsupported('document marker after a plain scalar');
        const lineStop = this.scanPlainLine(p);
        if (lineStop === PlainStop.Colon) unsupported('key inside a plain scalar');
        end = this.scanEnd;
        multiLine = true;
        if (lineStop !== PlainStop.LineEnd) break;
        p = this.pos;
      }
    }
    this.pos = end;
    this.countNode();
    const source = this.text.slice(start, end);
    if (multiLine) return { type: 'string', value: unfoldLines(source), start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    return plainScalar(source, start, end, parent, key);
  }

  // ---------------------------------------------------------------------------------------------
  // Quoted scalars

  /** A quoted scalar at `pos`; continuation lines must be indented at least `minIndent`. */
  private readQuoted(minIndent: number, parent: CollectionNode | undefined, key: string | number | undefined): ScalarNode {
    const start = this.pos;
    const value = this.code(start) === Code.DoubleQuote ? this.scanDoubleQuoted(start, minIndent) : this.scanSingleQuoted(start, minIndent);
    this.countNode();
    return { type: 'string', value, start, end: this.pos, parent, key, keyStart: undefined, keyEnd: undefined };
  }

  /**
   * Checks the line that starts at `p` inside a quoted scalar: blank, or indented at least
   * `minIndent` (-1: the scalar must stay on one line).
   */
  private checkQuotedLine(p: number, minIndent: number): void {
    if (minIndent < 0) unsupported('multi-line quoted key');
    const lineStart = p;
    let c = this.code(p);
    while (c === Code.Space) c = this.code(++p);
    if (c === Code.LineFeed || (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed)) return;
    if (c === Code.Tab || c === Code.CarriageReturn) unsupported('tab in a quoted scalar continuation');
    if (p - lineStart < minIndent) unsupported('quoted scalar continuation not indented enough');
    if (minIndent === 0 && p === lineStart && (c === Code.Minus || c === Code.Dot) && this.isDocumentMarker(p, c)) {
      unsupported('document marker in a quoted scalar');
    }
  }

  /** Scans `"..."` from `start`; returns its value and leaves `pos` after the closing quote. */
  private scanDoubleQuoted(start: number, minIndent: number): string {
    const text = this.text;
    let p = start + 1;
    let simple = true;
    while (true) {
      const c = text.charCodeAt(p);
      if (c === Code.DoubleQuote) break;
      if (c === Code.Backslash) {
        simple = false;
        p += 2;
        if (text.charCodeAt(p - 1) === Code.LineFeed) this.checkQuotedLine(p, minIndent);
        else if (text.charCodeAt(p - 1) === Code.CarriageReturn && text.charCodeAt(p) === Code.LineFeed) this.checkQuotedLine(++p, minIndent);
        continue;
      }
      if (c === Code.LineFeed) {
        simple = false;
        this.checkQuotedLine(++p, minIndent);
        continue;
      }
      if (c !== c) unsupported('unterminated double-quoted scalar');
      if (c === Code.CarriageReturn) {
        if (text.charCodeAt(p + 1) !== Code.LineFeed) unsupported('stray carriage return');
        simple = false;
      }
      p++;
    }
    this.pos = p + 1;
    return simple ? text.slice(start + 1, p) : decodeDoubleQuoted(text, start + 1, p);
  }

  /** Scans `'...'` from `start`; returns its value and leaves `pos` after the closing quote. */
  private scanSingleQuoted(start: number, minIndent: number): string {
    const text = this.text;
    let p = start + 1;
    let escapes = false;
    let multiLine = false;
    while (true) {
      const c = text.charCodeAt(p);
      if (c === Code.SingleQuote) {
        if (text.charCodeAt(p + 1) !== Code.SingleQuote) break;
        escapes = true;
        p += 2;
        continue;
      }
      if (c === Code.LineFeed) {
        multiLine = true;
        this.checkQuotedLine(++p, minIndent);
        continue;
      }
      if (c !== c) unsupported('unterminated single-quoted scalar');
      if (c === Code.CarriageReturn && text.charCodeAt(p + 1) !== Code.LineFeed) unsupported('stray carriage return');
      p++;
    }
    this.pos = p + 1;
    let value = text.slice(start + 1, p);
    if (multiLine) value = unfoldLines(value);
    return escapes ? value.replace(/''/g, "'") : value;
  }

  // ---------------------------------------------------------------------------------------------
  // Block scalars

  /**
   * A `|` or `>` block scalar at `pos`, the value of an entry in a block collection in column `n`.
   * Where the body ends follows the yaml package's lexer; the value follows its block scalar rules.
   */
  private readBlockScalar(n: number, parent: CollectionNode | undefined, key: string | number | undefined): ScalarNode {
    const text = this.text;
    const start = this.pos;
    const folded = this.code(start) === Code.GreaterThan;
    let chomp = 0; // Code.Minus (strip), Code.Plus (keep) or 0 (clip)
    let explicitIndent = 0;
    let p = start + 1;
    while (true) {
      const c = this.code(p);
      if ((c === Code.Minus || c === Code.Plus) && chomp === 0) chomp = c;
      else if (c >= Code.Digit1 && c <= Code.Digit9 && explicitIndent === 0) explicitIndent = c - Code.Digit0;
      else break;
      p++;
    }
    let c = this.code(p);
    let spaced = false;
    while (c === Code.Space || c === Code.Tab) {
      c = this.code(++p);
      spaced = true;
    }
    if (c === Code.Hash && spaced) {
      p = text.indexOf('\n', p);
      if (p < 0) unsupported('block scalar header at the end of the text');
      c = Code.LineFeed;
    }
    if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) c = this.code(++p);
    if (c !== Code.LineFeed) unsupported('unsupported block scalar header');
    const bodyStart = p + 1;

    // Where the body ends (the yaml lexer's rules, with its minimum indentation n + 1).
    const indentNext = n + 1;
    let lineBreak = bodyStart - 1;
    let indent = 0;
    for (p = bodyStart; p < this.length; p++) {
      c = this.code(p);
      if (c === Code.Space) indent++;
      else if (c === Code.LineFeed) {
        lineBreak = p;
        indent = 0;
      } else if (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed) continue;
      else break;
    }
    if (indent >= indentNext) {
      const contentIndent = explicitIndent === 0 ? indent : explicitIndent - 1 + indentNext;
      do {
        const next = this.continueBlockScalar(lineBreak + 1, contentIndent);
        if (next === -1) break;
        lineBreak = text.indexOf('\n', next);
      } while (lineBreak !== -1);
      if (lineBreak === -1) lineBreak = this.length;
    }
    p = lineBreak + 1;
    while (this.code(p) === Code.Space) p++;
    if (this.code(p) === Code.Tab) unsupported('tab after a block scalar');
    if (chomp !== Code.Plus) {
      // Trailing blank lines that are not more indented than the first line belong to what follows.
      while (true) {
        let q = lineBreak - 1;
        if (this.code(q) === Code.CarriageReturn) q--;
        const lastChar = q;
        while (this.code(q) === Code.Space) q--;
        if (this.code(q) === Code.LineFeed && q >= bodyStart && q + 1 + indent > lastChar) lineBreak = q;
        else break;
      }
    }
    const bodyEnd = Math.min(lineBreak + 1, this.length);
    const value = blockScalarValue(text.slice(bodyStart, bodyEnd), folded, chomp, explicitIndent, Math.max(n, 0));
    this.countNode();
    const node: ScalarNode = { type: 'string', value, start, end: bodyEnd, parent, key, keyStart: undefined, keyEnd: undefined };
    this.pos = bodyEnd;
    this.scanTrailing(n, false, bodyEnd);
    return node;
  }

  /** The yaml lexer's test whether the line at `offset` continues a block scalar indented `indent`. */
  private continueBlockScalar(offset: number, indent: number): number {
    let spaces = 0;
    let c = this.code(offset);
    while (c === Code.Space) c = this.code(offset + ++spaces);
    if (c === Code.CarriageReturn && this.code(offset + spaces + 1) === Code.LineFeed) return offset + spaces + 1;
    // Like the lexer, a last line of spaces without a line break still continues the scalar.
    return c === Code.LineFeed || spaces >= indent ? offset + spaces : -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Flow collections

  /**
   * `[...]` or `{...}` at `pos`: continuation lines must be indented at least `minIndent`, except a
   * closing bracket of the outermost flow collection one column less.
   */
  private readFlowCollection(minIndent: number, parent: CollectionNode | undefined, key: string | number | undefined): CollectionNode {
    this.countNode();
    const isMapping = this.code(this.pos) === Code.OpenBrace;
    const close = isMapping ? Code.CloseBrace : Code.CloseBracket;
    const start = this.pos;
    const node: CollectionNode = isMapping
      ? { type: 'object', properties: new Map(), flow: true, start, end: start, parent, key, keyStart: undefined, keyEnd: undefined }
      : { type: 'array', items: [], flow: true, start, end: start, parent, key, keyStart: undefined, keyEnd: undefined };
    this.flowDepth++;
    this.pos++;
    while (true) {
      this.skipFlowSpace(minIndent);
      let c = this.code(this.pos);
      if (c === close) break;
      if (node.type === 'object') {
        this.readFlowKey();
        const name = this.keyName;
        const keyStart = this.keyStart;
        const keyEnd = this.keyEnd;
        if (name === '<<') unsupported('merge key in a flow mapping');
        this.skipFlowSpace(minIndent);
        c = this.code(this.pos);
        if (c === Code.Comma || c === close) unsupported('empty value in a flow mapping');
        const value = this.readFlowValue(minIndent, node, name);
        value.keyStart = keyStart;
        value.keyEnd = keyEnd;
        const size = node.properties.size;
        node.properties.set(name, value);
        if (node.properties.size === size) unsupported('duplicate key');
      } else {
        node.items.push(this.readFlowValue(minIndent, node, node.items.length));
      }
      this.skipFlowSpace(minIndent);
      c = this.code(this.pos);
      if (c === Code.Comma) this.pos++;
      else if (c !== close) unsupported('unexpected content in a flow collection');
    }
    this.pos++;
    this.flowDepth--;
    node.end = this.pos;
    return node;
  }

  /** Spaces, line breaks and comments inside a flow collection. */
  private skipFlowSpace(minIndent: number): void {
    let p = this.pos;
    while (true) {
      const c = this.code(p);
      if (c === Code.Space || c === Code.Tab) p++;
      else if (c === Code.LineFeed || (c === Code.CarriageReturn && this.code(p + 1) === Code.LineFeed)) {
        p += c === Code.LineFeed ? 1 : 2;
        const lineStart = p;
        let d = this.code(p);
        while (d === Code.Space) d = this.code(++p);
        if (d === Code.LineFeed || d === Code.CarriageReturn || d === Code.Hash || p >= this.length) continue;
        if (d === Code.Tab) unsupported('tab in flow indentation');
        const indent = p - lineStart;
        if (indent === 0 && (d === Code.Minus || d === Code.Dot) && this.isDocumentMarker(p, d)) unsupported('document marker in a flow collection');
        if (indent < minIndent && !(indent === minIndent - 1 && this.flowDepth === 1 && (d === Code.CloseBracket || d === Code.CloseBrace))) {
          unsupported('flow collection not indented enough');
        }
      } else if (c === Code.Hash) {
        // In flow mappings the yaml package rejects a comment in column 0 after a value.
        const before = this.code(p - 1);
        if (before === Code.LineFeed || !isBlank(before)) unsupported('comment without space');
        const lineFeed = this.text.indexOf('\n', p);
        p = lineFeed < 0 ? this.length : lineFeed;
        if (this.code(p - 1) === Code.CarriageReturn) p--;
      } else break;
    }
    this.pos = p;
  }

  /** A key in a flow mapping, up to and including its `:`. */
  private readFlowKey(): void {
    const start = this.pos;
    const c = this.code(start);
    if (c === Code.DoubleQuote || c === Code.SingleQuote) {
      this.keyName = c === Code.DoubleQuote ? this.scanDoubleQuoted(start, -1) : this.scanSingleQuoted(start, -1);
      this.keyStart = start;
      this.keyEnd = this.pos;
      let p = this.pos;
      while (this.code(p) === Code.Space) p++;
      // After a quoted key the colon may follow directly, as in JSON.
      if (this.code(p) !== Code.Colon) unsupported('flow mapping entry without value');
      this.pos = p + 1;
      return;
    }
    if (!this.canStartFlowPlain(c, this.code(start + 1))) unsupported('unsupported flow key');
    if (this.scanFlowPlain(start) !== PlainStop.Colon) unsupported('flow mapping entry without value');
    this.keyName = plainKeyName(this.text.slice(start, this.scanEnd));
    this.keyStart = start;
    this.keyEnd = this.scanEnd;
    this.pos++;
  }

  private readFlowValue(minIndent: number, parent: CollectionNode, key: string | number): AstNode {
    const c = this.code(this.pos);
    switch (c) {
      case Code.OpenBracket:
      case Code.OpenBrace:
        return this.readFlowCollection(minIndent, parent, key);
      case Code.DoubleQuote:
      case Code.SingleQuote:
        return this.readQuoted(minIndent, parent, key);
      case Code.Star:
        return this.readAlias(parent, key);
    }
    const start = this.pos;
    if (!this.canStartFlowPlain(c, this.code(start + 1))) unsupported('unsupported flow value');
    const stop = this.scanFlowPlain(start);
    if (stop === PlainStop.Colon) unsupported('pair inside a flow collection');
    this.pos = this.scanEnd;
    this.countNode();
    return plainScalar(this.text.slice(start, this.scanEnd), start, this.scanEnd, parent, key);
  }

  private canStartFlowPlain(c: number, next: number): boolean {
    if ((c === Code.Minus || c === Code.Question || c === Code.Colon) && isFlowIndicator(next)) return false;
    return this.canStartPlain(c, next);
  }

  /** One line of a plain scalar inside a flow collection; like `scanPlainLine`. */
  private scanFlowPlain(start: number): PlainStop {
    const text = this.text;
    let p = start;
    let end = start;
    while (true) {
      const c = text.charCodeAt(p);
      if (c === Code.Colon) {
        const next = text.charCodeAt(p + 1);
        if (isBlank(next) || isFlowIndicator(next)) {
          this.scanEnd = end;
          this.pos = p;
          return PlainStop.Colon;
        }
        end = ++p;
      } else if (c === Code.Space || c === Code.Tab) {
        if (text.charCodeAt(p + 1) === Code.Hash) {
          this.scanEnd = end;
          this.pos = p + 1;
          return PlainStop.Comment;
        }
        p++;
      } else if (c === Code.LineFeed || c === Code.CarriageReturn || c !== c) {
        this.scanEnd = end;
        this.pos = p;
        return PlainStop.LineEnd;
      } else if (isFlowIndicator(c)) {
        this.scanEnd = end;
        this.pos = p;
        return PlainStop.FlowIndicator;
      } else {
        end = ++p;
      }
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Values

const NUMBER_OCTAL = /^0o[0-7]+$/;
const NUMBER_INTEGER = /^[-+]?[0-9]+$/;
const NUMBER_HEX = /^0x[0-9a-fA-F]+$/;
const NUMBER_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const NUMBER_EXPONENT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const NUMBER_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The YAML 1.2 core schema value of a plain scalar, tested in the yaml package's order. */
function plainValue(source: string): string | number | boolean | null {
  switch (source.charCodeAt(0)) {
    case Code.Tilde:
      return source === '~' ? null : source;
    case 110: // n
    case 78: // N
      return source === 'null' || source === 'Null' || source === 'NULL' ? null : source;
    case 116: // t
    case 84: // T
      return source === 'true' || source === 'True' || source === 'TRUE' ? true : source;
    case 102: // f
    case 70: // F
      return source === 'false' || source === 'False' || source === 'FALSE' ? false : source;
    case Code.Plus:
    case Code.Minus:
    case Code.Dot:
    case 48:
    case 49:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 55:
    case 56:
    case 57:
      if (NUMBER_OCTAL.test(source)) return parseInt(source.substring(2), 8);
      if (NUMBER_INTEGER.test(source)) return parseInt(source, 10);
      if (NUMBER_HEX.test(source)) return parseInt(source.substring(2), 16);
      if (NUMBER_SPECIAL.test(source)) {
        return source.slice(-3).toLowerCase() === 'nan' ? NaN : source.charCodeAt(0) === Code.Minus ? -Infinity : Infinity;
      }
      if (NUMBER_EXPONENT.test(source) || NUMBER_FLOAT.test(source)) return parseFloat(source);
      return source;
    default:
      return source;
  }
}

function plainScalar(source: string, start: number, end: number, parent: CollectionNode | undefined, key: string | number | undefined): ScalarNode {
  const value = plainValue(source);
  if (value === null) return { type: 'null', value: null, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
  switch (typeof value) {
    case 'string':
      return { type: 'string', value, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    case 'number':
      return { type: 'number', value, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    default:
      return { type: 'boolean', value, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
  }
}

/** The property name of a plain key: its core schema value as a string, as the converter names it. */
function plainKeyName(source: string): string {
  if (source === '<<') return '<<';
  const value = plainValue(source);
  return value === null ? '' : String(value);
}

/**
 * Folds the lines of a multi-line plain or single-quoted scalar: the line break between two lines
 * becomes a space, n empty lines become n line breaks, spaces around line breaks go. The last line
 * keeps its trailing spaces, as in the yaml package.
 */
function unfoldLines(source: string): string {
  let lineFeed = source.indexOf('\n');
  if (lineFeed < 0) return source;
  let result = trimEnd(source.slice(0, source.charCodeAt(lineFeed - 1) === Code.CarriageReturn ? lineFeed - 1 : lineFeed));
  let separator = ' ';
  let from = lineFeed + 1;
  while ((lineFeed = source.indexOf('\n', from)) >= 0) {
    const line = trimBoth(source.slice(from, source.charCodeAt(lineFeed - 1) === Code.CarriageReturn ? lineFeed - 1 : lineFeed));
    if (line === '') {
      if (separator === '\n') result += separator;
      else separator = '\n';
    } else {
      result += separator + line;
      separator = ' ';
    }
    from = lineFeed + 1;
  }
  let last = from;
  while (source.charCodeAt(last) === Code.Space || source.charCodeAt(last) === Code.Tab) last++;
  return result + separator + source.slice(last);
}

function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === Code.Space || line.charCodeAt(end - 1) === Code.Tab)) end--;
  return line.slice(0, end);
}

function trimBoth(line: string): string {
  let start = 0;
  while (start < line.length && (line.charCodeAt(start) === Code.Space || line.charCodeAt(start) === Code.Tab)) start++;
  return trimEnd(line.slice(start));
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** The value of a double-quoted scalar with escapes or line breaks, between `from` and `to` (the quotes excluded). */
function decodeDoubleQuoted(text: string, from: number, to: number): string {
  let result = '';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === Code.CarriageReturn && text.charCodeAt(i + 1) === Code.LineFeed) continue;
    if (c === Code.LineFeed) {
      // A line break folds to a space; n + 1 line breaks (with blank lines between) to n line breaks.
      let breaks = '';
      let next = text.charCodeAt(i + 1);
      while (next === Code.Space || next === Code.Tab || next === Code.LineFeed || next === Code.CarriageReturn) {
        if (next === Code.CarriageReturn && text.charCodeAt(i + 2) !== Code.LineFeed) break;
        if (next === Code.LineFeed) breaks += '\n';
        next = text.charCodeAt(++i + 1);
      }
      result += breaks === '' ? ' ' : breaks;
    } else if (c === Code.Backslash) {
      const escape = text[++i];
      const simple = DOUBLE_QUOTE_ESCAPES[escape];
      if (simple !== undefined) {
        result += simple;
      } else if (escape === '\n' || (escape === '\r' && text.charCodeAt(i + 1) === Code.LineFeed)) {
        // An escaped line break joins the lines without a space, dropping the next line's indentation.
        if (escape === '\r') i++;
        let next = text.charCodeAt(i + 1);
        while (next === Code.Space || next === Code.Tab) next = text.charCodeAt(++i + 1);
      } else if (escape === 'x' || escape === 'u' || escape === 'U') {
        const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
        const hex = text.substr(i + 1, digits);
        if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex) || i + digits >= to) unsupported('invalid escape');
        const codePoint = parseInt(hex, 16);
        if (codePoint > 0x10ffff) unsupported('invalid escape');
        result += String.fromCodePoint(codePoint);
        i += digits;
      } else {
        unsupported('invalid escape');
      }
    } else if (c === Code.Space || c === Code.Tab) {
      // Spaces before a line break go.
      const spaceStart = i;
      let next = text.charCodeAt(i + 1);
      while (next === Code.Space || next === Code.Tab) next = text.charCodeAt(++i + 1);
      if (next !== Code.LineFeed && !(next === Code.CarriageReturn && text.charCodeAt(i + 2) === Code.LineFeed)) {
        result += text.slice(spaceStart, i + 1);
      }
    } else {
      result += text[i];
    }
  }
  return result;
}

function isEmptyContent(content: string): boolean {
  return content === '' || content === '\r';
}

/** The indentation a block scalar line keeps beyond the scalar's own. */
function extraIndent(indent: number, trimIndent: number): string {
  return indent > trimIndent ? ' '.repeat(indent - trimIndent) : '';
}

/**
 * The value of a block scalar body (`source`: its lines up to where the lexer ended it) in a
 * collection indented `parentIndent`, by YAML's literal/folded and chomping rules as the yaml
 * package applies them.
 */
function blockScalarValue(source: string, folded: boolean, chomp: number, explicitIndent: number, parentIndent: number): string {
  const indents: number[] = [];
  const contents: string[] = [];
  if (source !== '') {
    let from = 0;
    while (true) {
      let p = from;
      while (source.charCodeAt(p) === Code.Space) p++;
      const lineFeed = source.indexOf('\n', p);
      indents.push(p - from);
      contents.push(source.slice(p, lineFeed < 0 ? source.length : lineFeed));
      if (lineFeed < 0) break;
      from = lineFeed + 1;
    }
  }
  const lineCount = indents.length;
  let chompStart = lineCount;
  for (let i = lineCount - 1; i >= 0 && isEmptyContent(contents[i]); i--) chompStart = i;
  if (chompStart === 0) return chomp === Code.Plus && lineCount > 0 ? '\n'.repeat(Math.max(1, lineCount - 1)) : '';

  let trimIndent = parentIndent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    if (isEmptyContent(contents[i])) {
      if (explicitIndent === 0 && indents[i] > trimIndent) trimIndent = indents[i];
    } else {
      if (indents[i] < trimIndent) unsupported('block scalar with more-indented leading empty lines');
      if (explicitIndent === 0) trimIndent = indents[i];
      contentStart = i;
      if (trimIndent === 0) unsupported('block scalar not indented');
      break;
    }
  }
  // Trailing empty lines indented deeper than the content belong to the content.
  for (let i = lineCount - 1; i >= chompStart; i--) {
    if (indents[i] > trimIndent) {
      chompStart = i + 1;
      break;
    }
  }
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  for (let i = 0; i < contentStart; i++) value += extraIndent(indents[i], trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; i++) {
    let content = contents[i];
    if (content.charCodeAt(content.length - 1) === Code.CarriageReturn) content = content.slice(0, -1);
    if (content !== '' && indents[i] < trimIndent) unsupported('block scalar line less indented than the first');
    if (!folded) {
      value += separator + extraIndent(indents[i], trimIndent) + content;
      separator = '\n';
    } else if (indents[i] > trimIndent || content.charCodeAt(0) === Code.Tab) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + extraIndent(indents[i], trimIndent) + content;
      separator = '\n';
      previousMoreIndented = true;
    } else if (content === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + content;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  if (chomp === Code.Plus) {
    for (let i = chompStart; i < lineCount; i++) value += '\n' + extraIndent(indents[i], trimIndent);
    if (value.charCodeAt(value.length - 1) !== Code.LineFeed) value += '\n';
  } else if (chomp !== Code.Minus) {
    value += '\n';
  }
  return value;
}
