import type { ApiGuardSettings } from '../config/settings';
import { getLocale, type Locale } from '../l10n/messages';
import type { AstNode } from '../model/ast';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { SchemaEntry, SchemaIndex } from '../openapi/schemas';
import type { ApiDescription, NodeRef } from '../openapi/types';
import type { Report, RuleSeverity, SpecRule, SpecRuleContext } from '../rules/types';
import type { Finding } from './finding';
import type { FindingReuse, Kept } from './findingReuse';
import type { RangePart } from './rangeOf';
import { confirmKeptReports, reachOfPatch, reportAboutSchema, type PatchReach } from './schemaReportMemo';
import { ignoreDirectivesOf, mayHaveExtensionIgnores } from './suppressions';

/**
 * Rule-by-rule incremental analysis for the rules that report only about single schemas
 * (`SpecRule.eachSchema`: the limit rules), in an editor buffer analysed version after version
 * (the language server).
 *
 * On the Stripe specification these four rules look at some 15,000 schemas and make 5,233 of its
 * 7,090 findings. Run as any other rule, each edit went through every schema (handing out what
 * `schemaReportMemo` kept) and every report (finding the finding `FindingReuse` kept), only to
 * hand out the same findings again.
 *
 * Here each rule keeps, per schema that it reported about, the reports and the records
 * `FindingReuse` keeps of the findings made from them (`Span`), in the order of the schema index.
 * When the next version of the API's documents has one of them made by patching its version then
 * (an editor buffer; the others the same, such as the 2,900 files on disk of a spec whose fragment
 * is edited), only the schemas in the patch's reach (`reachOfPatch`: the patched subtree, or its
 * parent, everything below it and everything above it) can say anything else: the contract of
 * `SpecRuleContext.aboutSchema`, which `EachSchema.selects` keeps too. Those are selected and
 * reported about again (through the memo, as before). Every other span keeps its findings: in the
 * patched document their ranges follow from their offsets as `FindingReuse.unmovedRange` has them
 * (a finding on a line the edit touched has its schema worked out again instead) and their records
 * are confirmed for the new version, so that a later run of the rule the ordinary way finds them;
 * so are the memo's reports of every schema out of reach. In the other documents nothing moved.
 *
 * - When the index was updated in place (`schemaIndexFromPrevious`: the same entries, in the same
 *   order, with the same flags), only the entries reached are looked at, found from the nodes in
 *   reach (`updatedSpans`).
 * - When it was walked again (an edit that changed what the walk reaches, such as an operation's
 *   method renamed), the entries that are new, have other flags or are in reach are worked out
 *   again, and the spans of the others are taken over by node (`rewalkedSpans`).
 *
 * What a finding says besides its range cannot have changed: its message and data are its report's,
 * its severity the settings' (the state is dropped when they change), its pointer and fingerprint
 * those of a node out of the patch's reach, under the same keys, and its suppression as it was: the
 * pass steps aside when the patched document has (or had) an ignore directive or may have an
 * `x-api-guard-ignore` key (`maySuppress`), whose reach the patch's does not follow.
 *
 * Anything else (versions skipped, a document parsed anew, another locale, other settings for the
 * rule, an error in the rule) runs the rule over every schema and starts a new state, exactly as
 * the rule's own `check` would (`checkEachSchema`).
 */

/** What one schema's entry got from a rule: its reports, and the kept records of the findings made from them, in order. */
interface Span {
  entry: SchemaEntry;
  reports: Report[];
  records: Kept[];
}

/** One rule's spans for one version of an API's documents, with what they depend on besides the schemas. */
interface PassState {
  /** The API's documents (`ApiDescription.documents`), in their versions then. */
  documents: readonly ParsedDocument[];
  index: SchemaIndex;
  configured: RuleSeverity | undefined;
  locale: Locale;
  apiVersion: string;
  /** In the order of the index's entries. */
  spans: Span[];
}

/** Per `FindingReuse` (one folder's analysis), per document tree (its root node, which patches keep), per rule id. */
const states = new WeakMap<FindingReuse, WeakMap<AstNode, Map<string, PassState>>>();

/**
 * Mappings and lists below a patch's scope that are looked up one by one; a scope with more (a
 * patch of `paths` itself) has each entry asked instead.
 */
const REACH_LOOKUP_LIMIT = 2_000;

/**
 * Entries worked out again in one step at most: a patch that reached more (a key renamed in a
 * mapping that holds every schema) runs the rule over every schema instead, whose findings are made
 * a batch per step (`PassRun.perStep`), so that a large API does not hold the event loop.
 */
const REDO_LIMIT = 2_000;

