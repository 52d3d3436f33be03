import type { ApiGuardSettings } from '../config/settings';
import { pointerOf, pointerSegment, type AstNode } from '../model/ast';
import { schemaIndexSteps } from '../openapi/schemas';
import type { ApiDescription, NodeRef } from '../openapi/types';
import { SPEC_RULES } from '../rules/registry';
import type { OffsetRef, Report, RuleMeta, Severity, SpecRule, SpecRuleContext } from '../rules/types';
import { hashFields, type Finding, type RelatedLocation, type Suppression } from './finding';
import type { FindingReuse } from './findingReuse';
import { reportAboutSchema } from './schemaReportMemo';
import { schemaRulePassApplies, schemaRuleSteps } from './schemaRulePass';
import { offsetsOf, rangeOf } from './rangeOf';
import { directiveCovers, extensionIgnores, hasExtensionIgnores, ignoreDirectivesOf, mayHaveExtensionIgnores, prepareSuppressionsSteps } from './suppressions';

export interface AnalysisResult {
  findings: Finding[];
  suppressed: Finding[];
}

export interface AnalyseOptions {
  /** The workspace folder URI, so that fingerprints use paths relative to it. */
  folderUri?: string;
  /** Receives errors thrown by a rule; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Restricts the run to these rule ids (CLI `--rule`, tests). */
  only?: ReadonlySet<string>;
  /**
   * The previous analysis' findings, to be handed out again where they did not change (the
   * language server, which analyses each version of an edited document). Its `folderUri` must be
   * this run's.
   */
  reuse?: FindingReuse;
  /**
   * The caller runs the steps in slices of an event loop (the language server): rules' own
   * `prepareSteps` run, which keep each step short at some cost in total (the structural validation
   * of the 13 MB GitHub spec in parts takes about 100 ms more than in one go). A caller that runs
   * all steps at once (the CLI) leaves it off.
   */
  inSlices?: boolean;
}

/** The severity a rule runs with after settings, or 'off'. */
export function configuredSeverity(meta: RuleMeta, settings: ApiGuardSettings): Severity | 'off' {
  return settings.rules[meta.id] ?? meta.severity;
}

