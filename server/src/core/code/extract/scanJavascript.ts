/**
 * A small lexer over JavaScript and TypeScript text for `javascriptMayHaveResults`, which may only
 * ever answer "nothing here" when that is certain. It honours strings, template literals and
 * regular expression literals, and returns the code without its comments and whether a long string
 * literal follows a name that may hold a secret. Whenever it could be reading the text differently
 * from the parser it gives up (undefined), and the caller tests the whole text instead.
 *
 * Where it gives up: a string or regular expression literal that reaches the end of its line, a
 * comment or template literal that never ends, a `/` after `}`, `++`, `--` or a non-null assertion
 * (`!`), where a division and a regular expression are both possible, HTML-like comments (`<!--`,
 * `-->`), and anything that may be JSX (a `<` where an expression starts, `</`, `/>`), whose text
 * is no JavaScript. A `/` after `)` is a division unless the parenthesis closed the condition of
 * `if`, `while`, `for` or `with`.
 */
export interface JavascriptScan {
  /** The text with every comment replaced by one space; strings and everything else kept as written. */
  code: string;
  /**
   * `code` without the contents of its string literals, template literals (their text; the code of
   * their substitutions stays) and regular expression literals, each emptied between its
   * delimiters: what is left are identifiers, keywords, numbers and punctuation. Made on first use.
   */
  identifiers(): string;
  /**
   * Whether a string literal (or template literal without substitutions) of at least
   * `NameSearch.minimumLiteralLength` characters between its quotes, and accepted by
   * `NameSearch.acceptsLiteral`, comes after a name token that `NameSearch` accepts, before the
   * name's statement (`;`), its entry between braces (`,` directly inside `{…}`) or its bracket
   * group ends; a name's range does not reach into braces opened after it, and goes on after they
   * close. A name that a detector gives a literal (the variable, key or member it is assigned to,
   * the call it is passed to, the argument before it) is always such a token before the literal in
   * that range (what is written between braces, an object's entries, a class's fields, a body's
   * statements, has names of its own), and a literal's value is never longer than its source.
   */
  namedLiteral: boolean;
  /**
   * Whether a string literal or template literal holds an escape that can make its value differ
   * from its source text in more than the plain escapes (`\n`, `\t`, `\'` …): `\x61`, `\u0061`,
   * octal escapes, `\a` (which decodes to `a`), `\/` and line continuations. Escapes in regular
   * expression literals and comments do not count: they are no string values.
   */
  riskyEscape: boolean;
}

