import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHORT_RUN_INTERRUPT_BUDGET, shortRunV8Flags } from '../../../server/src/cli/shortRunTuning';

const NODE_20_V8 = '11.3.244.8-node.38';
const BUDGET = [`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`];

describe('CLI launcher: V8 options for a short run', () => {
  it("raises the optimisation budget to four times V8 11's default", () => {
    assert.equal(SHORT_RUN_INTERRUPT_BUDGET, 4 * 67584);
    assert.deepEqual(shortRunV8Flags(NODE_20_V8, []), BUDGET);
    assert.deepEqual(shortRunV8Flags('11.8.172.17-node.19', []), BUDGET);
  });

  it('keeps other options the user gives', () => {
    assert.deepEqual(shortRunV8Flags(NODE_20_V8, ['--enable-source-maps', '--max-old-space-size=8192']), BUDGET);
    // A flag whose name only starts like the budget's is another flag.
    assert.deepEqual(shortRunV8Flags(NODE_20_V8, ['--interrupt-budget-factor-for-feedback-allocation=4']), BUDGET);
  });

  const given: Array<[string, string[]]> = [
    ['as one argument', ['--max-old-space-size=8192', '--interrupt-budget=1000']],
    ['with an underscore', ['--interrupt_budget=1000']],
    ['with its value apart', ['--interrupt-budget', '1000']],
  ];
  for (const [how, execArgv] of given) {
    it(`leaves a budget the user gives ${how} as it is`, () => {
      assert.deepEqual(shortRunV8Flags(NODE_20_V8, execArgv), []);
    });
  }

  it('sets nothing on a V8 other than 11, where it was not measured', () => {
    assert.deepEqual(shortRunV8Flags('12.4.254.21-node.33', []), []);
    assert.deepEqual(shortRunV8Flags('10.2.154.26-node.36', []), []);
  });
});
