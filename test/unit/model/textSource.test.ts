/**
 * `PieceText` answers every read as the same text in one string does, across the boundaries of
 * its pieces, version after version of random edits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCodesOf, hasUnicodeEscapeOf, hasUnicodeEscapeOfSteps, PieceText, sameContent, searchSteps } from '../../../server/src/core/model/textSource';
import { seededRandom } from '../helpers/seededRandom';

const ALPHABET = ['a', 'b', 'ab', '\n', '\r\n', ' ', '- ', 'key: ', '#', 'é', '😀', 'api-guard-ignore'];

function randomText(next: () => number, parts: number): string {
  let text = '';
  for (let index = 0; index < parts; index++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

/** Every read the parse patch and the per-edit checks use, at random places, against the string. */
function assertReadsLike(pieces: PieceText, text: string, next: () => number, label: string): void {
  assert.equal(pieces.length, text.length, `${label}: length`);
  // Asked first, before anything else reads this version: answers carried over from the version before.
  for (const search of ['api-guard-ignore', 'key: ', '\r\n', '😀', 'é#', 'ab ab']) assert.equal(pieces.includes(search), text.includes(search), `${label}: includes(${JSON.stringify(search)}) first`);
  const place = (): number => Math.floor(next() * (text.length + 3)) - 1;
  for (let round = 0; round < 40; round++) {
    const at = place();
    const to = place();
    assert.equal(pieces.charCodeAt(at), text.charCodeAt(at), `${label}: charCodeAt(${at})`);
    assert.equal(pieces.slice(at, to), text.slice(at, to), `${label}: slice(${at}, ${to})`);
    assert.equal(pieces.slice(at), text.slice(at), `${label}: slice(${at})`);
    assert.equal(pieces.slice(-Math.abs(at), to), text.slice(-Math.abs(at), to), `${label}: slice(-${Math.abs(at)}, ${to})`);
    const search = next() < 0.5 ? text.slice(Math.max(0, at), Math.max(0, at) + 1 + Math.floor(next() * 6)) : ALPHABET[Math.floor(next() * ALPHABET.length)];
    for (const candidate of [search, '', '\n', 'ab', 'api-guard-ignore', 'zzz']) {
      assert.equal(pieces.indexOf(candidate, at), text.indexOf(candidate, at), `${label}: indexOf(${JSON.stringify(candidate)}, ${at})`);
      assert.equal(pieces.indexOf(candidate), text.indexOf(candidate), `${label}: indexOf(${JSON.stringify(candidate)})`);
      assert.equal(pieces.lastIndexOf(candidate, at), text.lastIndexOf(candidate, at), `${label}: lastIndexOf(${JSON.stringify(candidate)}, ${at})`);
      assert.equal(pieces.lastIndexOf(candidate), text.lastIndexOf(candidate), `${label}: lastIndexOf(${JSON.stringify(candidate)})`);
      assert.equal(pieces.startsWith(candidate, at), text.startsWith(candidate, at), `${label}: startsWith(${JSON.stringify(candidate)}, ${at})`);
      assert.equal(pieces.includes(candidate, at), text.includes(candidate, at), `${label}: includes(${JSON.stringify(candidate)}, ${at})`);
      assert.equal(pieces.includes(candidate), text.includes(candidate), `${label}: includes(${JSON.stringify(candidate)})`);
    }
  }
}

