import type { ApiGuardSettings } from '../config/settings';
import { analyseApiSteps, toFinding, type AnalysisResult } from '../engine/analyseApi';
import { compareFindings, type Finding } from '../engine/finding';
import type { ParsedDocument } from '../model/parseDocument';
import { buildApi } from '../openapi/buildApi';
import { detectVersion, isRootDocument, looksLikeOpenApiText } from '../openapi/detectVersion';
import type { RefPolicy } from '../openapi/refPolicy';
import type { ApiDescription } from '../openapi/types';
import { documentProblemReports, DOCUMENT_RULE_METAS } from '../rules/documentProblems';
import type { DocumentStore } from './documentStore';

interface ApiState {
  api: ApiDescription;
  result: AnalysisResult;
  /** The parsed version of every document the API included when it was analysed. */
  versions: Map<string, ParsedDocument>;
}

export interface FolderAnalysisOptions {
  folderUri: string;
  settings: ApiGuardSettings;
  policy: RefPolicy;
  onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * Receives an exception the engine threw while analysing one candidate (a bug); that candidate
   * is left out and the others are still analysed. Without it, the exception propagates.
   */
  onApiError?: (rootUri: string, error: unknown) => void;
  only?: ReadonlySet<string>;
}

/**
 * The analysis state of one workspace folder: which files are API roots, which fragments each
 * root includes, and the findings of each API. `update` re-analyses only the APIs whose
 * documents changed, so an edit to one file of a multi-file API costs that API alone.
 */
export class FolderAnalysis {
  private readonly candidates = new Set<string>();
  private readonly apis = new Map<string, ApiState>();
  /** Candidates that turned out not to be OpenAPI roots, keyed to the parse they were judged on. */
  private readonly notRoots = new Map<string, ParsedDocument | string>();
  /** Findings of documents that are broken but look like OpenAPI (no API could be built). */
  private readonly brokenDocuments = new Map<string, { doc: ParsedDocument; findings: Finding[]; suppressed: Finding[] }>();
  /**
   * `findingsByUri` / `suppressedByUri` as last collected; dropped whenever an API or a broken
   * document changes. Every quick-fix request and every publish asks for them, and collecting
   * means de-duplicating and sorting every finding of the folder.
   */
  private collected: { findings?: Map<string, Finding[]>; suppressed?: Map<string, Finding[]> } = {};
  /**
   * Changes when the options or the candidate set change in a way that makes an update in progress
   * (`updateSteps`, suspended between two steps) pointless: it then stops without recording more.
   */
  private generation = 0;
  /** Parsed versions of candidates that are neither API roots nor broken OpenAPI documents. */
  private readonly notBroken = new WeakSet<ParsedDocument>();

  constructor(
    private readonly store: DocumentStore,
    private options: FolderAnalysisOptions,
  ) {}

  get folderUri(): string {
    return this.options.folderUri;
  }

  get settings(): ApiGuardSettings {
    return this.options.settings;
  }

  /** A separate analysis of the same folder over another store (e.g. one with unsaved fix results). */
  fork(store: DocumentStore): FolderAnalysis {
    const copy = new FolderAnalysis(store, this.options);
    copy.setCandidates(this.candidates);
    return copy;
  }

  /** New settings: every API is analysed again on the next update. */
  setOptions(options: FolderAnalysisOptions): void {
    this.options = options;
    this.generation++;
    this.collected = {};
    this.apis.clear();
    this.brokenDocuments.clear();
    this.notRoots.clear();
  }

  /** The set of files (OpenAPI candidates) of the folder, as found by the adapter. */
  setCandidates(uris: Iterable<string>): void {
    this.generation++;
    this.candidates.clear();
    for (const uri of uris) this.candidates.add(uri);
    for (const uri of [...this.apis.keys()]) {
      if (this.candidates.has(uri) || this.store.isOpen(uri)) continue;
      this.apis.delete(uri);
      this.collected = {};
    }
  }

  addCandidate(uri: string): void {
    this.candidates.add(uri);
  }

  removeCandidate(uri: string): void {
    this.candidates.delete(uri);
    this.generation++;
    this.collected = {};
    this.apis.delete(uri);
    this.brokenDocuments.delete(uri);
    this.notRoots.delete(uri);
  }

  hasCandidate(uri: string): boolean {
    return this.candidates.has(uri);
  }

  /** Every API currently known, root URI first. */
  allApis(): ApiDescription[] {
    return [...this.apis.values()].map((state) => state.api);
  }

  /**
   * Brings every API up to date with the store and returns the URIs whose findings may have
   * changed. Cheap when nothing changed: each API checks its documents' versions.
   */
  update(): Set<string> {
    const steps = this.updateSteps();
    for (;;) {
      const next = steps.next();
      if (next.done === true) return next.value;
    }
  }

