import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';

const FOLDER = 'file:///ws';
const ROOT = `${FOLDER}/api.yaml`;
const FRAGMENT = `${FOLDER}/schemas.yaml`;
const OTHER = `${FOLDER}/other.yaml`;

const API = `openapi: 3.0.3
info: { title: Pets, version: '1' }
servers:
  - url: http://api.example.com
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'schemas.yaml#/Pet' }
`;
const FRAGMENT_TEXT = `Pet:
  type: object
  properties:
    name: { type: string }
`;
const OTHER_API = `swagger: '2.0'
info: { title: Other, version: '1' }
host: other.example.com
paths:
  /a:
    post:
      responses: { '200': { description: ok } }
`;

function setUp(): { store: DocumentStore; analysis: FolderAnalysis } {
  const files = new Map([
    [ROOT, API],
    [FRAGMENT, FRAGMENT_TEXT],
    [OTHER, OTHER_API],
  ]);
  const store = new DocumentStore({ read: (uri) => files.get(uri) });
  const settings = defaultSettings();
  const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings, policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
  analysis.setCandidates([ROOT, FRAGMENT, OTHER]);
  return { store, analysis };
}

/** Findings as plain text lines, for comparing two analyses. */
function summary(analysis: FolderAnalysis): string[] {
  return [...analysis.findingsByUri().values()].flat().map((finding: Finding) => `${finding.uri} ${finding.ruleId} ${finding.range.start.line}:${finding.range.start.character} ${finding.message}`).sort();
}

describe('FolderAnalysis.updateSteps (the language server analyses in slices)', () => {
  it('yields between candidates and rules, and ends with what a one-go update records', () => {
    const stepped = setUp();
    const steps = stepped.analysis.updateSteps();
    let count = 0;
    let next = steps.next();
    while (next.done !== true) {
      count++;
      next = steps.next();
    }
    assert.ok(count > 20, `an API of this size takes many steps (${count})`);
    assert.deepEqual([...next.value].sort(), [ROOT, FRAGMENT, OTHER].sort());
    const oneGo = setUp();
    oneGo.analysis.update();
    assert.ok(summary(oneGo.analysis).length > 5);
    assert.deepEqual(summary(stepped.analysis), summary(oneGo.analysis));
  });

  it('does not record an API whose document changed between two steps; the next update analyses the new text', () => {
    const { store, analysis } = setUp();
    const steps = analysis.updateSteps();
    // Step until the first API is being analysed (rules have started), then edit its root.
    for (let index = 0; index < 6; index++) steps.next();
    const edited = API.replace('http://api.example.com', 'https://api.example.com');
    store.setOpen(ROOT, edited, 2);
    let next = steps.next();
    while (next.done !== true) next = steps.next();
    const recorded = analysis.findingsFor(ROOT);
    assert.ok(
      recorded.every((finding) => finding.ruleId !== 'tls-http-server'),
      'nothing of the analysis of the old text is recorded: ' + recorded.map((finding) => finding.ruleId).join(', '),
    );
    assert.equal(analysis.isUpToDate(ROOT), false, 'the API is behind the store until the next update');
    analysis.update();
    assert.equal(analysis.isUpToDate(ROOT), true);
    assert.equal(analysis.isUpToDate(FRAGMENT), true);
    const fresh = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
    fresh.setCandidates([ROOT, FRAGMENT, OTHER]);
    fresh.update();
    assert.deepEqual(summary(analysis), summary(fresh));
    assert.ok(summary(analysis).every((line) => !line.includes('tls-http-server') || line.startsWith(OTHER)));
  });

  it('stops when the options change between two steps, leaving the next update to do the work', () => {
    const { analysis } = setUp();
    const steps = analysis.updateSteps();
    for (let index = 0; index < 4; index++) steps.next();
    analysis.setOptions({ folderUri: FOLDER, settings: { ...defaultSettings(), rules: { 'tls-http-server': 'off' } }, policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
    let next = steps.next();
    let remaining = 0;
    while (next.done !== true) {
      remaining++;
      next = steps.next();
    }
    assert.ok(remaining <= 1, `the stale update ends at once (${remaining} more steps)`);
    assert.equal(analysis.allApis().length, 0, 'nothing analysed with the old options is kept');
    analysis.update();
    assert.equal(analysis.allApis().length, 2);
    assert.ok(summary(analysis).every((line) => !line.includes('tls-http-server')), 'the new options apply');
  });

  it('knows which documents are up to date', () => {
    const { store, analysis } = setUp();
    assert.equal(analysis.isUpToDate(ROOT), false, 'not analysed yet');
    analysis.update();
    for (const uri of [ROOT, FRAGMENT, OTHER]) assert.equal(analysis.isUpToDate(uri), true, uri);
    store.setOpen(FRAGMENT, FRAGMENT_TEXT.replace('name', 'nickname'), 1);
    assert.equal(analysis.isUpToDate(FRAGMENT), false);
    assert.equal(analysis.isUpToDate(ROOT), false, 'the root shares the API of the changed fragment');
    assert.equal(analysis.isUpToDate(OTHER), true, 'another API is not affected');
    analysis.update();
    assert.equal(analysis.isUpToDate(ROOT), true);
  });
});
