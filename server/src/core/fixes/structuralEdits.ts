import type { AstNode, ArrayNode, ObjectNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import type { TextEdit } from './textEdit';

/**
 * Minimal, formatting-preserving edits on YAML and JSON documents (DESIGN.md invariant 4): every
 * function returns small text edits computed from the node's source offsets, following the
 * document's own indentation, line ending and style (block / flow / JSON). Nothing outside the
 * edited span changes.
 */

/**
 * The `yaml` package's `stringify`, loaded when a fix first writes YAML: the package is not loaded
 * with the CLI bundle or the server, whose runs mostly never need it (see parseYaml.ts).
 */
function stringifyYaml(value: unknown, options: import('yaml').ToStringOptions & import('yaml').DocumentOptions & import('yaml').SchemaOptions & import('yaml').CreateNodeOptions): string {
  return (require('yaml') as typeof import('yaml')).stringify(value, options);
}

export function eolOf(doc: ParsedDocument): string {
  const index = doc.text.indexOf('\n');
  return index > 0 && doc.text.charCodeAt(index - 1) === 13 ? '\r\n' : '\n';
}

/** The column at which a node (or its key) starts. */
export function columnOf(doc: ParsedDocument, offset: number): number {
  return doc.lines.positionAt(offset).character;
}

/** Leading whitespace of the line holding `offset`, as written (spaces or tabs). */
export function lineIndentText(doc: ParsedDocument, offset: number): string {
  const line = doc.lines.positionAt(offset).line;
  const start = doc.lines.lineStart(line);
  const match = /^[ \t]*/.exec(doc.text.slice(start, doc.lines.lineEnd(line)));
  return match === null ? '' : match[0];
}

/** The document's indentation unit: the smallest positive step between nested keys (default 2). */
export function indentUnit(doc: ParsedDocument): string {
  const cached = unitCache.get(doc);
  if (cached !== undefined) return cached;
  let unit = 0;
  const sample = doc.text.length > 200_000 ? doc.text.slice(0, 200_000) : doc.text;
  const indents = new Map<number, number>();
  let previous = 0;
  for (const line of sample.split(/\r?\n/)) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    const step = indent - previous;
    if (step > 0) indents.set(step, (indents.get(step) ?? 0) + 1);
    previous = indent;
  }
  let best = 0;
  for (const [step, count] of indents) if (count > best || (count === best && step < unit)) [unit, best] = [step, count];
  const text = unit > 0 && unit <= 8 ? ' '.repeat(unit) : '  ';
  unitCache.set(doc, text);
  return text;
}

const unitCache = new WeakMap<ParsedDocument, string>();

