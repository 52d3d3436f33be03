import { child, isArray, isObject, stringValue, type AstNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import { characterCodesOf, hasUnicodeEscapeOf, searchSteps, unicodeEscapeAt, type TextSource } from '../model/textSource';

/** One `api-guard-ignore` directive found in a comment. */
export interface IgnoreDirective {
  rules: string[];
  reason?: string;
  /** The 0-based line the directive applies to; -1 for the whole file. */
  line: number;
  /** Where the directive itself is written (for the missing-reason hint and for fixes). */
  start: number;
  end: number;
  fileWide: boolean;
}

const DIRECTIVE = /(?:#|\/\/|\/\*|<!--|--)\s*api-guard-ignore(-file)?\b[ \t]*([A-Za-z0-9_*,\- \t]*?)(?:[ \t]*--[ \t]*(.*?))?[ \t]*(?:\*\/|-->)?[ \t]*$/;

/**
 * Finds every `api-guard-ignore` directive in the comments of a text. A directive alone on its
 * line applies to the next line that is not itself a comment; a trailing one to its own line.
 * Works for every comment syntax the product reads (`#`, `//`, `/* … *\/`).
 */
export function findIgnoreDirectives(text: string): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  if (!text.includes('api-guard-ignore')) return directives;
  const lines = text.split(/\r\n|\r|\n/);
  // Line start offsets, counting each separator's real length (CRLF is two characters).
  const lineOffsets: number[] = new Array(lines.length);
  let scan = 0;
  for (let i = 0; i < lines.length; i++) {
    lineOffsets[i] = scan;
    scan += lines[i].length;
    if (text.charCodeAt(scan) === 13 && text.charCodeAt(scan + 1) === 10) scan += 2;
    else scan += 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('api-guard-ignore')) continue;
    const match = DIRECTIVE.exec(line);
    if (match === null) continue;
    const rules = match[2]
      .split(/[\s,]+/)
      .map((rule) => rule.trim())
      .filter((rule) => rule.length > 0);
    if (rules.length === 0) continue;
    const commentStart = match.index;
    const before = line.slice(0, commentStart).trim();
    const fileWide = match[1] === '-file';
    let target = i;
    if (!fileWide && before === '') {
      target = i + 1;
      while (target < lines.length && /^\s*(#|\/\/|\/\*|\*|$)/.test(lines[target])) target++;
    }
    directives.push({
      rules,
      reason: match[3]?.trim() || undefined,
      line: fileWide ? -1 : target,
      start: lineOffsets[i] + commentStart,
      end: lineOffsets[i] + line.length,
      fileWide,
    });
  }
  return directives;
}

const directiveCache = new WeakMap<ParsedDocument, IgnoreDirective[]>();
const mayHaveIgnoreKeyCache = new WeakMap<ParsedDocument, boolean>();

/** The characters of `x-api-guard-ignore`, which a `\u` escape of a quoted key could spell. */
const IGNORE_KEY_CODES = characterCodesOf('x-api-guard-ignore');

/**
 * Whether a document may have an `x-api-guard-ignore` key: its source names it, or has an escape
 * that can spell part of it in a quoted key (JSON's and YAML's `\u` of one of its characters,
 * YAML's `\x` and `\U`, or YAML's escaped line break, which joins two lines of a key). When not,
 * no finding of the document needs the walk up its ancestors (`hasExtensionIgnores`), which
 * thousands of findings would each make.
 */
export function mayHaveExtensionIgnores(doc: ParsedDocument): boolean {
  let answer = mayHaveIgnoreKeyCache.get(doc);
  if (answer === undefined) {
    answer = mayNameIgnoreKey(doc.source);
    mayHaveIgnoreKeyCache.set(doc, answer);
  }
  return answer;
}

function mayNameIgnoreKey(source: TextSource): boolean {
  if (source.includes('api-guard-ignore')) return true;
  if (typeof source === 'string') return mayEscapeIgnoreKey(source);
  if (source.includes('\\x') || source.includes('\\U') || source.includes('\\\n') || source.includes('\\\r')) return true;
  // An editor buffer answers `includes` from what it found in its unchanged pieces: only a text
  // that has a `\u` at all is searched for each one.
  return source.includes('\\u') && hasUnicodeEscapeOf(source, IGNORE_KEY_CODES);
}

/**
 * `mayNameIgnoreKey`'s escapes in a text read whole, in one pass from backslash to backslash:
 * searching for each kind of escape in turn went through the text five times, each time stopping
 * at every backslash (a JSON spec has one per `\n` or `\"` of its descriptions).
 */
function mayEscapeIgnoreKey(text: string): boolean {
  const steps = mayEscapeIgnoreKeySteps(text, Number.POSITIVE_INFINITY);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** `mayEscapeIgnoreKey`, `perStep` characters of the text per step: from backslash to backslash, each escape's character skipped. */
function* mayEscapeIgnoreKeySteps(text: string, perStep: number): Generator<void, boolean, void> {
  let escaped = false;
  yield* searchSteps(text, '\\', perStep, (at) => at + 1 < text.length && !(escaped = escapesIgnoreKeyCharacter(text, at)), 2);
  return escaped;
}

/**
 * Works out, a part of a large text per step, what the first finding of a document would
 * otherwise work out in one go: whether it may have an `x-api-guard-ignore` key
 * (`mayHaveExtensionIgnores`) and, where its text never spells `api-guard-ignore`, that it has no
 * directive (`ignoreDirectivesOf`). Each is a search through the whole text, some 10–30 ms of a
 * workspace scan's turn of the event loop for the 13 MB GitHub spec. A text that spells the word
 * has its directives read at the first finding, as before. Editor buffers and texts of at most
 * `perStep` characters are left to the first finding.
 */
export function* prepareSuppressionsSteps(doc: ParsedDocument, perStep: number): Generator<void, void, void> {
  const text = doc.source;
  if (typeof text !== 'string' || text.length <= perStep) return;
  if (mayHaveIgnoreKeyCache.has(doc) && directiveCache.has(doc)) return;
  let named = false;
  yield* searchSteps(text, 'api-guard-ignore', perStep, () => {
    named = true;
    return false;
  });
  if (!named && !directiveCache.has(doc)) directiveCache.set(doc, []);
  if (mayHaveIgnoreKeyCache.has(doc)) return;
  if (!named) yield;
  mayHaveIgnoreKeyCache.set(doc, named || (yield* mayEscapeIgnoreKeySteps(text, perStep)));
}

/** Whether the backslash at `at` starts an escape that `mayEscapeIgnoreKey` counts. */
function escapesIgnoreKeyCharacter(text: string, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  return next === LETTER_X || next === LETTER_BIG_U || next === LINE_FEED || next === CARRIAGE_RETURN || (next === LETTER_U && IGNORE_KEY_CODES.has(unicodeEscapeAt(text, at)));
}

const LETTER_X = 0x78;
const LETTER_BIG_U = 0x55;
const LETTER_U = 0x75;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export function ignoreDirectivesOf(doc: ParsedDocument): IgnoreDirective[] {
  let directives = directiveCache.get(doc);
  if (directives === undefined) {
    // Read from the source first: most documents have no directive, and then an editor buffer's
    // text need not be made one string (see PieceText).
    directives = doc.source.includes('api-guard-ignore') ? findIgnoreDirectives(doc.text) : [];
    directiveCache.set(doc, directives);
  }
  return directives;
}

export function directiveCovers(directive: IgnoreDirective, ruleId: string): boolean {
  return directive.rules.includes(ruleId) || directive.rules.includes('*') || directive.rules.includes('all');
}

/**
 * Whether the node or an ancestor has an `x-api-guard-ignore` key: most findings have none, and
 * this answers without building the lists `extensionIgnores` returns.
 */
export function hasExtensionIgnores(node: AstNode): boolean {
  for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) {
    if (current.type === 'object' && current.properties.has('x-api-guard-ignore')) return true;
  }
  return false;
}

/**
 * The rules that `x-api-guard-ignore` on the node or any ancestor suppresses. Besides the list
 * form of RULES.md (`[rule-id, …]`), a map form (`{ rule-id: reason }`) lets JSON documents, which
 * cannot hold comments, record why a finding is accepted.
 */
export function extensionIgnores(node: AstNode): { rules: string[]; reasons: Map<string, string>; owner: AstNode }[] {
  const found: { rules: string[]; reasons: Map<string, string>; owner: AstNode }[] = [];
  for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) {
    const ignore = child(current, 'x-api-guard-ignore');
    if (ignore === undefined) continue;
    const reasons = new Map<string, string>();
    let rules: string[];
    if (isArray(ignore)) rules = ignore.items.map(stringValue).filter((rule): rule is string => rule !== undefined);
    else if (isObject(ignore)) {
      rules = [...ignore.properties.keys()];
      for (const [rule, reason] of ignore.properties) {
        const text = stringValue(reason)?.trim();
        if (text) reasons.set(rule, text);
      }
    } else rules = stringValue(ignore)?.split(/[\s,]+/).filter((rule) => rule.length > 0) ?? [];
    found.push({ rules, reasons, owner: current });
  }
  return found;
}