/**
 * Whether `schemaRuleSteps` applies: an `eachSchema` rule, and an API with an editor buffer among
 * its documents, which the language server analyses version after version.
 */
export function schemaRulePassApplies(rule: SpecRule, api: ApiDescription, reuse: FindingReuse | undefined): reuse is FindingReuse {
  return rule.eachSchema !== undefined && reuse !== undefined && api.root.root !== undefined && api.documents.some((doc) => doc.open === true);
}

/**
 * Whether a document may say what is suppressed where a patch's reach does not follow: an ignore
 * directive (a comment, which covers lines) or an `x-api-guard-ignore` key (which covers what is
 * below its owner, while an edit of its value reaches only the value and what is above it).
 */
function maySuppress(doc: ParsedDocument): boolean {
  return mayHaveExtensionIgnores(doc) || ignoreDirectivesOf(doc).length > 0;
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
  const tree = api.root.root!;
  let byTree = states.get(run.reuse);
  if (byTree === undefined) states.set(run.reuse, (byTree = new WeakMap()));
  let byRule = byTree.get(tree);
  if (byRule === undefined) byTree.set(tree, (byRule = new Map()));
  const state = byRule.get(id);
  // Whatever happens below, the state holds for this version or not at all.
  byRule.delete(id);
  const locale = getLocale();
  const configured = run.settings.rules[id];
  let spans: Span[] | undefined;
  if (state !== undefined && state.configured === configured && state.locale === locale && state.apiVersion === api.version) {
    spans = keptSpans(rule, api, index, state, run);
    if (spans !== undefined) for (const span of spans) for (const record of span.records) run.out(record.finding);
  }
  if (spans === undefined) spans = yield* allSpans(rule, api, index, run);
  if (spans !== undefined) byRule.set(id, { documents: api.documents.slice(), index, configured, locale, apiVersion: api.version, spans });
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

/** Where a report's range starts and ends (`offsetsOf`, without making a pair for each of thousands of findings). */
function startOf(node: AstNode, part: RangePart | undefined): number {
  return (part === undefined || part === 'key' || part === 'entry') && node.keyStart !== undefined && node.keyEnd !== undefined ? node.keyStart : node.start;
}

function endOf(node: AstNode, part: RangePart | undefined): number {
  const hasKey = node.keyStart !== undefined && node.keyEnd !== undefined;
  if ((part === undefined || part === 'key') && hasKey) return node.keyEnd!;
  if (part === 'entry' && hasKey) return Math.max(node.end, node.keyEnd!);
  return Math.max(node.end, node.start);
}

/** What a patch reached, worked out once per version for all the rules (`reachOfPatch`, and its nodes when they are few). */
interface Reached {
  patch: NonNullable<ParsedDocument['patch']>;
  reach: PatchReach;
  /** Every mapping and list in reach, or undefined when the scope holds too many to list. */
  nodes: Set<AstNode> | undefined;
  /** The entries of the index in reach, once asked for that index. */
  index?: SchemaIndex;
  entries?: Set<SchemaEntry>;
  /** The index whose memo was confirmed for this version (`confirmKeptReports`), once for all the rules. */
  confirmed?: SchemaIndex;
  /** The entries of a walked index that are new, have other flags or are in reach (`changedEntries`). */
  changedIn?: SchemaIndex;
  changed?: Set<SchemaEntry>;
}

const reachedByDoc = new WeakMap<ParsedDocument, Reached | null>();

function reachedBy(doc: ParsedDocument): Reached | undefined {
  let reached = reachedByDoc.get(doc);
  if (reached === undefined) {
    const patch = doc.patch;
    const reach = patch === undefined ? undefined : reachOfPatch(patch);
    const containers = reach?.containers(REACH_LOOKUP_LIMIT);
    reached = reach === undefined ? null : { patch: patch!, reach, nodes: containers === undefined ? undefined : new Set(containers) };
    reachedByDoc.set(doc, reached);
  }
  return reached ?? undefined;
}

/** The entries of `index` the patch reached. */
function reachedEntries(reached: Reached, index: SchemaIndex): Set<SchemaEntry> {
  if (reached.index === index && reached.entries !== undefined) return reached.entries;
  const entries = new Set<SchemaEntry>();
  if (reached.nodes !== undefined) {
    for (const node of reached.nodes) {
      const entry = index.get(node);
      if (entry !== undefined) entries.add(entry);
    }
  } else {
    for (const entry of index.entries) if (reached.reach.has(entry.at.node)) entries.add(entry);
  }
  reached.index = index;
  reached.entries = entries;
  return entries;
}

/**
 * Whether the findings of a span out of the patch's reach hold in the patched version of `doc`
 * with no more than their offsets moved and, after the edit's last line, their lines (see
 * `FindingReuse.unmovedRange`); false for one on a line the edit touched. Findings in the API's
 * other documents, which did not change, hold as they are.
 */
function spanHolds(span: Span, patch: Reached['patch'], doc: ParsedDocument): boolean {
  for (let i = 0; i < span.records.length; i++) {
    const record = span.records[i];
    if (record.finding.uri !== doc.uri) continue;
    if (record.version !== patch.fromVersion) return false;
    const { node } = span.reports[i].at as NodeRef;
    const part = span.reports[i].part;
    const start = startOf(node, part);
    const end = endOf(node, part);
    if (record.end <= patch.changeStart) {
      if (start !== record.start || end !== record.end) return false;
    } else if (record.finding.range.start.line <= patch.changeEndLine || start !== record.start + patch.delta || end !== record.end + patch.delta) return false;
  }
  return true;
}

/**
 * Confirms a span that holds (`spanHolds`) for the patched version of `doc`: its records' offsets,
 * version and, after a changed line count, findings. Records already confirmed (a span taken over
 * twice) and those of other documents are left as they are.
 */
function confirmSpan(span: Span, patch: Reached['patch'], doc: ParsedDocument): void {
  for (const record of span.records) {
    if (record.finding.uri !== doc.uri || record.version !== patch.fromVersion) continue;
    record.version = doc.version;
    if (record.end <= patch.changeStart) continue;
    record.start += patch.delta;
    record.end += patch.delta;
    if (patch.lineDelta === 0) continue;
    const { start, end } = record.finding.range;
    record.finding = { ...record.finding, range: { start: { line: start.line + patch.lineDelta, character: start.character }, end: { line: end.line + patch.lineDelta, character: end.character } } };
  }
}

/**
 * The one document of the API that is not the state's (same URI, another version), when the others
 * are: undefined when all are the state's, false when the documents differ otherwise.
 */
function changedDocument(api: ApiDescription, state: PassState): { now: ParsedDocument; before: ParsedDocument } | undefined | false {
  const documents = api.documents;
  if (documents.length !== state.documents.length) return false;
  let changed: { now: ParsedDocument; before: ParsedDocument } | undefined;
  for (let i = 0; i < documents.length; i++) {
    const now = documents[i];
    const before = state.documents[i];
    if (now === before) continue;
    if (changed !== undefined || now.uri !== before.uri || now.root !== before.root) return false;
    changed = { now, before };
  }
  return changed;
}

/**
 * The spans of this version from the state's: when its documents are the state's, or one of them
 * took the state's tree back (an undo) or was made by patching the state's version of it. Undefined
 * otherwise, and when the rule threw: the rule must run over every schema.
 */
function keptSpans(rule: SpecRule, api: ApiDescription, index: SchemaIndex, state: PassState, run: PassRun): Span[] | undefined {
  const changed = changedDocument(api, state);
  if (changed === false) return undefined;
  if (changed === undefined || hasTreeOf(changed.now, changed.before.version)) {
    // The same trees at the same offsets: every finding as it was.
    if (index !== state.index) return undefined;
    if (changed !== undefined) {
      for (const span of state.spans) for (const record of span.records) if (record.finding.uri === changed.now.uri) record.version = changed.now.version;
    }
    return state.spans;
  }
  const doc = changed.now;
  const patch = doc.patch;
  if (patch === undefined || patch.fromVersion !== changed.before.version) return undefined;
  // What the other documents suppress is as it was; what this one does may change out of reach.
  if (maySuppress(doc) || maySuppress(changed.before)) return undefined;
  const reached = reachedBy(doc);
  if (reached === undefined) return undefined;
  const spans = index === state.index ? updatedSpans(rule, api, index, doc, state, run, reached) : rewalkedSpans(rule, api, index, doc, state, run, reached);
  if (spans === undefined) return undefined;
  for (const span of spans) confirmSpan(span, patch, doc);
  if (reached.confirmed !== index) {
    reached.confirmed = index;
    confirmKeptReports(index.entries, doc, patch.fromVersion, reachedEntries(reached, index));
  }
  return spans;
}

/** Works out again, through the memo, the reports about single entries and the findings made from them. */
class Again {
  private readonly reports: Report[] = [];
  private readonly about: (entry: SchemaEntry) => void;

  constructor(
    private readonly rule: SpecRule,
    private readonly api: ApiDescription,
    private readonly run: PassRun,
  ) {
    const context = contextFor(api, run.settings, this.reports);
    const each = rule.eachSchema!;
    this.about = (entry) => each.about(entry, context);
  }

  /** The span of an entry: undefined when it is not selected or reports nothing, false when a finding has no record to follow. */
  span(entry: SchemaEntry): Span | undefined | false {
    if (!this.rule.eachSchema!.selects(entry, this.api)) return undefined;
    const reports = this.reports;
    reports.length = 0;
    reportAboutSchema(this.rule.meta.id, entry, this.api.version, reports, this.about);
    if (reports.length === 0) return undefined;
    const own = reports.slice();
    return spanOf(this.run.reuse, this.rule.meta.id, entry, own, own.map(this.run.make)) ?? false;
  }
}

/** The spans after a patch that left the index as it was: the state's, and those of the entries reached made again. */
function updatedSpans(rule: SpecRule, api: ApiDescription, index: SchemaIndex, doc: ParsedDocument, state: PassState, run: PassRun, reached: Reached): Span[] | undefined {
  const redo = new Set(reachedEntries(reached, index));
  const kept: Span[] = [];
  for (const span of state.spans) {
    if (redo.has(span.entry)) continue;
    if (spanHolds(span, reached.patch, doc)) kept.push(span);
    else redo.add(span.entry);
  }
  return redo.size > REDO_LIMIT ? undefined : mergedSpans(rule, api, run, kept, redo);
}

/**
 * The spans after a patch that made the index walk again. A schema reports what it did when its
 * node is out of the patch's reach and its entry has the flags it had (`sameFlags`: the selection
 * reads them; whether a composition's owner closes it follows the reach, see
 * limit-additional-properties.ts): the state's spans of such entries are taken over, the others
 * worked out again, and so is every entry of the new index that is new, has other flags or is in
 * reach (`changedEntries`, once for all the rules).
 */
function rewalkedSpans(rule: SpecRule, api: ApiDescription, index: SchemaIndex, doc: ParsedDocument, state: PassState, run: PassRun, reached: Reached): Span[] | undefined {
  const changed = changedEntries(reached, state.index, index);
  const redo = new Set(changed);
  const taken: Span[] = [];
  for (const span of state.spans) {
    const entry = index.get(span.entry.at.node);
    // A schema the walk no longer reaches reports nothing.
    if (entry === undefined) continue;
    // New flags or in reach: in `changed` already.
    if (redo.has(entry)) continue;
    if (!spanHolds(span, reached.patch, doc)) {
      redo.add(entry);
      continue;
    }
    taken.push(entry === span.entry ? span : { entry, reports: span.reports, records: span.records });
  }
  if (redo.size > REDO_LIMIT) return undefined;
  // The walk's order, which the spans taken over need not have kept.
  taken.sort((a, b) => a.entry.position - b.entry.position);
  return mergedSpans(rule, api, run, taken, redo);
}

/** `spans` (in the index's order) with those of `redo` worked out again, in the index's order; undefined when the rule threw or a span cannot be followed. */
function mergedSpans(rule: SpecRule, api: ApiDescription, run: PassRun, spans: readonly Span[], redo: ReadonlySet<SchemaEntry>): Span[] | undefined {
  const entries = [...redo].sort((a, b) => a.position - b.position);
  const again = new Again(rule, api, run);
  const merged: Span[] = [];
  let next = 0;
  const upTo = (position: number): boolean => {
    for (; next < entries.length && entries[next].position < position; next++) {
      const span = again.span(entries[next]);
      if (span === false) return false;
      if (span !== undefined) merged.push(span);
    }
    return true;
  };
  try {
    for (const span of spans) {
      if (!upTo(span.entry.position)) return undefined;
      merged.push(span);
    }
    if (!upTo(Number.POSITIVE_INFINITY)) return undefined;
  } catch (error) {
    run.onRuleError?.(rule.meta.id, error);
    return undefined;
  }
  return merged;
}

/** Whether two entries of one node have the flags `EachSchema.selects` may read. */
function sameFlags(a: SchemaEntry, b: SchemaEntry): boolean {
  return a.kind === b.kind && a.request === b.request && a.response === b.response && a.conditional === b.conditional && a.types === b.types;
}

/** The entries of a new index that are new, have other flags than in `before` or are in reach (once per index and version). */
function changedEntries(reached: Reached, before: SchemaIndex, index: SchemaIndex): Set<SchemaEntry> {
  if (reached.changedIn === index && reached.changed !== undefined) return reached.changed;
  const changed = new Set(reachedEntries(reached, index));
  for (const entry of index.entries) {
    const old = before.get(entry.at.node);
    if (old === undefined || !sameFlags(entry, old)) changed.add(entry);
  }
  reached.changedIn = index;
  reached.changed = changed;
  return changed;
}
