import type { ApiGuardSettings } from '../config/settings';
import type { Finding } from '../engine/finding';
import type { TextEdit } from '../fixes/textEdit';
import type { AstNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import type { ApiDescription, NodeRef, SpecVersion } from '../openapi/types';
import type { SchemaEntry } from '../openapi/schemas';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSeverity = Severity | 'off';
export type RuleCategory = 'auth' | 'tls' | 'doc' | 'limit' | 'spec' | 'code' | 'meta';
export type ChecklistStepId = '1.1' | '1.2' | '2.1' | '2.2' | '3.1' | '3.2' | '4.1' | '4.2';

export interface RuleMeta {
  /** Stable id from RULES.md: the diagnostic code, the settings key, the SARIF ruleId, the file name. */
  id: string;
  category: RuleCategory;
  /** Default severity; a rule whose severity varies per finding gives the highest one here. */
  severity: RuleSeverity;
  /** One sentence: what the rule flags (README table, SARIF shortDescription, settings schema). */
  title: string;
  /** The same sentence in German (docs and settings in a German VS Code). */
  titleDe: string;
  /** The documentation page's body in Markdown: why it matters, what it flags, how to fix it. */
  description: string;
  /** Versions the rule understands; it never runs on the others. Code rules: empty. */
  versions: readonly SpecVersion[];
  step?: ChecklistStepId;
  /** OWASP API Security Top 10 2023 ids, e.g. `API2:2023`. */
  owasp?: readonly string[];
  /** What the quick fix does, when the rule has one. */
  fix?: string;
  /** Example documents for the docs page: a problem and its correction (YAML). */
  examples?: { bad: string; good: string };
}

/** A span of a document by offsets, for what has no node of its own (a syntax error, a comment). */
export interface OffsetRef {
  doc: ParsedDocument;
  start: number;
  end: number;
}

/** Where a finding points and what it says. Rules never compute line numbers (invariant 3). */
export interface Report {
  at: NodeRef | OffsetRef;
  /** Which part of the node the range covers: its property key (default when it has one), its value, or both. */
  part?: 'key' | 'value' | 'entry';
  message: string;
  /** The severity of this finding when the user has not configured one (e.g. W for GET, E for POST). */
  severity?: Severity;
  /** Hosts on an allowlist are reported as hints whatever the configured severity. */
  allowlisted?: boolean;
  /** What a quick fix needs; plain JSON. */
  data?: Record<string, unknown>;
  related?: { at: NodeRef; message: string }[];
  /** Distinguishes two findings of one rule on one node (for stable fingerprints). */
  discriminator?: string;
}

export interface SpecRuleContext {
  api: ApiDescription;
  settings: ApiGuardSettings;
  report(report: Report): void;
  /**
   * Runs `body`, which reports about the schema of one entry of `schemasOf(api)`, or hands out
   * again what it reported about the same node in the version before, where that cannot have
   * changed (the language server, on every version of an edited document; see
   * engine/schemaReportMemo.ts).
   * What `body` reports may depend only on the schema node's subtree, the keys of its ancestors,
   * their direct children under the keys of `READ_FROM_ANCESTORS` (engine/schemaReportMemo.ts: a
   * parameter's `in` and `name`, …), the document's URI, the API's version and the locale: test the
   * entry's flags before, and never follow a `$ref` in it. `aboutSchema(context, entry, body)` calls `body`
   * directly where the context has no memo (the CLI, tests).
   */
  aboutSchema?(entry: SchemaEntry, body: (entry: SchemaEntry) => void): void;
}

/** What a rule's quick fix receives: the finding (by id, pointer and data, never its message) and the current API. */
export interface FixContext {
  finding: Pick<Finding, 'ruleId' | 'uri' | 'pointer' | 'data'>;
  api: ApiDescription;
  /** The document that holds the finding. */
  doc: ParsedDocument;
  /** The node at the finding's pointer in `doc`, when it still exists. */
  node: AstNode | undefined;
  settings: ApiGuardSettings;
}

/** One quick fix: a title and minimal text edits, possibly across several files of the API. */
export interface FixProposal {
  title: string;
  edits: TextEdit[];
  /** The unambiguous choice among several proposals (VS Code applies it with the quick-fix shortcut). */
  isPreferred?: boolean;
  /** Safe to apply without asking anything: used by "fix all" and `api-guard fix`. */
  safe?: boolean;
}

/**
 * A rule that reports only about single schemas of the API's schema index, each on its own (the
 * limit rules): the language server then keeps its findings per schema and, after an edit, works
 * out again only those of the schemas the edit can have changed (engine/schemaRulePass.ts).
 */
export interface EachSchema {
  /**
   * Whether the rule looks at this schema. It may read what `about` may (see
   * `SpecRuleContext.aboutSchema`) and the entry's flags.
   */
  selects(entry: SchemaEntry, api: ApiDescription): boolean;
  /** Reports about the schema of one selected entry, under `SpecRuleContext.aboutSchema`'s rules. */
  about(entry: SchemaEntry, context: SpecRuleContext): void;
}

export interface SpecRule {
  meta: RuleMeta;
  /**
   * Set for a rule that reports only about single schemas: its `check` must report exactly what
   * `checkEachSchema` makes of it (rules/support/aboutSchema.ts).
   */
  eachSchema?: EachSchema;
  /**
   * The rule reads `schemasOf(api)`: the engine then builds that index in steps of its own before
   * the rule runs (`schemaIndexSteps`), so that a caller running the analysis in slices (the
   * language server) is not held up by the walk of every schema of a large API in one go.
   */
  usesSchemas?: true;
  /**
   * Work the rule can do ahead of `check`, in steps of its own, for a caller that runs the analysis
   * in slices (the language server; `AnalyseOptions.inSlices`): the engine then runs it just before
   * `check`, which finds the result kept. Only for work that would otherwise take one long step on
   * a large API (the structural validation of a 13 MB spec); `check` must do the work itself when
   * it was not prepared (the CLI runs all steps at once).
   */
  prepareSteps?(api: ApiDescription): Generator<void, void, void>;
  check(context: SpecRuleContext): void;
  /** Quick fixes for one of this rule's findings (RULES.md `fix` column). */
  fix?(context: FixContext): FixProposal[];
}

/** A rule whose findings the engine derives from a document itself (syntax, size, directives). */
export interface DocumentRule {
  meta: RuleMeta;
}