/** Offset just past the last character of a node's content on its last line (before trailing newlines). */
export function endOfContent(doc: ParsedDocument, node: AstNode): number {
  let end = node.end;
  while (end > node.start && (doc.text.charCodeAt(end - 1) === 10 || doc.text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/** Offset of the end of the line on which a node's content ends. */
function endOfLastLine(doc: ParsedDocument, node: AstNode): number {
  const end = endOfContent(doc, node);
  return doc.lines.lineEnd(doc.lines.positionAt(end).line);
}

function isFlow(doc: ParsedDocument, node: ObjectNode | ArrayNode): boolean {
  return doc.format === 'json' || node.flow;
}

/** Serialises a value for insertion at `indent` in a YAML block context (no trailing newline). */
export function yamlBlock(value: unknown, indent: string, unit: string, eol: string): string {
  const text = stringifyYaml(value, { indent: unit.length, lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : indent + line))
    .join(eol);
}

/** Serialises a value as JSON whose nested lines are indented from `indent`. */
export function jsonValue(value: unknown, indent: string, unit: string, eol: string, compact: boolean): string {
  if (compact) return JSON.stringify(value);
  return JSON.stringify(value, null, unit)
    .split('\n')
    .map((line, index) => (index === 0 ? line : indent + line))
    .join(eol);
}

/** A flow-style YAML value (`{a: 1}`), or JSON when the document is JSON. */
function flowValue(doc: ParsedDocument, value: unknown): string {
  if (doc.format === 'json') return JSON.stringify(value);
  return stringifyYaml(value, { flow: true, lineWidth: 0 } as never).replace(/\n$/, '');
}

function yamlKey(key: string): string {
  const rendered = stringifyYaml(key, { lineWidth: 0 }).replace(/\n$/, '');
  return rendered;
}

export interface InsertPropertyOptions {
  /** Insert after the first of these existing keys (in order of preference); default: at the end. */
  after?: readonly string[];
  /** Insert before all existing properties. */
  atStart?: boolean;
  /**
   * The key exactly as it is to be written, e.g. a plain `401` among plain status codes (see
   * `keyTextLike`); default: the key quoted as the format requires.
   */
  keyText?: string;
}

/** Adds `key: value` to an object node, matching the document's style. */
export function insertProperty(doc: ParsedDocument, object: ObjectNode, key: string, value: unknown, options: InsertPropertyOptions = {}): TextEdit {
  const eol = eolOf(doc);
  const unit = indentUnit(doc);
  const entries = [...object.properties.values()];
  let anchor: AstNode | undefined;
  if (options.atStart) anchor = undefined;
  else if (options.after !== undefined) {
    for (const name of options.after) {
      const candidate = object.properties.get(name);
      if (candidate !== undefined) {
        anchor = candidate;
        break;
      }
    }
    anchor ??= entries[entries.length - 1];
  } else anchor = entries[entries.length - 1];

  if (isFlow(doc, object)) return insertFlowProperty(doc, object, key, value, anchor, options.atStart === true, eol, unit, options.keyText);

  // Block mapping: new line at the indentation of the existing keys.
  // YAML forbids tabs in indentation, so the key column in spaces is the indentation, also when the
  // first key shares its line with a sequence dash (`- name: id`).
  const first = entries[0];
  const indent = first?.keyStart !== undefined ? ' '.repeat(columnOf(doc, first.keyStart)) : '';
  const rendered = renderBlockEntry(options.keyText ?? yamlKey(key), value, indent, unit, eol);
  if (options.atStart && first?.keyStart !== undefined) {
    return { uri: doc.uri, start: first.keyStart, end: first.keyStart, newText: rendered + eol + indent };
  }
  const at = anchor === undefined ? object.end : endOfLastLine(doc, anchor);
  return { uri: doc.uri, start: at, end: at, newText: eol + indent + rendered };
}

/**
 * Adds several properties at the end of an object in one edit, in the given order (separate
 * inserts at one offset would land in reverse order). An empty object is replaced as a whole.
 */
export function insertProperties(doc: ParsedDocument, object: ObjectNode, entries: readonly (readonly [string, unknown])[]): TextEdit | undefined {
  if (entries.length === 0) return undefined;
  if (object.properties.size === 0 && entries.length > 1) return replaceNode(doc, object, Object.fromEntries(entries));
  const edits = entries.map(([key, value]) => insertProperty(doc, object, key, value));
  return { uri: doc.uri, start: edits[0].start, end: edits[0].end, newText: edits.map((edit) => edit.newText).join('') };
}

function renderBlockEntry(keyText: string, value: unknown, indent: string, unit: string, eol: string): string {
  if (!isNonEmptyCollection(value)) return `${keyText}: ${yamlBlock(value, indent, unit, eol)}`;
  const childIndent = indent + unit;
  const body = yamlBlock(value, childIndent, unit, eol);
  return `${keyText}:${eol}${childIndent}${body}`;
}

function isNonEmptyCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function insertFlowProperty(
  doc: ParsedDocument,
  object: ObjectNode,
  key: string,
  value: unknown,
  anchor: AstNode | undefined,
  atStart: boolean,
  eol: string,
  unit: string,
  keyTextOption: string | undefined,
): TextEdit {
  const json = doc.format === 'json';
  const keyText = keyTextOption ?? (json ? JSON.stringify(key) : yamlKey(key));
  const entries = [...object.properties.values()];
  const multiLine = doc.lines.positionAt(object.start).line !== doc.lines.positionAt(object.end).line;
  if (entries.length === 0) {
    // `{}`: open it up in the document's style.
    const closing = object.end - 1;
    if (json && multiLine === false) {
      const outer = lineIndentText(doc, object.start);
      const inner = outer + unit;
      const valueText = jsonValue(value, inner, unit, eol, false);
      return { uri: doc.uri, start: object.start + 1, end: closing, newText: `${eol}${inner}${keyText}: ${valueText}${eol}${outer}` };
    }
    const valueText = json ? JSON.stringify(value) : flowValue(doc, value);
    return { uri: doc.uri, start: object.start + 1, end: closing, newText: `${json ? '' : ' '}${keyText}: ${valueText}${json ? '' : ' '}` };
  }
  if (multiLine) {
    const reference = entries[0];
    const indent = reference.keyStart !== undefined ? lineIndentText(doc, reference.keyStart) : unit;
    const valueText = json ? jsonValue(value, indent, unit, eol, false) : flowValue(doc, value);
    if (atStart) {
      const at = reference.keyStart ?? object.start + 1;
      return { uri: doc.uri, start: at, end: at, newText: `${keyText}: ${valueText},${eol}${indent}` };
    }
    const at = (anchor ?? entries[entries.length - 1]).end;
    return { uri: doc.uri, start: at, end: at, newText: `,${eol}${indent}${keyText}: ${valueText}` };
  }
  const valueText = json ? JSON.stringify(value) : flowValue(doc, value);
  if (atStart) {
    const at = entries[0].keyStart ?? object.start + 1;
    return { uri: doc.uri, start: at, end: at, newText: `${keyText}: ${valueText}, ` };
  }
  const at = (anchor ?? entries[entries.length - 1]).end;
  return { uri: doc.uri, start: at, end: at, newText: `, ${keyText}: ${valueText}` };
}

/** Appends an item to an array node, matching the document's style. */
export function appendArrayItem(doc: ParsedDocument, array: ArrayNode, value: unknown): TextEdit {
  const eol = eolOf(doc);
  const unit = indentUnit(doc);
  const json = doc.format === 'json';
  const last = array.items[array.items.length - 1];
  if (isFlow(doc, array)) {
    const valueText = json ? JSON.stringify(value) : flowValue(doc, value);
    if (last === undefined) return { uri: doc.uri, start: array.start + 1, end: array.end - 1, newText: valueText };
    const multiLine = doc.lines.positionAt(array.start).line !== doc.lines.positionAt(array.end).line;
    if (multiLine) {
      const indent = lineIndentText(doc, last.start);
      const text = json ? jsonValue(value, indent, unit, eol, false) : valueText;
      return { uri: doc.uri, start: last.end, end: last.end, newText: `,${eol}${indent}${text}` };
    }
    return { uri: doc.uri, start: last.end, end: last.end, newText: `, ${valueText}` };
  }
  // Block sequence: `- item` at the dash column of the existing items.
  const dashOffset = last === undefined ? array.start : doc.text.lastIndexOf('-', last.start);
  const indent = ' '.repeat(columnOf(doc, dashOffset));
  const body = yamlBlock(value, indent + unit, unit, eol);
  const at = last === undefined ? array.end : endOfLastLine(doc, last);
  return { uri: doc.uri, start: at, end: at, newText: `${eol}${indent}- ${body}` };
}

/** Replaces `search` inside a scalar's source text (keeps its quotes), e.g. `http://` → `https://`. */
export function replaceInScalar(doc: ParsedDocument, node: AstNode, search: string, replacement: string): TextEdit | undefined {
  const source = doc.text.slice(node.start, node.end);
  const index = source.indexOf(search);
  if (index < 0) return undefined;
  return { uri: doc.uri, start: node.start + index, end: node.start + index + search.length, newText: replacement };
}

/** Replaces a whole scalar value with a new one, quoted like JSON in JSON and plain/quoted as needed in YAML. */
export function replaceScalar(doc: ParsedDocument, node: AstNode, value: string | number | boolean | null): TextEdit {
  const text = doc.format === 'json' ? JSON.stringify(value) : yamlScalar(doc, node, value);
  return { uri: doc.uri, start: node.start, end: node.end, newText: text };
}

function yamlScalar(doc: ParsedDocument, node: AstNode, value: string | number | boolean | null): string {
  const original = doc.text.charAt(node.start);
  if (typeof value === 'string' && (original === '"' || original === "'")) {
    return original === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
  }
  return stringifyYaml(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** Removes a property (key, value and its line(s) in block YAML; the separating comma in flow/JSON). */
export function removeProperty(doc: ParsedDocument, object: ObjectNode, key: string): TextEdit | undefined {
  const node = object.properties.get(key);
  if (node === undefined || node.keyStart === undefined) return undefined;
  return removeEntry(doc, object.type === 'object' ? [...object.properties.values()] : [], node, isFlow(doc, object), node.keyStart);
}

/** Removes an item from an array node. */
export function removeArrayItem(doc: ParsedDocument, array: ArrayNode, index: number): TextEdit | undefined {
  const node = array.items[index];
  if (node === undefined) return undefined;
  const start = isFlow(doc, array) ? node.start : doc.text.lastIndexOf('-', node.start);
  return removeEntry(doc, array.items, node, isFlow(doc, array), start);
}

function removeEntry(doc: ParsedDocument, siblings: AstNode[], node: AstNode, flow: boolean, entryStart: number): TextEdit {
  const index = siblings.indexOf(node);
  if (flow) {
    if (siblings.length === 1) return { uri: doc.uri, start: entryStart, end: node.end, newText: '' };
    if (index < siblings.length - 1) {
      const next = siblings[index + 1];
      const nextStart = next.keyStart ?? next.start;
      return { uri: doc.uri, start: entryStart, end: nextStart, newText: '' };
    }
    const previous = siblings[index - 1];
    return { uri: doc.uri, start: previous.end, end: node.end, newText: '' };
  }
  // Block: remove whole lines from the entry's line to the end of its content.
  const firstLine = doc.lines.positionAt(entryStart).line;
  const start = doc.lines.lineStart(firstLine);
  const lastLine = doc.lines.positionAt(endOfContent(doc, node)).line;
  const end = lastLine + 1 < doc.lines.lineCount ? doc.lines.lineStart(lastLine + 1) : doc.text.length;
  return { uri: doc.uri, start, end, newText: '' };
}

/** The quote that opens the key or scalar at `offset`: a double or single quote, or '' when it is plain. */
function quoteAt(doc: ParsedDocument, offset: number): '"' | "'" | '' {
  const char = doc.text.charAt(offset);
  return char === '"' || char === "'" ? char : '';
}

function quoteYaml(text: string, quote: '"' | "'"): string {
  return quote === '"' ? JSON.stringify(text) : `'${text.replace(/'/g, "''")}'`;
}

/**
 * A property key written the way a sibling's key is written, so that an inserted entry looks like
 * its neighbours: JSON always quotes; YAML keeps the sibling's quotes, and writes a status code
 * (`401`) plain next to plain ones, which YAML reads as a number and OpenAPI tools accept as the
 * status. Any other key falls back to the quoting YAML needs.
 */
export function keyTextLike(doc: ParsedDocument, sibling: AstNode | undefined, key: string): string {
  if (doc.format === 'json') return JSON.stringify(key);
  const quote = sibling?.keyStart === undefined ? '' : quoteAt(doc, sibling.keyStart);
  if (quote !== '') return quoteYaml(key, quote);
  if (sibling?.keyStart !== undefined && /^[1-5]\d\d$/.test(key)) return key;
  return yamlKey(key);
}

/** Renames a property in place, keeping the quoting of its key (plain keys stay plain where YAML allows it). */
export function renameKey(doc: ParsedDocument, node: AstNode, newKey: string): TextEdit | undefined {
  if (node.keyStart === undefined || node.keyEnd === undefined) return undefined;
  const quote = quoteAt(doc, node.keyStart);
  const newText = doc.format === 'json' ? JSON.stringify(newKey) : quote === '' ? yamlKey(newKey) : quoteYaml(newKey, quote);
  return { uri: doc.uri, start: node.keyStart, end: node.keyEnd, newText };
}

/** True when the collection or one of its ancestors is written in flow style (or the document is JSON). */
function inFlowContext(doc: ParsedDocument, node: AstNode): boolean {
  if (doc.format === 'json') return true;
  for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) {
    if ((current.type === 'object' || current.type === 'array') && current.flow) return true;
  }
  return false;
}

/**
 * Replaces a whole node (scalar or collection) with a new value, rendered for where it stands:
 * JSON compact inside a one-line parent and pretty-printed inside a multi-line one; YAML flow
 * inside a flow collection; YAML block otherwise — inline after a sequence dash (`- {}` becomes
 * `- name: []`), and on the following lines under a mapping key when the value is a non-empty
 * collection and nothing but spaces separates the key from the old value.
 */
export function replaceNode(doc: ParsedDocument, node: AstNode, value: unknown): TextEdit {
  const eol = eolOf(doc);
  const unit = indentUnit(doc);
  const parent = node.parent;
  if (doc.format === 'json') {
    const multiLine = parent !== undefined && doc.lines.positionAt(parent.start).line !== doc.lines.positionAt(parent.end).line;
    const text = jsonValue(value, lineIndentText(doc, node.start), unit, eol, !multiLine);
    return { uri: doc.uri, start: node.start, end: node.end, newText: text };
  }
  const end = endOfContent(doc, node);
  if (parent !== undefined && inFlowContext(doc, parent)) {
    return { uri: doc.uri, start: node.start, end, newText: flowValue(doc, value) };
  }
  if (parent?.type === 'object' && node.keyEnd !== undefined && isNonEmptyCollection(value)) {
    const colon = doc.text.indexOf(':', node.keyEnd);
    const between = colon < 0 ? undefined : doc.text.slice(colon + 1, node.start);
    if (between === undefined || !/^[ \t]*$/.test(between)) return { uri: doc.uri, start: node.start, end, newText: flowValue(doc, value) };
    const indent = lineIndentText(doc, node.keyStart ?? node.start) + unit;
    return { uri: doc.uri, start: colon + 1, end, newText: `${eol}${indent}${yamlBlock(value, indent, unit, eol)}` };
  }
  const column = ' '.repeat(columnOf(doc, node.start));
  return { uri: doc.uri, start: node.start, end, newText: yamlBlock(value, column, unit, eol) };
}

/**
 * Adds `key: value` to an object node just before the existing property `beforeKey`, matching the
 * document's style; without that property the entry goes at the end. In block YAML the new entry
 * also goes above the comment lines written at the indentation of `beforeKey` directly above it,
 * because such a comment (an `api-guard-ignore` one in particular) belongs to that key and must
 * stay next to it.
 */
export function insertPropertyBefore(
  doc: ParsedDocument,
  object: ObjectNode,
  key: string,
  value: unknown,
  beforeKey: string,
  options: { keyText?: string } = {},
): TextEdit {
  const target = object.properties.get(beforeKey);
  if (target?.keyStart === undefined) return insertProperty(doc, object, key, value, { keyText: options.keyText });
  const eol = eolOf(doc);
  const unit = indentUnit(doc);
  const json = doc.format === 'json';
  const keyText = options.keyText ?? (json ? JSON.stringify(key) : yamlKey(key));
  const targetLine = doc.lines.positionAt(target.keyStart).line;
  const keyColumn = columnOf(doc, target.keyStart);
  const firstOnLine = /^[ \t]*$/.test(doc.text.slice(doc.lines.lineStart(targetLine), target.keyStart));
  if (isFlow(doc, object)) {
    const multiLine = doc.lines.positionAt(object.start).line !== doc.lines.positionAt(object.end).line;
    if (multiLine && firstOnLine) {
      const indent = lineIndentText(doc, target.keyStart);
      const valueText = json ? jsonValue(value, indent, unit, eol, false) : flowValue(doc, value);
      return { uri: doc.uri, start: target.keyStart, end: target.keyStart, newText: `${keyText}: ${valueText},${eol}${indent}` };
    }
    const valueText = json ? JSON.stringify(value) : flowValue(doc, value);
    return { uri: doc.uri, start: target.keyStart, end: target.keyStart, newText: `${keyText}: ${valueText}, ` };
  }
  const indent = ' '.repeat(keyColumn);
  const rendered = renderBlockEntry(keyText, value, indent, unit, eol);
  // A key that shares its line with a sequence dash (`- name: id`) cannot get a line above it.
  if (!firstOnLine) return { uri: doc.uri, start: target.keyStart, end: target.keyStart, newText: rendered + eol + indent };
  let line = targetLine;
  while (line > 0) {
    const above = doc.text.slice(doc.lines.lineStart(line - 1), doc.lines.lineEnd(line - 1));
    const comment = /^([ \t]*)#/.exec(above);
    if (comment === null || comment[1].length !== keyColumn) break;
    line--;
  }
  const at = doc.lines.lineStart(line);
  return { uri: doc.uri, start: at, end: at, newText: indent + rendered + eol };
}

/**
 * Appends several items to an array node in one edit, in order, matching the document's style.
 * One edit rather than one per item, because edits inserting at the same point cannot be applied
 * together (fix-all would need a round per item).
 */
export function appendArrayItems(doc: ParsedDocument, array: ArrayNode, values: readonly unknown[]): TextEdit | undefined {
  if (values.length === 0) return undefined;
  const first = appendArrayItem(doc, array, values[0]);
  if (array.items.length === 0 && isFlow(doc, array)) {
    const rendered = values.map((value) => (doc.format === 'json' ? JSON.stringify(value) : flowValue(doc, value)));
    return { ...first, newText: rendered.join(', ') };
  }
  // Each further item follows the previous one exactly as it would follow the current last item.
  const rest = values.slice(1).map((value) => appendArrayItem(doc, array, value).newText);
  return { ...first, newText: first.newText + rest.join('') };
}
