import { getLocale, type Locale } from '../l10n/messages';
import type { AstNode } from '../model/ast';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { SchemaEntry } from '../openapi/schemas';
import type { Report } from '../rules/types';

/**
 * What the schema rules reported about each schema of an edited document, kept on its entry of
 * the schema index (`SchemaEntry.kept`) so that the next version does not work it out again
 * where it cannot have changed (`SpecRuleContext.aboutSchema`, used by the language server).
 *
 * The limit rules look at every schema of the API (some 15,000 in the Stripe specification) and
 * report about thousands, each with a label and a message formatted anew. A keystroke changes
 * what they say about a handful. With the reports kept, the rest cost a check, and the findings
 * made from them compare equal to the kept ones at once (the same message string, the same data).
 * The reports live on the index's entries, which the next version's index keeps or hands on
 * (schemas.ts): a map by node would cost a lookup per schema and rule, and the collector's work on
 * a large weak map, on every keystroke.
 *
 * What a rule reports through `aboutSchema` may depend only on the schema node's own subtree, on
 * the keys of its ancestors, on the document's URI, the API's version and the locale, and of the
 * direct children of its ancestors only on those under a key of `READ_FROM_ANCESTORS` (whether
 * there is one, its kind and a scalar's value: a parameter's `in` and `name` for the label of its
 * schema). It must not depend on the entry's flags (test those before), on settings, or on other
 * schemas reached through `$ref`, and it must report about nodes (not offsets), without related
 * locations.
 *
 * Kept reports are handed out again for the same node in the version of its document they were
 * made or confirmed in, and in the next version when that was made by patching the tree
 * (`ParsedDocument.patch`) and the node is out of the patch's reach (`reachOfPatch`), or when it
 * took that version's tree back with its text (an undo, `ParsedDocument.treeOfVersion`). Anything
 * else (a document parsed anew, which has new nodes; versions skipped; another locale or API
 * version) makes the rules work it out again.
 */
interface KeptReports {
  node: AstNode;
  /** The version of the node's document in which the reports were made or last confirmed. */
  version: number;
  locale: Locale;
  apiVersion: string;
  /** Per rule slot, what the rule reported about the node (empty: nothing); a hole: not worked out. */
  byRule: (Report[] | undefined)[];
}

/** A slot per rule id, in `KeptReports.byRule`. */
const slots = new Map<string, number>();

/**
 * Runs `body` for `entry` unless the reports `ruleId` made about its node are still good, and
 * adds what it reported (or the kept reports) to `reports`. Only schemas of open documents (editor
 * buffers) are kept, as `FindingReuse` keeps only their findings.
 */
export function reportAboutSchema(ruleId: string, entry: SchemaEntry, apiVersion: string, reports: Report[], body: (entry: SchemaEntry) => void): void {
  const doc = entry.at.doc;
  if (doc.open !== true) {
    body(entry);
    return;
  }
  const kept = current(entry, apiVersion);
  let slot = slots.get(ruleId);
  if (slot === undefined) slots.set(ruleId, (slot = slots.size));
  const made = kept.byRule[slot];
  if (made !== undefined) {
    for (let index = 0; index < made.length; index++) {
      const report = made[index];
      // The node is this version's, and so is the document its report is about.
      report.at.doc = doc;
      reports.push(report);
    }
    return;
  }
  const from = reports.length;
  body(entry);
  const keep: Report[] = [];
  for (let index = from; index < reports.length; index++) {
    const report = reports[index];
    // Offsets move with edits and related locations may be elsewhere: such reports are not kept.
    if ((report.at as { node?: AstNode }).node === undefined || report.related !== undefined) return;
    // Each kept report gets a location of its own, which the next version moves to its document.
    keep.push({ ...report, at: { ...report.at } });
  }
  kept.byRule[slot] = keep;
}

/**
 * Confirms for the version `doc` has now the kept reports of the entries in `doc` that were made or
 * confirmed in `fromVersion`, the version `doc` was patched from, except those of `reached`: what
 * `current` finds entry by entry, for a caller that knows which entries the patch reached
 * (engine/schemaRulePass.ts, which does not ask about the others).
 */
export function confirmKeptReports(entries: readonly SchemaEntry[], doc: ParsedDocument, fromVersion: number, reached: ReadonlySet<SchemaEntry>): void {
  const any = reached.size > 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const kept = entry.kept as KeptReports | undefined;
    if (kept === undefined || kept.version !== fromVersion || kept.node !== entry.at.node || entry.at.doc !== doc) continue;
    if (any && reached.has(entry)) continue;
    kept.version = doc.version;
  }
}

/** The entry's kept reports, emptied unless they hold in this version of its node's document. */
function current(entry: SchemaEntry, apiVersion: string): KeptReports {
  const { doc, node } = entry.at;
  const locale = getLocale();
  let kept = entry.kept as KeptReports | undefined;
  if (kept === undefined || kept.node !== node) {
    kept = { node, version: doc.version, locale, apiVersion, byRule: [] };
    entry.kept = kept;
    return kept;
  }
  if (kept.version !== doc.version) {
    const patch = doc.patch;
    const holds = hasTreeOf(doc, kept.version) || (patch !== undefined && patch.fromVersion === kept.version && !(reachOfPatch(patch)?.has(node) ?? true));
    if (!holds) kept.byRule = [];
    kept.version = doc.version;
  }
  if (kept.locale !== locale || kept.apiVersion !== apiVersion) {
    kept.byRule = [];
    kept.locale = locale;
    kept.apiVersion = apiVersion;
  }
  return kept;
}

