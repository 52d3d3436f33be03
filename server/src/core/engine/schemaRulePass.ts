import type { ApiGuardSettings } from '../config/settings';
import { getLocale, type Locale } from '../l10n/messages';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { SchemaEntry, SchemaIndex } from '../openapi/schemas';
import type { ApiDescription, NodeRef } from '../openapi/types';
import type { Report, RuleSeverity, SpecRule, SpecRuleContext } from '../rules/types';
import type { Finding } from './finding';
import type { FindingReuse, Kept } from './findingReuse';
import { offsetsOf } from './rangeOf';
import { confirmKeptReports, reachOfPatch, reportAboutSchema } from './schemaReportMemo';
import { ignoreDirectivesOf, mayHaveExtensionIgnores } from './suppressions';

/**
 * Rule-by-rule incremental analysis for the rules that report only about single schemas
 * (`SpecRule.eachSchema`: the limit rules), in an editor buffer analysed version after version
 * (the language server).
 *
 * On the Stripe specification these four rules look at some 15,000 schemas and make 5,233 of its
 * 7,090 findings. Run as any other rule, each edit went through every schema (handing out what
 * `schemaReportMemo` kept) and every report (finding the finding `FindingReuse` kept), only to
 * hand out the same findings again. The first edits after opening, which run that code before V8
 * has optimised it, took 15–20 ms more for it.
 *
 * Here each rule keeps, per schema that it reported about, the reports and the records
 * `FindingReuse` keeps of the findings made from them (`Span`), in the order of the schema index.
 * When the next version was made by patching this one (one editor buffer, the API's only document)
 * and the index was updated in place (`schemaIndexFromPrevious`: its entries are the same, in the
 * same order, with the same flags), only the schemas in the patch's reach (`reachOfPatch`: the
 * patched subtree's parent, everything below it and everything above it) can say anything else:
 * the contract of `SpecRuleContext.aboutSchema`, which `EachSchema.selects` keeps too. Those
 * entries are selected and reported about again (through the memo, as before); every other span
 * keeps its findings, whose ranges follow from their offsets as `FindingReuse.unmovedRange` has
 * them (a finding on a line the edit touched has its schema worked out again instead), and whose
 * records are confirmed for the new version, so that a later run of the rule the ordinary way (after
 * an edit that changed what the index reaches) finds them, and so are the memo's reports of every
 * schema out of reach.
 *
 * What a finding says besides its range cannot have changed: its message and data are its report's,
 * its severity the settings' (the state is dropped when they change), its suppression none (the
 * pass is not used for a document that has an ignore directive or may have an `x-api-guard-ignore`
 * key, whose reach `reachOfPatch` does not follow), its pointer and fingerprint those of a node
 * out of the patch's reach, under the same keys.
 *
 * Anything else (several documents, versions skipped, a document parsed anew, an index walked
 * again, another locale, an error in the rule) runs the rule over every schema and starts a new
 * state, exactly as the rule's own `check` would (`checkEachSchema`).
 */

/** What one schema's entry got from a rule: its reports, and the kept records of the findings made from them, in order. */
interface Span {
  entry: SchemaEntry;
  reports: Report[];
  records: Kept[];
}

/** One rule's spans for one version of one document, with what they depend on besides the schemas. */
interface PassState {
  uri: string;
  version: number;
  configured: RuleSeverity | undefined;
  locale: Locale;
  apiVersion: string;
  /** In the order of the index's entries. */
  spans: Span[];
}

/** Per `FindingReuse` (one folder's analysis), per schema index, per rule id. */
const states = new WeakMap<FindingReuse, WeakMap<SchemaIndex, Map<string, PassState>>>();
/** The document version for which an index's memo was confirmed (`confirmKeptReports`), once for all rules. */
const confirmed = new WeakMap<SchemaIndex, number>();

/**
 * Mappings and lists below a patch's scope that are looked up in the index one by one; a scope with
 * more (a patch of `paths` itself) has each entry of the index asked instead.
 */
const REACH_LOOKUP_LIMIT = 2_000;

/** Whether `schemaRuleSteps` applies: an `eachSchema` rule, and an API that is one editor buffer without ignore directives or keys. */
export function schemaRulePassApplies(rule: SpecRule, api: ApiDescription, reuse: FindingReuse | undefined): reuse is FindingReuse {
  if (rule.eachSchema === undefined || reuse === undefined || api.documents.length !== 1) return false;
  const doc = api.root;
  return doc.open === true && doc.root !== undefined && !mayHaveExtensionIgnores(doc) && ignoreDirectivesOf(doc).length === 0;
}

