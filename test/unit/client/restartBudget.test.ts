import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBudget } from '../../../client/src/restartBudget';

const minute = 60_000;

test('restarts the first four crashes within three minutes and refuses the fifth', () => {
  const budget = new RestartBudget(4, 3 * minute);
  const verdicts = [0, 10_000, 20_000, 30_000, 40_000].map((at) => budget.recordCrash(at));
  assert.deepEqual(
    verdicts.map((verdict) => verdict.restart),
    [true, true, true, true, false],
  );
  assert.deepEqual(
    verdicts.map((verdict) => verdict.crashesInWindow),
    [1, 2, 3, 4, 5],
  );
});

test('crashes older than the window no longer count', () => {
  const budget = new RestartBudget(4, 3 * minute);
  for (const at of [0, 1 * minute, 2 * minute, 2.5 * minute]) assert.equal(budget.recordCrash(at).restart, true);
  // The crash at 0 left the window 3 minutes later, so this one is the fourth in the window again.
  const verdict = budget.recordCrash(3.2 * minute);
  assert.deepEqual(verdict, { restart: true, crashesInWindow: 4 });
});

test('reset forgets earlier crashes', () => {
  const budget = new RestartBudget(1, 3 * minute);
  assert.equal(budget.recordCrash(0).restart, true);
  assert.equal(budget.recordCrash(1000).restart, false);
  budget.reset();
  assert.deepEqual(budget.recordCrash(2000), { restart: true, crashesInWindow: 1 });
});
