import type { Node as YamlNode, Document } from 'yaml';
import type { AstNode, CollectionNode, ObjectNode } from './ast';
import { readYamlFast, readYamlFastSteps } from './fastYaml';
import type { ParseResult } from './parseJson';
import type { SyntaxProblem } from './syntaxError';

/**
 * The functions of the `yaml` package this module uses, set when it is first needed
 * (`loadYamlPackage`). The fast reader (fastYaml.ts) reads nearly every spec itself, and a lint of
 * a JSON spec never reads YAML: loading the package with the CLI bundle took some 3 ms of every run.
 */
let parseDocument: typeof import('yaml').parseDocument;
let isAlias: typeof import('yaml').isAlias;
let isMap: typeof import('yaml').isMap;
let isPair: typeof import('yaml').isPair;
let isScalar: typeof import('yaml').isScalar;
let isSeq: typeof import('yaml').isSeq;

/** Loads the `yaml` package, before the first `parseDocument`: its nodes are only ever met after one. */
function loadYamlPackage(): void {
  if (parseDocument !== undefined) return;
  ({ parseDocument, isAlias, isMap, isPair, isScalar, isSeq } = require('yaml') as typeof import('yaml'));
}

/**
 * Caps alias expansion: `maxNodes` nodes in all, so an alias bomb ends with an error, not a hang.
 *
 * The hand-written reader in fastYaml.ts reads the YAML that OpenAPI documents use several times
 * faster and produces exactly the tree and the problems the yaml package path below produces; for
 * anything else (every text with a syntax error but a key out of its mapping's column or a key
 * given twice) it declines and the yaml package reads the text.
 */
export function parseYaml(text: string, maxNodes = 2_000_000): ParseResult {
  const fast = readYamlFast(text, maxNodes);
  if (fast.root !== undefined) return { root: fast.root, errors: fast.errors };
  return parseYamlWithPackage(text, maxNodes);
}

/**
 * `parseYaml` in steps (see `readYamlFastSteps`), for a caller that runs in slices of an event
 * loop. Text the fast reader declines is read by the yaml package in one step.
 */
export function* parseYamlSteps(text: string, maxNodes = 2_000_000): Generator<void, ParseResult, void> {
  const fast = yield* readYamlFastSteps(text, maxNodes);
  if (fast.root !== undefined) return { root: fast.root, errors: fast.errors };
  return parseYamlWithPackage(text, maxNodes);
}

/** Reads YAML with the yaml package and converts the document; the reference for the fast reader. */
export function parseYamlWithPackage(text: string, maxNodes = 2_000_000): ParseResult {
  const errors: SyntaxProblem[] = [];
  let document: Document.Parsed;
  loadYamlPackage();
  try {
    document = parseDocument(text, { merge: true, prettyErrors: false, strict: false });
  } catch (error) {
    errors.push({ message: `YAML could not be read: ${(error as Error).message}`, start: 0, end: 0 });
    return { root: undefined, errors };
  }
  for (const error of document.errors) {
    errors.push({ message: firstLine(error.message), start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) });
  }
  // In the order of the text. The yaml package reports some problems when a collection is done,
  // after those inside it; an edit that patches a region (incrementalParse.ts) finds the same order.
  errors.sort((a, b) => a.start - b.start || a.end - b.end);

  if (document.contents === null) {
    if (errors.length === 0) errors.push({ message: 'The document is empty', start: 0, end: 0 });
    return { root: undefined, errors };
  }
  const budget = { remaining: maxNodes, exceeded: false };
  let root: AstNode | undefined;
  try {
    root = convert(document.contents, undefined, undefined, document, budget, new Set());
  } catch (error) {
    // The yaml package can throw while resolving broken merge keys or aliases; parsing never throws.
    errors.push({ message: `YAML could not be read: ${(error as Error).message}`, start: 0, end: 0 });
    return { root: undefined, errors };
  }
  if (budget.exceeded) {
    errors.push({
      message: `The document expands to more than ${maxNodes} nodes (aliases repeated too often); the rest is not analysed`,
      start: 0,
      end: 0,
    });
  }
  return { root, errors };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

interface Budget {
  remaining: number;
  exceeded: boolean;
}