/** Runs every enabled spec rule on one API and turns the reports into findings. */
export function analyseApi(api: ApiDescription, settings: ApiGuardSettings, options: AnalyseOptions = {}): AnalysisResult {
  const steps = analyseApiSteps(api, settings, options);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * `analyseApi` one rule at a time: the generator yields after each rule (and, with `inSlices`,
 * within a rule's preparation and between batches of its findings), so that a caller with an
 * event loop (the language server) can answer requests between rules while a very large API is
 * analysed. A caller that stops it early (`return()`) gets no result.
 */
export function* analyseApiSteps(api: ApiDescription, settings: ApiGuardSettings, options: AnalyseOptions = {}): Generator<void, AnalysisResult, void> {
  const result: AnalysisResult = { findings: [], suppressed: [] };
  // An API with an editor buffer among its documents is analysed version after version: the
  // findings of its other documents (the files on disk of a spec whose fragment is being edited)
  // are kept too, so that the next version hands them out again as the same objects.
  const keepAll = options.reuse !== undefined && api.documents.some((doc) => doc.open === true);
  if (options.inSlices === true) for (const doc of api.documents) yield* prepareSuppressionsSteps(doc, SEARCH_CHARACTERS_PER_STEP);
  for (const rule of SPEC_RULES) {
    if (options.only !== undefined && !options.only.has(rule.meta.id)) continue;
    if (!rule.meta.versions.includes(api.version)) continue;
    if (configuredSeverity(rule.meta, settings) === 'off') continue;
    const index = rule.usesSchemas === true ? yield* schemaIndexSteps(api) : undefined;
    if (index !== undefined && schemaRulePassApplies(rule, api, options.reuse)) {
      const reuse = options.reuse;
      yield* schemaRuleSteps(rule, api, index, {
        settings,
        reuse,
        make: (report) => toFinding(rule.meta, report, settings, options.folderUri, reuse, keepAll),
        out: (finding) => (finding.suppressed === undefined ? result.findings : result.suppressed).push(finding),
        onRuleError: options.onRuleError,
        perStep: options.inSlices === true ? REPORTS_PER_STEP : Number.POSITIVE_INFINITY,
      });
      yield;
      continue;
    }
    if (rule.prepareSteps !== undefined && options.inSlices === true && !(yield* prepareSteps(rule, api, options))) {
      yield;
      continue;
    }
    const reports = checkRule(rule, api, settings, options);
    // In slices, a rule that reports thousands of times (a schema rule on the 13 MB GitHub spec)
    // has its findings made a batch per step: all at once took up to 60 ms.
    const batch = options.inSlices === true ? REPORTS_PER_STEP : reports.length;
    for (let from = 0; from < reports.length; from += batch) {
      if (from > 0) yield;
      addFindings(rule, reports, from, Math.min(reports.length, from + batch), settings, options, result, keepAll);
    }
    yield;
  }
  return result;
}

/**
 * A rule's `prepareSteps`; false when it threw: the error goes where an error of `check` goes, and
 * the rule reports nothing this run, as a `check` that throws before its first report.
 */
function* prepareSteps(rule: SpecRule, api: ApiDescription, options: AnalyseOptions): Generator<void, boolean, void> {
  const steps = rule.prepareSteps!(api);
  for (;;) {
    let next: IteratorResult<void, void>;
    try {
      next = steps.next();
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
      return false;
    }
    if (next.done === true) return true;
    yield;
  }
}

/** Characters of a document's text searched in one step for what its suppressions need (`prepareSuppressionsSteps`): about a millisecond. */
const SEARCH_CHARACTERS_PER_STEP = 1 << 20;

/** Reports whose findings `analyseApiSteps` makes in one step when it runs in slices (some 3–5 ms). */
export const REPORTS_PER_STEP = 500;

/** Runs one rule's check and returns what it reported; an error goes to `onRuleError` and keeps the reports made before it. */
function checkRule(rule: SpecRule, api: ApiDescription, settings: ApiGuardSettings, options: AnalyseOptions): Report[] {
  const reports: Report[] = [];
  // What the schema rules report is kept only where findings are reused: the language server,
  // which analyses version after version.
  const keepAboutSchemas = options.reuse !== undefined && rule.usesSchemas === true;
  const context: SpecRuleContext = {
    api,
    settings,
    report: (report) => reports.push(report),
    aboutSchema: keepAboutSchemas ? (entry, body) => reportAboutSchema(rule.meta.id, entry, api.version, reports, body) : undefined,
  };
  try {
    rule.check(context);
  } catch (error) {
    options.onRuleError?.(rule.meta.id, error);
  }
  return reports;
}

/** Turns the reports `from`…`to` of one rule into findings, in order. */
function addFindings(rule: SpecRule, reports: readonly Report[], from: number, to: number, settings: ApiGuardSettings, options: AnalyseOptions, result: AnalysisResult, keepAll: boolean): void {
  const pointers: ParentPointer = { parent: undefined, pointer: '' };
  for (let index = from; index < to; index++) {
    const finding = toFinding(rule.meta, reports[index], settings, options.folderUri, options.reuse, keepAll, pointers);
    if (finding === undefined) continue;
    (finding.suppressed === undefined ? result.findings : result.suppressed).push(finding);
  }
}

function isNodeRef(at: NodeRef | OffsetRef): at is NodeRef {
  return (at as NodeRef).node !== undefined;
}

/**
 * Turns one report into a finding: severity from settings, range, pointer, suppression, fingerprint.
 * With `reuse`, a finding equal to one the previous analysis made on the same node is that object;
 * findings of documents that are not open are kept for that only with `keepClosed`.
 */
export function toFinding(meta: RuleMeta, report: Report, settings: ApiGuardSettings, folderUri?: string, reuse?: FindingReuse, keepClosed = false, pointers?: ParentPointer): Finding | undefined {
  const configured = settings.rules[meta.id];
  if (configured === 'off') return undefined;
  const fallback = meta.severity === 'off' ? 'warning' : meta.severity;
  const severity: Severity = report.allowlisted ? 'hint' : (configured ?? report.severity ?? fallback);
  const at = report.at;
  const doc = at.doc;
  const nodeRef = isNodeRef(at);
  // Only editor buffers, and the APIs that include one, are analysed version after version;
  // keeping the findings of every file of a workspace scan would cost memory and collector time
  // for nothing.
  const kept = nodeRef && reuse !== undefined && (doc.open === true || keepClosed) && report.related === undefined;
  const [start, end] = nodeRef ? offsetsOf(at.node, report.part) : [at.start, at.end];
  // The finding made on the same node by the previous analysis: where the edit cannot have moved
  // it, its range is the new one too, and only the rest is compared.
  const entry = kept ? reuse.lookup(meta.id, (at as NodeRef).node, report.discriminator) : undefined;
  const range = (entry !== undefined ? reuse!.unmovedRange(entry, doc, start, end) : undefined) ?? doc.lines.rangeOf(start, end);
  const suppression = findSuppression(meta.id, report, range.start.line);
  if (entry !== undefined) {
    const wanted = { message: report.message, severity, range, data: report.data, suppressed: suppression, discriminator: report.discriminator };
    const same = reuse!.take(entry, doc, (at as NodeRef).node, wanted, start, end) ?? reuse!.moved(entry, doc, (at as NodeRef).node, wanted, start, end);
    if (same !== undefined) return same;
  }
  const pointer = nodeRef ? pointerBelow(at.node, pointers) : undefined;
  const related: RelatedLocation[] | undefined = report.related?.map((item) => ({
    uri: item.at.doc.uri,
    range: rangeOf(item.at.doc, item.at.node, 'key'),
    message: item.message,
  }));
  const location = pointer ?? `@${range.start.line}:${range.start.character}`;
  const fingerprint = hashFields(meta.id, relativeUri(doc.uri, folderUri), location, report.discriminator ?? '');
  const finding: Finding = { ruleId: meta.id, severity, message: report.message, uri: doc.uri, range, fingerprint };
  if (pointer !== undefined) finding.pointer = pointer;
  if (report.data !== undefined) finding.data = report.data;
  if (related !== undefined && related.length > 0) finding.related = related;
  if (suppression !== undefined) finding.suppressed = suppression;
  if (kept) reuse.keep(meta.id, doc, at.node, report.discriminator, finding, start, end);
  return finding;
}

/**
 * The pointer of the parent `pointerBelow` worked out last. A rule reports one schema's properties,
 * or one operation's responses, one after the other: their pointers share the parent's, which is
 * then built once. Made per run of findings, so that it holds no tree for longer.
 */
export interface ParentPointer {
  parent: AstNode | undefined;
  pointer: string;
}

/** `pointerOf(node)`, with the parent's pointer from `pointers` when it is the same parent. */
function pointerBelow(node: AstNode, pointers: ParentPointer | undefined): string {
  const parent = node.parent;
  if (pointers === undefined || parent === undefined) return pointerOf(node);
  if (pointers.parent !== parent) {
    pointers.parent = parent;
    pointers.pointer = pointerOf(parent);
  }
  return pointers.pointer + '/' + pointerSegment(node.key);
}

function findSuppression(ruleId: string, report: Report, line: number): Suppression | undefined {
  const at = report.at;
  if (isNodeRef(at) && mayHaveExtensionIgnores(at.doc) && hasExtensionIgnores(at.node)) {
    for (const ignore of extensionIgnores(at.node)) {
      if (ignore.rules.includes(ruleId)) return { kind: 'extension', reason: ignore.reasons.get(ruleId) };
    }
  }
  for (const directive of ignoreDirectivesOf(at.doc)) {
    if (!directiveCovers(directive, ruleId)) continue;
    if (directive.fileWide) return { kind: 'file-comment', reason: directive.reason };
    if (directive.line === line) return { kind: 'comment', reason: directive.reason };
  }
  return undefined;
}

export function relativeUri(uri: string, folderUri: string | undefined): string {
  if (folderUri === undefined) return uri;
  // Asked for every finding, mostly of one document after another: the last answer is kept.
  if (uri === lastRelative.uri && folderUri === lastRelative.folderUri) return lastRelative.relative;
  const prefix = folderUri.endsWith('/') ? folderUri : folderUri + '/';
  const relative = uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
  lastRelative.uri = uri;
  lastRelative.folderUri = folderUri;
  lastRelative.relative = relative;
  return relative;
}

const lastRelative = { uri: '', folderUri: '', relative: '' };
