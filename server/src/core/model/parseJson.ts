import type { ArrayNode, AstNode, CollectionNode, ObjectNode, ScalarNode } from './ast';
import type { SyntaxProblem } from './syntaxError';

export interface ParseResult {
  root: AstNode | undefined;
  errors: SyntaxProblem[];
}

const enum Code {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  UpperE = 69,
  LowerF = 102,
  LowerN = 110,
  LowerT = 116,
  OpenBrace = 123,
  CloseBrace = 125,
  Star = 42,
}

/** Thrown internally to unwind to the top on a fatal error; never escapes `parseJson`. */
class Stop extends Error {}

/**
 * A position-keeping JSON parser. It is a plain recursive-descent scanner over char codes, several
 * times faster than building a YAML document for the same text, and it keeps the offsets of every
 * key and value. On a syntax error it records the problem and returns the tree built so far, so
 * that the rules still run on everything before the error.
 */
export function parseJson(text: string, maxNodes = Number.POSITIVE_INFINITY): ParseResult {
  return new JsonParser(text, maxNodes).run();
}

/**
 * `parseJson` in steps, for a caller that runs in slices of an event loop (the language server's
 * workspace scan reads the 13 MB GitHub spec in some 150 ms): the generator yields after about
 * every `STEP_CHARACTERS` of text, between two members of a container less than `STEP_DEPTH`
 * levels deep. Deeper containers are read whole, as `parseJson` reads them. The result is the
 * same as `parseJson`'s.
 */
export function parseJsonSteps(text: string, maxNodes = Number.POSITIVE_INFINITY): Generator<void, ParseResult, void> {
  return new JsonParser(text, maxNodes).runSteps();
}

/** The stepped parse yields after about this many characters (about a millisecond of parsing). */
const STEP_CHARACTERS = 65_536;

/** Containers this many levels deep and deeper are read in one go by the stepped parse (the root is level 0). */
const STEP_DEPTH = 4;

/**
 * The parser's state lives in fields of one object rather than in variables shared by closures:
 * V8 keeps field access through a stable hidden class fast, which matters at millions of characters.
 * Every node is created with all of its fields (including `keyStart` / `keyEnd`) in one literal, so
 * that all nodes of a kind share one hidden class and the rules' property reads stay monomorphic.
 */
class JsonParser {
  private pos: number;
  private readonly length: number;
  private nodeCount = 0;
  private readonly errors: SyntaxProblem[] = [];
  /** The root container, kept as soon as it is opened so that an error deep inside still returns it. */
  private partialRoot: AstNode | undefined;
  /** Containers opened and not yet closed, outermost first. */
  private readonly open: AstNode[] = [];
  /** The offsets of the property name `memberName` read last. */
  private nameStart = 0;
  private nameEnd = 0;
  /** Where the stepped parse last yielded. */
  private steppedAt = 0;

  constructor(
    private readonly text: string,
    private readonly maxNodes: number,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.length = text.length;
  }

  run(): ParseResult {
    const errors = this.errors;
    try {
      if (this.isEmpty()) return { root: undefined, errors };
      this.partialRoot = this.parseValue(undefined, undefined, undefined, undefined);
      this.checkEnd();
    } catch (error) {
      this.stopped(error);
    }
    return { root: this.partialRoot, errors };
  }

  *runSteps(): Generator<void, ParseResult, void> {
    const errors = this.errors;
    try {
      if (this.isEmpty()) return { root: undefined, errors };
      this.partialRoot = yield* this.parseValueSteps(undefined, undefined, undefined, undefined, 0);
      this.checkEnd();
    } catch (error) {
      this.stopped(error);
    }
    return { root: this.partialRoot, errors };
  }

  private isEmpty(): boolean {
    this.skipWhitespace();
    if (this.pos < this.length) return false;
    this.errors.push({ message: 'The document is empty', start: 0, end: 0 });
    return true;
  }

  private checkEnd(): void {
    this.skipWhitespace();
    if (this.pos < this.length) this.errors.push({ message: 'Unexpected content after the end of the document', start: this.pos, end: this.length });
  }

  /** After a syntax error (`Stop`): the tree read so far is closed off; anything else is rethrown. */
  private stopped(error: unknown): void {
    if (!(error instanceof Stop)) throw error;
    // A container the error cut short has no key offsets: it is shown by its own range.
    for (const unfinished of this.open) unfinished.keyStart = unfinished.keyEnd = undefined;
    closeOpenNodes(this.partialRoot, this.length);
  }

