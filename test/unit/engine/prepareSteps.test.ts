import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { analyseApi, analyseApiSteps, REPORTS_PER_STEP } from '../../../server/src/core/engine/analyseApi';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { specInvalid } from '../../../server/src/core/rules/spec/spec-invalid';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';

const URI = 'file:///ws/api.yaml';
const TEXT = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /a:
    get:
      parameters: [{ name: q, in: querry, schema: { type: string } }]
      responses: { '200': { description: OK } }
`;

function api() {
  const store = new DocumentStore({ read: (uri) => (uri === URI ? TEXT : undefined) });
  return buildApi(store.get(URI)!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
}

function run(inSlices: boolean, errors: string[] = []) {
  const steps = analyseApiSteps(api(), defaultSettings(), { inSlices, onRuleError: (ruleId, error) => errors.push(`${ruleId}: ${(error as Error).message}`) });
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value.findings.map((finding) => `${finding.ruleId} ${finding.message}`).sort();
  }
}

describe('a rule\'s prepareSteps (work done ahead in steps when the analysis runs in slices)', () => {
  it('gives the findings of an analysis in one go', () => {
    const findings = run(true);
    assert.ok(findings.some((line) => line.startsWith('spec-invalid ')));
    assert.deepEqual(findings, analyseApi(api(), defaultSettings()).findings.map((finding) => `${finding.ruleId} ${finding.message}`).sort());
  });

  it('runs only in slices, and an error in it is reported as the rule\'s, which then reports nothing', () => {
    const original = specInvalid.prepareSteps;
    let calls = 0;
    specInvalid.prepareSteps = function* () {
      calls++;
      yield;
      throw new Error('broken preparation');
    };
    try {
      const oneGo = run(false);
      assert.equal(calls, 0, 'not run by a caller that runs every step at once');
      assert.ok(oneGo.some((line) => line.startsWith('spec-invalid ')));
      const errors: string[] = [];
      const sliced = run(true, errors);
      assert.equal(calls, 1);
      assert.deepEqual(errors, ['spec-invalid: broken preparation']);
      assert.deepEqual(sliced, oneGo.filter((line) => !line.startsWith('spec-invalid ')), 'every other rule still reports');
    } finally {
      specInvalid.prepareSteps = original;
    }
  });
});

describe('a rule with thousands of reports, analysed in slices', () => {
  // 1,234 string properties without maxLength: as many limit-string-length reports.
  const properties = Array.from({ length: 1234 }, (_, index) => `        p${index}: { type: string }`).join('\n');
  const text = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /a:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Big' } } } }
      responses: { '200': { description: OK } }
components:
  schemas:
    Big:
      type: object
      properties:
${properties}
`;
  const only = new Set(['limit-string-length']);

  function analyse(inSlices: boolean): { steps: number; findings: string[] } {
    const store = new DocumentStore({ read: (uri) => (uri === URI ? text : undefined) });
    const big = buildApi(store.get(URI)!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
    const steps = analyseApiSteps(big, defaultSettings(), { inSlices, only });
    for (let count = 1; ; count++) {
      const next = steps.next();
      if (next.done === true) return { steps: count, findings: next.value.findings.map((finding) => `${finding.range.start.line} ${finding.message}`) };
    }
  }

  it('makes its findings a batch per step, the same findings in the same order', () => {
    const oneGo = analyse(false);
    const sliced = analyse(true);
    assert.equal(oneGo.findings.length, 1234);
    assert.deepEqual(sliced.findings, oneGo.findings);
    assert.equal(sliced.steps - oneGo.steps, Math.ceil(1234 / REPORTS_PER_STEP) - 1);
  });
});