/**
 * The keys under which a schema's reports may read the direct children of its ancestors, besides
 * their keys (see above): a parameter's `in` and `name` (the label of its schema, `schemaLabel`),
 * and a composition owner's `maxProperties`, `unevaluatedProperties` and `additionalProperties`,
 * which close its members (`limit-additional-properties`' selection, which keeps the same
 * contract). A rule that reads another one must add it here, or edits of it will not reach it;
 * test/unit/engine/schemaRuleReads.test.ts fails on such a read, on made specs and the corpus.
 */
export const READ_FROM_ANCESTORS: ReadonlySet<string> = new Set(['in', 'name', 'maxProperties', 'unevaluatedProperties', 'additionalProperties']);

/**
 * The nodes whose kept reports a patch may have changed (see above), or undefined for all of them:
 * the patch's scope with everything below it, and every node above it (whose content changed).
 * Below the scope means a descendant by parent links: a walk up the tree rather than a comparison
 * of ranges, since an alias's copy in YAML keeps the offsets of the anchored node, so its range
 * need not lie within its parent's. Worked out once per patch.
 *
 * - An entry read again, or a scalar rewritten in place, under the key it had: its scope is the
 *   entry itself. Its siblings may read it (as direct children of their ancestors) only under a key
 *   of `READ_FROM_ANCESTORS`; for such a key, and for a key renamed, the scope is its parent, which
 *   covers every direct child of an ancestor.
 * - A mapping made anew around kept entries (`patch.kept`: entries added or taken away, the kept
 *   ones the same objects under the same keys): its scope is the mapping without the kept entries,
 *   which, with everything below them, nothing reached; unless an entry added or taken away has a key
 *   of `READ_FROM_ANCESTORS`, which the kept entries' schemas may read: then the whole mapping.
 */
export function reachOfPatch(patch: Patch): PatchReach | undefined {
  const reach = reaches.get(patch);
  if (reach !== undefined) return reach ?? undefined;
  const made = newReach(patch);
  reaches.set(patch, made ?? null);
  return made;
}

function newReach(patch: Patch): PatchReach | undefined {
  const { node, replaced, replacedKey, kept } = patch;
  if (kept !== undefined) {
    if (!changesReadKey(node, replaced, kept)) return new PatchReach(node, kept);
    return node.parent === undefined ? undefined : new PatchReach(node);
  }
  const key = node.key;
  const scope = key === replacedKey && !(typeof key === 'string' && READ_FROM_ANCESTORS.has(key)) ? node : node.parent;
  // The root, with everything below it, is every node.
  return scope === undefined || scope.parent === undefined ? undefined : new PatchReach(scope);
}

/** Whether an entry of a mapping made anew around `kept` ones, added or taken away, has a key of `READ_FROM_ANCESTORS`. */
function changesReadKey(node: AstNode, replaced: AstNode, kept: ReadonlySet<AstNode>): boolean {
  for (const mapping of [node, replaced]) {
    if (mapping.type !== 'object') return true;
    for (const [key, value] of mapping.properties) if (!kept.has(value) && READ_FROM_ANCESTORS.has(key)) return true;
  }
  return false;
}

/** A scope, everything below it but the `excluded` subtrees (direct children of the scope), and everything above it (`reachOfPatch`). */
export class PatchReach {
  private readonly above = new Set<AstNode>();

  constructor(
    private readonly scope: AstNode,
    private readonly excluded?: ReadonlySet<AstNode>,
  ) {
    for (let node = scope.parent; node !== undefined; node = node.parent) this.above.add(node);
  }

  has(node: AstNode): boolean {
    const excluded = this.excluded;
    for (let at: AstNode | undefined = node; at !== undefined; at = at.parent) {
      if (at === this.scope) return true;
      if (excluded !== undefined && at.parent === this.scope && excluded.has(at)) return false;
    }
    return this.above.has(node);
  }

  /**
   * Every mapping and list in reach: the scope, those below it and those above it; undefined when
   * there are more than `limit` below it (a patch whose scope is a large mapping, such as `paths`).
   */
  containers(limit: number): AstNode[] | undefined {
    const found: AstNode[] = [...this.above];
    const stack: AstNode[] = [this.scope];
    const excluded = this.excluded;
    let below = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'object') {
        if (++below > limit) return undefined;
        found.push(node);
        for (const value of node.properties.values()) {
          if (node === this.scope && excluded !== undefined && excluded.has(value)) continue;
          if (value.type === 'object' || value.type === 'array') stack.push(value);
        }
      } else if (node.type === 'array') {
        if (++below > limit) return undefined;
        found.push(node);
        for (const item of node.items) if (item.type === 'object' || item.type === 'array') stack.push(item);
      }
    }
    return found;
  }
}

type Patch = NonNullable<ParsedDocument['patch']>;

/** `reachOfPatch` by patch (one per version); null: every node. */
const reaches = new WeakMap<Patch, PatchReach | null>();