describe('PieceText', () => {
  for (const pieceLength of [1, 3, 16]) {
    it(`tells whether two texts hold the same characters, through random edits and their undos (pieces of ${pieceLength})`, () => {
      const next = seededRandom(pieceLength * 104729);
      let text = randomText(next, 80);
      let pieces = PieceText.of(text, pieceLength);
      for (let edit = 0; edit < 200; edit++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 12)));
        const inserted = next() < 0.3 ? '' : randomText(next, 1 + Math.floor(next() * 3));
        const edited = pieces.edited(start, end, inserted);
        const editedText = text.slice(0, start) + inserted + text.slice(end);
        const same = editedText === text;
        assert.equal(sameContent(edited, pieces), same, `edit ${edit}`);
        assert.equal(sameContent(pieces, edited), same, `edit ${edit}, the other way`);
        assert.equal(sameContent(edited, text), same, `edit ${edit}, against the string`);
        assert.equal(sameContent(text, edited), same, `edit ${edit}, the string first`);
        assert.ok(sameContent(edited, PieceText.of(editedText, pieceLength + 2)), `edit ${edit}: cut otherwise`);
        // Undone: the same characters as before the edit, sharing the pieces the edit left alone.
        const undone = edited.edited(start, start + inserted.length, text.slice(start, end));
        assert.ok(sameContent(undone, pieces), `edit ${edit}: undone`);
        // One character changed anywhere is told apart.
        if (text.length > 0) {
          const at = Math.floor(next() * text.length);
          const other = pieces.edited(at, at + 1, text[at] === 'z' ? 'y' : 'z');
          assert.equal(sameContent(other, pieces), false, `edit ${edit}: one character at ${at}`);
          // A character taken out at one place and another put in further on: the same length, and
          // the pieces in between shared, one character earlier.
          const later = at + Math.floor(next() * (text.length - at));
          const moved = pieces.edited(at, at + 1, '').edited(later, later, 'z');
          const movedText = text.slice(0, at) + text.slice(at + 1, later + 1) + 'z' + text.slice(later + 1);
          assert.equal(sameContent(moved, pieces), movedText === text, `edit ${edit}: moved from ${at} to ${later}`);
          assert.equal(sameContent(pieces, moved), movedText === text, `edit ${edit}: moved from ${at} to ${later}, the other way`);
        }
        if (next() < 0.5) {
          pieces = edited;
          text = editedText;
        }
      }
    });
  }

  it('does not take a piece shared at another offset for the same text', () => {
    const original = PieceText.of('aaaaabcddddd', 4);
    // One `a` out of the first piece, one `d` into the last: the same length, the middle piece
    // shared one character earlier, and the first and last pieces read alike.
    const moved = original.edited(0, 1, '').edited(7, 7, 'd');
    assert.equal(moved.toString(), 'aaaabcdddddd');
    assert.equal(sameContent(original, moved), false);
    assert.equal(sameContent(moved, original), false);
  });

  for (const pieceLength of [1, 3, 7, 64]) {
    it(`reads like the string through random edits (pieces of ${pieceLength})`, () => {
      const next = seededRandom(pieceLength * 7919);
      let text = randomText(next, 60);
      let pieces = PieceText.of(text, pieceLength);
      assertReadsLike(pieces, text, next, 'fresh');
      for (let edit = 0; edit < 150; edit++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 20)));
        const inserted = next() < 0.2 ? '' : randomText(next, next() < 0.1 ? 40 : 2);
        const before = pieces;
        const beforeText = text;
        pieces = pieces.edited(start, end, inserted);
        text = text.slice(0, start) + inserted + text.slice(end);
        assertReadsLike(pieces, text, next, `edit ${edit}`);
        // The version before is untouched by the edit.
        if (edit % 7 === 0) assert.equal(before.toString(), beforeText, `edit ${edit}: the previous version`);
        if (edit % 10 === 0) {
          assert.equal(pieces.toString(), text, `edit ${edit}: toString`);
          assertReadsLike(pieces, text, next, `edit ${edit}, after toString`);
        }
      }
      assert.equal(pieces.toString(), text);
    });
  }

  it('keeps the previous version as it was', () => {
    const first = PieceText.of('0123456789abcdef', 4);
    const second = first.edited(3, 9, 'XY');
    const third = second.edited(0, 0, '>');
    assert.equal(first.toString(), '0123456789abcdef');
    assert.equal(second.toString(), '012XY9abcdef');
    assert.equal(third.toString(), '>012XY9abcdef');
    assert.equal(second.edited(0, second.length, '').toString(), '');
    assert.equal(PieceText.of('', 4).edited(0, 0, 'new').toString(), 'new');
    // Offsets that are not numbers (a malformed change) count as 0, as they do for `slice`.
    const odd = first.edited(Number.NaN, Number.NaN, '!');
    assert.equal(odd.toString(), '!0123456789abcdef');
    assert.equal(odd.length, 17);
  });

  it('returns the string it was made of, and makes one string per version once', () => {
    const text = 'line one\nline two\n';
    assert.equal(PieceText.of(text, 4).toString(), text);
    const edited = PieceText.of(text, 4).edited(5, 8, 'ONE');
    assert.equal(edited.toString(), 'line ONE\nline two\n');
    assert.equal(edited.toString(), edited.toString());
  });

  it('takes the answers of includes over into the next version, for a text opened whole too', () => {
    // 200 pieces of 64 characters; one of them holds a `\u` escape.
    const text = `${'x'.repeat(64 * 100)}"\\u0041"${'y'.repeat(64 * 100 - 8)}`;
    const searchedPieces = (run: () => void): number => {
      const original = String.prototype.includes;
      let calls = 0;
      String.prototype.includes = function (this: string, search: string, position?: number): boolean {
        calls++;
        return original.call(this, search, position);
      };
      try {
        run();
      } finally {
        String.prototype.includes = original;
      }
      return calls;
    };
    for (const opened of [PieceText.of(text, 64), PieceText.of(text, 64).edited(0, 0, '')]) {
      assert.equal(searchedPieces(() => assert.equal(opened.includes('api-guard-ignore'), false)), 200);
      assert.equal(searchedPieces(() => assert.equal(opened.includes('\\u'), true)), 101);
      // A keystroke in piece 150: only that piece and the one before it (a match could start there
      // and run into the edit) are searched again for a string found nowhere, and the string found
      // in piece 100 is answered from there.
      const typed = opened.edited(150 * 64 + 3, 150 * 64 + 3, 'z');
      assert.equal(searchedPieces(() => assert.equal(typed.includes('api-guard-ignore'), false)), 2);
      assert.equal(searchedPieces(() => assert.equal(typed.includes('\\u'), true)), 0);
      assert.equal(typed.toString(), text.slice(0, 150 * 64 + 3) + 'z' + text.slice(150 * 64 + 3));
    }
  });
});

