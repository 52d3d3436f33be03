import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { analyseApi, analyseApiSteps, REPORTS_PER_STEP } from '../../../server/src/core/engine/analyseApi';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { specInvalid } from '../../../server/src/core/rules/spec/spec-invalid';
import { tlsHttpUrl } from '../../../server/src/core/rules/tls/tls-http-url';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { drain } from '../helpers/drain';

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

describe('every rule prepared in steps, on a large document', () => {
  // 3,000 schemas with documentation links (every third over http), recursive references and a
  // misspelt keyword here and there: spec-invalid, ref-circular and tls-http-url prepare ahead.
  const count = 3000;
  const schemas = Array.from({ length: count }, (_, index) =>
    [
      `    S${index}:`,
      '      type: object',
      `      externalDocs: { url: "${index % 3 === 0 ? 'http' : 'https'}://docs.shop.test/s${index}" }`,
      '      properties:',
      `        next: { $ref: "#/components/schemas/S${index - (index % 4) + ((index + 1) % 4)}" }`,
      `        note: { type: string${index % 500 === 0 ? ', maxLenght: 3' : ''} }`,
      `        externalDocs: { type: object, externalDocs: { url: "http://docs.shop.test/property${index}" } }`,
    ].join('\n'),
  ).join('\n');
  const text = `openapi: 3.0.3
info: { title: T, version: '1' }
externalDocs: { url: "http://docs.shop.test/" }
tags: [{ name: a, externalDocs: { url: "http://docs.shop.test/a" } }]
paths:
  /a:
    get:
      externalDocs: { url: "http://docs.shop.test/get" }
      responses: { '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/S0' } } } } }
components:
  schemas:
${schemas}
`;

  function findings(inSlices: boolean): string[] {
    const store = new DocumentStore({ read: (uri) => (uri === URI ? text : undefined) });
    const big = buildApi(store.get(URI)!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
    const steps = analyseApiSteps(big, defaultSettings(), { inSlices });
    for (;;) {
      const next = steps.next();
      if (next.done === true) return next.value.findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.character} ${finding.message}`);
    }
  }

  it('gives the findings of an analysis in one go, in the same order', () => {
    const oneGo = findings(false);
    for (const rule of ['spec-invalid', 'ref-circular', 'tls-http-url']) assert.ok(oneGo.some((line) => line.startsWith(`${rule} `)), rule);
    assert.ok(oneGo.filter((line) => line.startsWith('tls-http-url ')).length > count / 3);
    assert.deepEqual(findings(true), oneGo);
  });

  it('walks the document for externalDocs in several steps', () => {
    const store = new DocumentStore({ read: (uri) => (uri === URI ? text : undefined) });
    const big = buildApi(store.get(URI)!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
    // One yield after the document, the others within its walk.
    const { yields } = drain(tlsHttpUrl.prepareSteps!(big));
    assert.ok(yields >= 2, `${yields} yields`);
  });
});