  /**
   * `update` in small steps: the generator yields after each candidate and after each rule of an
   * API being analysed, so that the language server can answer requests in between while a very
   * large API is analysed. Between two steps the store may change (an edit, a file changed on
   * disk) and so may the options or candidates: an API whose documents are no longer the store's
   * is then not recorded (the next update analyses it again), and after a change of options or
   * candidates the update stops. Either way what is recorded is always consistent. `touched`
   * receives the URIs whose findings may have changed as it goes, so a caller that stops early
   * knows what was recorded so far.
   */
  *updateSteps(touched = new Set<string>()): Generator<void, Set<string>, void> {
    const seenRoots = new Set<string>();
    const generation = this.generation;
    for (const uri of this.candidates) {
      try {
        yield* this.updateCandidateSteps(uri, touched, seenRoots, generation);
      } catch (error) {
        // One document that breaks the engine must not stop the analysis of the others.
        if (this.options.onApiError === undefined) throw error;
        this.options.onApiError(uri, error);
        seenRoots.delete(uri);
      }
      if (this.generation !== generation) return touched;
      yield;
      if (this.generation !== generation) return touched;
    }
    for (const uri of [...this.apis.keys()]) if (!seenRoots.has(uri)) this.dropApi(uri, touched);
    return touched;
  }

  private *updateCandidateSteps(uri: string, touched: Set<string>, seenRoots: Set<string>, generation: number): Generator<void, void, void> {
    const parsedBefore = this.store.peek(uri);
    const doc = this.rootCandidate(uri);
    if (doc === undefined) {
      this.dropApi(uri, touched);
      this.updateBroken(uri, touched);
      return;
    }
    seenRoots.add(uri);
    const state = this.apis.get(uri);
    if (state !== undefined && this.isCurrent(state)) return;
    if (doc !== parsedBefore) {
      // Just read and parsed (a large file takes a while): the API is built in the next step.
      yield;
      if (this.generation !== generation || this.store.peek(uri) !== doc) return;
    }
    const recorded = yield* this.analyseRootSteps(doc, touched, generation);
    if (recorded && state !== undefined) for (const included of state.versions.keys()) touched.add(included);
  }

  private rootCandidate(uri: string): ParsedDocument | undefined {
    const known = this.notRoots.get(uri);
    const current = this.store.peek(uri);
    if (known !== undefined && (current === undefined ? typeof known === 'string' : current === known)) return undefined;
    const doc = this.store.get(uri);
    if (doc === undefined) {
      this.notRoots.set(uri, 'missing');
      return undefined;
    }
    if (doc.root !== undefined && isRootDocument(doc.root) && detectVersion(doc.root) !== undefined) {
      this.notRoots.delete(uri);
      return doc;
    }
    this.notRoots.set(uri, doc);
    return undefined;
  }

  private isCurrent(state: ApiState): boolean {
    for (const [uri, doc] of state.versions) {
      const current = this.store.peek(uri) ?? this.store.get(uri);
      if (current !== doc) return false;
    }
    return true;
  }

  /** Whether an API being analysed in steps still stands for the store's documents and options. */
  private stillCurrent(api: ApiDescription, generation: number): boolean {
    if (this.generation !== generation) return false;
    for (const doc of api.documents) if (this.store.peek(doc.uri) !== doc) return false;
    return true;
  }

  /**
   * Analyses one API, a rule per step, and records it; false when it was given up because its
   * documents or the options changed between two steps (nothing is recorded then).
   */
  private *analyseRootSteps(root: ParsedDocument, touched: Set<string>, generation: number): Generator<void, boolean, void> {
    const api = buildApi(root, this.store, this.options.policy);
    if (api === undefined) {
      this.brokenDocuments.delete(root.uri);
      this.collected = {};
      return true;
    }
    const options = this.options;
    const steps = analyseApiSteps(api, options.settings, { folderUri: options.folderUri, onRuleError: options.onRuleError, only: options.only });
    let result: AnalysisResult;
    for (;;) {
      const next = steps.next();
      if (next.done === true) {
        result = next.value;
        break;
      }
      yield;
      if (!this.stillCurrent(api, generation)) {
        steps.return(undefined as never);
        return false;
      }
    }
    for (const doc of api.documents) {
      for (const report of documentProblemReports(doc)) {
        const meta = DOCUMENT_RULE_METAS.get(report.ruleId)!;
        if (options.only !== undefined && !options.only.has(meta.id)) continue;
        const finding = toFinding(meta, report.report, options.settings, options.folderUri);
        if (finding !== undefined) (finding.suppressed ? result.suppressed : result.findings).push(finding);
      }
    }
    const versions = new Map(api.documents.map((doc) => [doc.uri, doc] as const));
    this.brokenDocuments.delete(root.uri);
    this.apis.set(root.uri, { api, result, versions });
    this.collected = {};
    for (const uri of versions.keys()) touched.add(uri);
    return true;
  }