  private fail(message: string, start = this.pos, end = Math.min(this.pos + 1, this.length)): never {
    this.errors.push({ message, start, end: Math.max(end, start) });
    throw new Stop();
  }

  private skipWhitespace(): void {
    const text = this.text;
    const length = this.length;
    let pos = this.pos;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      // Most calls find a token straight away; anything above a space other than '/' ends the run.
      if (code > Code.Space && code !== Code.Slash) break;
      if (code === Code.Space || code === Code.LineFeed || code === Code.CarriageReturn || code === Code.Tab) {
        pos++;
      } else if (code === Code.Slash) {
        this.pos = pos;
        this.skipComment();
        pos = this.pos;
      } else break;
    }
    this.pos = pos;
  }

  private skipComment(): void {
    const text = this.text;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (next === Code.Slash) {
      let pos = start + 2;
      while (pos < this.length && text.charCodeAt(pos) !== Code.LineFeed && text.charCodeAt(pos) !== Code.CarriageReturn) pos++;
      this.pos = pos;
    } else if (next === Code.Star) {
      const close = text.indexOf('*/', start + 2);
      this.pos = close < 0 ? this.length : close + 2;
    } else {
      this.fail('Unexpected character "/"');
    }
    this.errors.push({ message: 'Comments are not allowed in JSON', start, end: this.pos });
  }

  /** A string at `pos` (its opening quote); leaves `pos` after the closing quote. */
  private parseString(): string {
    const text = this.text;
    const length = this.length;
    const start = this.pos;
    let pos = start + 1;
    // The common case: no escapes and no control characters, so the value is one slice.
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === Code.Quote) {
        this.pos = pos + 1;
        return text.slice(start + 1, pos);
      }
      if (code === Code.Backslash || code < 0x20) break;
      pos++;
    }
    this.pos = pos;
    return this.parseStringSlow(start, start + 1);
  }

  /** Continues a string that has escapes or control characters; `segmentStart` is where unread text begins. */
  private parseStringSlow(start: number, segmentStart: number): string {
    const text = this.text;
    const length = this.length;
    let pos = this.pos;
    let result = '';
    while (true) {
      if (pos >= length) this.fail('Unterminated string', start, length);
      const code = text.charCodeAt(pos);
      if (code === Code.Quote) {
        result += text.slice(segmentStart, pos);
        this.pos = pos + 1;
        return result;
      }
      if (code === Code.Backslash) {
        result += text.slice(segmentStart, pos);
        pos++;
        const escape = text.charCodeAt(pos);
        switch (escape) {
          case 34: result += '"'; break;
          case 92: result += '\\'; break;
          case 47: result += '/'; break;
          case 98: result += '\b'; break;
          case 102: result += '\f'; break;
          case 110: result += '\n'; break;
          case 114: result += '\r'; break;
          case 116: result += '\t'; break;
          case 117: {
            const hex = text.slice(pos + 1, pos + 5);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
              this.pos = pos;
              this.fail('Invalid unicode escape', pos - 1, pos + 5);
            }
            result += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            this.pos = pos;
            this.fail('Invalid escape character', pos - 1, pos + 1);
        }
        pos++;
        segmentStart = pos;
        continue;
      }
      if (code < 0x20) {
        if (code === Code.LineFeed || code === Code.CarriageReturn) {
          this.pos = pos;
          this.fail('Unterminated string', start, pos);
        }
        this.errors.push({ message: 'Control character in string', start: pos, end: pos + 1 });
      }
      pos++;
    }
  }

  private parseNumber(): number {
    const text = this.text;
    const length = this.length;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === Code.Minus) pos++;
    const digitsStart = pos;
    while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === digitsStart) {
      this.pos = pos;
      this.fail('Invalid number', start, pos + 1);
    }
    if (text.charCodeAt(pos) === Code.Dot) {
      pos++;
      const fraction = pos;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fraction) {
        this.pos = pos;
        this.fail('Invalid number', start, pos);
      }
    }
    const e = text.charCodeAt(pos);
    if (e === Code.LowerE || e === Code.UpperE) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Code.Plus || sign === Code.Minus) pos++;
      const exponent = pos;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === exponent) {
        this.pos = pos;
        this.fail('Invalid number', start, pos);
      }
    }
    this.pos = pos;
    return Number(text.slice(start, pos));
  }

  /**
   * A value at or after `pos`. `keyStart` / `keyEnd` are the offsets of its property name when the
   * parent is an object. Containers attach themselves to the parent before descending (so that a
   * partial tree after an error still has its parents); the caller attaches scalars.
   */
  private parseValue(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined): AstNode {
    this.skipWhitespace();
    const pos = this.pos;
    if (pos >= this.length) this.fail('Unexpected end of input', this.length, this.length);
    this.countNode();
    const text = this.text;
    const code = text.charCodeAt(pos);
    if (code === Code.OpenBrace) return this.parseObject(parent, key, keyStart, keyEnd);
    if (code === Code.OpenBracket) return this.parseArray(parent, key, keyStart, keyEnd);
    let node: ScalarNode;
    if (code === Code.Quote) {
      const value = this.parseString();
      node = { type: 'string', value, start: pos, end: this.pos, parent, key, keyStart, keyEnd };
    } else if (code === Code.Minus || isDigit(code)) {
      const value = this.parseNumber();
      node = { type: 'number', value, start: pos, end: this.pos, parent, key, keyStart, keyEnd };
    } else if (code === Code.LowerT && text.startsWith('true', pos)) {
      this.pos = pos + 4;
      node = { type: 'boolean', value: true, start: pos, end: this.pos, parent, key, keyStart, keyEnd };
    } else if (code === Code.LowerF && text.startsWith('false', pos)) {
      this.pos = pos + 5;
      node = { type: 'boolean', value: false, start: pos, end: this.pos, parent, key, keyStart, keyEnd };
    } else if (code === Code.LowerN && text.startsWith('null', pos)) {
      this.pos = pos + 4;
      node = { type: 'null', value: null, start: pos, end: this.pos, parent, key, keyStart, keyEnd };
    } else {
      return this.fail(`Unexpected character ${JSON.stringify(text[pos])}`);
    }
    return node;
  }

  private countNode(): void {
    if (++this.nodeCount > this.maxNodes) this.fail(`Document has more than ${this.maxNodes} nodes`);
  }

  /**
   * `parseValue` for the stepped parse: a container less than `STEP_DEPTH` levels deep is read
   * member by member with a chance to yield after each; anything else is read by `parseValue`.
   */
  private *parseValueSteps(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined, depth: number): Generator<void, AstNode, void> {
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.pos);
    if (depth >= STEP_DEPTH || (code !== Code.OpenBrace && code !== Code.OpenBracket)) return this.parseValue(parent, key, keyStart, keyEnd);
    this.countNode();
    if (code === Code.OpenBracket) {
      const node = this.openArray(parent, key, keyStart, keyEnd);
      if (this.closesEmpty(node, Code.CloseBracket)) return node;
      do {
        const value = yield* this.parseValueSteps(node, node.items.length, undefined, undefined, depth + 1);
        if (value.type !== 'object' && value.type !== 'array') node.items.push(value);
        if (this.pos - this.steppedAt >= STEP_CHARACTERS) {
          this.steppedAt = this.pos;
          yield;
        }
      } while (!this.memberEnd(node, Code.CloseBracket));
      return node;
    }
    const node = this.openObject(parent, key, keyStart, keyEnd);
    if (this.closesEmpty(node, Code.CloseBrace)) return node;
    do {
      const name = this.memberName(node);
      const value = yield* this.parseValueSteps(node, name, this.nameStart, this.nameEnd, depth + 1);
      if (value.type !== 'object' && value.type !== 'array') node.properties.set(name, value);
      if (this.pos - this.steppedAt >= STEP_CHARACTERS) {
        this.steppedAt = this.pos;
        yield;
      }
    } while (!this.memberEnd(node, Code.CloseBrace));
    return node;
  }

  private parseObject(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined): ObjectNode {
    const node = this.openObject(parent, key, keyStart, keyEnd);
    if (this.closesEmpty(node, Code.CloseBrace)) return node;
    do {
      const name = this.memberName(node);
      const value = this.parseValue(node, name, this.nameStart, this.nameEnd);
      if (value.type !== 'object' && value.type !== 'array') node.properties.set(name, value);
    } while (!this.memberEnd(node, Code.CloseBrace));
    return node;
  }

  private parseArray(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined): ArrayNode {
    const node = this.openArray(parent, key, keyStart, keyEnd);
    if (this.closesEmpty(node, Code.CloseBracket)) return node;
    do {
      const value = this.parseValue(node, node.items.length, undefined, undefined);
      if (value.type !== 'object' && value.type !== 'array') node.items.push(value);
    } while (!this.memberEnd(node, Code.CloseBracket));
    return node;
  }

  /** An object opened at `pos` (its brace), attached to its parent; leaves `pos` after the brace. */
  private openObject(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined): ObjectNode {
    const node: ObjectNode = { type: 'object', properties: new Map<string, AstNode>(), flow: true, start: this.pos, end: this.pos, parent, key, keyStart, keyEnd };
    this.opened(node);
    return node;
  }

  private openArray(parent: CollectionNode | undefined, key: string | number | undefined, keyStart: number | undefined, keyEnd: number | undefined): ArrayNode {
    const node: ArrayNode = { type: 'array', items: [], flow: true, start: this.pos, end: this.pos, parent, key, keyStart, keyEnd };
    this.opened(node);
    return node;
  }

  private opened(node: CollectionNode): void {
    attach(node);
    if (node.parent === undefined) this.partialRoot = node;
    this.open.push(node);
    this.pos++;
    this.skipWhitespace();
  }

  /** Whether the container just opened closes at once (`{}`, `[]`); then it is closed. */
  private closesEmpty(node: CollectionNode, close: Code): boolean {
    if (this.text.charCodeAt(this.pos) !== close) return false;
    node.end = ++this.pos;
    this.open.pop();
    return true;
  }

  /**
   * A property name and its colon; leaves `pos` after the colon and the name's offsets in
   * `nameStart` / `nameEnd`. A name seen before in this object is reported, and the later one wins.
   */
  private memberName(node: ObjectNode): string {
    const text = this.text;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== Code.Quote) {
      node.end = this.pos;
      this.fail(this.pos >= this.length ? 'Unexpected end of input: expected "}"' : 'Expected a property name in double quotes');
    }
    const nameStart = this.pos;
    const name = this.parseString();
    const nameEnd = this.pos;
    if (node.properties.has(name)) {
      this.errors.push({ message: `Duplicate key "${name}"`, start: nameStart, end: nameEnd });
      node.properties.delete(name);
    }
    // The colon usually follows the name directly.
    if (text.charCodeAt(this.pos) !== Code.Colon) this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== Code.Colon) {
      node.end = this.pos;
      this.fail('Expected ":" after property name');
    }
    this.pos++;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    return name;
  }

  /** After a member: true when the container closes here (then it is closed), false after a comma. */
  private memberEnd(node: CollectionNode, close: Code): boolean {
    const text = this.text;
    this.skipWhitespace();
    const next = text.charCodeAt(this.pos);
    if (next === Code.Comma) {
      this.pos++;
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) !== close) return false;
      this.errors.push({ message: 'Trailing comma', start: this.pos - 1, end: this.pos });
      node.end = ++this.pos;
      this.open.pop();
      return true;
    }
    if (next === close) {
      node.end = ++this.pos;
      this.open.pop();
      return true;
    }
    node.end = this.pos;
    const expected = close === Code.CloseBrace ? '}' : ']';
    return this.fail(this.pos >= this.length ? `Unexpected end of input: expected "${expected}"` : `Expected "," or "${expected}"`);
  }
}

/** Stores a container in its parent as soon as it is opened. */
function attach(node: AstNode): void {
  const parent = node.parent;
  if (parent === undefined) return;
  if (parent.type === 'object') parent.properties.set(node.key as string, node);
  else parent.items.push(node);
}

function isDigit(code: number): boolean {
  return code >= Code.Digit0 && code <= Code.Digit9;
}

/** After an error, stretch every unfinished container to the end of the text. */
function closeOpenNodes(root: AstNode | undefined, end: number): void {
  let current: AstNode | undefined = root;
  while (current !== undefined && (current.type === 'object' || current.type === 'array')) {
    if (current.end <= current.start) current.end = end;
    const last: AstNode | undefined =
      current.type === 'object' ? [...current.properties.values()].pop() : current.items[current.items.length - 1];
    if (last === undefined) break;
    current = last;
  }
}
