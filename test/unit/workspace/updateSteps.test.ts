import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { buildApi, buildApiSteps } from '../../../server/src/core/openapi/buildApi';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';
import { drain } from '../helpers/drain';

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

  it('does not record an API whose fragment changed between two rules, after its documents were found current', () => {
    const { store, analysis } = setUp();
    const steps = analysis.updateSteps();
    // Well into the rules of the first API (the store's documents have been checked since), then edit its fragment.
    for (let index = 0; index < 12; index++) steps.next();
    store.setOpen(FRAGMENT, FRAGMENT_TEXT.replace('name: { type: string }', 'name: { type: string }\n    homepage: { type: string, format: uri }'), 2);
    let next = steps.next();
    while (next.done !== true) next = steps.next();
    assert.deepEqual(
      analysis.findingsFor(FRAGMENT).map((finding) => finding.ruleId),
      [],
      'nothing of the analysis of the old fragment is recorded',
    );
    assert.equal(analysis.isUpToDate(ROOT), false, 'the API is behind the store until the next update');
    analysis.update();
    assert.ok(analysis.findingsFor(FRAGMENT).length > 0, 'the next update records the fragment\'s findings');
    const fresh = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
    fresh.setCandidates([ROOT, FRAGMENT, OTHER]);
    fresh.update();
    assert.deepEqual(summary(analysis), summary(fresh));
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

  it('passes the documents the editor shows first, also when they are opened during an update', () => {
    const { analysis } = setUp();
    const passed: string[] = [];
    const steps = analysis.updateSteps();
    for (let next = steps.next(); next.done !== true; next = steps.next()) {
      if (typeof next.value !== 'string') continue;
      passed.push(next.value);
      if (passed.length === 1) analysis.prioritise(OTHER);
    }
    assert.deepEqual(passed, [ROOT, OTHER, FRAGMENT, OTHER], 'OTHER went before FRAGMENT (and is passed again, at no cost, in its turn)');
    assert.equal(analysis.allApis().length, 2);
  });
});

describe('buildApiSteps (an API of many files is read across several steps)', () => {
  it('yields after each document it reads, and builds what buildApi builds', () => {
    const fragments = 5;
    const files = new Map<string, string>();
    const refs = Array.from({ length: fragments }, (_, index) => `          schema${index}: { $ref: 'part${index}.yaml#/Thing' }`).join('\n');
    files.set(ROOT, `${API}components:\n  schemas:\n    All:\n      properties:\n${refs.replace(/^ {10}/gm, '        ')}\n`);
    files.set(FRAGMENT, FRAGMENT_TEXT);
    for (let index = 0; index < fragments; index++) files.set(`${FOLDER}/part${index}.yaml`, `Thing:\n  type: string\n  description: part ${index}\n`);
    const policy = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
    const store = new DocumentStore({ read: (uri) => files.get(uri) });
    const root = store.get(ROOT)!;
    const steps = buildApiSteps(root, store, policy);
    let yields = 0;
    let next = steps.next();
    for (; next.done !== true; next = steps.next()) yields++;
    const api = next.value!;
    assert.equal(yields, fragments + 1, 'one step per document read (the parts and schemas.yaml)');
    assert.deepEqual(api.documents.map((doc) => doc.uri).sort(), [ROOT, FRAGMENT, ...Array.from({ length: fragments }, (_, index) => `${FOLDER}/part${index}.yaml`)].sort());
    // Everything is parsed now: a second build reads nothing, and both agree.
    const again = buildApiSteps(root, store, policy);
    assert.equal(again.next().done, true, 'no step when every document is already parsed');
    const once = buildApi(root, store, policy)!;
    assert.deepEqual(once.refSites.map((site) => `${site.ref} ${site.problem?.kind ?? 'ok'}`), api.refSites.map((site) => `${site.ref} ${site.problem?.kind ?? 'ok'}`));
    assert.equal(once.operations.length, api.operations.length);
  });

  it('reads and parses each document in steps too when asked (the language server), in one go otherwise (the CLI)', () => {
    const files = new Map<string, string>();
    files.set(ROOT, `${API}components:\n  schemas:\n    One: { $ref: 'part.yaml#/Thing' }\n`);
    files.set(FRAGMENT, FRAGMENT_TEXT);
    files.set(`${FOLDER}/part.yaml`, 'Thing:\n  type: string\n');
    const policy = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
    const build = (readInSteps: boolean): { yields: number; readsInSteps: number; reads: number; refs: string[] } => {
      const counts = { readsInSteps: 0, reads: 0 };
      const store = new DocumentStore({
        read: (uri) => {
          counts.reads++;
          return files.get(uri);
        },
        *readSteps(uri) {
          counts.readsInSteps++;
          yield;
          yield;
          return files.get(uri);
        },
      });
      const root = store.setOpen(ROOT, files.get(ROOT)!, 1);
      const { value, yields } = drain(buildApiSteps(root, store, policy, readInSteps));
      return { yields, ...counts, refs: value!.refSites.map((site) => `${site.ref} ${site.problem?.kind ?? 'ok'}`) };
    };
    const inSteps = build(true);
    const inOneGo = build(false);
    assert.deepEqual({ ...inSteps, refs: undefined }, { yields: 2 * 3, readsInSteps: 2, reads: 0, refs: undefined });
    assert.deepEqual({ ...inOneGo, refs: undefined }, { yields: 2, readsInSteps: 0, reads: 2, refs: undefined });
    assert.deepEqual(inSteps.refs, inOneGo.refs);
  });
});

