import type { Tree } from 'web-tree-sitter';
import type { ApiGuardSettings } from '../config/settings';
import { relativeUri } from '../engine/analyseApi';
import { compareFindings, hashString, type Finding, type RelatedLocation, type Suppression } from '../engine/finding';
import { rangeOf } from '../engine/rangeOf';
import { defineMessages } from '../l10n/messages';
import type { ApiDescription } from '../openapi/types';
import { CODE_RULES } from '../rules/code/codeRules';
import type { CodeReport } from '../rules/code/codeRule';
import { ignoreReasonMissing } from '../rules/meta/ignore-reason-missing';
import type { RuleMeta, Severity } from '../rules/types';
import type { CallSite } from './callSite';
import type { CodeExtraction, CodeIgnoreDirective } from './codeExtraction';
import { isAnalysedCodeFile } from './codeFiles';
import { extractCode, extractCodeWithDependencies, type ExtractInput, type ExtractionDependencies, type TrackedExtraction } from './extractCode';
import { extractIncrementally } from './extractIncrementally';
import { codeLanguageOf } from './languages';
import { matchCallSites, ServerIndex, type CallMatch } from './matchCall';

const messages = defineMessages({
  reasonMissing: {
    en: 'Suppression of {rules} gives no reason; add one after " -- "',
    de: 'Die Unterdrückung von {rules} nennt keinen Grund; ergänzen Sie ihn nach " -- "',
  },
});

export interface AnalyseCodeInput {
  uri: string;
  text: string;
  /** The editor's language id (`typescriptreact`, `python` …); the extension decides when absent. */
  languageId?: string;
  /** The workspace's APIs, or a `ServerIndex` built from them once for many files. */
  apis: readonly ApiDescription[] | ServerIndex;
  settings: ApiGuardSettings;
  /** The workspace folder, so that fingerprints use paths relative to it. */
  folderUri?: string;
  /** A tree of exactly `text` (from a `SyntaxTreeCache`), to skip parsing. */
  tree?: Tree;
  /** An extraction of exactly `text` from an earlier run (see `CodeExtractionCache`), to skip parsing and extraction. */
  extraction?: CodeExtraction;
  /** Restricts the run to these rule ids (CLI `--rule`, tests). */
  only?: ReadonlySet<string>;
  /** Receives errors thrown by a rule; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Receives errors of an extraction stage (call sites, TLS settings, secrets); the others still run. */
  onExtractionError?: (stage: string, error: unknown) => void;
}

export interface CodeAnalysis {
  /** Undefined for files of a language API Guard does not read. */
  extraction?: CodeExtraction;
  callSites: CallSite[];
  /** One match per call site, in the same order. */
  matches: CallMatch[];
  findings: Finding[];
  suppressed: Finding[];
}

/**
 * Analyses one code file: extraction (parse + call sites, cacheable by text), then matching
 * against the APIs and the code rules. Pure apart from parsing: no file system, no editor. Files
 * that the settings exclude (dependencies, minified bundles, tests unless `includeTests`) and
 * `code.enabled: false` give no findings; their call sites are not reported either.
 */
export async function analyseCodeFile(input: AnalyseCodeInput): Promise<CodeAnalysis> {
  if (!input.settings.code.enabled || !isAnalysedCodeFile(input.uri, input.settings.code.includeTests, input.text)) {
    return { callSites: [], matches: [], findings: [], suppressed: [] };
  }
  const extraction = input.extraction?.text === input.text ? input.extraction : await extractCode(input);
  if (extraction === undefined) return { callSites: [], matches: [], findings: [], suppressed: [] };
  return { extraction, ...analyseExtraction(extraction, input) };
}

/**
 * Matching and rules for an extraction: synchronous and cheap, re-run for every code file when
 * an API description changes while the extractions stay cached.
 */
