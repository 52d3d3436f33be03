import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareFindings, type Finding } from '../../../server/src/core/engine/finding';
import { withoutDuplicates } from '../../../server/src/lsp/documentFindings';
import { seededRandom } from '../helpers/seededRandom';

// What a document shows is the findings of every source (folders that include it, its code, a
// configuration file) without duplicates: same rule, same start, same message. A single sorted list
// is de-duplicated without building a key per finding; the result must be the keyed one.

const URI = 'file:///ws/api.yaml';

function finding(ruleId: string, line: number, character: number, message: string, fingerprint: string): Finding {
  return { ruleId, severity: 'warning', message, uri: URI, range: { start: { line, character }, end: { line, character: character + 3 } }, fingerprint };
}

/** The reference: the first finding of each key, in the order of the sources. */
function keyed(sources: readonly (readonly Finding[])[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const source of sources) {
    for (const item of source) {
      const key = `${item.ruleId}|${item.range.start.line}:${item.range.start.character}|${item.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** Findings on few lines, rules and messages, so that duplicates (and near-duplicates) are frequent. */
function randomList(next: () => number, length: number): Finding[] {
  const list: Finding[] = [];
  for (let index = 0; index < length; index++) {
    const rule = ['limit-string-length', 'limit-array-items', 'doc-operation-tags'][Math.floor(next() * 3)];
    list.push(finding(rule, Math.floor(next() * 4), Math.floor(next() * 3), `message ${Math.floor(next() * 2)}`, `f${index}`));
  }
  return list;
}

describe('withoutDuplicates (the findings a document shows)', () => {
  it('drops the later finding of the same rule, start and message from one sorted list, keeping the objects', () => {
    const a = finding('limit-string-length', 3, 4, 'no maxLength', 'a');
    const b = finding('limit-string-length', 3, 4, 'no maxLength', 'b');
    const c = finding('limit-string-length', 3, 4, 'no maxLength either', 'c');
    const d = finding('limit-array-items', 3, 4, 'no maxLength', 'd');
    const e = finding('limit-string-length', 3, 5, 'no maxLength', 'e');
    const list = [a, b, c, d, e].sort(compareFindings);
    const kept = withoutDuplicates([list], false);
    assert.deepEqual(kept.map((item) => item.fingerprint), list.filter((item) => item !== b).map((item) => item.fingerprint));
    assert.ok(kept.includes(a) && !kept.includes(b));
  });

  it('equals the keyed result for random sorted, unsorted and several lists, with and without kept keys', () => {
    const next = seededRandom(15);
    let sortedWithDuplicates = 0;
    for (let round = 0; round < 400; round++) {
      const length = Math.floor(next() * 40);
      const list = randomList(next, length);
      const kind = round % 4;
      const sources = kind === 0 ? [list] : kind === 1 ? [[...list].sort(compareFindings)] : kind === 2 ? [[...list].sort(compareFindings), randomList(next, 5)] : [list.slice(0, length >> 1), list.slice(length >> 1)];
      if (kind === 1 && keyed(sources).length < length) sortedWithDuplicates++;
      const keep = round % 2 === 0;
      assert.deepEqual(withoutDuplicates(sources, keep), keyed(sources), `round ${round}`);
      // A second call (the keys of open documents' findings are kept) gives the same.
      assert.deepEqual(withoutDuplicates(sources, keep), keyed(sources), `round ${round}, again`);
    }
    // The fast path was exercised on lists that do hold duplicates.
    assert.ok(sortedWithDuplicates > 50, `${sortedWithDuplicates} sorted lists with duplicates`);
  });

  it('returns nothing for no source and the list itself, copied, for one without duplicates', () => {
    assert.deepEqual(withoutDuplicates([], true), []);
    const list = [finding('a', 0, 0, 'x', '1'), finding('a', 0, 1, 'x', '2')];
    const kept = withoutDuplicates([list], true);
    assert.deepEqual(kept, list);
    assert.notEqual(kept, list);
  });
});