describe('FolderAnalysis.findingsByUri (collected again only for the documents that changed)', () => {
  const ROOT2 = `${FOLDER}/api2.yaml`;
  const BROKEN = `${FOLDER}/broken.yaml`;
  const API2 = API.replace('title: Pets', 'title: Pets two').replace('/pets:', '/animals:');
  // No API can be built from it (its root is no mapping), but it looks like OpenAPI: its syntax errors are reported.
  const BROKEN_TEXT = `openapi: 3.0.3
  bad: indentation
 x: [
`;

  /** Every document's list as text lines, in the order given, plus the documents listed. */
  function lists(analysis: FolderAnalysis, kind: 'findings' | 'suppressed' = 'findings'): Record<string, string[]> {
    const byUri = kind === 'findings' ? analysis.findingsByUri() : analysis.suppressedByUri();
    const out: Record<string, string[]> = {};
    for (const uri of [...byUri.keys()].sort()) out[uri] = byUri.get(uri)!.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.character} ${finding.fingerprint} ${finding.message}`);
    return out;
  }

  it('always equals what a fresh analysis of the same documents collects', () => {
    const files = new Map([
      [ROOT, API],
      [ROOT2, API2],
      [FRAGMENT, `# api-guard-ignore-file limit-string-length -- checked by the gateway\n${FRAGMENT_TEXT}`],
      [OTHER, OTHER_API],
      [BROKEN, BROKEN_TEXT],
    ]);
    const store = new DocumentStore({ read: (uri) => files.get(uri) });
    const options = { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } };
    const analysis = new FolderAnalysis(store, options);
    const candidates = [ROOT, ROOT2, FRAGMENT, OTHER, BROKEN];
    analysis.setCandidates(candidates);
    const check = (step: string): void => {
      analysis.update();
      const fresh = new FolderAnalysis(store, options);
      fresh.setCandidates(candidates);
      fresh.update();
      assert.deepEqual(lists(analysis), lists(fresh), `findings after: ${step}`);
      assert.deepEqual(lists(analysis, 'suppressed'), lists(fresh, 'suppressed'), `suppressed findings after: ${step}`);
    };
    check('the first update');
    assert.ok(Object.keys(lists(analysis)).includes(BROKEN), 'the broken document is listed');
    assert.ok(Object.values(lists(analysis, 'suppressed')).flat().length > 0, 'the suppression is collected');
    const before = analysis.findingsByUri();
    assert.equal(analysis.findingsByUri(), before, 'collected once per change');
    store.setOpen(FRAGMENT, FRAGMENT_TEXT.replace('name: { type: string }', 'name: { type: string }\n    id: { type: integer }'), 1);
    check('an edit of the fragment both APIs share');
    assert.notEqual(analysis.findingsByUri(), before, 'a new map after a change');
    store.setOpen(ROOT, API.replace('http://api.example.com', 'https://api.example.com'), 1);
    check('an edit of one root');
    store.setOpen(BROKEN, `# moved down a line\n${BROKEN_TEXT}`, 1);
    check('an edit of the broken document that leaves it broken');
    store.setOpen(BROKEN, OTHER_API.replace('title: Other', 'title: Repaired'), 1);
    check('the broken document repaired (it becomes an API)');
    store.setOpen(ROOT2, 'not: [an api', 1);
    check('a root broken');
    candidates.splice(candidates.indexOf(OTHER), 1);
    analysis.removeCandidate(OTHER);
    check('a candidate removed');
    assert.equal(Object.keys(lists(analysis)).includes(OTHER), false, 'the removed API is no longer listed');
    analysis.setOptions({ ...options, settings: { ...defaultSettings(), rules: { 'tls-http-server': 'off' } } });
    const fresh = new FolderAnalysis(store, { ...options, settings: { ...defaultSettings(), rules: { 'tls-http-server': 'off' } } });
    fresh.setCandidates(candidates);
    fresh.update();
    analysis.update();
    assert.deepEqual(lists(analysis), lists(fresh), 'findings after new options');
  });
});

