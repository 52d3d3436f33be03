import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashFields, hashString } from '../../../server/src/core/engine/finding';
import { seededRandom } from '../helpers/seededRandom';

/** Characters of every width a spec may hold: ASCII, the separator itself, Latin-1, the BMP, surrogate pairs. */
const ALPHABET = ['a', 'Z', '0', '/', '~', '|', ' ', 'ü', 'ÿ', '€', '中', '😀', '\u{1F600}'.charAt(0)];

describe('fingerprints', () => {
  it('keep the values they had (baselines and SARIF results store them)', () => {
    assert.equal(hashString('limit-string-length|specs/stripe.yaml|/components/schemas/account/properties/id|'), '1cf6482865bcea');
    assert.equal(hashString(''), '0bdcb81aee8d83');
    assert.equal(hashString('ü|€|😀|'), '0b0a1ba764c6b3');
    assert.equal(hashFields('limit-string-length', 'specs/stripe.yaml', '/components/schemas/account/properties/id', ''), '1cf6482865bcea');
    assert.equal(hashFields('ü', '€', '😀', ''), '0b0a1ba764c6b3');
  });

  it('hashFields is hashString of the parts joined by "|", for any texts', () => {
    const random = seededRandom(28);
    const text = (): string => {
      let out = '';
      const length = Math.floor(random() * 12);
      for (let index = 0; index < length; index++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
      return out;
    };
    for (let round = 0; round < 2_000; round++) {
      const parts = [text(), text(), text(), text()] as const;
      assert.equal(hashFields(...parts), hashString(parts.join('|')), JSON.stringify(parts));
    }
  });

  it('hashFields gives the same value when the rule and file repeat, as the findings of one rule in one file do', () => {
    const random = seededRandom(31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    // The empty texts too: the state kept for the first two parts starts out as no state at all.
    const rules = ['', 'limit-string-length', 'ref-circular', '|'];
    const files = ['', 'api.yaml', 'specs/€.json', 'ref-circular'];
    for (let round = 0; round < 2_000; round++) {
      const repeats = 1 + Math.floor(random() * 4);
      const rule = pick(rules);
      const file = pick(files);
      for (let repeat = 0; repeat < repeats; repeat++) {
        const parts = [rule, file, pick(['', '/a', '/paths/~1x/get', '|']) + String(round), pick(['', 'b', '|'])] as const;
        assert.equal(hashFields(...parts), hashString(parts.join('|')), JSON.stringify(parts));
      }
    }
  });
});