export function analyseExtraction(
  extraction: CodeExtraction,
  options: Pick<AnalyseCodeInput, 'apis' | 'settings' | 'folderUri' | 'only' | 'onRuleError'>,
): { callSites: CallSite[]; matches: CallMatch[]; findings: Finding[]; suppressed: Finding[] } {
  const index = options.apis instanceof ServerIndex ? options.apis : new ServerIndex(options.apis);
  const matches = matchCallSites(extraction.callSites, index);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const occurrences = new Map<string, number>();
  const add = (meta: RuleMeta, report: CodeReport): void => {
    const finding = toCodeFinding(meta, report, extraction, options.settings, options.folderUri, occurrences);
    if (finding !== undefined) (finding.suppressed === undefined ? findings : suppressed).push(finding);
  };
  for (const rule of CODE_RULES) {
    if (options.only !== undefined && !options.only.has(rule.meta.id)) continue;
    const configured = options.settings.rules[rule.meta.id] ?? rule.meta.severity;
    if (configured === 'off') continue;
    const reports: CodeReport[] = [];
    try {
      rule.check({ extraction, matches, apis: index.apis, settings: options.settings, report: (report) => reports.push(report) });
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
    }
    for (const report of reports) add(rule.meta, report);
  }
  if (options.only === undefined || options.only.has(ignoreReasonMissing.meta.id)) {
    for (const directive of extraction.directives) {
      if (directive.reason !== undefined) continue;
      add(ignoreReasonMissing.meta, {
        at: { start: 0, end: 0, range: directive.range, context: `directive|${directive.rules.join(',')}`, statementLine: directive.range.start.line },
        message: messages.reasonMissing({ rules: directive.rules.join(', ') }),
        discriminator: directive.rules.join(','),
      });
    }
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  return { callSites: extraction.callSites, matches, findings, suppressed };
}

function toCodeFinding(
  meta: RuleMeta,
  report: CodeReport,
  extraction: CodeExtraction,
  settings: ApiGuardSettings,
  folderUri: string | undefined,
  occurrences: Map<string, number>,
): Finding | undefined {
  const configured = settings.rules[meta.id];
  if (configured === 'off') return undefined;
  const fallback: Severity = meta.severity === 'off' ? 'info' : meta.severity;
  const severity: Severity = report.allowlisted ? 'hint' : (configured ?? report.severity ?? fallback);
  // The same code twice in a file (two identical calls) gets two fingerprints, by occurrence.
  const identity = `${meta.id}|${relativeUri(extraction.uri, folderUri)}|${report.at.context}|${report.discriminator ?? ''}`;
  const occurrence = occurrences.get(identity) ?? 0;
  occurrences.set(identity, occurrence + 1);
  const finding: Finding = {
    ruleId: meta.id,
    severity,
    message: report.message,
    uri: extraction.uri,
    range: report.at.range,
    fingerprint: hashString(`${identity}|${occurrence}`),
  };
  if (report.data !== undefined) finding.data = report.data;
  const related: RelatedLocation[] | undefined = report.related?.map((item) => ({ uri: item.at.doc.uri, range: rangeOf(item.at.doc, item.at.node, 'key'), message: item.message }));
  if (related !== undefined && related.length > 0) finding.related = related;
  if (meta.id !== ignoreReasonMissing.meta.id) {
    const suppression = suppressionFor(meta.id, report, extraction.directives);
    if (suppression !== undefined) finding.suppressed = suppression;
  }
  return finding;
}

/**
 * A directive on the finding's line, on any line of its statement (a comment above a multi-line
 * call targets the call's first line), or anywhere in the file for `api-guard-ignore-file`.
 */
function suppressionFor(ruleId: string, report: CodeReport, directives: readonly CodeIgnoreDirective[]): Suppression | undefined {
  const first = Math.min(report.at.statementLine, report.at.range.start.line);
  const last = report.at.range.end.line;
  for (const directive of directives) {
    if (!directive.rules.includes(ruleId) && !directive.rules.includes('*') && !directive.rules.includes('all')) continue;
    if (directive.fileWide) return { kind: 'file-comment', reason: directive.reason };
    if (directive.line >= first && directive.line <= last) return { kind: 'comment', reason: directive.reason };
  }
  return undefined;
}

/**
 * Extractions of code files, reused while a file's text is unchanged: when only the APIs change,
 * `analyseExtraction` re-runs on the cached extractions without parsing anything. After an edit
 * of an open document (`ExtractInput.edit`), only the statements the edit touched are extracted
 * again when the rest of the previous extraction still holds (`extractIncrementally`).
 */
export class CodeExtractionCache {
  private readonly entries = new Map<string, CodeExtraction>();
  /** What the extractions made from an editor's tree depend on beyond each statement. */
  private readonly dependencies = new WeakMap<CodeExtraction, ExtractionDependencies>();

  async get(input: ExtractInput): Promise<CodeExtraction | undefined> {
    const cached = this.entries.get(input.uri);
    if (cached !== undefined && cached.text === input.text) return cached;
    const tracked = this.extractEdited(cached, input) ?? (await extractCodeWithDependencies(input));
    if (tracked === undefined) {
      this.entries.delete(input.uri);
      return undefined;
    }
    this.entries.set(input.uri, tracked.extraction);
    if (tracked.dependencies !== undefined) this.dependencies.set(tracked.extraction, tracked.dependencies);
    return tracked.extraction;
  }

  /** The extraction of an edited text from the previous one, when the edit allows it. */
  private extractEdited(previous: CodeExtraction | undefined, input: ExtractInput): TrackedExtraction | undefined {
    if (previous === undefined || input.tree === undefined || input.edit === undefined || previous.text !== input.edit.previousText) return undefined;
    const dependencies = this.dependencies.get(previous);
    if (dependencies === undefined || codeLanguageOf(input.uri, input.languageId) !== previous.language) return undefined;
    try {
      return extractIncrementally(previous, dependencies, input.edit.region, input.text, input.tree);
    } catch {
      // Extracting the whole file is always right, and reports what fails there.
      return undefined;
    }
  }

  /** Stores an extraction made elsewhere (a worker thread) as the file's current one. */
  set(extraction: CodeExtraction): void {
    this.entries.set(extraction.uri, extraction);
  }

  peek(uri: string): CodeExtraction | undefined {
    return this.entries.get(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  all(): CodeExtraction[] {
    return [...this.entries.values()];
  }
}