function convert(
  node: YamlNode | null | unknown,
  parent: CollectionNode | undefined,
  key: string | number | undefined,
  document: Document.Parsed,
  budget: Budget,
  expanding: Set<unknown>,
): AstNode | undefined {
  if (budget.remaining-- <= 0) {
    budget.exceeded = true;
    return undefined;
  }
  if (isAlias(node)) {
    const target = node.resolve(document);
    // An alias that points into itself cannot be expanded as a tree.
    if (target === undefined || expanding.has(target)) {
      const [start, end] = node.range ?? [0, 0];
      return { type: 'null', value: null, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    }
    expanding.add(target);
    const expanded = convert(target, parent, key, document, budget, expanding);
    expanding.delete(target);
    return expanded;
  }
  const range = (node as YamlNode | null)?.range ?? [0, 0, 0];
  const start = range[0];
  const end = range[1];
  if (isMap(node)) {
    const object: ObjectNode = { type: 'object', properties: new Map(), flow: node.flow === true, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const name = keyText(keyNode, document);
      if (name === '<<' && pair.value !== null) {
        mergeInto(object, pair.value, document, budget, expanding);
        continue;
      }
      const value =
        pair.value === null || pair.value === undefined
          ? nullAfterKey(keyNode, object, name)
          : convert(pair.value, object, name, document, budget, expanding);
      if (value === undefined) continue;
      if (keyNode !== null && keyNode?.range) {
        value.keyStart = keyNode.range[0];
        value.keyEnd = keyNode.range[1];
      }
      object.properties.delete(name);
      object.properties.set(name, value);
    }
    return object;
  }
  if (isSeq(node)) {
    const array: CollectionNode = { type: 'array', items: [], flow: node.flow === true, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    for (const item of node.items) {
      const value = convert(item, array, array.items.length, document, budget, expanding);
      if (value !== undefined) array.items.push(value);
    }
    return array;
  }
  if (isScalar(node)) {
    const raw = node.value;
    if (raw === null || raw === undefined) return { type: 'null', value: null, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    if (typeof raw === 'string') return { type: 'string', value: raw, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    if (typeof raw === 'number') return { type: 'number', value: raw, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    if (typeof raw === 'bigint') return { type: 'number', value: Number(raw), start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    if (typeof raw === 'boolean') return { type: 'boolean', value: raw, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
    return { type: 'string', value: String(raw), start, end, parent, key, keyStart: undefined, keyEnd: undefined };
  }
  return { type: 'null', value: null, start, end, parent, key, keyStart: undefined, keyEnd: undefined };
}

/** `key:` with nothing after it is null; it sits right after the key so that fixes can find it. */
function nullAfterKey(keyNode: YamlNode | null, parent: ObjectNode, name: string): AstNode {
  const at = keyNode?.range ? keyNode.range[1] : parent.end;
  return { type: 'null', value: null, start: at, end: at, parent, key: name, keyStart: undefined, keyEnd: undefined };
}

function keyText(keyNode: YamlNode | null, document: Document.Parsed): string {
  if (keyNode === null || keyNode === undefined) return '';
  if (isScalar(keyNode)) {
    // With `merge: true` the yaml package marks the merge key `<<` with a symbol.
    if (typeof keyNode.value === 'symbol') return '<<';
    return keyNode.value === null ? '' : String(keyNode.value);
  }
  if (isAlias(keyNode)) return keyText(keyNode.resolve(document) ?? null, document);
  try {
    return String(keyNode);
  } catch {
    // A collection key is named by its JSON form, which fails when it holds a broken merge key.
    return '';
  }
}

/** YAML merge keys (`<<: *base`): properties of the merged maps that the object does not set itself. */
function mergeInto(
  object: ObjectNode,
  source: unknown,
  document: Document.Parsed,
  budget: Budget,
  expanding: Set<unknown>,
): void {
  const sources = isSeq(source) ? source.items : [source];
  for (const item of sources) {
    const target = isAlias(item) ? item.resolve(document) : item;
    if (!isMap(target) || expanding.has(target)) continue;
    expanding.add(target);
    for (const pair of target.items) {
      if (!isPair(pair)) continue;
      const name = keyText(pair.key as YamlNode | null, document);
      if (object.properties.has(name)) continue;
      const value = convert(pair.value, object, name, document, budget, expanding);
      if (value === undefined) continue;
      const keyRange = (pair.key as YamlNode | null)?.range;
      if (keyRange) {
        value.keyStart = keyRange[0];
        value.keyEnd = keyRange[1];
      }
      object.properties.set(name, value);
    }
    expanding.delete(target);
  }
}

/**
 * One level of the context an entry is read in (`readYamlEntryInContext`), from the document's
 * root down: a block mapping whose one entry is `key`, its key at `keyStart`, with the next level
 * as its value; or a block sequence whose one item is the next level.
 */
export type ContextLevel = { kind: 'entry'; key: string; keyStart: number } | { kind: 'item' };

/**
 * Reads an entry of a block mapping with the yaml package, in a text made of its context: the
 * lines of the keys (and dashes) that enclose it, from the root down (`levels`), then the entry's
 * own lines [`entry.start`, `entry.end`), then the first line of the entry after it (`sentinel`).
 * Undefined unless that text reads as exactly that shape: each level holds only the next one, and
 * the innermost mapping holds two entries, one whose key is at `entry.keyStart` and then the
 * sentinel, with every problem inside the entry's lines (starting before their last line break; a
 * key without a value may reach to the start of the sentinel's line, as in the whole text). The entry
 * read, its key and its problems are returned at their offsets in that text.
 */
export function readYamlEntryInContext(
  text: string,
  levels: readonly ContextLevel[],
  entry: { start: number; end: number; keyStart: number },
  sentinel: { key: string; keyStart: number },
  maxNodes: number,
): { key: string; node: AstNode; errors: SyntaxProblem[] } | undefined {
  const read = readYamlEntriesInContext(text, levels, entry, sentinel, maxNodes, 1);
  if (read === undefined || read.entries.length !== 1 || read.entries[0].keyStart !== entry.keyStart) return undefined;
  const [{ key, node }] = read.entries;
  node.parent = undefined;
  return { key, node, errors: read.errors };
}

/**
 * Reads the lines [`region.start`, `region.end`) of a block mapping with the yaml package, in a
 * text made of their context as for `readYamlEntryInContext`: the lines of the keys (and dashes)
 * that lead to the mapping from the root (`levels`), then those lines, then the first line of the
 * mapping's entry after them (`sentinel`). Undefined unless that text reads as that shape: each
 * level holds only the next one, and the innermost mapping holds entries whose keys start inside
 * the lines (`most` of them at most; a key may be given twice among them, and the later entry then
 * takes the earlier one's place, with the package's problem), none of them the sentinel's, and
 * then the sentinel, with every problem inside the lines (starting before their last line break).
 * The entries read (their nodes with their keys' offsets, each node's parent the mapping), the
 * problems and the mapping's start are returned at their offsets in that text.
 *
 * The fast reader reads the text first: it gives the package's tree and problems, several times
 * faster (a path of 50 KB pasted next to itself: 2–20 ms against 40–180 ms), where it reads the
 * text at all. `reader` 'package' leaves it out (for the tests that compare the two readings).
 */
export function readYamlEntriesInContext(
  text: string,
  levels: readonly ContextLevel[],
  region: { start: number; end: number },
  sentinel: { key: string; keyStart: number },
  maxNodes: number,
  most = Infinity,
  reader: 'fast first' | 'package' = 'fast first',
): EntriesInContext | undefined {
  if (reader === 'fast first') {
    const fast = readYamlFast(text, maxNodes);
    const read = fast.root === undefined ? 'package' : entriesOfTree(fast.root, fast.errors, levels, region, sentinel, most);
    if (read !== 'package') return read;
  }
  let document: Document.Parsed;
  loadYamlPackage();
  try {
    document = parseDocument(text, { merge: true, prettyErrors: false, strict: false });
  } catch {
    return undefined;
  }
  const lastBreak = region.end - 1;
  const errors: SyntaxProblem[] = [];
  for (const error of document.errors) {
    const start = error.pos[0];
    const end = Math.max(error.pos[1], start);
    if (start < region.start || start >= lastBreak || end > region.end) return undefined;
    errors.push({ message: firstLine(error.message), start, end });
  }
  errors.sort((a, b) => a.start - b.start || a.end - b.end);

  let node: unknown = document.contents;
  for (const level of levels) {
    if (level.kind === 'item') {
      if (!isSeq(node) || node.flow || node.items.length !== 1) return undefined;
      node = node.items[0];
      continue;
    }
    if (!isMap(node) || node.flow || node.items.length !== 1) return undefined;
    const pair = node.items[0];
    if (!isPair(pair) || !isScalar(pair.key) || pair.key.range?.[0] !== level.keyStart || keyText(pair.key, document) !== level.key) return undefined;
    node = pair.value;
  }
  if (!isMap(node) || node.flow || node.items.length < 1 || node.items.length - 1 > most) return undefined;
  const names = new Set<string>();
  for (let index = 0; index < node.items.length; index++) {
    const pair = node.items[index];
    if (!isPair(pair)) return undefined;
    const keyNode = pair.key as YamlNode | null;
    const keyStart = keyNode?.range?.[0];
    if (index === node.items.length - 1) {
      if (!isScalar(keyNode) || keyStart !== sentinel.keyStart || keyText(keyNode, document) !== sentinel.key) return undefined;
    } else if (keyStart === undefined || keyStart < region.start || keyStart >= region.end) return undefined;
    const key = keyText(keyNode, document);
    if (key === '<<') return undefined;
    // A key given twice inside the lines (a path pasted next to itself) is a problem the package
    // reports there, and the later entry takes the earlier one's place, as in a full parse (see
    // `convert`); the sentinel's key given inside them would end up the sentinel's, with the
    // problem after the lines.
    if (index < node.items.length - 1 ? key === sentinel.key : names.has(key)) return undefined;
    names.add(key);
  }

  const budget = { remaining: maxNodes, exceeded: false };
  let mapping: AstNode | undefined;
  try {
    mapping = convert(node, undefined, undefined, document, budget, new Set());
  } catch {
    return undefined;
  }
  if (budget.exceeded || mapping === undefined || mapping.type !== 'object' || mapping.properties.size !== names.size) return undefined;
  const entries: { key: string; keyStart: number; node: AstNode }[] = [];
  for (const [key, value] of mapping.properties) {
    if (key === sentinel.key) break;
    if (value.keyStart === undefined) return undefined;
    entries.push({ key, keyStart: value.keyStart, node: value });
  }
  return { entries, errors, mappingStart: mapping.start };
}

/** What `readYamlEntriesInContext` reads: the entries, the problems, and where the mapping starts. */
export interface EntriesInContext {
  entries: { key: string; keyStart: number; node: AstNode }[];
  errors: SyntaxProblem[];
  mappingStart: number;
}

/** The problem of a key given twice in a mapping, as the package (and the fast reader) reports it. */
const DUPLICATE_KEY = 'Map keys must be unique';

/**
 * `readYamlEntriesInContext` of the fast reader's tree and problems: the same checks of the shape,
 * on the converted tree. A key given twice is one entry there (the later one, where the package's
 * pairs hold both), which the checks cover: a level holds the key that leads on at its own offset,
 * and the sentinel's key given inside the lines leaves the problem on the sentinel's key, after
 * them. Where the entries are counted (`most`), each time a key of the mapping is given counts,
 * as the package counts its pairs: a key given twice there (its last entry has the problem on its
 * key) counts at least once more, which decides for `most` = 1 (an entry read alone); for another
 * count the package reads the text ('package').
 */
function entriesOfTree(
  root: AstNode,
  problems: SyntaxProblem[],
  levels: readonly ContextLevel[],
  region: { start: number; end: number },
  sentinel: { key: string; keyStart: number },
  most: number,
): EntriesInContext | undefined | 'package' {
  const lastBreak = region.end - 1;
  for (const problem of problems) if (problem.start < region.start || problem.start >= lastBreak || problem.end > region.end) return undefined;
  let node: AstNode = root;
  for (const level of levels) {
    if (level.kind === 'item') {
      if (node.type !== 'array' || node.flow || node.items.length !== 1) return undefined;
      node = node.items[0];
      continue;
    }
    if (node.type !== 'object' || node.flow || node.properties.size !== 1) return undefined;
    const value = node.properties.get(level.key);
    if (value === undefined || value.keyStart !== level.keyStart) return undefined;
    node = value;
  }
  if (node.type !== 'object' || node.flow || node.properties.size < 1 || node.properties.size - 1 > most) return undefined;
  const entries: { key: string; keyStart: number; node: AstNode }[] = [];
  let last: AstNode | undefined;
  for (const [key, value] of node.properties) {
    if (key === '<<' || value.keyStart === undefined) return undefined;
    if (last !== undefined) {
      if (last.keyStart! < region.start || last.keyStart! >= region.end) return undefined;
      entries.push({ key: last.key as string, keyStart: last.keyStart!, node: last });
    }
    last = value;
  }
  if (last === undefined || last.keyStart !== sentinel.keyStart || last.key !== sentinel.key) return undefined;
  if (most !== Infinity) {
    const keyStarts = new Set(entries.map((entry) => entry.keyStart));
    if (problems.some((problem) => problem.message === DUPLICATE_KEY && keyStarts.has(problem.start))) return node.properties.size > most ? undefined : 'package';
  }
  return { entries, errors: problems, mappingStart: node.start };
}
