import type { Tree } from 'web-tree-sitter';
import type { ApiGuardSettings } from '../config/settings';
import { compareFindings, type Finding } from '../engine/finding';
import type { InventoryCallSiteInput } from '../inventory/types';
import { LineIndex, type Range } from '../model/lineIndex';
import type { ApiDescription } from '../openapi/types';
import { analyseExtraction, CodeExtractionCache } from './analyseCodeFile';
import type { CallSite } from './callSite';
import type { CodeExtraction } from './codeExtraction';
import { isAnalysedCodeFile } from './codeFiles';
import { ServerIndex, type CallMatch } from './matchCall';
import type { TreeEdit } from './syntaxTreeCache';

export interface CodeFolderOptions {
  folderUri: string;
  settings: ApiGuardSettings;
  /** Restricts the rules to these ids (CLI `--rule`). */
  only?: ReadonlySet<string>;
  onRuleError?: (ruleId: string, error: unknown) => void;
  onExtractionError?: (stage: string, error: unknown) => void;
}

/** The analysis of one code file against the folder's APIs. */
export interface CodeFileResult {
  uri: string;
  extraction: CodeExtraction;
  callSites: CallSite[];
  /** One match per call site, in the same order. */
  matches: CallMatch[];
  findings: Finding[];
  suppressed: Finding[];
}

/** A call site together with the file result it belongs to and its match. */
export interface MatchedCallSite {
  uri: string;
  callSite: CallSite;
  match: CallMatch;
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function within(inner: Range, outer: Range): boolean {
  const startsAfter = inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character);
  const endsBefore = inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character);
  return startsAfter && endsBefore;
}

/** The key under which call sites of one operation are indexed. */
export function operationKey(apiRootUri: string, method: string, path: string): string {
  return `${apiRootUri}|${method.toLowerCase()}|${path}`;
}

/**
 * The code analysis of one workspace folder: each code file's extraction (kept while its text is
 * unchanged) and its call sites, matches and findings against the folder's current APIs. Shared
 * by the language server, which feeds it file by file between requests, and the CLI, which feeds
 * it every discovered file once. When the APIs change, `rematch` re-runs matching and rules on
 * the cached extractions without parsing anything again.
 */
export class CodeFolderAnalysis {
  private readonly extractions = new CodeExtractionCache();
  private readonly results = new Map<string, CodeFileResult & { generation: number }>();
  private apis: readonly ApiDescription[] = [];
  private index = new ServerIndex([]);
  /** Raised whenever the APIs or the settings change: results of an older generation are stale. */
  private generation = 0;
  private byOperation: Map<string, MatchedCallSite[]> | undefined;

  constructor(private options: CodeFolderOptions) {}

  get settings(): ApiGuardSettings {
    return this.options.settings;
  }

  get folderUri(): string {
    return this.options.folderUri;
  }

  /** New settings: extractions stay valid (they depend on the text only), every result is stale. */
  setOptions(options: CodeFolderOptions): void {
    this.options = options;
    this.generation++;
    this.byOperation = undefined;
  }

  /** Whether these are the APIs the results were matched against (the same objects, in order). */
  hasApis(apis: readonly ApiDescription[]): boolean {
    return sameElements(apis, this.apis);
  }

  /** The APIs calls are matched against; returns true when they differ from the previous ones. */
  setApis(apis: readonly ApiDescription[]): boolean {
    if (sameElements(apis, this.apis)) return false;
    this.apis = [...apis];
    this.index = new ServerIndex(this.apis);
    this.generation++;
    this.byOperation = undefined;
    return true;
  }

  /** Whether a file is analysed at all under the current settings (enabled, not a dependency, tests only when asked). */
  accepts(uri: string, text?: string): boolean {
    return this.options.settings.code.enabled && isAnalysedCodeFile(uri, this.options.settings.code.includeTests, text);
  }

  /**
   * Analyses a file's text: extraction (reused when the text is the one extracted before, else
   * from `tree` when given, for the statements `edit` touched alone where possible, else parsed),
   * then matching and rules. A file the settings exclude, or of a language API Guard does not
   * read, has no result afterwards.
   */
  async analyse(uri: string, text: string, options: { languageId?: string; tree?: Tree; edit?: TreeEdit } = {}): Promise<CodeFileResult | undefined> {
    if (!this.accepts(uri, text)) {
      this.remove(uri);
      return undefined;
    }
    const extraction = await this.extractions.get({ uri, text, languageId: options.languageId, tree: options.tree, edit: options.edit, onExtractionError: this.options.onExtractionError });
    if (extraction === undefined) {
      this.remove(uri);
      return undefined;
    }
    return this.match(extraction);
  }

  /**
   * Takes an extraction made elsewhere (a worker thread of a workspace scan) as the file's current
   * one, then matches it and runs the rules, as `analyse` does after extracting.
   */
  adoptExtraction(extraction: CodeExtraction): CodeFileResult {
    this.extractions.set(extraction);
    return this.match(extraction);
  }

  /** Matching and rules again on the cached extraction of a file; undefined when there is none. */
  rematch(uri: string): CodeFileResult | undefined {
    const extraction = this.extractions.peek(uri);
    if (extraction === undefined || !this.accepts(uri, extraction.text)) {
      this.remove(uri);
      return undefined;
    }
    return this.match(extraction);
  }