/** Which tokens count as names for `JavascriptScan.namedLiteral`. */
export interface NameSearch {
  /**
   * A global pattern of plain words (letters only) of which every accepted name contains one: it
   * is run once over the whole text, so that `accepts` is asked only about tokens holding a match.
   */
  hint: RegExp;
  /** Whether an identifier, or the content of a string literal without escapes, is a name. */
  accepts(name: string): boolean;
  minimumLiteralLength: number;
  /**
   * Whether a literal's content as written (between its quotes, escapes not decoded) may be what
   * the detectors look for; every literal of `minimumLiteralLength` counts when absent.
   */
  acceptsLiteral?(content: string): boolean;
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const EXPRESSION_KEYWORDS = new Set(['return', 'default', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);
/** Keywords whose parenthesised condition is followed by a statement, which may start with a regular expression. */
const CONDITION_KEYWORDS = new Set(['if', 'while', 'for', 'with']);

/** What the last token before the current position was, for telling a division from a regular expression. */
const enum Previous {
  /** Start of text, an operator or punctuation: an expression may start here. */
  ExpressionStart,
  /** An identifier, number, literal, `]`, or a `)` that closed an expression: an operator follows. */
  Operand,
  /** A `}`, `++`, `--` or a non-null assertion: both may follow. */
  Ambiguous,
}

const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const NEWLINE = 10;
const RETURN = 13;
const BACKTICK = 96;

/** Escaped characters that decode to themselves or to a control character: `\n r t b f v`, quotes, a backslash. */
const PLAIN_ESCAPES = new Set([...'nrtbfv\'"`\\'].map((character) => character.charCodeAt(0)));

/** Character classes of ASCII: 1 identifier or number character (a backslash starts an escape inside an identifier), 2 white space, 3 line end. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code);
  ASCII_CLASS[code] = /[\w$\\]/.test(character) ? 1 : code === NEWLINE || code === RETURN ? 3 : /\s/.test(character) ? 2 : 0;
}
/** Kinds of the spans `code` and `identifiers` leave out. */
const COMMENT = 0;
const LITERAL = 1;

const WORD = 1;
const SPACE = 2;
const LINE_END = 3;

/** The class of any character: beyond ASCII, white space (`\s`) and the line separators, else an identifier character. */
function classOf(code: number): number {
  if (code < 128) return ASCII_CLASS[code];
  if (code === 0x2028 || code === 0x2029) return LINE_END;
  return /\s/.test(String.fromCharCode(code)) ? SPACE : WORD;
}

/** The next line end at or after `from` (the text's length when there is none). */
const LINE_ENDS = /[\n\r\u2028\u2029]/g;
function lineEndFrom(text: string, from: number): number {
  LINE_ENDS.lastIndex = from;
  const match = LINE_ENDS.exec(text);
  return match === null ? text.length : match.index;
}

export function scanJavascript(text: string, names: NameSearch): JavascriptScan | undefined {
  const length = text.length;
  // What `code` and `identifiers` leave out, in order: start, end and kind of each span.
  const cuts: number[] = [];
  let previous = Previous.ExpressionStart;
  // The last identifier or keyword read (empty after anything else), and whether the token before it was `.`.
  let lastWord = '';
  let afterDot = false;
  // For each open parenthesis, whether it holds the condition of `if`, `while`, `for` or `with`.
  const parentheses: boolean[] = [];
  // The open brackets, innermost last: `(`, `[`, `{`, or `$` for a template substitution.
  const brackets: number[] = [];
  // For each open brace, the range of a name from outside it, which goes on after the brace closes.
  const outerNameDepths: number[] = [];
  // For each open template substitution, how many braces are open inside it, and where its template started.
  const substitutions: number[] = [];
  const templateStarts: number[] = [];
  // Bracket depth, and the least depth at which a name's range is open (Infinity: none is).
  let depth = 0;
  let nameDepth = Number.POSITIVE_INFINITY;
  let namedLiteral = false;
  let riskyEscape = false;
  const hints: number[] = [];
  for (const match of text.matchAll(names.hint)) hints.push(match.index);
  let nextHint = 0;

  /** Whether a token from `start` to `end` holds a hint (and moves past the hints before `end`). */
  const holdsHint = (start: number, end: number): boolean => {
    while (nextHint < hints.length && hints[nextHint] < start) nextHint++;
    return nextHint < hints.length && hints[nextHint] < end;
  };
  /** A string literal's or template literal's content from `start` to `end`: a name, a named literal, or neither. */
  const literal = (start: number, end: number): void => {
    if (nameDepth <= depth && end - start >= names.minimumLiteralLength && (names.acceptsLiteral === undefined || names.acceptsLiteral(text.slice(start, end)))) namedLiteral = true;
    if (holdsHint(start, end)) {
      const content = text.slice(start, end);
      if (content.includes('\\') || names.accepts(content)) nameDepth = Math.min(nameDepth, depth);
    }
  };
  /**
   * Closes a `(…)` or `[…]` group. A name written directly inside it may name what follows the
   * group: `headers['Authorization'] = …`, `{ ['token']: … }`, `(this.token as string) = …`,
   * `call((token), …)`. Its range then goes on in the enclosing group, unless what follows can
   * only be a body, a member, a type or a condition's branches (`{`, `;`, `.`, `:`, `?`, `=>`).
   */
  const closeGroup = (): void => {
    if (nameDepth === depth) {
      let next = index;
      while (next < length && classOf(text.charCodeAt(next)) >= SPACE) next++;
      const code = text.charCodeAt(next);
      const ends = next >= length || code === 123 || code === 59 || code === 46 || code === 58 || code === 63 || (code === 61 && text.charCodeAt(next + 1) === 62);
      nameDepth = ends ? Number.POSITIVE_INFINITY : depth - 1;
    }
    depth--;
  };
  /** Reads a template literal's characters from `index` up to its end or to a `${`; false when it never ends. */
  const readTemplate = (start: number, whole: boolean): boolean => {
    const chunkStart = index;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === BACKSLASH) {
        if (!PLAIN_ESCAPES.has(text.charCodeAt(index + 1))) riskyEscape = true;
        index += 2;
      } else if (code === BACKTICK) {
        // Only a template without substitutions is a literal to the detectors.
        if (whole) literal(start + 1, index);
        cuts.push(chunkStart, index, LITERAL);
        index++;
        previous = Previous.Operand;
        return true;
      } else if (code === 36 && text.charCodeAt(index + 1) === 123) {
        cuts.push(chunkStart, index, LITERAL);
        index += 2;
        substitutions.push(0);
        templateStarts.push(start);
        brackets.push(36);
        depth++;
        previous = Previous.ExpressionStart;
        return true;
      } else index++;
    }
    return false;
  };