describe('FolderAnalysis.updateSteps in slices (the language server\'s workspace scan)', () => {
  /** A JSON spec of about 0.9 MB with `broken` structural violations among its paths. */
  function largeSpec(broken: number): string {
    const paths: Record<string, unknown> = {};
    for (let index = 0; index < 1500; index++) {
      const location = index < broken ? 'querry' : 'path';
      paths[`/items${index}/{id}`] = { get: { parameters: [{ name: 'id', in: location, required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } } } };
    }
    return JSON.stringify({ openapi: '3.0.3', info: { title: 'Items', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths, components: { schemas: { Item: { type: 'object', properties: { id: { type: 'integer' } } } } } }, undefined, 1);
  }

  for (const broken of [0, 3]) {
    it(`reads, parses and validates a large spec in many short steps, and records what a one-go update records (${broken} violations)`, () => {
      const uri = `${FOLDER}/large.json`;
      const text = largeSpec(broken);
      let reads = 0;
      let steppedReads = 0;
      const reader = {
        read: (asked: string) => {
          reads++;
          return asked === uri ? text : undefined;
        },
        *readSteps(asked: string): Generator<void, string | undefined, void> {
          steppedReads++;
          yield;
          return asked === uri ? text : undefined;
        },
      };
      const options = { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } };
      const store = new DocumentStore(reader);
      const analysis = new FolderAnalysis(store, options);
      analysis.setCandidates([uri]);
      const steps = analysis.updateSteps(new Set(), true);
      let count = 0;
      for (let next = steps.next(); next.done !== true; next = steps.next()) count++;
      assert.equal(steppedReads, 1, 'read in steps');
      assert.equal(reads, 0, 'and not again');
      analysis.setCandidates([uri, `${FOLDER}/missing.json`]);
      for (const _ of analysis.updateSteps(new Set(), true));
      assert.equal(steppedReads, 2, 'a missing candidate is tried once, in steps');
      assert.equal(reads, 0, 'and not again in one go');
      const oneGo = new FolderAnalysis(new DocumentStore({ read: (asked) => (asked === uri ? text : undefined) }), options);
      oneGo.setCandidates([uri]);
      const oneGoSteps = oneGo.updateSteps();
      let oneGoCount = 0;
      for (let next = oneGoSteps.next(); next.done !== true; next = oneGoSteps.next()) oneGoCount++;
      assert.ok(count > oneGoCount + 20, `the parse and the validation add steps (${count} against ${oneGoCount})`);
      assert.deepEqual(summary(analysis), summary(oneGo));
      const violations = summary(analysis).filter((line) => line.includes(' spec-invalid '));
      assert.equal(violations.length, broken, violations.join('\n'));
    });
  }
});