  private dropApi(uri: string, touched: Set<string>): void {
    const state = this.apis.get(uri);
    if (state === undefined) return;
    for (const included of state.versions.keys()) touched.add(included);
    this.apis.delete(uri);
    this.collected = {};
  }

  /** A candidate that is no API root: report its syntax errors if it looks like OpenAPI. */
  private updateBroken(uri: string, touched: Set<string>): void {
    const doc = this.store.peek(uri);
    const previous = this.brokenDocuments.get(uri);
    if (previous !== undefined && previous.doc === doc) return;
    // Judged before, on this very version: every update passes every candidate, and looking at
    // the text of thousands of fragments again each time made a scan quadratic.
    if (previous === undefined && doc !== undefined && this.notBroken.has(doc)) return;
    if (previous !== undefined) {
      touched.add(uri);
      this.brokenDocuments.delete(uri);
      this.collected = {};
    }
    if (doc === undefined) return;
    if (!looksLikeOpenApiText(doc.text) || (doc.errors.length === 0 && doc.skippedReason === undefined && doc.root !== undefined)) {
      this.notBroken.add(doc);
      return;
    }
    const findings: Finding[] = [];
    const suppressed: Finding[] = [];
    for (const report of documentProblemReports(doc)) {
      const meta = DOCUMENT_RULE_METAS.get(report.ruleId)!;
      const finding = toFinding(meta, report.report, this.options.settings, this.options.folderUri);
      if (finding !== undefined) (finding.suppressed ? suppressed : findings).push(finding);
    }
    this.brokenDocuments.set(uri, { doc, findings, suppressed });
    this.collected = {};
    touched.add(uri);
  }

  /** Whether a URI belongs to some API of this folder (root or fragment). */
  isAnalysed(uri: string): boolean {
    if (this.brokenDocuments.has(uri)) return true;
    for (const state of this.apis.values()) if (state.versions.has(uri)) return true;
    return false;
  }

  /**
   * Whether the findings of `uri` are those of the documents in the store: every API that
   * includes it was analysed with their current versions (or the candidate was judged, on its
   * current version, to be no API root). False for a document the folder has not looked at yet.
   */
  isUpToDate(uri: string): boolean {
    let included = false;
    for (const state of this.apis.values()) {
      if (!state.versions.has(uri)) continue;
      included = true;
      if (!this.isCurrent(state)) return false;
    }
    if (included) return true;
    const broken = this.brokenDocuments.get(uri);
    if (broken !== undefined) return broken.doc === this.store.peek(uri);
    const judged = this.notRoots.get(uri);
    return judged !== undefined && judged === this.store.peek(uri);
  }

  /** The APIs that include a document (a fragment may be shared). */
  apisIncluding(uri: string): ApiDescription[] {
    return [...this.apis.values()].filter((state) => state.versions.has(uri)).map((state) => state.api);
  }

  /**
   * Active findings per document URI, de-duplicated across APIs that share fragments, sorted.
   * Collected once per change of the analysis: callers must not modify the map or its lists.
   */
  findingsByUri(): ReadonlyMap<string, readonly Finding[]> {
    return (this.collected.findings ??= this.collect('findings'));
  }

  suppressedByUri(): ReadonlyMap<string, readonly Finding[]> {
    return (this.collected.suppressed ??= this.collect('suppressed'));
  }

  findingsFor(uri: string): readonly Finding[] {
    return this.findingsByUri().get(uri) ?? [];
  }

  private collect(kind: 'findings' | 'suppressed'): Map<string, Finding[]> {
    const byUri = new Map<string, Finding[]>();
    const seen = new Set<string>();
    const add = (finding: Finding): void => {
      const key = `${finding.fingerprint}|${finding.uri}|${finding.range.start.line}:${finding.range.start.character}|${finding.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      let list = byUri.get(finding.uri);
      if (list === undefined) byUri.set(finding.uri, (list = []));
      list.push(finding);
    };
    for (const state of this.apis.values()) {
      for (const uri of state.versions.keys()) if (!byUri.has(uri)) byUri.set(uri, []);
      state.result[kind].forEach(add);
    }
    for (const broken of this.brokenDocuments.values()) {
      if (!byUri.has(broken.doc.uri)) byUri.set(broken.doc.uri, []);
      broken[kind].forEach(add);
    }
    for (const list of byUri.values()) list.sort(compareFindings);
    return byUri;
  }
}