/** How the run makes a finding of one report (the engine's `toFinding` with the run's options); undefined when the rule is off. */
export type MakeFinding = (report: Report) => Finding | undefined;

/** What `schemaRuleSteps` needs of the run besides the rule and the API. */
export interface PassRun {
  settings: ApiGuardSettings;
  reuse: FindingReuse;
  make: MakeFinding;
  /** Receives each finding, in order. */
  out: (finding: Finding) => void;
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Reports turned into findings between two yields while the rule runs over every schema. */
  perStep: number;
}

/**
 * The findings of one `eachSchema` rule for this version (see above), handed to `run.out` in the
 * order the rule's `check` reports them; only where `schemaRulePassApplies`.
 */
export function* schemaRuleSteps(rule: SpecRule, api: ApiDescription, index: SchemaIndex, run: PassRun): Generator<void, void, void> {
  const id = rule.meta.id;
  const doc = api.root;
  let byIndex = states.get(run.reuse);
  if (byIndex === undefined) states.set(run.reuse, (byIndex = new WeakMap()));
  let byRule = byIndex.get(index);
  if (byRule === undefined) byIndex.set(index, (byRule = new Map()));
  const state = byRule.get(id);
  // Whatever happens below, the state holds for this version or not at all.
  byRule.delete(id);
  const locale = getLocale();
  const configured = run.settings.rules[id];
  let spans: Span[] | undefined;
  if (state !== undefined && state.uri === doc.uri && state.configured === configured && state.locale === locale && state.apiVersion === api.version) {
    spans = updatedSpans(rule, api, index, doc, state, run);
    if (spans !== undefined) for (const span of spans) for (const record of span.records) run.out(record.finding);
  }
  if (spans === undefined) spans = yield* allSpans(rule, api, index, run);
  if (spans !== undefined) byRule.set(id, { uri: doc.uri, version: doc.version, configured, locale, apiVersion: api.version, spans });
}

/**
 * The rule over every schema, as `checkEachSchema` runs it, each finding handed to `run.out` as it
 * is made; and the spans, unless the rule threw or a finding has no record to follow.
 */
function* allSpans(rule: SpecRule, api: ApiDescription, index: SchemaIndex, run: PassRun): Generator<void, Span[] | undefined, void> {
  const each = rule.eachSchema!;
  const reports: Report[] = [];
  const owners: SchemaEntry[] = [];
  const starts: number[] = [];
  const context = contextFor(api, run.settings, reports);
  const about = (entry: SchemaEntry): void => each.about(entry, context);
  let failed = false;
  try {
    for (const entry of index.entries) {
      if (!each.selects(entry, api)) continue;
      const from = reports.length;
      reportAboutSchema(rule.meta.id, entry, api.version, reports, about);
      if (reports.length > from) {
        owners.push(entry);
        starts.push(from);
      }
    }
  } catch (error) {
    run.onRuleError?.(rule.meta.id, error);
    failed = true;
  }
  // What was reported before an error still counts, as for any rule (`checkRule`).
  const findings: (Finding | undefined)[] = [];
  for (let at = 0; at < reports.length; at++) {
    if (at > 0 && at % run.perStep === 0) yield;
    const finding = run.make(reports[at]);
    findings.push(finding);
    if (finding !== undefined) run.out(finding);
  }
  if (failed) return undefined;
  const spans: Span[] = [];
  for (let i = 0; i < owners.length; i++) {
    const to = i + 1 < owners.length ? starts[i + 1] : reports.length;
    const span = spanOf(run.reuse, rule.meta.id, owners[i], reports.slice(starts[i], to), findings.slice(starts[i], to));
    if (span === undefined) return undefined;
    spans.push(span);
  }
  return spans;
}

/**
 * A span from an entry's reports and the findings made from them, with the records `reuse` keeps of
 * them; undefined when a finding has none (a report about an offset, or two on one node with one
 * discriminator), which the next version could not follow.
 */
function spanOf(reuse: FindingReuse, ruleId: string, entry: SchemaEntry, reports: Report[], findings: (Finding | undefined)[]): Span | undefined {
  const records: Kept[] = [];
  for (let i = 0; i < reports.length; i++) {
    const node = (reports[i].at as Partial<NodeRef>).node;
    const finding = findings[i];
    const record = node === undefined || finding === undefined ? undefined : reuse.lookup(ruleId, node, reports[i].discriminator);
    if (record === undefined || record.finding !== finding) return undefined;
    records.push(record);
  }
  return { entry, reports, records };
}

