import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupDigits } from '../../server/src/lsp/diagnosticsPublisher';

describe('groupDigits (the counts of the note about findings not shown)', () => {
  it('writes a count as Intl.NumberFormat does in English and German', () => {
    const english = new Intl.NumberFormat('en-US');
    const german = new Intl.NumberFormat('de-DE');
    const counts = [0, 1, 12, 999, 1000, 1001, 9999, 10_000, 65_432, 100_000, 999_999, 1_000_000, 12_345_678, 1_000_000_000, -1, -1234, 2 ** 31];
    for (let power = 1; power < 1e15; power *= 7) counts.push(power, power - 1);
    for (const count of counts) {
      assert.equal(groupDigits(count, ','), english.format(count), `${count} in English`);
      // German groups four-digit numbers too (`1.000`), as the note showed before.
      assert.equal(groupDigits(count, '.'), german.format(count), `${count} in German`);
    }
  });
});
