import type { AstNode } from '../model/ast';
import type { Range } from '../model/lineIndex';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { Finding, Suppression } from './finding';

/**
 * The findings of the previous analysis, kept so that a finding that did not change is handed out
 * again as the very same object.
 *
 * An edit of a large document re-runs every rule, which reports thousands of findings that are
 * exactly the ones of the version before (7,090 on the Stripe specification, of which a keystroke
 * changes a handful). Making each again costs its JSON pointer and fingerprint, and everything
 * downstream compares and converts it again: the language server turns findings into diagnostics
 * and compares them with what the client shows. With the same objects, those steps see at once
 * that nothing changed (a `Finding` is never modified once made).
 *
 * A kept finding is taken again only when everything it says is what the new report says: the
 * message, severity, data, range and suppression are compared each time. Its pointer (and so its
 * fingerprint) is kept only where it cannot have changed: the node is the same object, in the same
 * version of its document, or in the next version when that version was made by patching the
 * previous tree (`ParsedDocument.patch`) and the node is not inside the patched subtree (a patch
 * may rename that subtree's key, which moves every pointer below it), or in a version that took
 * the kept version's tree back with its text (`ParsedDocument.treeOfVersion`, an undo). A document
 * parsed anew has new nodes, which find nothing here. Reports with related locations are not
 * kept, and only the findings of open documents (editor buffers) are, and those of the other
 * documents of an API that includes one (a fragment being edited: its root and the other
 * fragments are files on disk, whose nodes stay the same objects while the store keeps their
 * parse).
 */
export class FindingReuse {
  /** Per rule id, the findings last made on each node (weakly held: old trees go away). */
  private readonly byRule = new Map<string, WeakMap<AstNode, Kept[]>>();

  constructor(readonly folderUri: string | undefined) {}

  /** The kept finding of `ruleId` on `node` with this discriminator, to be judged by `unmovedRange` and `take`. */
  lookup(ruleId: string, node: AstNode, discriminator: string | undefined): Kept | undefined {
    const kept = this.byRule.get(ruleId)?.get(node);
    if (kept === undefined) return undefined;
    for (const entry of kept) if (entry.discriminator === discriminator) return entry;
    return undefined;
  }

  /**
   * The new range of a kept finding, when it follows from the old one without working it out
   * from the offsets: in the same version, or one with its text and tree, the same offsets give
   * the same range. In the version a
   * patch made from the kept one, the same offsets before the edit give the same range (the text
   * before the edit is unchanged), and offsets moved by the edit's length after it, on a line
   * after the edit's last one, give the same range moved by the number of lines the edit added
   * (the text from that line's start on is the old one, moved).
   */
  unmovedRange(entry: Kept, doc: ParsedDocument, start: number, end: number): Range | undefined {
    if (entry.finding.uri !== doc.uri) return undefined;
    const range = entry.finding.range;
    if (hasTreeOf(doc, entry.version)) return entry.start === start && entry.end === end ? range : undefined;
    const patch = doc.patch;
    if (patch === undefined || patch.fromVersion !== entry.version) return undefined;
    if (entry.start === start && entry.end === end && end <= patch.changeStart) return range;
    // A range that starts on a line after the edit's last one starts after the edit.
    if (range.start.line <= patch.changeEndLine || start !== entry.start + patch.delta || end !== entry.end + patch.delta) return undefined;
    if (patch.lineDelta === 0) return range;
    return { start: { line: range.start.line + patch.lineDelta, character: range.start.character }, end: { line: range.end.line + patch.lineDelta, character: range.end.character } };
  }

  /**
   * The kept finding, when it equals the one about to be made on `node` (`wanted`), from the
   * offsets `start` and `end` of this version, which the entry then holds.
   */
  take(entry: Kept, doc: ParsedDocument, node: AstNode, wanted: Wanted, start: number, end: number): Finding | undefined {
    const finding = entry.finding;
    if (finding.uri !== doc.uri || !pointerStillValid(entry.version, doc, node)) return undefined;
    if (finding.message !== wanted.message || finding.severity !== wanted.severity) return undefined;
    if (!sameRange(finding.range, wanted.range) || !sameSuppression(finding.suppressed, wanted.suppressed) || !sameData(finding.data, wanted.data)) return undefined;
    entry.version = doc.version;
    entry.start = start;
    entry.end = end;
    return finding;
  }

  /**
   * A copy of the kept finding with the range of `wanted`, when the range is all that differs from
   * the one about to be made on `node` (an edit added or removed lines before it) and its pointer
   * still holds. The pointer and the fingerprint, which is made from the pointer and not from the
   * range, are the kept one's; working them out again for every finding after a new line was most
   * of the cost of an edit's findings. The copy takes the kept one's place.
   */
  moved(entry: Kept, doc: ParsedDocument, node: AstNode, wanted: Wanted, start: number, end: number): Finding | undefined {
    const finding = entry.finding;
    if (finding.uri !== doc.uri || finding.pointer === undefined || !pointerStillValid(entry.version, doc, node)) return undefined;
    if (finding.message !== wanted.message || finding.severity !== wanted.severity) return undefined;
    if (!sameSuppression(finding.suppressed, wanted.suppressed) || !sameData(finding.data, wanted.data)) return undefined;
    const copy: Finding = { ...finding, range: wanted.range };
    entry.finding = copy;
    entry.version = doc.version;
    entry.start = start;
    entry.end = end;
    return copy;
  }

  /**
   * Keeps a finding just made on `node`, replacing the one with the same discriminator; `start` and
   * `end` are the offsets its range was made from.
   */
  keep(ruleId: string, doc: ParsedDocument, node: AstNode, discriminator: string | undefined, finding: Finding, start: number, end: number): void {
    let byNode = this.byRule.get(ruleId);
    if (byNode === undefined) this.byRule.set(ruleId, (byNode = new WeakMap()));
    const entry: Kept = { finding, discriminator, version: doc.version, start, end };
    const kept = byNode.get(node);
    if (kept === undefined) {
      byNode.set(node, [entry]);
      return;
    }
    const index = kept.findIndex((other) => other.discriminator === discriminator);
    if (index >= 0) kept[index] = entry;
    else kept.push(entry);
  }
}

/** What the finding about to be made says, besides what `lookup` takes from the kept one. */
export interface Wanted {
  message: string;
  severity: Finding['severity'];
  range: Range;
  data: Record<string, unknown> | undefined;
  suppressed: Suppression | undefined;
  discriminator: string | undefined;
}

export interface Kept {
  finding: Finding;
  discriminator: string | undefined;
  /** The version of the node's document in which the finding was last made or confirmed. */
  version: number;
  /** The offsets the finding's range was made from, in that version. */
  start: number;
  end: number;
}

function pointerStillValid(keptVersion: number, doc: ParsedDocument, node: AstNode): boolean {
  if (hasTreeOf(doc, keptVersion)) return true;
  const patch = doc.patch;
  if (patch === undefined || patch.fromVersion !== keptVersion) return false;
  for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) {
    // An entry a patch kept under the new mapping (`patch.kept`) has its key, and so the pointers below it.
    if (current === patch.node) return false;
    if (patch.kept?.has(current) === true) return true;
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function sameSuppression(a: Suppression | undefined, b: Suppression | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.kind === b.kind && a.reason === b.reason;
}

/** Deep equality of two plain JSON values (a rule's fix data: a few strings, numbers and lists). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameData(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!(key in right) || !sameData(left[key], right[key])) return false;
  return true;
}
