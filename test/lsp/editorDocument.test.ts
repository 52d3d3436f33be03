/**
 * `EditorDocument` (the server's open buffers) gives the text and positions the library's
 * `TextDocument` gives, through random edits that split and join `\r\n` line breaks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from '../../server/src/lsp/editorDocument';
import { seededRandom } from '../unit/helpers/seededRandom';

const PARTS = ['a', 'bc', '\n', '\r\n', '\r', ' ', 'key: value', 'é', '😀'];

function randomText(next: () => number, parts: number): string {
  let text = '';
  for (let index = 0; index < parts; index++) text += PARTS[Math.floor(next() * PARTS.length)];
  return text;
}

/** Every answer of the document against a fresh library document of the same text. */
function assertLikeLibrary(document: EditorDocument, text: string, next: () => number, label: string): void {
  const expected = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  assert.equal(document.getText(), text, `${label}: text`);
  assert.equal(document.lineCount, expected.lineCount, `${label}: lineCount`);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(document.positionAt(offset), expected.positionAt(offset), `${label}: positionAt(${offset})`);
  for (let line = -1; line <= expected.lineCount; line++) {
    assert.deepEqual(document.getLineRange(line), expected.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(document.getEOLCharacters(line), expected.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
    for (const character of [-1, 0, 1, 2, 5, 40]) {
      const position = { line, character };
      assert.equal(document.offsetAt(position), expected.offsetAt(position), `${label}: offsetAt(${line}:${character})`);
    }
  }
  for (let round = 0; round < 10; round++) {
    const range = { start: randomPosition(next, expected.lineCount), end: randomPosition(next, expected.lineCount) };
    assert.equal(document.getText(range), expected.getText(range), `${label}: getText(${JSON.stringify(range)})`);
  }
}

function randomPosition(next: () => number, lineCount: number): { line: number; character: number } {
  return { line: Math.floor(next() * (lineCount + 1)), character: Math.floor(next() * 12) };
}

/**
 * The text after `changes`, each placed by a library document made afresh of the text before it.
 * (Not the library's own `TextDocument.update`: its line table goes wrong after a change whose
 * range lies past the last line, which editors do not send but this test does.)
 */
function applied(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  for (const change of changes) {
    if (!('range' in change)) {
      text = change.text;
      continue;
    }
    const before = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    const [start, end] = [before.offsetAt(change.range.start), before.offsetAt(change.range.end)].sort((a, b) => a - b);
    text = text.slice(0, start) + change.text + text.slice(end);
  }
  return text;
}

describe('EditorDocument', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers like the library's document through random edits (seed ${seed})`, () => {
      const next = seededRandom(seed);
      const initial = randomText(next, 80);
      let document = EditorDocument.create('file:///x.yaml', 'yaml', 1, initial);
      let text = initial;
      assertLikeLibrary(document, initial, next, 'created');
      for (let version = 2; version < 200; version++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const count = next() < 0.1 ? 3 : 1;
        let lines = document.lineCount;
        for (let index = 0; index < count; index++) {
          if (next() < 0.03) {
            changes.push({ text: randomText(next, 30) });
            continue;
          }
          const start = randomPosition(next, lines);
          const end = next() < 0.5 ? start : randomPosition(next, lines);
          // Mostly in order; sometimes end first, which the library's document reads as the range between.
          const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
          const [from, to] = ordered || next() < 0.2 ? [start, end] : [end, start];
          changes.push({ range: { start: from, end: to }, text: next() < 0.3 ? '' : randomText(next, Math.floor(next() * 4) + 1) });
          lines += 3;
        }
        document = EditorDocument.update(document, changes, version);
        text = applied(text, changes);
        assert.equal(document.version, version);
        assertLikeLibrary(document, text, next, `version ${version}`);
      }
    });
  }

  it('takes a paste of many lines and a whole-text change', () => {
    const document = EditorDocument.create('file:///x.yaml', 'yaml', 1, 'a: 1\nb: 2\n');
    const pasted = Array.from({ length: 30_000 }, (_, index) => `k${index}: ${index}`).join('\n');
    EditorDocument.update(document, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `${pasted}\n` }], 2);
    const expected = `a: 1\n${pasted}\nb: 2\n`;
    assert.equal(document.getText(), expected);
    assert.equal(document.lineCount, 30_003);
    assert.deepEqual(document.positionAt(expected.indexOf('b: 2')), { line: 30_001, character: 0 });
    // A malformed position (not a number) counts as the start of the text and leaves the line table sound.
    EditorDocument.update(document, [{ range: { start: { line: 0, character: Number.NaN }, end: { line: 0, character: Number.NaN } }, text: '#\n' }], 3);
    assert.equal(document.getText(), `#\n${expected}`);
    assert.equal(document.lineCount, 30_004);
    assert.deepEqual(document.positionAt(expected.indexOf('b: 2') + 2), { line: 30_002, character: 0 });
    EditorDocument.update(document, [{ text: 'x\r\ny' }], 4);
    assert.equal(document.lineCount, 2);
    assert.deepEqual(document.positionAt(3), { line: 1, character: 0 });
  });

  it('makes its line table ahead of the first edit when asked, once per whole text', () => {
    const next = seededRandom(7);
    const initial = randomText(next, 200);
    const document = EditorDocument.create('file:///x.yaml', 'yaml', 1, initial);
    assert.equal(document.prepareLineTable(), true, 'a new document has no line table yet');
    assert.equal(document.prepareLineTable(), false, 'made once');
    assertLikeLibrary(document, initial, next, 'prepared');
    const change = { range: { start: { line: 1, character: 1 }, end: { line: 2, character: 0 } }, text: 'x\r\n\ry' };
    EditorDocument.update(document, [change], 2);
    assert.equal(document.prepareLineTable(), false, 'an edit keeps the table up to date');
    assertLikeLibrary(document, applied(initial, [change]), next, 'edited after preparing');
    EditorDocument.update(document, [{ text: 'a\nb\r\nc' }], 3);
    assert.equal(document.prepareLineTable(), true, 'a whole-text change drops the table');
    assertLikeLibrary(document, 'a\nb\r\nc', next, 'replaced and prepared');
  });
});
