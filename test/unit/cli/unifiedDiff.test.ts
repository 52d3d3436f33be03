import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLines, unifiedDiff } from '../../../server/src/cli/unifiedDiff';

const HEADERS = { fromFile: 'a/x.yaml', toFile: 'b/x.yaml' };

/**
 * Applies a unified diff the way `patch` does, strictly: every context and removed line must
 * match the old text at the hunk's position, and the counts in each header must match its body.
 */
function applyUnifiedDiff(before: string, diff: string): string {
  const old = splitLines(before);
  const lines = splitLines(diff);
  assert.equal(lines[0], `--- ${HEADERS.fromFile}\n`);
  assert.equal(lines[1], `+++ ${HEADERS.toFile}\n`);
  let result: string[] = [];
  let cursor = 0;
  let index = 2;
  while (index < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$/.exec(lines[index]);
    assert.ok(header, `a hunk header: ${JSON.stringify(lines[index])}`);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const newCount = header[4] === undefined ? 1 : Number(header[4]);
    const oldStart = oldCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    assert.ok(oldStart >= cursor, 'hunks are in order and do not overlap');
    assert.equal(Number(header[3]) - (newCount === 0 ? 0 : 1), oldStart - cursor + result.length, 'the new start follows from the lines before the hunk');
    result = result.concat(old.slice(cursor, oldStart));
    cursor = oldStart;
    index++;
    let seenOld = 0;
    let seenNew = 0;
    while (index < lines.length && !lines[index].startsWith('@@')) {
      const line = lines[index];
      const marker = line[0];
      let body = line.slice(1);
      if (lines[index + 1] === '\\ No newline at end of file\n') {
        body = body.replace(/\n$/, '');
        index++;
      }
      if (marker === ' ' || marker === '-') {
        assert.equal(old[cursor], body, `line ${cursor + 1} matches`);
        cursor++;
        seenOld++;
      }
      if (marker === ' ' || marker === '+') {
        result.push(body);
        seenNew++;
      }
      assert.ok(marker === ' ' || marker === '-' || marker === '+', `a diff line: ${JSON.stringify(line)}`);
      index++;
    }
    assert.equal(seenOld, oldCount, 'old count of the hunk');
    assert.equal(seenNew, newCount, 'new count of the hunk');
  }
  return result.concat(old.slice(cursor)).join('');
}

/** The number of lines an optimal diff removes plus adds (from the longest common subsequence). */
function minimalChanges(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  return a.length + b.length - 2 * table[0][0];
}

function changedLines(diff: string): number {
  return splitLines(diff).filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line)).length;
}

/** A deterministic pseudo-random generator, so that a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('unifiedDiff', () => {
  it('writes nothing for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', HEADERS), '');
  });

  it('writes one hunk with three lines of context, as diff -u does', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((line) => `${line}\n`).join('');
    const after = before.replace('5\n', 'five\n');
    assert.equal(unifiedDiff(before, after, HEADERS), ['--- a/x.yaml', '+++ b/x.yaml', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
  });

  it('merges changes whose context would overlap and splits those further apart', () => {
    const lines = Array.from({ length: 30 }, (_, index) => `line ${index + 1}\n`);
    const close = [...lines];
    close[4] = 'changed 5\n';
    close[10] = 'changed 11\n';
    assert.equal(splitLines(unifiedDiff(lines.join(''), close.join(''), HEADERS)).filter((line) => line.startsWith('@@')).length, 1, 'six equal lines between changes: one hunk');
    const apart = [...lines];
    apart[4] = 'changed 5\n';
    apart[12] = 'changed 13\n';
    const diff = unifiedDiff(lines.join(''), apart.join(''), HEADERS);
    assert.deepEqual(
      splitLines(diff).filter((line) => line.startsWith('@@')),
      ['@@ -2,7 +2,7 @@\n', '@@ -10,7 +10,7 @@\n'],
      'seven equal lines between changes: two hunks',
    );
  });

  it('names the line before an insertion at the start, as diff -u does', () => {
    assert.equal(unifiedDiff('b\n', 'a\nb\n', HEADERS), ['--- a/x.yaml', '+++ b/x.yaml', '@@ -1 +1,2 @@', '+a', ' b', ''].join('\n'));
    assert.equal(unifiedDiff('', 'a\n', HEADERS), ['--- a/x.yaml', '+++ b/x.yaml', '@@ -0,0 +1 @@', '+a', ''].join('\n'));
  });

  it('marks a last line without a newline', () => {
    assert.equal(
      unifiedDiff('a\nb', 'a\nc', HEADERS),
      ['--- a/x.yaml', '+++ b/x.yaml', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'),
    );
    assert.equal(unifiedDiff('a\nb', 'a\nb\n', HEADERS), ['--- a/x.yaml', '+++ b/x.yaml', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
  });

  it('keeps CRLF line endings in the diff lines, and shows a changed ending as a changed line', () => {
    const diff = unifiedDiff('a\r\nb\r\n', 'a\r\nB\r\n', HEADERS);
    assert.ok(diff.includes('-b\r\n+B\r\n'));
    assert.equal(applyUnifiedDiff('a\r\nb\r\n', diff), 'a\r\nB\r\n');
    assert.equal(changedLines(unifiedDiff('a\r\nb\r\n', 'a\r\nb\n', HEADERS)), 2);
  });

  it('is minimal and applies back to the new text, over random edits', () => {
    const next = random(20240611);
    const alphabet = ['a\n', 'b\n', 'c\n', 'd\n', 'e\n', 'key: value\n', '  - item\n', '\n'];
    for (let round = 0; round < 400; round++) {
      const length = Math.floor(next() * 25);
      const before = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]);
      const after = [...before];
      const edits = 1 + Math.floor(next() * 4);
      for (let edit = 0; edit < edits; edit++) {
        const at = Math.floor(next() * (after.length + 1));
        const choice = next();
        if (choice < 0.4) after.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]);
        else if (choice < 0.7) after.splice(at, 1);
        else after.splice(at, 1, alphabet[Math.floor(next() * alphabet.length)]);
      }
      // Sometimes the last line loses its newline, which the diff must mark.
      if (next() < 0.2 && after.length > 0) after[after.length - 1] = after[after.length - 1].replace(/\n$/, '');
      const beforeText = before.join('');
      const afterText = after.join('');
      const diff = unifiedDiff(beforeText, afterText, HEADERS);
      if (beforeText === afterText) {
        assert.equal(diff, '');
        continue;
      }
      assert.equal(applyUnifiedDiff(beforeText, diff), afterText, `round ${round}:\n${diff}`);
      assert.equal(changedLines(diff), minimalChanges(splitLines(beforeText), splitLines(afterText)), `round ${round} is minimal:\n${diff}`);
    }
  });

  it('handles a long file with changes far apart without comparing every pair of lines', () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => `line ${index}\n`);
    const after = [...lines];
    after[10] = 'first change\n';
    after.splice(30_000, 0, 'inserted\n');
    after[49_990] = 'last change\n';
    const diff = unifiedDiff(lines.join(''), after.join(''), HEADERS);
    assert.equal(splitLines(diff).filter((line) => line.startsWith('@@')).length, 3);
    assert.equal(applyUnifiedDiff(lines.join(''), diff), after.join(''));
  });
});