  /** Whether a file has a cached extraction that `rematch` can reuse. */
  hasExtraction(uri: string): boolean {
    return this.extractions.peek(uri) !== undefined;
  }

  /** Whether a file's result was computed against the current APIs and settings. */
  isCurrent(uri: string): boolean {
    return this.results.get(uri)?.generation === this.generation;
  }

  /** Forgets a file (deleted, no longer part of the folder); returns whether it had a result. */
  remove(uri: string): boolean {
    this.extractions.delete(uri);
    const had = this.results.delete(uri);
    if (had) this.byOperation = undefined;
    return had;
  }

  result(uri: string): CodeFileResult | undefined {
    return this.results.get(uri);
  }

  /** Every file with a result. */
  uris(): string[] {
    return [...this.results.keys()];
  }

  /** Every file with a cached extraction (analysed before, possibly stale now). */
  extractedUris(): string[] {
    return this.extractions.all().map((extraction) => extraction.uri);
  }

  findingsByUri(): Map<string, Finding[]> {
    return new Map([...this.results].filter(([, result]) => result.findings.length > 0).map(([uri, result]) => [uri, result.findings]));
  }

  suppressedByUri(): Map<string, Finding[]> {
    return new Map([...this.results].filter(([, result]) => result.suppressed.length > 0).map(([uri, result]) => [uri, result.suppressed]));
  }

  /** Active findings of every file, sorted. */
  allFindings(): Finding[] {
    return [...this.results.values()].flatMap((result) => result.findings).sort(compareFindings);
  }

  allSuppressed(): Finding[] {
    return [...this.results.values()].flatMap((result) => result.suppressed).sort(compareFindings);
  }

  /** The call sites matched to an operation of an API (by its root URI, method and path template). */
  callSitesOf(apiRootUri: string, method: string, path: string): MatchedCallSite[] {
    if (this.byOperation === undefined) {
      const map = new Map<string, MatchedCallSite[]>();
      for (const result of this.results.values()) {
        result.matches.forEach((match, index) => {
          if (match.outcome !== 'matched' || match.api === undefined || match.operation === undefined) return;
          const key = operationKey(match.api.root.uri, match.operation.method, match.operation.path);
          let list = map.get(key);
          if (list === undefined) map.set(key, (list = []));
          list.push({ uri: result.uri, callSite: result.callSites[index], match });
        });
      }
      for (const list of map.values()) list.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.callSite.offsets.start - b.callSite.offsets.start));
      this.byOperation = map;
    }
    return this.byOperation.get(operationKey(apiRootUri, method, path)) ?? [];
  }

  /**
   * The call sites in the shape the inventory takes: each with its match and the findings
   * (active and suppressed) that concern it: those inside the call, and those on where its URL
   * is written (a constant above the call holds the start of its URL).
   */
  inventoryCallSites(): InventoryCallSiteInput[] {
    const sites: InventoryCallSiteInput[] = [];
    const rangeKey = (range: Range): string => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    for (const uri of [...this.results.keys()].sort()) {
      const result = this.results.get(uri)!;
      const all = [...result.findings, ...result.suppressed];
      const urlSpans = new Map<number, Set<string>>();
      for (const use of result.extraction.urls) {
        if (use.kind !== 'call' || use.callIndex === undefined) continue;
        let spans = urlSpans.get(use.callIndex);
        if (spans === undefined) urlSpans.set(use.callIndex, (spans = new Set()));
        spans.add(rangeKey(use.span.range));
      }
      result.callSites.forEach((call, index) => {
        const spans = urlSpans.get(index);
        const match = result.matches[index];
        const input: InventoryCallSiteInput = {
          uri,
          range: call.range,
          language: call.language,
          library: call.library,
          method: call.method,
          urlTemplate: call.urlTemplate,
          match: { kind: match.outcome },
          findings: all.filter((finding) => within(finding.range, call.range) || spans?.has(rangeKey(finding.range)) === true),
        };
        if (call.resolvedUrl !== undefined) input.resolvedUrl = call.resolvedUrl;
        const host = call.host ?? match.host;
        if (host !== undefined) input.host = host;
        if (match.api !== undefined) input.match.apiId = match.api.root.uri;
        if (match.operation !== undefined) input.match.operation = { method: match.operation.method, path: match.operation.path };
        sites.push(input);
      });
    }
    return sites;
  }

  private match(extraction: CodeExtraction): CodeFileResult {
    const analysed = analyseExtraction(extraction, {
      apis: this.index,
      settings: this.options.settings,
      folderUri: this.options.folderUri,
      only: this.options.only,
      onRuleError: this.options.onRuleError,
    });
    const result = { uri: extraction.uri, extraction, ...analysed, generation: this.generation };
    this.results.set(extraction.uri, result);
    this.byOperation = undefined;
    return result;
  }
}

/** The line index of an extraction's text, cached per extraction (positions ↔ offsets for navigation and fixes). */
const lineIndexes = new WeakMap<CodeExtraction, LineIndex>();

export function linesOf(extraction: CodeExtraction): LineIndex {
  let lines = lineIndexes.get(extraction);
  if (lines === undefined) lineIndexes.set(extraction, (lines = new LineIndex(extraction.text)));
  return lines;
}