describe('hasUnicodeEscapeOf', () => {
  const codes = characterCodesOf('xy');
  const cases: [string, boolean][] = [
    ['{"a": 1}', false],
    ['{"\\u0078-key": 1}', true], // \u0078 is x
    ['{"\\u0079": 1}', true], // y
    ['{"\\u007A": 1}', false], // z
    ['{"\\u007a\\u0078": 1}', true], // the second escape
    ['{"\\u00": 1}', false], // cut short: no character of the set
    ['{"\\uZZZZ": 1}', false], // no hex digits
    ['{"a": "\\\\u0078"}', true], // an escaped backslash before u: counted all the same (documented)
    ['tail \\u0078', true],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => {
      assert.equal(hasUnicodeEscapeOf(text, codes), expected);
      // An editor buffer's pieces answer the same, with the escape across a piece boundary too.
      for (const size of [2, 3, 5]) assert.equal(hasUnicodeEscapeOf(PieceText.of(text, size), codes), expected, `pieces of ${size}`);
      // In steps of any size, the escape across the end of a step too.
      for (const perStep of [1, 2, 3, 7, Number.POSITIVE_INFINITY]) assert.equal(runSteps(hasUnicodeEscapeOfSteps(text, codes, perStep)).value, expected, `steps of ${perStep}`);
    });
  }
});

/** Runs a generator to its end: its result and how many times it yielded. */
function runSteps<T>(steps: Generator<void, T, void>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done === true) return { value: next.value, yields };
    yields++;
  }
}

/** What a loop of `indexOf` from `advance` past each occurrence (its end by default) finds, up to `limit` occurrences. */
function indexOfLoop(text: string, word: string, limit = Number.POSITIVE_INFINITY, advance = word.length): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(word); at >= 0 && found.length < limit; at = text.indexOf(word, at + advance)) found.push(at);
  return found;
}

describe('searchSteps', () => {
  it('finds what a loop of indexOf finds, in parts of any size, occurrences across the end of a part included', () => {
    const random = seededRandom(34);
    // Small alphabets, so that words occur often, across part ends, and overlapping ("aa" in "aaa").
    for (let round = 0; round < 3000; round++) {
      const alphabet = round % 2 === 0 ? 'ab' : 'abc\\u';
      const length = Math.floor(random() * 60);
      let text = '';
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      const wordLength = 1 + Math.floor(random() * 4);
      let word = '';
      for (let index = 0; index < wordLength; index++) word += alphabet[Math.floor(random() * alphabet.length)];
      const perStep = [1, 2, 3, 5, 8, 13, Number.POSITIVE_INFINITY][round % 7];
      // Past the end of each occurrence by default; or from 1–3 characters after its start, which
      // finds overlapping ones (1) or skips a character after a short word (`\\` and what it escapes).
      const advance = round % 4 === 0 ? undefined : 1 + Math.floor(random() * 3);
      const expected = indexOfLoop(text, word, Number.POSITIVE_INFINITY, advance);
      const found: number[] = [];
      const { yields } = runSteps(searchSteps(text, word, perStep, (at) => found.push(at) > 0, advance));
      const context = `${JSON.stringify(word)} in ${JSON.stringify(text)}, steps of ${perStep}, advance ${advance}`;
      assert.deepEqual(found, expected, context);
      const parts = Math.max(1, Math.ceil(text.length / Math.max(perStep, word.length)));
      assert.equal(yields, text.length === 0 ? 0 : parts - 1, `a yield between two parts: ${context}`);
      // Stopped by the visitor after its first two occurrences.
      const firstTwo: number[] = [];
      runSteps(searchSteps(text, word, perStep, (at) => firstTwo.push(at) < 2, advance));
      assert.deepEqual(firstTwo, indexOfLoop(text, word, 2, advance), `stopped after two: ${context}`);
    }
  });

  it('reads a large text a part at a time', () => {
    const text = 'x'.repeat(1000) + 'externalDocs' + 'y'.repeat(1000);
    const found: number[] = [];
    assert.equal(runSteps(searchSteps(text, 'externalDocs', 100, (at) => found.push(at) > 0)).yields, 20);
    assert.deepEqual(found, [1000]);
  });
});
