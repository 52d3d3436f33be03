import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameJson } from '../../server/src/lsp/diagnosticsPublisher';

const diagnostic = {
  range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } },
  severity: 2,
  source: 'API Guard',
  code: 'doc-operation-id',
  message: 'GET /pets has no operationId',
  data: { fingerprint: '0123456789abcd', suggestion: 'listPets' },
};

describe('sameJson (whether published diagnostics changed)', () => {
  it('finds equal values equal, whatever the member order and undefined members', () => {
    const reordered = { message: diagnostic.message, code: diagnostic.code, data: { suggestion: 'listPets', fingerprint: '0123456789abcd' }, source: diagnostic.source, severity: 2, range: { end: { character: 9, line: 3 }, start: { line: 3, character: 4 } }, relatedInformation: undefined };
    assert.equal(sameJson([diagnostic], [reordered]), true);
    assert.equal(sameJson([], []), true);
  });

  it('sees every kind of difference', () => {
    const changed = [
      { ...diagnostic, message: 'GET /pets has no operationId.' },
      { ...diagnostic, range: { ...diagnostic.range, end: { line: 3, character: 10 } } },
      { ...diagnostic, data: { fingerprint: '0123456789abcd' } },
      { ...diagnostic, data: { ...diagnostic.data, extra: null } },
      { ...diagnostic, severity: '2' },
      { ...diagnostic, relatedInformation: [] },
    ];
    for (const other of changed) {
      assert.equal(sameJson([diagnostic], [other]), false, JSON.stringify(other));
      assert.equal(sameJson([other], [diagnostic]), false, JSON.stringify(other));
    }
    assert.equal(sameJson([diagnostic], [diagnostic, diagnostic]), false);
    assert.equal(sameJson([diagnostic], {}), false);
    assert.equal(sameJson({ a: [] }, { a: {} }), false);
  });
});
