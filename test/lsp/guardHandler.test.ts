/**
 * `guardRequest`: a failing handler answers its fallback and is logged; every request it starts is
 * counted, so that the analysis loop can let the answer of a request that just came in out before
 * its next slice.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardRequest, requestsStartedSoFar } from '../../server/src/lsp/guardHandler';
import type { Logger } from '../../server/src/lsp/logger';

describe('guardRequest', () => {
  it('answers the handler\'s result, or its fallback when it throws or rejects, and counts every request', async () => {
    const errors: string[] = [];
    const logger = { error: (message: string) => errors.push(message) } as unknown as Logger;
    const before = requestsStartedSoFar();
    const ok = guardRequest(logger, 'ok', (_value: number) => -1, (value: number) => value * 2);
    const throws = guardRequest(logger, 'throws', () => -1, (): number => {
      throw new Error('boom');
    });
    const rejects = guardRequest(logger, 'rejects', () => -2, async (): Promise<number> => Promise.reject(new Error('later')));
    assert.equal(await ok(21), 42);
    assert.equal(await throws(), -1);
    assert.equal(await rejects(), -2);
    assert.deepEqual(errors, ['throws failed', 'rejects failed']);
    assert.equal(requestsStartedSoFar() - before, 3);
  });
});
