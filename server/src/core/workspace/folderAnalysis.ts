import type { ApiGuardSettings } from '../config/settings';
import { analyseApiSteps, toFinding, type AnalysisResult } from '../engine/analyseApi';
import { FindingReuse } from '../engine/findingReuse';
import { compareFindings, type Finding } from '../engine/finding';
import type { ParsedDocument } from '../model/parseDocument';
import { buildApiSteps } from '../openapi/buildApi';
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
  /** `result` grouped by document, built when first collected. */
  grouped?: Record<FindingKind, Map<string, Finding[]>>;
}

type FindingKind = 'findings' | 'suppressed';

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
  /**
   * Hand out a finding that did not change since the previous analysis as the same object
   * (`FindingReuse`): for the language server, which analyses every version of an edited document
   * and compares what it gets with what the client shows. A one-shot run has nothing to reuse.
   */
  reuseFindings?: boolean;
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
   * The sorted, de-duplicated findings of every document as last collected, and the documents
   * whose lists must be collected again (`undefined`: all of them). Every quick-fix request and
   * every publish asks for them; collecting all of them again whenever one API was recorded made
   * each step of a workspace scan cost as much as the findings of the whole folder.
   */
  private readonly lists: Record<FindingKind, Map<string, Finding[]>> = { findings: new Map(), suppressed: new Map() };
  private stale: Set<string> | undefined = undefined;
  /** The maps handed out since the last change (callers compare an old map with a new one). */
  private collected: Partial<Record<FindingKind, ReadonlyMap<string, readonly Finding[]>>> = {};
  /** Documents whose APIs the next steps of an update bring up to date first (`prioritise`). */
  private readonly priority = new Set<string>();
  /** The APIs (by root URI) that include each document. */
  private readonly including = new Map<string, Set<string>>();
  /**
   * Changes when the options or the candidate set change in a way that makes an update in progress
   * (`updateSteps`, suspended between two steps) pointless: it then stops without recording more.
   */
  private generation = 0;
  /** Parsed versions of candidates that are neither API roots nor broken OpenAPI documents. */
  private readonly notBroken = new WeakSet<ParsedDocument>();
  /** The findings last made, when `reuseFindings` is set (made anew when the folder changes). */
  private reuse: FindingReuse | undefined;

  constructor(
    private readonly store: DocumentStore,
    private options: FolderAnalysisOptions,
  ) {}

  get folderUri(): string {
    return this.options.folderUri;
  }

  private findingReuse(): FindingReuse | undefined {
    if (this.options.reuseFindings !== true) return undefined;
    if (this.reuse === undefined || this.reuse.folderUri !== this.options.folderUri) this.reuse = new FindingReuse(this.options.folderUri);
    return this.reuse;
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
    this.apis.clear();
    this.including.clear();
    this.brokenDocuments.clear();
    this.notRoots.clear();
    this.stale = undefined;
    this.collected = {};
  }

  /** The set of files (OpenAPI candidates) of the folder, as found by the adapter. */
  setCandidates(uris: Iterable<string>): void {
    this.generation++;
    this.candidates.clear();
    for (const uri of uris) this.candidates.add(uri);
    for (const uri of [...this.apis.keys()]) {
      if (this.candidates.has(uri) || this.store.isOpen(uri)) continue;
      this.setApi(uri, undefined);
    }
  }

  addCandidate(uri: string): void {
    this.candidates.add(uri);
  }

  removeCandidate(uri: string): void {
    this.candidates.delete(uri);
    this.generation++;
    this.setApi(uri, undefined);
    this.setBroken(uri, undefined);
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
   * knows what was recorded so far. The step that ends a candidate yields its URI. `inSlices` says
   * that the caller runs the steps in slices of an event loop (see `AnalyseOptions.inSlices`).
   */
  *updateSteps(touched = new Set<string>(), inSlices = false): Generator<string | void, Set<string>, void> {
    const seenRoots = new Set<string>();
    const generation = this.generation;
    for (const uri of this.candidates) {
      // Documents the editor shows go first, also when they were opened or edited during the update.
      while (this.priority.size > 0) {
        const first: string = this.priority.values().next().value!;
        this.priority.delete(first);
        for (const root of this.rootsOf(first)) {
          if (!(yield* this.passCandidate(root, touched, seenRoots, generation, inSlices))) return touched;
        }
      }
      if (!(yield* this.passCandidate(uri, touched, seenRoots, generation, inSlices))) return touched;
    }
    for (const uri of [...this.apis.keys()]) if (!seenRoots.has(uri)) this.dropApi(uri, touched);
    return touched;
  }

  /**
   * Asks the update in progress, and the next, to bring the APIs that include this document up to
   * date before the other candidates: the editor shows it (it was opened or edited).
   */
  prioritise(uri: string): void {
    this.priority.add(uri);
  }

  /** The candidates whose APIs include a document: the roots of those analysed so far, or the document itself. */
  private rootsOf(uri: string): string[] {
    const roots = [...(this.including.get(uri) ?? [])];
    if (this.candidates.has(uri) && !roots.includes(uri)) roots.unshift(uri);
    return roots.filter((root) => this.candidates.has(root));
  }

  /** One candidate's steps; false when the options or candidates changed meanwhile (the update stops). */
  private *passCandidate(uri: string, touched: Set<string>, seenRoots: Set<string>, generation: number, inSlices: boolean): Generator<string | void, boolean, void> {
    try {
      yield* this.updateCandidateSteps(uri, touched, seenRoots, generation, inSlices);
    } catch (error) {
      // One document that breaks the engine must not stop the analysis of the others.
      if (this.options.onApiError === undefined) throw error;
      this.options.onApiError(uri, error);
      seenRoots.delete(uri);
    }
    if (this.generation !== generation) return false;
    // The candidate just passed: a caller can tell how far the update has come.
    yield uri;
    return this.generation === generation;
  }

  private *updateCandidateSteps(uri: string, touched: Set<string>, seenRoots: Set<string>, generation: number, inSlices: boolean): Generator<void, void, void> {
    const parsedBefore = this.store.peek(uri);
    if (inSlices && parsedBefore === undefined && typeof this.notRoots.get(uri) !== 'string') {
      // A file `rootCandidate` would read is read and parsed in steps first: the 13 MB GitHub
      // spec takes some 300 ms in one go. One that cannot be read is not tried again below.
      const read = yield* this.store.getSteps(uri);
      if (this.generation !== generation) return;
      if (read === undefined) this.notRoots.set(uri, 'missing');
    }
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
    const recorded = yield* this.analyseRootSteps(doc, touched, generation, inSlices);
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
    // A referenced file that could not be read and that the store now holds (see `isUnread`).
    for (const uri of state.api.unreadDocuments ?? []) if (this.store.peek(uri) !== undefined) return false;
    return true;
  }

  /**
   * Whether some API of the folder references `uri` but could not read it. When such a file
   * appears or changes on disk, the caller reads it into the store (`DocumentStore.get`), and the
   * next update builds those APIs again.
   */
  isUnread(uri: string): boolean {
    for (const state of this.apis.values()) if (state.api.unreadDocuments?.includes(uri)) return true;
    return false;
  }

  /**
   * Whether an API being analysed in steps still stands for the store's documents and options.
   * `checked` holds the store's `changeCount` when its documents were last found current: while
   * it has not changed, neither have they (an API of 2,900 files is asked after every rule).
   */
  private stillCurrent(api: ApiDescription, generation: number, checked: { storeChanges: number }): boolean {
    if (this.generation !== generation) return false;
    if (this.store.changeCount === checked.storeChanges) return true;
    for (const doc of api.documents) if (this.store.peek(doc.uri) !== doc) return false;
    checked.storeChanges = this.store.changeCount;
    return true;
  }

  /**
   * Analyses one API, a rule per step, and records it; false when it was given up because its
   * documents or the options changed between two steps (nothing is recorded then).
   */
  private *analyseRootSteps(root: ParsedDocument, touched: Set<string>, generation: number, inSlices: boolean): Generator<void, boolean, void> {
    const api = yield* buildApiSteps(root, this.store, this.options.policy, inSlices);
    if (api === undefined) {
      this.setBroken(root.uri, undefined);
      return true;
    }
    // Building a large API and its first rule are two steps.
    yield;
    const checked = { storeChanges: -1 };
    if (!this.stillCurrent(api, generation, checked)) return false;
    const options = this.options;
    const steps = analyseApiSteps(api, options.settings, { folderUri: options.folderUri, onRuleError: options.onRuleError, only: options.only, reuse: this.findingReuse(), inSlices });
    let result: AnalysisResult;
    for (;;) {
      const next = steps.next();
      if (next.done === true) {
        result = next.value;
        break;
      }
      yield;
      if (!this.stillCurrent(api, generation, checked)) {
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
    this.setBroken(root.uri, undefined);
    this.setApi(root.uri, { api, result, versions });
    for (const uri of versions.keys()) touched.add(uri);
    return true;
  }

  private dropApi(uri: string, touched: Set<string>): void {
    const state = this.apis.get(uri);
    if (state === undefined) return;
    for (const included of state.versions.keys()) touched.add(included);
    this.setApi(uri, undefined);
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
      this.setBroken(uri, undefined);
    }
    if (doc === undefined) return;
    if ((doc.errors.length === 0 && doc.skippedReason === undefined && doc.root !== undefined) || !looksLikeOpenApiText(doc.text)) {
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
    this.setBroken(uri, { doc, findings, suppressed });
    touched.add(uri);
  }

  /** Whether a URI belongs to some API of this folder (root or fragment). */
  isAnalysed(uri: string): boolean {
    return this.brokenDocuments.has(uri) || this.including.has(uri);
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

  /** Records (or, with `undefined`, forgets) the API of a root; the lists of its documents are collected again. */
  private setApi(rootUri: string, state: ApiState | undefined): void {
    const previous = this.apis.get(rootUri);
    if (previous === undefined && state === undefined) return;
    if (previous !== undefined) {
      for (const uri of previous.versions.keys()) {
        this.markStale(uri);
        const roots = this.including.get(uri);
        roots?.delete(rootUri);
        if (roots?.size === 0) this.including.delete(uri);
      }
    }
    if (state === undefined) {
      this.apis.delete(rootUri);
      return;
    }
    this.apis.set(rootUri, state);
    for (const uri of state.versions.keys()) {
      this.markStale(uri);
      let roots = this.including.get(uri);
      if (roots === undefined) this.including.set(uri, (roots = new Set()));
      roots.add(rootUri);
    }
  }

  private setBroken(uri: string, entry: { doc: ParsedDocument; findings: Finding[]; suppressed: Finding[] } | undefined): void {
    if (entry === undefined) {
      if (!this.brokenDocuments.delete(uri)) return;
    } else this.brokenDocuments.set(uri, entry);
    this.markStale(uri);
  }

  private markStale(uri: string): void {
    this.collected = {};
    this.stale?.add(uri);
  }

  private collect(kind: FindingKind): ReadonlyMap<string, readonly Finding[]> {
    const stale = this.stale;
    if (stale === undefined) {
      for (const lists of Object.values(this.lists)) lists.clear();
      for (const uri of this.including.keys()) this.collectDocument(uri);
      for (const uri of this.brokenDocuments.keys()) if (!this.including.has(uri)) this.collectDocument(uri);
    } else {
      for (const uri of stale) this.collectDocument(uri);
    }
    this.stale = new Set();
    // A new map per change: callers tell documents that lost every finding by comparing the old one with the new.
    return new Map(this.lists[kind]);
  }

  /** Collects both lists of one document from the APIs that include it and its broken-document findings. */
  private collectDocument(uri: string): void {
    const roots = this.including.get(uri);
    const broken = this.brokenDocuments.get(uri);
    for (const kind of ['findings', 'suppressed'] as const) {
      if (roots === undefined && broken === undefined) {
        this.lists[kind].delete(uri);
        continue;
      }
      const sources: (readonly Finding[])[] = [];
      if (roots !== undefined) {
        for (const root of roots) {
          const list = groupedResult(this.apis.get(root)!)[kind].get(uri);
          if (list !== undefined) sources.push(list);
        }
      }
      if (broken !== undefined) sources.push(broken[kind]);
      this.lists[kind].set(uri, mergeFindings(sources));
    }
  }
}

/** An API's findings by document, grouped once. */
function groupedResult(state: ApiState): Record<FindingKind, Map<string, Finding[]>> {
  if (state.grouped !== undefined) return state.grouped;
  const group = (findings: readonly Finding[]): Map<string, Finding[]> => {
    const byUri = new Map<string, Finding[]>();
    for (const finding of findings) {
      const list = byUri.get(finding.uri);
      if (list === undefined) byUri.set(finding.uri, [finding]);
      else list.push(finding);
    }
    return byUri;
  };
  return (state.grouped = { findings: group(state.result.findings), suppressed: group(state.result.suppressed) });
}

/**
 * One document's findings from several sources (APIs that share it as a fragment, a broken
 * document's own problems): without duplicates, in order.
 */
function mergeFindings(sources: readonly (readonly Finding[])[]): Finding[] {
  // One source whose fingerprints are all different holds no duplicates: no key to build per finding.
  if (sources.length === 1) {
    const fingerprints = new Set<string>();
    for (const finding of sources[0]) fingerprints.add(finding.fingerprint);
    if (fingerprints.size === sources[0].length) return [...sources[0]].sort(compareFindings);
  }
  const merged: Finding[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const finding of source) {
      const key = `${finding.fingerprint}|${finding.uri}|${finding.range.start.line}:${finding.range.start.character}|${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(finding);
    }
  }
  return merged.sort(compareFindings);
}
