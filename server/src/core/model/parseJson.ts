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
  const errors: SyntaxProblem[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let nodeCount = 0;

  const fail = (message: string, start = pos, end = Math.min(pos + 1, length)): never => {
    errors.push({ message, start, end: Math.max(end, start) });
    throw new Stop();
  };

  const skipWhitespace = (): void => {
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === Code.Space || code === Code.LineFeed || code === Code.CarriageReturn || code === Code.Tab) {
        pos++;
      } else if (code === Code.Slash) {
        skipComment();
      } else return;
    }
  };

  const skipComment = (): void => {
    const start = pos;
    const next = text.charCodeAt(pos + 1);
    if (next === Code.Slash) {
      pos += 2;
      while (pos < length && text.charCodeAt(pos) !== Code.LineFeed && text.charCodeAt(pos) !== Code.CarriageReturn) pos++;
    } else if (next === Code.Star) {
      const close = text.indexOf('*/', pos + 2);
      pos = close < 0 ? length : close + 2;
    } else {
      fail('Unexpected character "/"');
    }
    errors.push({ message: 'Comments are not allowed in JSON', start, end: pos });
  };

  const parseString = (): string => {
    // pos is at the opening quote.
    const start = pos;
    pos++;
    let segmentStart = pos;
    let result = '';
    while (true) {
      if (pos >= length) fail('Unterminated string', start, length);
      const code = text.charCodeAt(pos);
      if (code === Code.Quote) {
        result += text.slice(segmentStart, pos);
        pos++;
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
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid unicode escape', pos - 1, pos + 5);
            result += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            fail('Invalid escape character', pos - 1, pos + 1);
        }
        pos++;
        segmentStart = pos;
        continue;
      }
      if (code < 0x20) {
        if (code === Code.LineFeed || code === Code.CarriageReturn) fail('Unterminated string', start, pos);
        errors.push({ message: 'Control character in string', start: pos, end: pos + 1 });
      }
      pos++;
    }
  };

  const parseNumber = (): number => {
    const start = pos;
    if (text.charCodeAt(pos) === Code.Minus) pos++;
    const digitsStart = pos;
    while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === digitsStart) fail('Invalid number', start, pos + 1);
    if (text.charCodeAt(pos) === Code.Dot) {
      pos++;
      const fraction = pos;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fraction) fail('Invalid number', start, pos);
    }
    const e = text.charCodeAt(pos);
    if (e === Code.LowerE || e === Code.UpperE) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Code.Plus || sign === Code.Minus) pos++;
      const exponent = pos;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === exponent) fail('Invalid number', start, pos);
    }
    return Number(text.slice(start, pos));
  };

  const countNode = (): void => {
    if (++nodeCount > maxNodes) fail(`Document has more than ${maxNodes} nodes`);
  };

  const parseValue = (parent: CollectionNode | undefined, key: string | number | undefined): AstNode => {
    skipWhitespace();
    if (pos >= length) fail('Unexpected end of input', length, length);
    countNode();
    const start = pos;
    const code = text.charCodeAt(pos);
    if (code === Code.OpenBrace) return parseObject(parent, key);
    if (code === Code.OpenBracket) return parseArray(parent, key);
    let node: ScalarNode;
    if (code === Code.Quote) {
      const value = parseString();
      node = { type: 'string', value, start, end: pos, parent, key };
    } else if (code === Code.Minus || isDigit(code)) {
      const value = parseNumber();
      node = { type: 'number', value, start, end: pos, parent, key };
    } else if (text.startsWith('true', pos)) {
      pos += 4;
      node = { type: 'boolean', value: true, start, end: pos, parent, key };
    } else if (text.startsWith('false', pos)) {
      pos += 5;
      node = { type: 'boolean', value: false, start, end: pos, parent, key };
    } else if (text.startsWith('null', pos)) {
      pos += 4;
      node = { type: 'null', value: null, start, end: pos, parent, key };
    } else {
      return fail(`Unexpected character ${JSON.stringify(text[pos])}`);
    }
    return node;
  };

  const parseObject = (parent: CollectionNode | undefined, key: string | number | undefined): ObjectNode => {
    const node: ObjectNode = { type: 'object', properties: new Map(), flow: true, start: pos, end: pos, parent, key };
    // Attach before descending so that a partial tree after an error still has its parents.
    attach(node);
    if (parent === undefined) partialRoot = node;
    pos++;
    skipWhitespace();
    if (text.charCodeAt(pos) === Code.CloseBrace) {
      pos++;
      node.end = pos;
      return node;
    }
    while (true) {
      skipWhitespace();
      if (text.charCodeAt(pos) !== Code.Quote) {
        node.end = pos;
        fail(pos >= length ? 'Unexpected end of input: expected "}"' : 'Expected a property name in double quotes');
      }
      const keyStart = pos;
      const name = parseString();
      const keyEnd = pos;
      if (node.properties.has(name)) {
        errors.push({ message: `Duplicate key "${name}"`, start: keyStart, end: keyEnd });
        node.properties.delete(name);
      }
      skipWhitespace();
      if (text.charCodeAt(pos) !== Code.Colon) {
        node.end = pos;
        fail('Expected ":" after property name');
      }
      pos++;
      const value = parseValueInto(node, name);
      value.keyStart = keyStart;
      value.keyEnd = keyEnd;
      skipWhitespace();
      const next = text.charCodeAt(pos);
      if (next === Code.Comma) {
        pos++;
        skipWhitespace();
        if (text.charCodeAt(pos) === Code.CloseBrace) {
          errors.push({ message: 'Trailing comma', start: pos - 1, end: pos });
          pos++;
          node.end = pos;
          return node;
        }
        continue;
      }
      if (next === Code.CloseBrace) {
        pos++;
        node.end = pos;
        return node;
      }
      node.end = pos;
      fail(pos >= length ? 'Unexpected end of input: expected "}"' : 'Expected "," or "}"');
    }
  };

  const parseArray = (parent: CollectionNode | undefined, key: string | number | undefined): ArrayNode => {
    const node: ArrayNode = { type: 'array', items: [], flow: true, start: pos, end: pos, parent, key };
    attach(node);
    if (parent === undefined) partialRoot = node;
    pos++;
    skipWhitespace();
    if (text.charCodeAt(pos) === Code.CloseBracket) {
      pos++;
      node.end = pos;
      return node;
    }
    while (true) {
      parseValueInto(node, node.items.length);
      skipWhitespace();
      const next = text.charCodeAt(pos);
      if (next === Code.Comma) {
        pos++;
        skipWhitespace();
        if (text.charCodeAt(pos) === Code.CloseBracket) {
          errors.push({ message: 'Trailing comma', start: pos - 1, end: pos });
          pos++;
          node.end = pos;
          return node;
        }
        continue;
      }
      if (next === Code.CloseBracket) {
        pos++;
        node.end = pos;
        return node;
      }
      node.end = pos;
      fail(pos >= length ? 'Unexpected end of input: expected "]"' : 'Expected "," or "]"');
    }
  };

  /** Parses a value and stores it in its parent; containers attach themselves earlier. */
  const parseValueInto = (parent: CollectionNode, key: string | number): AstNode => {
    const value = parseValue(parent, key);
    if (value.type !== 'object' && value.type !== 'array') attach(value);
    return value;
  };

  const attach = (node: AstNode): void => {
    const parent = node.parent;
    if (parent === undefined) return;
    if (parent.type === 'object') parent.properties.set(node.key as string, node);
    else parent.items.push(node);
  };

  // The root container, kept as soon as it is opened so that an error deep inside still returns it.
  let partialRoot: AstNode | undefined;
  try {
    skipWhitespace();
    if (pos >= length) {
      errors.push({ message: 'The document is empty', start: 0, end: 0 });
      return { root: undefined, errors };
    }
    partialRoot = parseValue(undefined, undefined);
    skipWhitespace();
    if (pos < length) errors.push({ message: 'Unexpected content after the end of the document', start: pos, end: length });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    closeOpenNodes(partialRoot, length);
  }
  return { root: partialRoot, errors };
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
