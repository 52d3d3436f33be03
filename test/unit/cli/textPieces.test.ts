import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textPieces } from '../../../server/src/cli/textPieces';

describe('textPieces', () => {
  it('cuts a long text into pieces that join back to it, never inside a surrogate pair', () => {
    // The first cut would fall between the two halves of the emoji.
    const text = 'x'.repeat(65_535) + '😀' + 'ab😀'.repeat(50_000);
    const pieces = [...textPieces(text)];
    assert.ok(pieces.length > 2);
    assert.equal(pieces.join(''), text);
    assert.equal(pieces[0].length, 65_537);
    for (const piece of pieces) assert.equal(Buffer.from(piece).toString('utf8'), piece, 'a piece holds half a surrogate pair');
  });

  it('gives a short text as it is and nothing for an empty one', () => {
    assert.deepEqual([...textPieces('short')], ['short']);
    assert.deepEqual([...textPieces('')], []);
  });
});