function contextFor(api: ApiDescription, settings: ApiGuardSettings, reports: Report[]): SpecRuleContext {
  return { api, settings, report: (report) => reports.push(report) };
}

/**
 * The spans of this version from the state's, when it was made by patching the state's version (or
 * took its tree back, or is that version): undefined when it was not, and the rule must run over
 * every schema.
 */
function updatedSpans(rule: SpecRule, api: ApiDescription, index: SchemaIndex, doc: ParsedDocument, state: PassState, run: PassRun): Span[] | undefined {
  const each = rule.eachSchema!;
  if (hasTreeOf(doc, state.version)) {
    // The same tree at the same offsets: every finding as it was.
    for (const span of state.spans) for (const record of span.records) record.version = doc.version;
    return state.spans;
  }
  const patch = doc.patch;
  if (patch === undefined || patch.fromVersion !== state.version) return undefined;
  const reach = reachOfPatch(patch);
  if (reach === undefined) return undefined;

  // The entries the patch reached, and those with a finding on a line it touched.
  const reached = new Set<SchemaEntry>();
  const containers = reach.containers(REACH_LOOKUP_LIMIT);
  if (containers !== undefined) {
    for (const node of containers) {
      const entry = index.get(node);
      if (entry !== undefined) reached.add(entry);
    }
  } else {
    for (const entry of index.entries) if (reach.has(entry.at.node)) reached.add(entry);
  }
  const redo = new Set(reached);
  for (const span of state.spans) {
    if (redo.has(span.entry)) continue;
    for (let i = 0; i < span.reports.length; i++) {
      const record = span.records[i];
      const report = span.reports[i];
      if (record.version !== state.version || record.finding.uri !== doc.uri) return undefined;
      const [start, end] = offsetsOf((report.at as NodeRef).node, report.part);
      // Before the edit, or on a line after its last one (see `FindingReuse.unmovedRange`).
      if (record.start === start && record.end === end && end <= patch.changeStart) continue;
      if (record.finding.range.start.line > patch.changeEndLine && start === record.start + patch.delta && end === record.end + patch.delta) continue;
      redo.add(span.entry);
      break;
    }
  }

  // The entries to work out again, in the index's order, each through the memo.
  const again = [...redo].sort((a, b) => a.position - b.position);
  const made: Span[] = [];
  const reports: Report[] = [];
  const context = contextFor(api, run.settings, reports);
  const about = (entry: SchemaEntry): void => each.about(entry, context);
  try {
    for (const entry of again) {
      if (!each.selects(entry, api)) continue;
      reports.length = 0;
      reportAboutSchema(rule.meta.id, entry, api.version, reports, about);
      if (reports.length === 0) continue;
      const own = reports.slice();
      const span = spanOf(run.reuse, rule.meta.id, entry, own, own.map(run.make));
      if (span === undefined) return undefined;
      made.push(span);
    }
  } catch (error) {
    run.onRuleError?.(rule.meta.id, error);
    return undefined;
  }

  // Nothing can fail from here on: the kept records, and the memo, are confirmed for this version.
  const spans: Span[] = [];
  let next = 0;
  for (const span of state.spans) {
    if (redo.has(span.entry)) continue;
    while (next < made.length && made[next].entry.position < span.entry.position) spans.push(made[next++]);
    for (let i = 0; i < span.records.length; i++) {
      const record = span.records[i];
      const report = span.reports[i];
      const [start, end] = offsetsOf((report.at as NodeRef).node, report.part);
      record.version = doc.version;
      record.start = start;
      record.end = end;
      const range = record.finding.range;
      if (patch.lineDelta !== 0 && range.start.line > patch.changeEndLine) {
        record.finding = {
          ...record.finding,
          range: { start: { line: range.start.line + patch.lineDelta, character: range.start.character }, end: { line: range.end.line + patch.lineDelta, character: range.end.character } },
        };
      }
    }
    spans.push(span);
  }
  while (next < made.length) spans.push(made[next++]);
  if (confirmed.get(index) !== doc.version) {
    confirmed.set(index, doc.version);
    confirmKeptReports(index.entries, doc, patch.fromVersion, reached);
  }
  return spans;
}

