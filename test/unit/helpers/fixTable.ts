import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiGuardSettings } from '../../../server/src/core/config/settings';
import { ruleFixes } from '../../../server/src/core/fixes/computeFixes';
import { applyEdits } from '../../../server/src/core/fixes/textEdit';
import { lintFiles } from './lint';

export interface FixCase {
  name: string;
  /** One document (string, named api.yaml / api.json) or several files by relative path. */
  files: Record<string, string> | string;
  /** Which proposal to apply: a fragment of its title (default: the preferred one, else the only one). */
  title?: string;
  /** Which finding: the one at this pointer (default: the first of the rule). */
  pointer?: string;
  /** Expected full text of each changed file after the fix. */
  after: Record<string, string> | string;
  /** Proposal titles that must be offered (fragments), e.g. one per scheme. */
  offered?: string[];
  settings?: Partial<ApiGuardSettings>;
}

/**
 * A before/after test of one rule's quick fix: the fix is applied, the result must equal `after`
 * byte for byte, parse without errors, and no longer contain the finding it fixed.
 */
export function fixTable(ruleId: string, cases: FixCase[]): void {
  describe(`${ruleId} quick fix`, () => {
    for (const testCase of cases) {
      it(testCase.name, () => {
        const files = typeof testCase.files === 'string' ? { [testCase.files.trimStart().startsWith('{') ? 'api.json' : 'api.yaml']: testCase.files } : testCase.files;
        const before = lintFiles(files, { only: [ruleId], settings: testCase.settings });
        const finding = before.findings.find((f) => f.ruleId === ruleId && (testCase.pointer === undefined || f.pointer === testCase.pointer));
        assert.ok(finding, `a ${ruleId} finding${testCase.pointer ? ` at ${testCase.pointer}` : ''} exists`);
        const proposals = ruleFixes(before.analysis, finding);
        for (const title of testCase.offered ?? []) {
          assert.ok(proposals.some((p) => p.title.includes(title)), `proposal "${title}" offered; got ${proposals.map((p) => p.title).join(' | ')}`);
        }
        const proposal = testCase.title !== undefined
          ? proposals.find((p) => p.title.includes(testCase.title!))
          : proposals.find((p) => p.isPreferred) ?? (proposals.length === 1 ? proposals[0] : undefined);
        assert.ok(proposal, `proposal to apply; got ${proposals.map((p) => p.title).join(' | ') || 'none'}`);
        const changed = new Map<string, string>();
        for (const [path, text] of Object.entries(files)) {
          const uri = before.uri(path);
          const edits = proposal.edits.filter((edit) => edit.uri === uri);
          if (edits.length > 0) changed.set(path, applyEdits(text, edits));
        }
        const expected = typeof testCase.after === 'string' ? { [Object.keys(files)[0]]: testCase.after } : testCase.after;
        for (const [path, text] of Object.entries(expected)) assert.equal(changed.get(path) ?? files[path], text, `text of ${path}`);
        const after = lintFiles({ ...files, ...Object.fromEntries(changed) }, { settings: testCase.settings });
        for (const finding of after.findings) {
          assert.notEqual(finding.ruleId, 'spec-parse-error', `fixed file parses: ${finding.message}`);
        }
        const still = after.findings.filter((f) => f.ruleId === ruleId && f.fingerprint === finding.fingerprint);
        assert.deepEqual(still.map((f) => f.message), [], 'the fixed finding is gone');
      });
    }
  });
}
