import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { severityRank, type Finding } from '../../../server/src/core/engine/finding';
import type { Severity } from '../../../server/src/core/rules/types';
import { selectShownFindings } from '../../../server/src/lsp/shownFindings';
import { seededRandom } from '../helpers/seededRandom';

const URI = 'file:///ws/api.yaml';

function finding(severity: Severity, line: number, endLine = line): Finding {
  return { ruleId: 'limit-string-length', severity, message: `${severity} at ${line}`, uri: URI, range: { start: { line, character: 4 }, end: { line: endLine, character: 9 } }, fingerprint: `${severity}${line}` };
}

const lines = (findings: readonly Finding[]): number[] => findings.map((item) => item.range.start.line);

/**
 * The reference: sort by severity, then distance to the focus, then position, keep the first
 * `limit - 1`, give them back in their order. (Once a severity does not fit whole, the first
 * `limit - 1` never reach a less severe one.)
 */
function reference(findings: readonly Finding[], limit: number, focus: number): Finding[] {
  if (findings.length <= limit) return [...findings];
  const distance = (item: Finding): number => (focus < item.range.start.line ? item.range.start.line - focus : focus > item.range.end.line ? focus - item.range.end.line : 0);
  const ranked = findings.map((item, index) => ({ item, index }));
  ranked.sort((a, b) => severityRank(a.item.severity) - severityRank(b.item.severity) || distance(a.item) - distance(b.item) || a.index - b.index);
  const kept = new Set(ranked.slice(0, limit - 1).map((entry) => entry.index));
  return findings.filter((_, index) => kept.has(index));
}

describe('selectShownFindings: the findings a client that shows a limited number per document gets', () => {
  it('gives every finding back, as the same list, when they fit', () => {
    const findings = [finding('info', 1), finding('error', 5)];
    const result = selectShownFindings(findings, 2, 0);
    assert.equal(result.shown, findings);
    assert.equal(result.hidden, 0);
  });

  it('keeps every error and warning, then the information findings nearest to the focus, in their order, and leaves room for the note', () => {
    const findings = [finding('info', 1), finding('info', 10), finding('error', 20), finding('info', 30), finding('info', 40), finding('warning', 90), finding('info', 95), finding('hint', 41)];
    const result = selectShownFindings(findings, 5, 38);
    // Room for 4: the error, the warning and the two information findings nearest to line 38.
    assert.deepEqual(lines(result.shown), [20, 30, 40, 90]);
    assert.equal(result.hidden, 4);
  });

  it('keeps the nearest findings of the most severe kind when even those do not all fit', () => {
    const findings = [finding('error', 0), finding('error', 50), finding('error', 100), finding('warning', 99)];
    assert.deepEqual(lines(selectShownFindings(findings, 3, 90).shown), [50, 100]);
    assert.deepEqual(lines(selectShownFindings(findings, 3, 0).shown), [0, 50]);
  });

  it('counts a finding whose lines hold the focus as nearest, and keeps the earlier of two at the same distance', () => {
    const findings = [finding('info', 0, 200), finding('info', 95), finding('info', 105), finding('info', 150)];
    assert.deepEqual(lines(selectShownFindings(findings, 3, 100).shown), [0, 95]);
  });

  it('keeps what a sort by severity, distance and position keeps, on random lists', () => {
    const next = seededRandom(11);
    const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(next() * 60);
      const findings: Finding[] = [];
      for (let index = 0; index < length; index++) {
        const line = Math.floor(next() * 80);
        findings.push(finding(severities[Math.floor(next() ** 2 * 4)], line, line + (next() < 0.2 ? Math.floor(next() * 20) : 0)));
      }
      const limit = 2 + Math.floor(next() * 40);
      const focus = Math.floor(next() * 100);
      const result = selectShownFindings(findings, limit, focus);
      const expected = reference(findings, limit, focus);
      assert.deepEqual(result.shown, expected, `round ${round}: ${length} findings, limit ${limit}, focus ${focus}`);
      assert.equal(result.hidden, findings.length - expected.length);
      assert.equal(result.shown.length, findings.length <= limit ? findings.length : limit - 1);
    }
  });
});