  let index = 0;
  // A hashbang line is a comment to the parser.
  if (text.startsWith('#!')) index = lineEndFrom(text, 0);
  while (index < length) {
    const code = text.charCodeAt(index);
    const kind = code < 128 ? ASCII_CLASS[code] : classOf(code);
    if (kind >= SPACE) {
      index++;
      continue;
    }
    if (code === SLASH) {
      const next = text.charCodeAt(index + 1);
      if (next === SLASH || next === STAR) {
        const start = index;
        if (next === SLASH) index = lineEndFrom(text, index + 2);
        else {
          const end = text.indexOf('*/', index + 2);
          if (end < 0) return undefined;
          index = end + 2;
        }
        cuts.push(start, index, COMMENT);
        continue;
      }
      if (next === 62 || previous === Previous.Ambiguous) return undefined;
      lastWord = '';
      afterDot = false;
      if (previous === Previous.Operand) {
        index++;
        previous = Previous.ExpressionStart;
        continue;
      }
      // A regular expression literal: up to the unescaped `/` outside a class, on this line, then its flags.
      index++;
      const bodyStart = index;
      let inClass = false;
      for (;;) {
        if (index >= length) return undefined;
        const character = text.charCodeAt(index);
        if (classOf(character) === LINE_END) return undefined;
        if (character === BACKSLASH) {
          if (index + 1 >= length || classOf(text.charCodeAt(index + 1)) === LINE_END) return undefined;
          index += 2;
          continue;
        }
        index++;
        if (character === 91) inClass = true;
        else if (character === 93) inClass = false;
        else if (character === SLASH && !inClass) break;
      }
      cuts.push(bodyStart, index - 1, LITERAL);
      while (index < length && classOf(text.charCodeAt(index)) === WORD) index++;
      previous = Previous.Operand;
      continue;
    }
    if (code === 39 || code === 34) {
      // A string: up to the same unescaped quote, on this line (an escaped line end continues it).
      const start = index + 1;
      index++;
      for (;;) {
        if (index >= length) return undefined;
        const character = text.charCodeAt(index);
        if (character === code) break;
        if (character === NEWLINE || character === RETURN) return undefined;
        if (character === BACKSLASH && !PLAIN_ESCAPES.has(text.charCodeAt(index + 1))) riskyEscape = true;
        index += character === BACKSLASH ? (text.charCodeAt(index + 1) === RETURN && text.charCodeAt(index + 2) === NEWLINE ? 3 : 2) : 1;
      }
      literal(start, index);
      cuts.push(start, index, LITERAL);
      index++;
      lastWord = '';
      afterDot = false;
      previous = Previous.Operand;
      continue;
    }
    if (code === BACKTICK) {
      const start = index;
      index++;
      lastWord = '';
      afterDot = false;
      if (!readTemplate(start, true)) return undefined;
      continue;
    }
    if (kind === WORD) {
      const start = index;
      const numeric = code >= 48 && code <= 57;
      index++;
      while (index < length) {
        const character = text.charCodeAt(index);
        // A number's decimal point and exponent sign belong to it (`1.5`, `1e+3`).
        if ((character < 128 ? ASCII_CLASS[character] : classOf(character)) === WORD || (numeric && (character === 46 || ((character === 43 || character === 45) && (text.charCodeAt(index - 1) | 32) === 101)))) index++;
        else break;
      }
      if (!numeric && holdsHint(start, index)) {
        const word = text.slice(start, index);
        if (word.includes('\\') || names.accepts(word)) nameDepth = Math.min(nameDepth, depth);
      }
      lastWord = numeric || afterDot ? '' : text.slice(start, index);
      afterDot = false;
      previous = EXPRESSION_KEYWORDS.has(lastWord) ? Previous.ExpressionStart : Previous.Operand;
      continue;
    }
    // Punctuation and operators.
    index++;
    const word = lastWord;
    lastWord = '';
    afterDot = code === 46;
    switch (code) {
      case 40: // (
        parentheses.push(previous === Previous.Operand && CONDITION_KEYWORDS.has(word));
        brackets.push(code);
        depth++;
        previous = Previous.ExpressionStart;
        break;
      case 41: // )
        previous = parentheses.length === 0 ? Previous.Ambiguous : parentheses.pop() ? Previous.ExpressionStart : Previous.Operand;
        brackets.pop();
        closeGroup();
        break;
      case 91: // [
        brackets.push(code);
        depth++;
        previous = Previous.ExpressionStart;
        break;
      case 93: // ]
        brackets.pop();
        closeGroup();
        previous = Previous.Operand;
        break;
      case 123: // {
        if (substitutions.length > 0) substitutions[substitutions.length - 1]++;
        brackets.push(code);
        // What is written between braces has names of its own (an object's keys, a class's fields,
        // the statements of a body): a name from outside does not reach into them.
        outerNameDepths.push(nameDepth);
        nameDepth = Number.POSITIVE_INFINITY;
        depth++;
        previous = Previous.ExpressionStart;
        break;
      case 125: // }
        if (brackets.pop() === 123) nameDepth = outerNameDepths.pop() ?? Number.POSITIVE_INFINITY;
        depth--;
        if (substitutions.length > 0 && substitutions[substitutions.length - 1] === 0) {
          // The end of a template substitution: the template goes on, and is no literal.
          substitutions.pop();
          if (!readTemplate(templateStarts.pop()!, false)) return undefined;
        } else {
          if (substitutions.length > 0) substitutions[substitutions.length - 1]--;
          previous = Previous.Ambiguous;
        }
        break;
      case 59: // ;
        if (depth === nameDepth) nameDepth = Number.POSITIVE_INFINITY;
        previous = Previous.ExpressionStart;
        break;
      case 44: // ,
        // Between braces a comma ends an entry (of an object, a declaration list, an enum): what
        // follows has its own name. In a call or an array the range goes on (`set('Authorization', '…')`).
        if (depth === nameDepth && brackets[brackets.length - 1] === 123) nameDepth = Number.POSITIVE_INFINITY;
        previous = Previous.ExpressionStart;
        break;
      case 43: // +
      case 45: // -
        // `-->` starts a comment to the end of the line in scripts; `x-->0` is rare enough to give up on.
        if (code === 45 && text.startsWith('->', index)) return undefined;
        if (text.charCodeAt(index) === code) {
          index++;
          previous = Previous.Ambiguous;
        } else previous = Previous.ExpressionStart;
        break;
      case 60: // <
        // JSX (`<div>`, `<>`) starts where an expression does, `</` closes an element; `<!--` starts a comment to the end of the line in scripts.
        if (previous === Previous.ExpressionStart || text.charCodeAt(index) === SLASH || text.startsWith('!--', index)) return undefined;
        previous = Previous.ExpressionStart;
        break;
      case 33: // !
        // After an operand, `!` is TypeScript's non-null assertion (`size! / 2`), which an operator follows.
        previous = previous === Previous.Operand && text.charCodeAt(index) !== 61 ? Previous.Ambiguous : Previous.ExpressionStart;
        break;
      default:
        previous = Previous.ExpressionStart;
    }
    // A closed bracket group ends the range of a name inside it.
    if (depth < nameDepth) nameDepth = Number.POSITIVE_INFINITY;
  }
  if (substitutions.length > 0) return undefined;
  let identifiers: string | undefined;
  return { code: withoutCuts(text, cuts, false), identifiers: () => (identifiers ??= withoutCuts(text, cuts, true)), namedLiteral, riskyEscape };
}

/** The text with each comment cut replaced by one space and, when `literals`, each literal cut left out. */
function withoutCuts(text: string, cuts: readonly number[], literals: boolean): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let index = 0; index < cuts.length; index += 3) {
    const kind = cuts[index + 2];
    if (kind === LITERAL && !literals) continue;
    parts.push(text.slice(copiedUpTo, cuts[index]));
    if (kind === COMMENT) parts.push(' ');
    copiedUpTo = cuts[index + 1];
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}
