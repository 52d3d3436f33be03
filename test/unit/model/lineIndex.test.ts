/** `LineIndex.rangeOf` places both ends as `positionAt` does, whatever the line breaks and offsets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
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
