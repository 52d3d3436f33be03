import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { ApiGuardSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import type { Severity } from '../../../server/src/core/rules/types';
import { lintFiles } from './lint';

export interface ExpectedFinding {
  /** JSON pointer of the reported node (omit for findings without one). */
  pointer?: string;
  /** A fragment the message must contain. */
  message?: string;
  severity?: Severity;
  /** Relative path of the file that must hold the finding (default: any). */
  file?: string;
  /** 0-based line of the range start, when the exact place matters. */
  line?: number;
  /** Entries the finding's fix data must contain (each compared deeply; other keys are ignored). */
  data?: Record<string, unknown>;
}

export interface RuleCase {
  name: string;
  /** One document (string) or several files by relative path. */
  files: Record<string, string> | string;
  /** Exactly the findings of the rule, in any order. `[]` for a negative case. */
  expect: ExpectedFinding[];
  /** Findings the rule produces that a suppression hides (default: none checked). */
  suppressed?: ExpectedFinding[];
  settings?: Partial<ApiGuardSettings>;
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  if (expected.pointer !== undefined && finding.pointer !== expected.pointer) return false;
  if (expected.message !== undefined && !finding.message.includes(expected.message)) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.file !== undefined && !finding.uri.endsWith(`/${expected.file}`)) return false;
  if (expected.line !== undefined && finding.range.start.line !== expected.line) return false;
  if (expected.data !== undefined) {
    for (const [key, value] of Object.entries(expected.data)) if (!isDeepStrictEqual(finding.data?.[key], value)) return false;
  }
  return true;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.uri.split('/').pop()} ${f.pointer ?? ''} L${f.range.start.line}: ${f.message}`).join('\n') || '  (none)';
}

function assertExactly(actual: Finding[], expected: ExpectedFinding[], what: string): void {
  const remaining = [...actual];
  for (const item of expected) {
    const index = remaining.findIndex((finding) => matches(finding, item));
    assert.ok(index >= 0, `expected ${what} ${JSON.stringify(item)} not found; got:\n${describeFindings(actual)}`);
    remaining.splice(index, 1);
  }
  assert.equal(remaining.length, 0, `unexpected ${what}:\n${describeFindings(remaining)}`);
}

/** A table-driven test of one rule: each case lints its files with only that rule enabled. */
export function ruleTable(ruleId: string, cases: RuleCase[]): void {
  describe(ruleId, () => {
    for (const testCase of cases) {
      it(testCase.name, () => {
        const outcome = lintFiles(testCase.files, { only: [ruleId], settings: testCase.settings });
        const own = outcome.findings.filter((finding) => finding.ruleId === ruleId);
        assertExactly(own, testCase.expect, 'finding');
        if (testCase.suppressed !== undefined) {
          const hidden = outcome.suppressed.filter((finding) => finding.ruleId === ruleId);
          assertExactly(hidden, testCase.suppressed, 'suppressed finding');
        }
      });
    }
  });
}
