import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { toValue, type AstNode, type ObjectNode } from '../../../server/src/core/model/ast';
import { patchLimits, reparseJsonAfterChange, reparseYamlAfterChange, type TextChange } from '../../../server/src/core/model/incrementalParse';
import { parseDocument, type ParsedDocument } from '../../../server/src/core/model/parseDocument';
import { readYamlEntriesInContext, type ContextLevel } from '../../../server/src/core/model/parseYaml';
import { readYamlFast } from '../../../server/src/core/model/fastYaml';
import { valueAfterPatch } from '../../../server/src/core/model/plainValue';
import { PieceText } from '../../../server/src/core/model/textSource';
import { CORPUS_DIR } from '../helpers/corpus';
import { seededRandom as seeded } from '../helpers/seededRandom';

/** The first difference between two trees (offsets, keys, key ranges, values, order, parents), or undefined. */
function treeDifference(patched: AstNode | undefined, fresh: AstNode | undefined, path = '#'): string | undefined {
  if (patched === undefined || fresh === undefined) return patched === fresh ? undefined : `${path}: one tree is missing`;
  for (const field of ['type', 'start', 'end', 'key', 'keyStart', 'keyEnd'] as const) {
    if (patched[field] !== fresh[field]) return `${path}: ${field} ${String(patched[field])} ≠ ${String(fresh[field])}`;
  }
  if (patched.type === 'object' && fresh.type === 'object') {
    if (patched.flow !== fresh.flow) return `${path}: flow differs`;
    const keys = [...patched.properties.keys()];
    const freshKeys = [...fresh.properties.keys()];
    if (keys.join('\u0000') !== freshKeys.join('\u0000')) return `${path}: keys [${keys.slice(0, 8).join(', ')}…] ≠ [${freshKeys.slice(0, 8).join(', ')}…]`;
    for (const key of keys) {
      const child: AstNode = patched.properties.get(key)!;
      if (child.parent !== patched) return `${path}/${key}: parent is not the object holding it`;
      const difference = treeDifference(child, fresh.properties.get(key), `${path}/${key}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (patched.type === 'array' && fresh.type === 'array') {
    if (patched.flow !== fresh.flow) return `${path}: flow differs`;
    if (patched.items.length !== fresh.items.length) return `${path}: ${patched.items.length} items ≠ ${fresh.items.length}`;
    for (let index = 0; index < patched.items.length; index++) {
      if (patched.items[index].parent !== patched) return `${path}/${index}: parent is not the array holding it`;
      const difference = treeDifference(patched.items[index], fresh.items[index], `${path}/${index}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  const value = (node: AstNode): unknown => (node as { value: unknown }).value;
  return Object.is(value(patched), value(fresh)) ? undefined : `${path}: value ${JSON.stringify(value(patched))} ≠ ${JSON.stringify(value(fresh))}`;
}

function documentDifference(patched: ParsedDocument, fresh: ParsedDocument): string | undefined {
  // Read through `slice`, which does not keep a `PieceText` as one string, so that the next patch
  // reads the previous text through its pieces too.
  if (patched.source.slice() !== fresh.text) return 'texts differ';
  if (JSON.stringify(patched.errors) !== JSON.stringify(fresh.errors)) return `errors ${JSON.stringify(patched.errors)} ≠ ${JSON.stringify(fresh.errors)}`;
  if (patched.lines.lineCount !== fresh.lines.lineCount) return `line count ${patched.lines.lineCount} ≠ ${fresh.lines.lineCount}`;
  for (let line = 0; line < fresh.lines.lineCount; line++) {
    if (patched.lines.lineStart(line) !== fresh.lines.lineStart(line)) return `line ${line} starts at ${patched.lines.lineStart(line)} ≠ ${fresh.lines.lineStart(line)}`;
  }
  return treeDifference(patched.root, fresh.root);
}

/** What typing does to a YAML text: letters in words, deletions, and the characters that change structure. */
const INSERTIONS = ['x', 'Q', '7', ' ', ':', ': ', ': v', '#', ' #', '- ', '-', '"', "'", '\n', '\n  ', '\n- ', '{', '}', '[', ']', ',', '|', '>', '&a ', '*a', '? ', '!', '%', '@', '`', '\\', 'true', 'null', '1.5', '0x1F', '~'];

function randomChange(text: string, next: () => number): TextChange {
  const kind = next();
  let offset = Math.floor(next() * (text.length + 1));
  if (kind < 0.6) {
    // Mostly inside words, where typing happens: move to the nearest letter or digit.
    while (offset < text.length && !/[A-Za-z0-9]/.test(text[offset])) offset++;
    return { start: offset, end: offset, text: String.fromCharCode(97 + Math.floor(next() * 26)) };
  }
  if (kind < 0.75) return { start: offset, end: Math.min(text.length, offset + 1 + Math.floor(next() * 3)), text: '' };
  if (kind < 0.8) return { start: offset, end: Math.min(text.length, offset + Math.floor(next() * 12)), text: 'word' };
  return { start: offset, end: offset, text: INSERTIONS[Math.floor(next() * INSERTIONS.length)] };
}

/**
 * Like `replay`, but through broken texts: random edits until the text has syntax problems, then
 * random edits of that text, each patched version (problems and their offsets included) checked
 * against a fresh parse; the next edit goes on from whatever the edit made, broken or repaired.
 * Returns how many edits of a broken text were patched.
 */
function replayBroken(uri: string, text: string, edits: number, seed: number): { patched: number; tried: number } {
  const next = seeded(seed);
  let current = parseDocument(uri, text, 1);
  let patched = 0;
  let tried = 0;
  for (let version = 2; version < edits + 2; version++) {
    const change = randomChange(text, next);
    const newText = text.slice(0, change.start) + change.text + text.slice(change.end);
    const broken = current.errors.length > 0;
    const result = broken ? reparseYamlAfterChange(current, change, newText, version) : undefined;
    const fresh = parseDocument(uri, newText, version);
    if (broken) tried++;
    if (result !== undefined) {
      patched++;
      const where = `${uri} seed ${seed}, edit ${version - 1} ${JSON.stringify(change)} at ${JSON.stringify(text.slice(Math.max(0, change.start - 40), change.end + 40))} with ${JSON.stringify(current.errors)}`;
      assert.equal(documentDifference(result, fresh), undefined, where);
    }
    current = result ?? fresh;
    text = newText;
  }
  return { patched, tried };
}

/** A text being typed into, version after version, and how many keystrokes into or out of a broken text were patched. */
interface Typing {
  uri: string;
  text: string;
  current: ParsedDocument;
  version: number;
  patched: number;
  tried: number;
}

function startTyping(uri: string, text: string): Typing {
  return { uri, text, current: parseDocument(uri, text, 1), version: 1, patched: 0, tried: 0 };
}

/**
 * One keystroke: patched from the version before when it can be, and checked against a full
 * parse, problems included; `where` describes it (before the change) for a failure.
 */
function keystroke(typing: Typing, change: TextChange, where: (text: string) => string): void {
  const newText = typing.text.slice(0, change.start) + change.text + typing.text.slice(change.end);
  typing.version++;
  const result = reparseYamlAfterChange(typing.current, change, newText, typing.version);
  const fresh = parseDocument(typing.uri, newText, typing.version);
  const broken = typing.current.errors.length > 0 || fresh.errors.length > 0;
  if (broken) typing.tried++;
  if (result !== undefined) {
    if (broken) typing.patched++;
    assert.equal(documentDifference(result, fresh), undefined, where(typing.text));
    // Entries kept under a mapping made anew are the old mapping's, under the same keys.
    const patch = result.patch!;
    for (const entry of patch.kept ?? []) {
      assert.ok(entry.parent === patch.node && (patch.replaced as ObjectNode).properties.get(entry.key as string) === entry, `kept entry ${String(entry.key)}: ${where(typing.text)}`);
    }
  }
  typing.current = result ?? fresh;
  typing.text = newText;
}

/**
 * What typing a new entry does: after a random line with a key or a dash, a line break and the
 * line's indentation (or two more spaces), then a key typed letter by letter (the text is broken
 * until its colon), a colon, a space and a value; or a dash, a space and a word. Each keystroke is
 * patched from the version before when it can be, and checked against a full parse. Returns how
 * many keystrokes into or out of a broken text (either version with problems) were patched.
 */
function replayTyping(uri: string, text: string, entries: number, seed: number): { patched: number; tried: number } {
  const next = seeded(seed);
  const typing = startTyping(uri, text);
  for (let entry = 0; entry < entries; entry++) {
    const lines = typing.text.split('\n');
    const candidates = lines.map((line, index) => ({ line, index })).filter(({ line }) => /^ *(- |[A-Za-z_$'"/][^:#]*:( |$))/.test(line));
    const { index: lineIndex, line } = candidates[Math.floor(next() * candidates.length)];
    let at = lines.slice(0, lineIndex + 1).join('\n').length;
    const indent = line.length - line.trimStart().length + (next() < 0.3 ? 2 : 0);
    const word = ['name', 'x-rate', 'type', 'maxLength', 'description', 'required'][Math.floor(next() * 6)];
    const keystrokes = next() < 0.8 ? ['\n' + ' '.repeat(indent), ...word, ':', ' ', 'v', '1'] : ['\n' + ' '.repeat(indent), '-', ' ', ...word];
    for (const typed of keystrokes) {
      keystroke(typing, { start: at, end: at, text: typed }, (before) => `${uri} seed ${seed}, entry ${entry}, ${JSON.stringify(typed)} at ${JSON.stringify(before.slice(Math.max(0, at - 80), at + 40))}`);
      at += typed.length;
    }
  }
  return { patched: typing.patched, tried: typing.tried };
}

/**
 * A typo after a quoted key or value: one or two letters typed right after a random closing quote,
 * then taken out again, a keystroke at a time, each patched from the version before when it can be
 * and checked against a full parse. Returns how many keystrokes into or out of a broken text were
 * patched.
 */
function replayStray(uri: string, text: string, typos: number, seed: number): { patched: number; tried: number } {
  const next = seeded(seed);
  const quotes = [...text.matchAll(/'[^'\n]*'|"[^"\n]*"/g)].map((match) => match.index! + match[0].length);
  const typing = startTyping(uri, text);
  for (let typo = 0; typo < typos && quotes.length > 0; typo++) {
    const at = quotes[Math.floor(next() * quotes.length)];
    const letters = next() < 0.5 ? 1 : 2;
    const changes: TextChange[] = [];
    for (let index = 0; index < letters; index++) changes.push({ start: at + index, end: at + index, text: String.fromCharCode(97 + Math.floor(next() * 26)) });
    for (let index = letters - 1; index >= 0; index--) changes.push({ start: at + index, end: at + index + 1, text: '' });
    for (const change of changes) {
      keystroke(typing, change, (before) => `${uri} seed ${seed}, typo ${typo}, ${JSON.stringify(change)} at ${JSON.stringify(before.slice(Math.max(0, at - 60), at + 40))}`);
    }
  }
  return { patched: typing.patched, tried: typing.tried };
}

/** The lines of a text and where each starts. */
function linesOf(text: string): { lines: string[]; starts: number[] } {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return { lines, starts };
}

/**
 * What the editor's line commands and a keystroke in a line's indentation do: a random line with
 * content commented out, deleted, indented or outdented by two spaces, or a letter typed into its
 * indentation, then undone. In a deep mapping these change the structure of what follows, often
 * into a broken text. Each version is patched from the one before when it can be and checked
 * against a full parse. Returns how many of the edits and undos into or out of a broken text were
 * patched.
 */
function replayLineEdits(uri: string, text: string, edits: number, seed: number): { patched: number; tried: number } {
  const next = seeded(seed);
  const typing = startTyping(uri, text);
  const { lines, starts } = linesOf(text);
  const content = lines.flatMap((line, index) => (line.trim() !== '' && !line.trimStart().startsWith('#') && index + 1 < lines.length ? [index] : []));
  for (let edit = 0; edit < edits; edit++) {
    const index = content[Math.floor(next() * content.length)];
    const line = lines[index];
    const at = starts[index];
    const indent = line.length - line.trimStart().length;
    const kind = Math.floor(next() * 5);
    let pair: [TextChange, TextChange];
    if (kind === 0) pair = [{ start: at + indent, end: at + indent, text: '# ' }, { start: at + indent, end: at + indent + 2, text: '' }];
    else if (kind === 1) pair = [{ start: at, end: at + line.length + 1, text: '' }, { start: at, end: at, text: line + '\n' }];
    else if (kind === 2) pair = [{ start: at, end: at, text: '  ' }, { start: at, end: at + 2, text: '' }];
    else if (kind === 3 && indent >= 2) pair = [{ start: at, end: at + 2, text: '' }, { start: at, end: at, text: '  ' }];
    else {
      const place = at + Math.floor(next() * (indent + 1));
      pair = [{ start: place, end: place, text: 'q' }, { start: place, end: place + 1, text: '' }];
    }
    for (const change of pair) {
      keystroke(typing, change, (before) => `${uri} seed ${seed}, edit ${edit} of line ${index + 1}, ${JSON.stringify(change)} at ${JSON.stringify(before.slice(Math.max(0, at - 80), at + line.length + 40))}`);
    }
    assert.equal(typing.text, text, 'the undo gives the text back');
  }
  return { patched: typing.patched, tried: typing.tried };
}

/**
 * What copying an entry to make a new one does: a random entry of a block mapping (its key line and
 * the deeper lines after it) pasted right after itself, so that its key is given twice; then the
 * copy's key (or the original's) renamed by a letter or two and the letters taken out again, or the
 * paste undone, or the original deleted. Each version is patched from the one before when it can be and checked against
 * a full parse. Returns how many of the edits into or out of a broken text were patched.
 */
function replayPastedEntries(uri: string, text: string, pastes: number, seed: number): { patched: number; tried: number } {
  const next = seeded(seed);
  const typing = startTyping(uri, text);
  const { lines, starts } = linesOf(text);
  const keyLines = lines.flatMap((line, index) => (/^ *[A-Za-z_$/][^:#'"]*:( |$)/.test(line) && index + 1 < lines.length ? [index] : []));
  for (let paste = 0; paste < pastes; paste++) {
    const index = keyLines[Math.floor(next() * keyLines.length)];
    const indent = lines[index].length - lines[index].trimStart().length;
    let end = index + 1;
    while (end < lines.length - 1 && (lines[end].trim() === '' || lines[end].length - lines[end].trimStart().length > indent)) end++;
    const at = starts[end];
    const entry = text.slice(starts[index], at);
    const keyEnd = at + lines[index].indexOf(':');
    const changes: TextChange[] = [{ start: at, end: at, text: entry }];
    const kind = next();
    if (kind < 0.6) {
      // The copy's key renamed, or the original's, and back.
      const renamed = kind < 0.4 ? keyEnd : starts[index] + lines[index].indexOf(':');
      const letters = next() < 0.5 ? 1 : 2;
      for (let letter = 0; letter < letters; letter++) changes.push({ start: renamed + letter, end: renamed + letter, text: String.fromCharCode(97 + Math.floor(next() * 26)) });
      for (let letter = letters - 1; letter >= 0; letter--) changes.push({ start: renamed + letter, end: renamed + letter + 1, text: '' });
      changes.push({ start: at, end: at + entry.length, text: '' });
    } else if (kind < 0.8) changes.push({ start: at, end: at + entry.length, text: '' });
    else changes.push({ start: starts[index], end: at, text: '' });
    for (const change of changes) {
      keystroke(typing, change, (before) => `${uri} seed ${seed}, paste ${paste} of line ${index + 1}, ${JSON.stringify(change)} at ${JSON.stringify(before.slice(Math.max(0, at - 80), at + entry.length + 40))}`);
    }
    assert.equal(typing.text, text, 'the last edit gives the text back');
  }
  return { patched: typing.patched, tried: typing.tried };
}

/** Corpus YAML specs the random edit tests use. */
const YAML_SPECS = ['netlify.yaml', 'nytimes-books.yaml', 'swagger-petstore-v30.yaml', 'redocly-museum-v31.yaml', 'yelp-v3.yaml', 'oai-tictactoe-v31.yaml', 'oai-petstore-v2.yaml'];

/** The paths of those of the named corpus specs that exist. */
function corpusSpecs(names: string[]): string[] {
  return names.map((name) => join(CORPUS_DIR, 'specs', name)).filter((file) => existsSync(file));
}

/**
 * The replays `replayOne` makes of each file, summed up; undefined (the test skipped) without the
 * corpus.
 */
function replayEach(t: TestContext, files: string[], replayOne: (file: string, text: string, index: number) => { patched: number; tried: number }[]): { patched: number; tried: number } | undefined {
  if (files.length === 0) {
    t.skip(`no corpus at ${CORPUS_DIR}`);
    return undefined;
  }
  const sum = { patched: 0, tried: 0 };
  files.forEach((file, index) => {
    for (const result of replayOne(file, readFileSync(file, 'utf8'), index)) {
      sum.patched += result.patched;
      sum.tried += result.tried;
    }
  });
  return sum;
}

function yamlFilesBelow(folder: string, limit: number): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...yamlFilesBelow(path, limit - out.length));
    else if (/\.ya?ml$/i.test(name)) out.push(path);
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/**
 * Applies `edits` random edits one after the other, each to the result of the last, and checks
 * every patched version against a fresh parse of the same text. Returns how many were patched.
 * With `pieceLength`, each new text is handed to the patch as the language server does, as a
 * `PieceText` (cut that small, so that its reads cross many pieces).
 */
function replay(uri: string, text: string, edits: number, seed: number, pieceLength?: number): { patched: number; tried: number } {
  const next = seeded(seed);
  let current = parseDocument(uri, text, 1);
  let pieces = pieceLength === undefined ? undefined : PieceText.of(text, pieceLength);
  // The plain value is carried along the patches as the language server does (plainValue.ts).
  let value = current.root === undefined ? undefined : toValue(current.root);
  let patched = 0;
  for (let version = 2; version < edits + 2; version++) {
    const previousText = text;
    const change = randomChange(text, next);
    const newText = text.slice(0, change.start) + change.text + text.slice(change.end);
    const newSource = pieces === undefined ? newText : pieces.edited(change.start, change.end, change.text);
    const previousVersion = current.version;
    const previousValueText = JSON.stringify(value);
    const result = (current.format === 'json' ? reparseJsonAfterChange : reparseYamlAfterChange)(current, change, newSource, version);
    const fresh = parseDocument(uri, newText, version);
    const where = `${uri} seed ${seed}, edit ${version - 1} ${JSON.stringify(change)} at ${JSON.stringify(previousText.slice(Math.max(0, change.start - 40), change.end + 40))}`;
    if (result !== undefined) {
      patched++;
      const difference = documentDifference(result, fresh);
      assert.equal(difference, undefined, where);
      assert.equal(result.patch?.fromVersion, previousVersion, `the patch names the version it was made from: ${where}`);
      const patchedValue = valueAfterPatch(value, result.patch!.node, result.patch!.kept);
      assert.deepEqual(patchedValue, toValue(fresh.root!), `the value updated along the patch is the fresh value: ${where}`);
      assert.equal(JSON.stringify(value), previousValueText, `the previous value is left as it was: ${where}`);
      value = patchedValue;
    }
    // Go on from the text before a broken one: edits of broken texts have a test of their own (`replayBroken`).
    current = fresh.errors.length > 0 ? parseDocument(uri, previousText, version) : (result ?? fresh);
    text = current === result ? newText : current.text;
    if (pieceLength !== undefined) pieces = current === result ? (newSource as PieceText) : PieceText.of(text, pieceLength);
    if (current !== result) value = current.root === undefined ? undefined : toValue(current.root);
  }
  return { patched, tried: edits };
}

describe('incremental JSON re-parse', () => {
  it('patches an edit inside a string, a number or a property name, and declines one that breaks the token', () => {
    const text = '{"openapi": "3.0.3", "info": {"title": "Shop", "version": "1"}, "x-limit": 12, "paths": {}}';
    const previous = parseDocument('file:///a.json', text, 1);
    const at = text.indexOf('Shop') + 2;
    const typed = text.slice(0, at) + 'x' + text.slice(at);
    const patched = reparseJsonAfterChange(previous, { start: at, end: at, text: 'x' }, typed, 2);
    assert.ok(patched, 'a letter in a string is patched');
    assert.equal(documentDifference(patched, parseDocument('file:///a.json', typed, 2)), undefined);
    const digit = typed.indexOf('12') + 1;
    const bigger = typed.slice(0, digit) + '5' + typed.slice(digit);
    const number = reparseJsonAfterChange(patched, { start: digit, end: digit, text: '5' }, bigger, 3);
    assert.ok(number, 'a digit in a number is patched');
    assert.equal(documentDifference(number, parseDocument('file:///a.json', bigger, 3)), undefined);
    const key = bigger.indexOf('x-limit') + 2;
    const renamed = bigger.slice(0, key) + 'y' + bigger.slice(key);
    const rename = reparseJsonAfterChange(number, { start: key, end: key, text: 'y' }, renamed, 4);
    assert.ok(rename, 'a letter in a property name is patched');
    assert.equal(documentDifference(rename, parseDocument('file:///a.json', renamed, 4)), undefined);
    const quote = renamed.indexOf('Shxop') + 2;
    const broken = renamed.slice(0, quote) + '"' + renamed.slice(quote);
    assert.equal(reparseJsonAfterChange(rename, { start: quote, end: quote, text: '"' }, broken, 5), undefined, 'a quote ends the string early');
  });

  it('agrees with a full parse after many random edits of the corpus JSON files', (t) => {
    const files = corpusSpecs(['readme-train-travel-v31.json', 'readme-security-v30.json', 'oai-uspto-v30.json', 'oai-petstore-expanded-v2.json', 'oai-non-oauth-scopes-v31.json']);
    const sum = replayEach(t, files, (file, text, index) => [undefined, 64].map((pieceLength) => replay(`file://${file}`, text, 120, 2000 + index, pieceLength)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} random edits patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 3, `only ${sum.patched} of ${sum.tried} edits were patched`);
  });
});

describe('incremental YAML re-parse', () => {
  it('patches an edit inside a value or a key into exactly the tree a full parse gives', () => {
    const text = 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\npaths:\n  /orders:\n    get:\n      summary: List\n      tags: [a, b]\n  /items:\n    get: {}\n';
    const previous = parseDocument('file:///a.yaml', text, 1);
    const at = text.indexOf('List') + 4;
    const newText = text.slice(0, at) + 's' + text.slice(at);
    const patched = reparseYamlAfterChange(previous, { start: at, end: at, text: 's' }, newText, 2);
    assert.ok(patched, 'the edit is patched');
    assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', newText, 2)), undefined);
    const keyAt = newText.indexOf('summary');
    const renamed = newText.slice(0, keyAt) + 'x' + newText.slice(keyAt);
    const again = reparseYamlAfterChange(patched, { start: keyAt, end: keyAt, text: 'x' }, renamed, 3);
    assert.ok(again, 'a renamed key is patched');
    assert.equal(documentDifference(again, parseDocument('file:///a.yaml', renamed, 3)), undefined);
  });

  it('keeps the nodes outside the edited entry, so that work on them can be reused', () => {
    const text = 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\npaths:\n  /orders:\n    get:\n      summary: List\n';
    const previous = parseDocument('file:///a.yaml', text, 1);
    const info = (previous.root as { properties: Map<string, AstNode> }).properties.get('info');
    const at = text.indexOf('List');
    const patched = reparseYamlAfterChange(previous, { start: at, end: at, text: 'A' }, text.slice(0, at) + 'A' + text.slice(at), 2);
    assert.ok(patched);
    assert.equal((patched.root as { properties: Map<string, AstNode> }).properties.get('info'), info);
  });

  it('declines what it cannot prove: anchors, a key that a sibling has, an edit that adds an entry', () => {
    const anchored = 'a: &x 1\nb: *x\nc: 2\n';
    const withAnchor = parseDocument('file:///a.yaml', anchored, 1);
    const at = anchored.indexOf('1');
    assert.equal(reparseYamlAfterChange(withAnchor, { start: at, end: at, text: '3' }, anchored.slice(0, at) + '3' + anchored.slice(at), 2), undefined, 'an alias elsewhere copies the anchored value');
    const unrelated = anchored.indexOf('2');
    const patchedBeside = reparseYamlAfterChange(withAnchor, { start: unrelated, end: unrelated, text: '3' }, anchored.slice(0, unrelated) + '3' + anchored.slice(unrelated), 2);
    assert.ok(patchedBeside, 'an entry without anchors or aliases is patched in a document that has them');
    assert.equal(documentDifference(patchedBeside, parseDocument('file:///a.yaml', patchedBeside.text, 2)), undefined);
    const plain = 'ab: 1\nb: 2\n';
    const previous = parseDocument('file:///a.yaml', plain, 1);
    assert.equal(reparseYamlAfterChange(previous, { start: 0, end: 1, text: '' }, plain.slice(1), 2), undefined, 'the key would repeat a sibling');
    const split = 'a: 1\nb: 2\n';
    const splitDoc = parseDocument('file:///a.yaml', split, 1);
    assert.equal(reparseYamlAfterChange(splitDoc, { start: 4, end: 4, text: '\nc: 3' }, 'a: 1\nc: 3\nb: 2\n', 2), undefined, 'a new entry is read by a full parse');
  });

  it('patches each keystroke of a new key, a key without a value until its colon, problems included', () => {
    let text = 'openapi: 3.0.3\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      type: object\n      properties:\n        id:\n          type: string\n        total:\n          type: number\n';
    let current = parseDocument('file:///a.yaml', text, 1);
    // A new property between `id` and `total`: Enter at the end of `type: string`, then the key.
    let at = text.indexOf('        total:') - 1;
    for (const [index, typed] of ['\n        ', 'n', 'o', 't', 'e', ':', ' ', '{', '}'].entries()) {
      const version = index + 2;
      const next = text.slice(0, at) + typed + text.slice(at);
      const patched = reparseYamlAfterChange(current, { start: at, end: at, text: typed }, next, version);
      const fresh = parseDocument('file:///a.yaml', next, version);
      // The unclosed `{` may reach any later line: that keystroke, and the one that closes it, are parsed in full.
      if (typed !== '{' && typed !== '}') assert.ok(patched, `${JSON.stringify(typed)} is patched`);
      if (patched) assert.equal(documentDifference(patched, fresh), undefined, JSON.stringify(typed));
      if ('note'.includes(typed)) assert.ok(fresh.errors.some((problem) => /Implicit/.test(problem.message)), `${JSON.stringify(typed)}: the key has no value yet`);
      current = patched ?? fresh;
      text = next;
      at += typed.length;
    }
    assert.equal(current.errors.length, 0);
  });

  it('patches a value typed after a new key placed between a key and its block, which the package reads one level up', () => {
    // `x: 1` above deeper lines: the package reads every later line at x's column or deeper into
    // x's value (`Nested mappings are not allowed in compact mappings`), `'404'` included. The
    // region of `responses` holds all of it; that of `x` (the problem on its first line) does not.
    let text = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json: {}\n        '404':\n          description: x\n      summary: s\n  /b:\n    get: {}\n";
    let current = parseDocument('file:///a.yaml', text, 1);
    let at = text.indexOf("        '200':") + "        '200':".length;
    for (const [index, typed] of ['\n        ', 'x', ':', ' ', '1', '2'].entries()) {
      const version = index + 2;
      const next = text.slice(0, at) + typed + text.slice(at);
      const patched = reparseYamlAfterChange(current, { start: at, end: at, text: typed }, next, version);
      const fresh = parseDocument('file:///a.yaml', next, version);
      if (typed === '1' || typed === '2') {
        assert.ok(fresh.errors.some((problem) => problem.message === 'Nested mappings are not allowed in compact mappings'), `${JSON.stringify(typed)}: the package reads a mapping under x's value`);
        assert.ok(patched, `${JSON.stringify(typed)} is patched`);
      }
      if (patched) assert.equal(documentDifference(patched, fresh), undefined, JSON.stringify(typed));
      current = patched ?? fresh;
      text = next;
      at += typed.length;
    }
  });

  it('patches a stray letter after a quoted key or value, and the edit that takes it out, one level up', () => {
    // The package drops the letter (`Unexpected scalar token`, `Unexpected scalar at node end`) and
    // may move the entry after its siblings; the problem is on the entry's own first line.
    const text = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: 'OK'\n        '404':\n          description: x\n      summary: s\n  /b:\n    get: {}\n";
    for (const [at, why] of [[text.indexOf("'200'") + 5, 'after a quoted key'], [text.indexOf("'OK'") + 4, 'after a quoted value']] as const) {
      const broken = text.slice(0, at) + 'p' + text.slice(at);
      const typed = reparseYamlAfterChange(parseDocument('file:///a.yaml', text, 1), { start: at, end: at, text: 'p' }, broken, 2);
      const fresh = parseDocument('file:///a.yaml', broken, 2);
      assert.ok(fresh.errors.some((problem) => problem.message.startsWith('Unexpected scalar')), `${why}: ${JSON.stringify(fresh.errors)}`);
      assert.ok(typed, `${why}: the letter is patched`);
      assert.equal(documentDifference(typed, fresh), undefined, why);
      const mended = reparseYamlAfterChange(typed, { start: at, end: at + 1, text: '' }, text, 3);
      assert.ok(mended, `${why}: taking it out is patched`);
      assert.equal(documentDifference(mended, parseDocument('file:///a.yaml', text, 3)), undefined, `${why}, taken out`);
    }
  });

  it('patches a line edit that breaks the structure of a deep mapping, and its undo, by reading the entry in its context', () => {
    const cases: { name: string; text: string; line: string; edit: 'outdent' | 'comment' | 'indent'; entry: string }[] = [
      {
        name: 'an enum value outdented to its key\'s column (a block sequence as a key)',
        text: 'openapi: 3.0.3\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        kind:\n          type: string\n          enum:\n            - cat\n            - dog\n            - bird\n        name:\n          type: string\n    Owner:\n      type: object\n',
        line: '            - dog',
        edit: 'outdent',
        entry: 'kind',
      },
      {
        name: 'the same under an item of a sequence, whose first key follows its dash',
        text: 'openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      parameters:\n        - name: limit\n          in: query\n          schema:\n            type: integer\n            enum:\n              - 1\n              - 2\n          required: false\n        - name: offset\n          in: query\n      responses:\n        \'200\':\n          description: ok\n',
        line: '              - 2',
        edit: 'outdent',
        entry: 'schema',
      },
      {
        name: 'under the first key of an item, on its dash\'s line',
        text: 'openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      parameters:\n        - schema:\n            type: object\n            properties:\n              kind:\n                enum:\n                  - a\n                  - b\n              size:\n                type: integer\n          name: kind\n      responses: {}\n',
        line: '                  - b',
        edit: 'outdent',
        entry: 'kind',
      },
      {
        name: 'a key indented into the value of the key before it (a repeated key there)',
        text: 'openapi: 3.0.3\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        id:\n          type: string\n        type:\n          type: string\n      type: object\n    Owner: {}\n',
        line: '        type:',
        edit: 'indent',
        entry: 'properties',
      },
      {
        name: 'the last item of a nested sequence commented out (the comment stretches the mapping to the next key)',
        text: 'openapi: 3.0.3\ncomponents:\n  schemas:\n    B:\n      description: Tickets.\n      type: object\n      allOf:\n        - type: object\n          properties:\n            email:\n              $ref: x\n        - $ref: y\n    T:\n      d: 1\n',
        line: '        - $ref: y',
        edit: 'comment',
        entry: 'B',
      },
    ];
    for (const { name, text, line, edit, entry } of cases) {
      const previous = parseDocument('file:///a.yaml', text, 1);
      const nodesBefore = new Set<AstNode>();
      const collect = (node: AstNode): void => {
        nodesBefore.add(node);
        if (node.type === 'object') node.properties.forEach(collect);
        else if (node.type === 'array') node.items.forEach(collect);
      };
      collect(previous.root!);
      const at = text.indexOf(`\n${line}\n`) + 1;
      const indent = line.length - line.trimStart().length;
      const [change, undo]: TextChange[] =
        edit === 'outdent'
          ? [{ start: at, end: at + 2, text: '' }, { start: at, end: at, text: '  ' }]
          : edit === 'indent'
            ? [{ start: at, end: at, text: '  ' }, { start: at, end: at + 2, text: '' }]
            : [{ start: at + indent, end: at + indent, text: '# ' }, { start: at + indent, end: at + indent + 2, text: '' }];
      const changed = text.slice(0, change.start) + change.text + text.slice(change.end);
      const patched = reparseYamlAfterChange(previous, change, changed, 2);
      const fresh = parseDocument('file:///a.yaml', changed, 2);
      assert.ok(patched, `${name}: patched`);
      assert.equal(documentDifference(patched, fresh), undefined, name);
      assert.equal(patched.patch?.node.key, entry, `${name}: the entry read again`);
      const siblings = [...(patched.patch!.node.parent as { properties: Map<string, AstNode> }).properties.values()].filter((node) => node !== patched.patch!.node);
      assert.ok(siblings.length > 0 && siblings.every((node) => nodesBefore.has(node)), `${name}: the entries beside it are the previous version's`);
      const undone = reparseYamlAfterChange(patched, undo, text, 3);
      assert.ok(undone, `${name}: the undo is patched`);
      assert.equal(documentDifference(undone, parseDocument('file:///a.yaml', text, 3)), undefined, `${name}: undone`);
      assert.deepEqual(undone.errors, [], `${name}: no problems after the undo`);
    }
  });

  it('patches a deleted line put back at the start of the next entry\'s line, where it ends the entry before it', () => {
    const text = 'openapi: 3.0.3\npaths:\n  /a:\n    post:\n      responses:\n        default:\n          content:\n            application/json: {}\n          description: Error response.\n  /b:\n    get: {}\n';
    const line = '          description: Error response.\n';
    const at = text.indexOf(line);
    const deleted = text.slice(0, at) + text.slice(at + line.length);
    const previous = parseDocument('file:///a.yaml', text, 1);
    const removed = reparseYamlAfterChange(previous, { start: at, end: at + line.length, text: '' }, deleted, 2);
    assert.ok(removed, 'the deletion is patched');
    assert.equal(documentDifference(removed, parseDocument('file:///a.yaml', deleted, 2)), undefined);
    // The line goes back in at the start of `/b`'s line: it belongs to `/a`, whose entry ends there.
    const back = reparseYamlAfterChange(removed, { start: at, end: at, text: line }, text, 3);
    assert.ok(back, 'putting it back is patched');
    assert.equal(documentDifference(back, parseDocument('file:///a.yaml', text, 3)), undefined);
    assert.equal(back.patch?.node.key, '/a');
  });

  it('patches a line edit that adds entries to a mapping or takes some away, and its undo, by reading those entries in their context', () => {
    // Mappings larger than the region an entry of theirs is read again in, as in the Stripe YAML.
    const more = (name: string, indent: string): string => Array.from({ length: 3000 }, (_, index) => `${indent}${name}${index}:\n${indent}  description: ${'an entry of a large mapping, '.repeat(3)}\n`).join('');
    const paths = `openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses: {}\n  /b:\n    get:\n      responses: {}\n    post:\n      responses: {}\n  /c:\n    get: {}\n  /d:\n    get: {}\n${more('/p', '  ')}components:\n  schemas:\n    Pet:\n      type: object\n      required:\n        - id\n      properties:\n        id:\n          type: string\n    Owner:\n      type: object\n${more('S', '    ')}`;
    const cases: { name: string; text: string; change: TextChange; mapping: string; errors: boolean }[] = [
      // `/b`'s lines join `/a`'s value, where `get` is then a repeated key.
      { name: 'a path\'s key commented out', text: paths, change: { start: paths.indexOf('  /b:') + 2, end: paths.indexOf('  /b:') + 2, text: '# ' }, mapping: 'paths', errors: true },
      { name: 'a path\'s key indented into the path before it', text: paths, change: { start: paths.indexOf('  /b:'), end: paths.indexOf('  /b:'), text: '  ' }, mapping: 'paths', errors: true },
      // `required:` becomes a schema of its own, its list the schema's value, and `properties` a problem.
      { name: 'a schema\'s key outdented to the column of the schema names', text: paths, change: { start: paths.indexOf('      required:'), end: paths.indexOf('      required:') + 2, text: '' }, mapping: 'schemas', errors: true },
      { name: 'two paths deleted', text: paths, change: { start: paths.indexOf('  /b:'), end: paths.indexOf('  /d:'), text: '' }, mapping: 'paths', errors: false },
      // Its key is then given twice: the copy takes the original's place, with the problem on its key.
      { name: 'a path pasted next to itself', text: paths, change: { start: paths.indexOf('  /c:'), end: paths.indexOf('  /c:'), text: paths.slice(paths.indexOf('  /b:'), paths.indexOf('  /c:')) }, mapping: 'paths', errors: true },
    ];
    for (const { name, text, change, mapping, errors } of cases) {
      const previous = parseDocument('file:///a.yaml', text, 1);
      const before = (previous.root as ObjectNode).properties;
      const oldMapping = mapping === 'paths' ? (before.get('paths') as ObjectNode) : ((before.get('components') as ObjectNode).properties.get('schemas') as ObjectNode);
      const oldEntries = [...oldMapping.properties.values()];
      const changed = text.slice(0, change.start) + change.text + text.slice(change.end);
      const patched = reparseYamlAfterChange(previous, change, changed, 2);
      const fresh = parseDocument('file:///a.yaml', changed, 2);
      assert.ok(patched, `${name}: patched`);
      assert.equal(fresh.errors.length > 0, errors, `${name}: the edit ${errors ? 'breaks' : 'keeps'} the text`);
      assert.equal(documentDifference(patched, fresh), undefined, name);
      const patch = patched.patch!;
      assert.equal(patch.node.key, mapping, `${name}: the mapping made anew`);
      assert.equal(patch.replaced, oldMapping, `${name}: in place of the old one`);
      const now = [...(patch.node as ObjectNode).properties.values()];
      const kept = now.filter((entry) => oldEntries.includes(entry));
      assert.ok(kept.length > 0 && kept.length < oldEntries.length, `${name}: some entries kept, some read again`);
      assert.deepEqual([...patch.kept!].sort((a, b) => a.start - b.start), kept, `${name}: the kept entries are listed`);
      assert.deepEqual(valueAfterPatch(toValue(parseDocument('file:///a.yaml', text, 1).root!), patch.node, patch.kept), toValue(fresh.root!), `${name}: the value along the patch`);
      const undo: TextChange = { start: change.start, end: change.start + change.text.length, text: text.slice(change.start, change.end) };
      const undone = reparseYamlAfterChange(patched, undo, text, 3);
      assert.ok(undone, `${name}: the undo is patched`);
      assert.equal(documentDifference(undone, parseDocument('file:///a.yaml', text, 3)), undefined, `${name}: undone`);
      assert.deepEqual(undone.errors, [], `${name}: no problems after the undo`);
    }
    // The copy of a path pasted next to itself renamed, a letter at a time, and back; the original
    // renamed, given its name back while the copy holds it and renamed again, the copy deleted, the
    // original's name put back; pasted again, and the original deleted: each reads the lines from
    // the entry before the original on, past the copy, which hold those read before.
    {
      const pasted = paths.slice(paths.indexOf('  /b:'), paths.indexOf('  /c:'));
      const at = paths.indexOf('  /c:');
      let text = paths.slice(0, at) + pasted + paths.slice(at);
      let current = reparseYamlAfterChange(parseDocument('file:///a.yaml', paths, 1), { start: at, end: at, text: pasted }, text, 2)!;
      assert.deepEqual(current.errors.map((problem) => [problem.message, problem.start]), [['Map keys must be unique', at + 2]], 'the key given twice');
      const keyEnd = at + '  /b'.length;
      const originalKeyEnd = paths.indexOf('  /b:') + '  /b'.length;
      const steps: TextChange[] = [
        { start: keyEnd, end: keyEnd, text: 'x' },
        { start: keyEnd + 1, end: keyEnd + 1, text: 'y' },
        { start: keyEnd, end: keyEnd + 2, text: '' },
        { start: originalKeyEnd, end: originalKeyEnd, text: 'z' },
        // The original's key given back while the copy holds it, and renamed again.
        { start: originalKeyEnd, end: originalKeyEnd + 1, text: '' },
        { start: originalKeyEnd, end: originalKeyEnd, text: 'z' },
        { start: at + 1, end: at + 1 + pasted.length, text: '' },
        { start: originalKeyEnd, end: originalKeyEnd + 1, text: '' },
        { start: at, end: at, text: pasted },
        { start: paths.indexOf('  /b:'), end: at, text: '' },
      ];
      for (const [index, change] of steps.entries()) {
        text = text.slice(0, change.start) + change.text + text.slice(change.end);
        const patched = reparseYamlAfterChange(current, change, text, 3 + index);
        assert.ok(patched, `step ${index}: patched`);
        assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', text, 3 + index)), undefined, `step ${index}`);
        current = patched;
      }
      assert.equal(text, paths);
      assert.deepEqual(current.errors, []);
    }
    // A copy pasted further on, past another path: the original given its key back while the copy
    // holds it reads the lines on to the copy's, and renaming it again reads those lines again.
    {
      const pasted = paths.slice(paths.indexOf('  /b:'), paths.indexOf('  /c:'));
      const at = paths.indexOf('  /d:');
      const originalKeyEnd = paths.indexOf('  /b:') + '  /b'.length;
      let text = paths.slice(0, originalKeyEnd) + 'z' + paths.slice(originalKeyEnd, at) + pasted + paths.slice(at);
      let current = parseDocument('file:///a.yaml', text, 1);
      assert.deepEqual(current.errors, [], 'two keys');
      const steps: TextChange[] = [
        { start: originalKeyEnd, end: originalKeyEnd + 1, text: '' },
        { start: originalKeyEnd, end: originalKeyEnd, text: 'y' },
        { start: originalKeyEnd, end: originalKeyEnd + 1, text: '' },
      ];
      for (const [index, change] of steps.entries()) {
        text = text.slice(0, change.start) + change.text + text.slice(change.end);
        const patched = reparseYamlAfterChange(current, change, text, 2 + index);
        assert.ok(patched, `further on, step ${index}: patched`);
        assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', text, 2 + index)), undefined, `further on, step ${index}`);
        current = patched;
      }
      assert.deepEqual(current.errors.map((problem) => problem.message), ['Map keys must be unique'], 'the key given twice');
    }
    // A key that one of the mapping's other entries has: a full parse finds it repeated there.
    const repeated = paths.replace('    Owner:\n      type: object\n', '    Owner:\n      type: object\n    required: {}\n');
    const at = repeated.indexOf('      required:');
    const changed = repeated.slice(0, at) + repeated.slice(at + 2);
    const patched = reparseYamlAfterChange(parseDocument('file:///a.yaml', repeated, 1), { start: at, end: at + 2, text: '' }, changed, 2);
    assert.ok(parseDocument('file:///a.yaml', changed, 2).errors.some((problem) => problem.message === 'Map keys must be unique'), 'the key is repeated');
    if (patched) assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', changed, 2)), undefined, 'a repeated key');
  });

  it('reads the entries of a region in their context with the fast reader where it reads the text, exactly as the yaml package reads them', () => {
    // A context text: the lines that lead to the mapping, the region's lines, the sentinel's line.
    const context = (prefix: string, levels: ContextLevel[], lines: string, sentinelLine: string) => {
      const text = prefix + lines + sentinelLine;
      const sentinelKey = sentinelLine.trim().replace(/:.*$/, '');
      return { text, levels, region: { start: prefix.length, end: prefix.length + lines.length }, sentinel: { key: sentinelKey, keyStart: text.indexOf(sentinelKey, prefix.length + lines.length) } };
    };
    const paths: ContextLevel[] = [{ kind: 'entry', key: 'paths', keyStart: 0 }];
    const inItem: ContextLevel[] = [{ kind: 'entry', key: 'tags', keyStart: 0 }, { kind: 'item' }];
    const cases = {
      'two entries': context('paths:\n', paths, '  /a:\n    get: 1\n  /b:\n    get: 2\n', '  /c:\n'),
      'a key given twice': context('paths:\n', paths, '  /a:\n    get: 1\n  /a:\n    get: 2\n', '  /c:\n'),
      'a key out of its mapping\'s column': context('paths:\n', paths, '  /a:\n    get:\n      x: [1]\n     y: 2\n', '  /c:\n'),
      'entries of a sequence item': context('tags:\n  -\n', inItem, '    name: a\n    description: b\n', '    x-more: c\n'),
      'the sentinel\'s key given before it': context('paths:\n', paths, '  /c:\n    get: 1\n', '  /c:\n'),
      'a line that ends the mapping': context('paths:\n', paths, '  /a:\n    get: 1\nx: 2\n', '  /c:\n'),
      'a problem the fast reader declines': context('paths:\n', paths, '  /a:\n    get: [1\n', '  /c:\n'),
      'an entry given twice where one is expected': context('paths:\n', paths, '  /a:\n    get: 1\n  /a:\n    get: 2\n', '  /c:\n'),
      'a key given twice inside the one entry expected': context('paths:\n', paths, '  /a:\n    get: 1\n    get: 2\n', '  /c:\n'),
    };
    const read = (reader: 'fast first' | 'package', { text, levels, region, sentinel }: ReturnType<typeof context>, most?: number) => {
      const result = readYamlEntriesInContext(text, levels, region, sentinel, 100_000, most, reader);
      return result && { errors: result.errors, mappingStart: result.mappingStart, entries: result.entries.map(({ key, keyStart, node }) => ({ key, keyStart, node: JSON.stringify(toValue(node)), start: node.start, end: node.end })) };
    };
    for (const [name, one] of Object.entries(cases)) {
      const most = name.endsWith('expected') ? 1 : undefined;
      assert.deepEqual(read('fast first', one, most), read('package', one, most), name);
    }
    // The fast reader does read these, so the comparison is of its reading.
    for (const name of ['two entries', 'a key given twice', 'a key out of its mapping\'s column', 'entries of a sequence item']) assert.notEqual(readYamlFast(cases[name as keyof typeof cases].text, 100_000).root, undefined, name);
    assert.equal(read('fast first', cases['a key given twice'])?.entries.length, 1, 'the copy in place of the original');
    assert.equal(read('fast first', cases['two entries'])?.entries.length, 2);
    assert.equal(read('fast first', cases['a key given twice inside the one entry expected'], 1)?.errors.length, 1, 'the entry, with the problem inside it');
  });

  it('reads an entry in its context only where the parser\'s state around it is known: no directive, no anchor, a next entry, an unchanged first line', () => {
    const cases: { name: string; text: string; line: string }[] = [
      // A directive changes how every scalar reads (YAML 1.1: `yes` is a boolean).
      { name: 'a directive', text: '%YAML 1.1\n---\na:\n  b:\n    c: yes\n    e:\n      - 1\n      - 2\n    f: 1\n  g: 2\n', line: '      - 2' },
      // An anchor in the entry may be read by an alias elsewhere.
      { name: 'an anchor', text: 'a:\n  b:\n    c: &x yes\n    e:\n      - 1\n      - 2\n    f: 1\n  g: *x\n', line: '      - 2' },
    ];
    for (const { name, text, line } of cases) {
      const at = text.indexOf(`\n${line}\n`) + 1;
      const changed = text.slice(0, at) + text.slice(at + 2);
      const previous = parseDocument('file:///a.yaml', text, 1);
      const fresh = parseDocument('file:///a.yaml', changed, 2);
      assert.ok(fresh.errors.length > 0, `${name}: the edit breaks the text`);
      assert.equal(reparseYamlAfterChange(previous, { start: at, end: at + 2, text: '' }, changed, 2), undefined, name);
    }
    // The entry's first line outdented: the line before it belongs to the value of the entry before it.
    const text = 'a:\n  b:\n    c:\n      d: 1\n    e:\n      f: 1\n    g: 1\n';
    const at = text.indexOf('    e:');
    for (const [start, end, typed] of [[at, at + 2, ''], [at, at, '   ']] as const) {
      const changed = text.slice(0, start) + typed + text.slice(end);
      const patched = reparseYamlAfterChange(parseDocument('file:///a.yaml', text, 1), { start, end, text: typed }, changed, 2);
      if (patched) assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', changed, 2)), undefined, JSON.stringify(changed));
    }
  });

  it('declines where the yaml package reads past a broken region, where a mapping ends with an empty value, or where a line break moves a dash to the column of the old one', () => {
    const cases: { text: string; at: string; offset?: number; typed: string; why: string }[] = [
      // A block sequence in a key of several lines (`description` without its colon): the package
      // drops the rest of the document without a word. The colon typed mends it all.
      { text: 'tags:\ndescription\n  - name: pet\n    description: Pets\n    externalDocs:\n      url: x\n  - name: store\n    description: S\npaths:\n  /a: {}\n', at: 'description\n', offset: 'description'.length, typed: ':', why: 'the rest of the document was dropped' },
      // `required:` ends its mapping with an empty value: where the mapping ends depends on the text
      // after it (a blank line and a comment here), so the region read alone does not tell.
      { text: 'paths:\n  /a:\n    get:\n      security:\n        - k: []\n        - o:\n          - r\n          required: \n\n  # c\n  /b:\n    get: {}\n', at: 'required: ', offset: 'required: '.length, typed: 'v', why: 'a mapping ended with an empty value before the edit' },
      // A comment after the last item of a sequence two levels down stretches the mapping `B` to
      // the next key's first token, past the region read alone (the tag keeps the entry from being
      // read in its context, which has that key's line).
      { text: 'components:\n  schemas: !!map\n    B:\n      type: object\n      allOf:\n        - type: object\n          properties:\n            email:\n              $ref: x\n        - $ref: y\n    T:\n      d: 1\n', at: '- $ref: y', typed: '# ', why: 'a comment after the last content of the region' },
      // The new line's dash lands at the region offset that equals the old dash's column.
      { text: 'p:\n  q:\n        - a: 1\n        - b: 2\n', at: '        - a', offset: 7, typed: '\n- ', why: 'the dash is on a later line' },
    ];
    for (const { text, at, offset = 0, typed, why } of cases) {
      const previous = parseDocument('file:///a.yaml', text, 1);
      const start = text.indexOf(at) + offset;
      const next = text.slice(0, start) + typed + text.slice(start);
      const patched = reparseYamlAfterChange(previous, { start, end: start, text: typed }, next, 2);
      if (patched) assert.equal(documentDifference(patched, parseDocument('file:///a.yaml', next, 2)), undefined, why);
    }
  });

  it('agrees with a full parse after many random edits of the corpus YAML files', (t) => {
    const files = [...corpusSpecs(YAML_SPECS), ...yamlFilesBelow(join(CORPUS_DIR, 'multi'), 10)];
    const sum = replayEach(t, files, (file, text, index) => [undefined, 64].map((pieceLength) => replay(`file://${file}`, text, text.length > 100_000 ? 30 : 60, 1000 + index, pieceLength)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} random edits patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 3, `only ${sum.patched} of ${sum.tried} edits were patched`);
  });

  it('patches an edit away from the syntax problems of a broken text into what a full parse gives, problems included', (t) => {
    // Seed 102 of the Swagger 2.0 petstore once made a full parse find another problem on the line
    // right after the edited entry, where the parser's recovery read the changed entry's end.
    const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [1, 2, 3, 102].map((seed) => replayBroken(`file://${file}`, text, 150, 3000 + index * 10 + seed)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} random edits of broken texts patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 4, `only ${sum.patched} of ${sum.tried} edits of broken texts were patched`);
  });

  it('patches a typo after a quoted key or value, and taking it out, into what a full parse gives', (t) => {
    const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [1, 2].map((seed) => replayStray(`file://${file}`, text, 15, 7000 + index * 10 + seed)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} keystrokes into or out of a typo after a quote patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 2, `only ${sum.patched} of ${sum.tried} keystrokes into or out of a typo were patched`);
  });

  it('patches a line commented out, deleted, indented or outdented, or a letter in its indentation, and its undo, into what a full parse gives', (t) => {
    const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [1, 2].map((seed) => replayLineEdits(`file://${file}`, text, 40, 9000 + index * 10 + seed)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} line edits and undos into or out of a broken text patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 2, `only ${sum.patched} of ${sum.tried} line edits and undos into or out of a broken text were patched`);
  });

  it('patches line edits and random edits as in a large document, whose mappings are larger than the region read again, into what a full parse gives', (t) => {
    // With the limit that low, the corpus specs' \`paths\` and \`components\` are entries too large to be
    // read whole, as the Stripe YAML's are: edits that add or remove their entries take the reading
    // of the entries touched in their context, and clean entries larger than the limit come last.
    const limit = patchLimits.region;
    patchLimits.region = 2048;
    try {
      const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [
        replayLineEdits(`file://${file}`, text, 40, 9500 + index),
        replay(`file://${file}`, text, 40, 9700 + index),
        replayTyping(`file://${file}`, text, 10, 9900 + index),
      ]);
      if (sum === undefined) return;
      t.diagnostic(`${sum.patched} of ${sum.tried} edits patched with a region limit of 2 KB, each equal to a full parse`);
      assert.ok(sum.patched > sum.tried / 2, `only ${sum.patched} of ${sum.tried} edits were patched`);
    } finally {
      patchLimits.region = limit;
    }
  });

  it('patches an entry pasted next to itself, its key then given twice, and the renaming of the copy or the undo, into what a full parse gives', (t) => {
    // As in a large document too, whose mappings are larger than the region read again.
    const limit = patchLimits.region;
    try {
      for (const region of [limit, 2048]) {
        patchLimits.region = region;
        const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [replayPastedEntries(`file://${file}`, text, 12, 9300 + index + region)]);
        if (sum === undefined) return;
        t.diagnostic(`region limit ${region}: ${sum.patched} of ${sum.tried} edits into or out of a text with a key given twice patched, each equal to a full parse`);
        assert.ok(sum.patched > sum.tried / 2, `only ${sum.patched} of ${sum.tried} edits were patched`);
      }
    } finally {
      patchLimits.region = limit;
    }
  });

  it('patches typing a new entry through its broken states (a key before its colon) into what a full parse gives', (t) => {
    const sum = replayEach(t, corpusSpecs(YAML_SPECS), (file, text, index) => [1, 2].map((seed) => replayTyping(`file://${file}`, text, 25, 5000 + index * 10 + seed)));
    if (sum === undefined) return;
    t.diagnostic(`${sum.patched} of ${sum.tried} keystrokes into, through or out of a broken text patched, each equal to a full parse`);
    assert.ok(sum.patched > sum.tried / 2, `only ${sum.patched} of ${sum.tried} keystrokes through broken texts were patched`);
  });
});
