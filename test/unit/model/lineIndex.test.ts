/** `LineIndex.rangeOf` places both ends as `positionAt` does, whatever the line breaks and offsets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastAtOrBefore, LineIndex } from '../../../server/src/core/model/lineIndex';
import { seededRandom } from '../helpers/seededRandom';

describe('LineIndex.rangeOf', () => {
  it('gives the positions positionAt gives, for ranges within a line, across lines, reversed and out of bounds', () => {
    const next = seededRandom(11);
    const parts = ['a', 'key: value', '\n', '\r\n', '\r', ' ', 'é', '😀'];
    for (let round = 0; round < 30; round++) {
      let text = '';
      const length = Math.floor(next() * 60);
      for (let index = 0; index < length; index++) text += parts[Math.floor(next() * parts.length)];
      const lines = new LineIndex(text);
      for (let start = -2; start <= text.length + 2; start++) {
        for (const end of [start, start + 1, start + 3, start + 12, start - 1, -5, text.length, text.length + 4]) {
          assert.deepEqual(lines.rangeOf(start, end), { start: lines.positionAt(start), end: lines.positionAt(end) }, `${JSON.stringify(text)} [${start}, ${end})`);
        }
      }
    }
  });
});

describe('LineIndex.afterChange', () => {
  /** Every line start of `lines` against a fresh index of `text`. */
  function assertLike(lines: LineIndex, text: string, label: string): void {
    const fresh = new LineIndex(text);
    assert.equal(lines.lineCount, fresh.lineCount, `${label}: line count`);
    for (let line = 0; line < fresh.lineCount; line++) assert.equal(lines.lineStart(line), fresh.lineStart(line), `${label}: line ${line}`);
  }

  it('gives the index of the edited text, version after version, for edits that add, remove or keep lines', () => {
    const next = seededRandom(29);
    const parts = ['a', 'key: value', '\n', '\n', '\n  - ', ' ', 'é', '😀', '\r\n', '\r'];
    const piece = (count: number): string => Array.from({ length: count }, () => parts[Math.floor(next() * parts.length)]).join('');
    for (let round = 0; round < 20; round++) {
      let text = piece(80);
      let lines = new LineIndex(text);
      for (let edit = 0; edit < 60; edit++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + (next() < 0.4 ? 0 : Math.floor(next() * 30)));
        const inserted = next() < 0.3 ? '' : piece(1 + Math.floor(next() * 4));
        text = text.slice(0, start) + inserted + text.slice(end);
        lines = lines.afterChange(start, end, inserted, text);
        assertLike(lines, text, `round ${round}, edit ${edit}: ${JSON.stringify(inserted)} over [${start}, ${end})`);
      }
    }
  });

  it('takes a paste of more lines than it splices in, and lines cut out of a large table', () => {
    let text = 'a\n'.repeat(30_000);
    let lines = new LineIndex(text);
    // More lines than a call's arguments can take (spread into `splice`, some 200,000 overflow the stack).
    const paste = 'b: 1\n'.repeat(250_000);
    text = text.slice(0, 10) + paste + text.slice(10);
    lines = lines.afterChange(10, 10, paste, text);
    assertLike(lines, text, 'pasted');
    text = text.slice(0, 4) + text.slice(40_000);
    lines = lines.afterChange(4, 40_000, '', text);
    assertLike(lines, text, 'cut');
  });
});

describe('lastAtOrBefore', () => {
  /** The answer by looking at every entry. */
  function reference(starts: readonly number[], value: number): number {
    let answer = 0;
    for (let index = 0; index < starts.length; index++) if (starts[index] <= value) answer = index;
    return answer;
  }

  it('gives the same answer from any starting point as without one, for ascending lists with and without repeats', () => {
    const next = seededRandom(23);
    for (let round = 0; round < 200; round++) {
      const length = 1 + Math.floor(next() * (round < 100 ? 12 : 300));
      const starts = [Math.floor(next() * 3)];
      for (let index = 1; index < length; index++) starts.push(starts[index - 1] + Math.floor(next() * (round % 2 === 0 ? 4 : 40)) + (round % 4 === 0 ? 0 : 1));
      const last = starts[starts.length - 1];
      const values = round < 100 ? Array.from({ length: last + 8 }, (_, index) => index - 4) : Array.from({ length: 60 }, () => Math.floor(next() * (last + 10)) - 5);
      const nears = [undefined, -1, starts.length, starts.length + 5, ...Array.from({ length: 8 }, () => Math.floor(next() * starts.length))];
      for (const value of values) {
        const expected = reference(starts, value);
        for (const near of nears) assert.equal(lastAtOrBefore(starts, value, near), expected, `${JSON.stringify(starts)} value ${value} near ${near}`);
      }
    }
  });
});

describe('LineIndex.positionAt', () => {
  it('places offsets looked up in any order, jumping back and forth (the search starts at the previous line)', () => {
    const next = seededRandom(29);
    for (let round = 0; round < 20; round++) {
      let text = '';
      const lineCount = 1 + Math.floor(next() * 400);
      for (let line = 0; line < lineCount; line++) text += 'x'.repeat(Math.floor(next() * 6)) + ['\n', '\r\n', '\r'][Math.floor(next() * 3)];
      // The expected position of every offset, from one pass over the text.
      const expected: { line: number; character: number }[] = [];
      let line = 0;
      let character = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        expected.push({ line, character });
        const code = text.charCodeAt(offset);
        if (code === 10 || (code === 13 && text.charCodeAt(offset + 1) !== 10)) {
          line++;
          character = 0;
        } else character++;
      }
      const lines = new LineIndex(text);
      for (let lookup = 0; lookup < 500; lookup++) {
        // Mostly small moves, sometimes a jump anywhere.
        const offset = Math.floor(next() * (text.length + 1));
        assert.deepEqual(lines.positionAt(offset), expected[offset], `offset ${offset}`);
        const near = Math.min(text.length, offset + Math.floor(next() * 30));
        assert.deepEqual(lines.positionAt(near), expected[near], `offset ${near}`);
      }
    }
  });
});
