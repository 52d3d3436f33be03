import type { AstNode, CollectionNode, ObjectNode } from './ast';
import type { LineIndex } from './lineIndex';
import { readYamlFast } from './fastYaml';
import { parseJson } from './parseJson';
import { withSource, type ParsedDocument } from './parseDocument';
import { parseYamlWithPackage, readYamlEntriesInContext, readYamlEntryInContext, type ContextLevel, type EntriesInContext } from './parseYaml';
import type { SyntaxProblem } from './syntaxError';
import type { TextSource } from './textSource';

/** One edit of a text: the range [start, end) of the previous text is replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** The same node budget `parseYaml` uses; a patched region never holds aliases, so it only guards size. */
const MAX_REGION_NODES = 2_000_000;

/**
 * The largest region the yaml package reads for a patch, alone for an edit in or next to a syntax
 * problem (`patchBrokenEntry`) or in its context for an edit that changes the structure around it
 * (`patchEntryInContext`, `patchEntriesInContext`): about 0.1 s to read, where a full parse of a
 * 4 MB document takes 2 s. A larger one is left to a full parse. An entry without problems larger
 * than this is read by the fast reader only after those patches declined (`reparseYamlAfterChange`).
 * Tests lower it, so that their small documents take the ways of a large one.
 */
export const patchLimits = { region: 256 * 1024 };

const SPACE = 32;
const LINE_FEED = 10;
const HASH = 35;
const MINUS = 45;

/**
 * Whether a region of YAML text may hold an anchor (`&a`), an alias (`*a`) or a merge key (`<<`):
 * they tie one part of a document to another, so such a region is not read alone. The bodies of
 * block scalars (`|`, `>`) are text, where Markdown's `**bold**` is common, and are skipped; a
 * `*` or `&` elsewhere that starts a word is taken for one (sometimes wrongly, which only costs a
 * full parse). Tabs and carriage returns, which the patch does not handle, count as well.
 */
function mayHoldCrossReferences(region: string): boolean {
  if (region.indexOf('\t') >= 0 || region.indexOf('\r') >= 0) return true;
  let blockScalarColumn = -1;
  let lineStart = 0;
  while (lineStart < region.length) {
    let lineEnd = region.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = region.length;
    let at = lineStart;
    while (at < lineEnd && region.charCodeAt(at) === SPACE) at++;
    const indent = at - lineStart;
    if (blockScalarColumn >= 0 && (at === lineEnd || indent > blockScalarColumn)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarColumn = -1;
    const line = region.slice(lineStart, lineEnd);
    if (REFERENCE_TOKEN.test(line) || line.includes('<<')) return true;
    if (BLOCK_SCALAR_HEADER.test(line)) blockScalarColumn = indent;
    lineStart = lineEnd + 1;
  }
  return false;
}

/** `&name` or `*name` at the start of a word. */
const REFERENCE_TOKEN = /(?:^|[\s[{,])[&*][^\s,[\]{}]/;
/** A line whose value is a block scalar: `key: |`, `- >-`, `|2+ # comment`. */
const BLOCK_SCALAR_HEADER = /(?:^|[\s:])[|>][1-9+-]{0,2}[ ]*(?:#.*)?$/;

/**
 * The next version of a parsed YAML document after one edit, made by re-reading only a block
 * entry (a `key: value` entry or a `- item` whose key or dash starts its line) that encloses the
 * edit, and moving the nodes after it. Undefined when that is not known to give exactly the tree
 * a full parse gives; the caller then parses the whole text. Four ways, the first that applies:
 *
 * `patchCleanEntry` re-reads the innermost entry with the fast reader (when its region is larger
 * than `patchLimits.region`, only after the other three declined), when:
 * - the entry has no anchors, aliases, merge keys, tabs or carriage returns, before or after the
 *   edit, nor empty values;
 * - a previous version with syntax problems (a broken text while typing, parsed in full by the
 *   slower `yaml` package) has none in the entry, nor on the line before or after it
 *   (`problemsApart`); they are carried over, moved by the edit. Without this, every keystroke
 *   anywhere in a large document with one stray character would parse all of it again;
 * - the enclosing entry, read on its own, reproduces the previous subtree exactly (so its extent
 *   in the text is right), and after the edit reads as exactly one entry at the same column,
 *   without problems, and without taking the key of a sibling;
 * - no comment follows the entry's last content, before or after the edit (`commentAfterContent`).
 *
 * `patchEntryInContext` re-reads an enclosing entry with the yaml package in a text made of the
 * lines that lead to it and the first line after it, for an edit that changes the structure around
 * it (a line commented out, deleted, indented or outdented), problems included. Without it, such
 * an edit in a deep mapping of the Stripe YAML, which often breaks the text, parsed all of it (2 s).
 *
 * `patchBrokenEntry` re-reads an enclosing entry with the yaml package, problems included, for an
 * edit in or next to a syntax problem, which typing a new key makes at every keystroke until its
 * colon. Without it, each such keystroke in the 4 MB Stripe YAML parsed the whole text (2 s).
 *
 * `patchEntriesInContext` reads the lines of the entries of a mapping that an edit touches in their
 * context, for an edit that adds entries to it or takes some away (a path's key commented out or
 * indented, whole paths deleted or pasted), and makes that mapping anew around its other entries.
 *
 * The untouched nodes keep their identity and are updated in place (offsets after the edit move),
 * so the previous version's tree is no longer valid for its own text afterwards: the caller must
 * treat the previous `ParsedDocument` as replaced.
 */
export function reparseYamlAfterChange(previous: ParsedDocument, change: TextChange, text: TextSource, version: number): ParsedDocument | undefined {
  const root = previous.root;
  if (previous.format !== 'yaml' || root === undefined || previous.skippedReason !== undefined) return undefined;
  const oldText = previous.source;
  const delta = change.text.length - (change.end - change.start);
  if (change.start < 0 || change.end > oldText.length || change.start > change.end || oldText.length + delta !== text.length) return undefined;
  const clean = patchCleanEntry(previous, root, change, text, version, delta, patchLimits.region);
  if (clean !== undefined && clean !== 'larger') return clean;
  return (
    patchEntryInContext(previous, root, change, text, version, delta) ??
    patchBrokenEntry(previous, root, change, text, version, delta) ??
    patchEntriesInContext(previous, root, change, text, version, delta) ??
    // An entry larger than that (`paths`, when whole paths are deleted or pasted) is read last.
    (clean === 'larger' ? patchLargeCleanEntry(previous, root, change, text, version, delta) : undefined)
  );
}

function patchLargeCleanEntry(previous: ParsedDocument, root: AstNode, change: TextChange, text: TextSource, version: number, delta: number): ParsedDocument | undefined {
  const patched = patchCleanEntry(previous, root, change, text, version, delta, Infinity);
  return patched === 'larger' ? undefined : patched;
}

/**
 * The patch of an entry read by the fast reader, before and after the edit, without problems;
 * 'larger' when the entry's region is larger than `limit`.
 */
function patchCleanEntry(previous: ParsedDocument, root: AstNode, change: TextChange, text: TextSource, version: number, delta: number, limit: number): ParsedDocument | 'larger' | undefined {
  const oldText = previous.source;
  const entry = enclosingEntry(root, oldText, change);
  if (entry === undefined || emptyValueFrom(entry.node, 0)) return undefined;
  const { node: oldNode, regionStart, column } = entry;
  // The region holds the entry's content: one that ends past the limit needs no search of the text.
  if (oldNode.end - regionStart > limit) return 'larger';
  const regionEnd = regionEndOf(oldText, regionStart, column, oldNode.parent!.type === 'object', regionStart + limit);
  if (regionEnd === Infinity) return 'larger';
  if (!(change.start >= regionStart && change.end <= regionEnd && (change.end < regionEnd || regionEnd === oldText.length))) return undefined;
  if (previous.errors.length > 0 && !problemsApart(previous, regionStart, regionEnd)) return undefined;

  // The region read on its own must give back exactly what the full parse gave: then its extent is right.
  const oldRegion = oldText.slice(regionStart, regionEnd);
  if (mayHoldCrossReferences(oldRegion)) return undefined;
  const oldAlone = readEntry(oldRegion, column, oldNode.parent!.type);
  if (oldAlone === undefined || !sameTree(oldAlone.node, oldNode, regionStart) || oldAlone.key !== oldNode.key && oldNode.parent!.type === 'object') return undefined;

  const newRegionEnd = regionEnd + delta;
  const newRegion = text.slice(regionStart, newRegionEnd);
  if (mayHoldCrossReferences(newRegion)) return undefined;
  // A comment after the entry's last content may stretch the collections that end there to the next line.
  if (newRegionEnd < text.length && (commentAfterContent(oldRegion) || commentAfterContent(newRegion))) return undefined;
  const fresh = readEntry(newRegion, column, oldNode.parent!.type);
  if (fresh === undefined || emptyValueFrom(fresh.node, 0)) return undefined;
  const parent = oldNode.parent!;
  if (parent.type === 'object' && fresh.key !== oldNode.key && parent.properties.has(fresh.key as string)) return undefined;

  const errors = previous.errors.map((problem) => (problem.start >= change.end ? { ...problem, start: problem.start + delta, end: problem.end + delta } : problem));
  return spliceEntry(previous, root, change, text, version, delta, oldNode, regionStart, oldAlone.collectionEnd, fresh, errors);
}

/**
 * Puts the entry read from the edited region in the place of the old one, moves what follows it,
 * and makes the next version (see `reparseYamlAfterChange`).
 */
function spliceEntry(
  previous: ParsedDocument,
  root: AstNode,
  change: TextChange,
  text: TextSource,
  version: number,
  delta: number,
  oldNode: AstNode,
  regionStart: number,
  oldCollectionEnd: number | undefined,
  fresh: { node: AstNode; key: string | number; collectionEnd?: number },
  errors: SyntaxProblem[],
): ParsedDocument {
  const parent = oldNode.parent!;
  shiftTree(fresh.node, regionStart);
  const replacedKey = oldNode.key;
  replaceChild(parent, oldNode, fresh.node, fresh.key);
  const collectionEnd = oldCollectionEnd === undefined || fresh.collectionEnd === undefined ? undefined : { old: oldCollectionEnd + regionStart, fresh: fresh.collectionEnd + regionStart };
  moveNodesAfter(root, fresh.node, change.end, delta, collectionEnd);
  const { lines, place } = linesAndPlace(previous, change, delta, text);
  return withSource({ uri: previous.uri, version, format: 'yaml', root, errors, lines, patch: { fromVersion: previous.version, node: fresh.node, replaced: oldNode, replacedKey, ...place } }, text);
}

/**
 * The patch of an edit in or next to a syntax problem, which typing makes all the time: a new
 * key in a mapping reads as a key without a value (`Implicit map keys need to be followed by map
 * values`) until its colon is typed. The yaml package reads an enclosing entry's region alone,
 * before and after the edit, from the innermost entry out, up to `patchLimits.region`; the first
 * whose reading is known to be what a full parse gives is put in the tree. A region is taken when:
 * - every problem of the previous version is inside it, or apart from it by a line (as in
 *   `problemsApart`); those inside are replaced by the problems of the region read after the edit;
 * - read alone before the edit, it gives back the previous subtree and exactly the problems it
 *   had there (so its extent, and the parser's recovery in it, do not depend on the text around);
 * - after the edit, no line inside it stands at the entry's column or left of it (it still ends
 *   where it did), and read alone it is one entry at the same column, without taking the key of
 *   a sibling;
 * - its problems are of the kinds whose recovery stays local (`LOCAL_PROBLEMS`: no unclosed quote
 *   or bracket, which a full parse would carry on into the text after it), none is on its first
 *   line (a parser recovering there may join the entry to its siblings) nor at its last line
 *   break, and no empty value is on its last line with content, before or after the edit (a
 *   collection ending with one ends where the next line's content starts, past the region). A
 *   line after a region holds content at the entry's column or left of it, which ends any block
 *   node inside it;
 * - the previous tree holds the text after it (a broken text's parse may drop the rest of the
 *   document without a problem).
 * An edit of a whole text that `patchCleanEntry` declined (an empty value, a new entry) may be
 * taken here too, at an enclosing entry. The region the previous keystroke was patched in need not
 * be read again (`readAlone`). Randomised tests compare each patch with a full parse, problems
 * included, through random edits of broken texts and through typing new entries.
 */
function patchBrokenEntry(previous: ParsedDocument, root: AstNode, change: TextChange, text: TextSource, version: number, delta: number): ParsedDocument | undefined {
  const oldText = previous.source;
  const chain = entriesHolding(root, oldText, change);
  for (let index = chain.length - 1; index >= 0; index--) {
    const { node: oldNode, regionStart, column } = chain[index];
    const parent = oldNode.parent!;
    if (oldNode.end - regionStart > patchLimits.region) return undefined;
    const regionEnd = regionEndOf(oldText, regionStart, column, parent.type === 'object', regionStart + patchLimits.region);
    if (regionEnd === Infinity) return undefined;
    if (!(change.end <= regionEnd && (change.end < regionEnd || regionEnd === oldText.length))) continue;
    const inside = problemsInside(previous, regionStart, regionEnd);
    if (inside === undefined) continue;
    // The text after the region belongs to the tree (a broken text's parse may have dropped it).
    if (regionEnd < oldText.length && root.end <= regionEnd) return undefined;

    const oldRegion = oldText.slice(regionStart, regionEnd);
    // Where a collection ending with an empty value ends depends on the text after it (`problemsHeldIn`).
    if (regionEnd < oldText.length && emptyValueFrom(oldNode, regionStart + lastContentLineStart(oldRegion))) continue;
    const newRegionEnd = regionEnd + delta;
    const newRegion = text.slice(regionStart, newRegionEnd);
    if (mayHoldCrossReferences(oldRegion) || mayHoldCrossReferences(newRegion)) return undefined;
    // No line of the edited region may stand at the entry's column or left of it: such a line ends
    // the entry in a full parse, and the parser's recovery there depends on what encloses it.
    if (regionEndOf(text, regionStart, column, parent.type === 'object') !== newRegionEnd) continue;
    if (newRegionEnd < text.length && (commentAfterContent(oldRegion) || commentAfterContent(newRegion))) continue;
    // The region after the edit is read first: an edit that makes it more than one entry (a key's
    // line indented or commented out) declines without reading it as it was.
    const fresh = readEntryWithProblems(newRegion, column, parent.type);
    if (fresh === undefined) continue;
    if (parent.type === 'object' && fresh.key !== oldNode.key && parent.properties.has(fresh.key as string)) continue;
    if (!problemsHeldIn(fresh, newRegion, newRegionEnd === text.length)) continue;

    // The region the previous keystroke was patched in was read alone then, as it is now.
    const read = readAlone.get(previous);
    let oldCollectionEnd: number;
    if (read !== undefined && read.node === oldNode && read.regionStart === regionStart && read.regionEnd === regionEnd) {
      oldCollectionEnd = read.collectionEnd;
    } else {
      const oldAlone = readEntryWithProblems(oldRegion, column, parent.type);
      if (oldAlone === undefined || !sameTree(oldAlone.node, oldNode, regionStart) || (oldAlone.key !== oldNode.key && parent.type === 'object')) continue;
      if (!sameProblems(oldAlone.errors, inside, regionStart)) continue;
      oldCollectionEnd = oldAlone.collectionEnd;
    }

    // The problems are in the order of the text (`parseYamlWithPackage`): those before the region,
    // the region's, those after it, moved by the edit.
    const errors: SyntaxProblem[] = previous.errors.filter((problem) => problem.start < regionStart);
    for (const problem of fresh.errors) errors.push({ message: problem.message, start: problem.start + regionStart, end: problem.end + regionStart });
    for (const problem of previous.errors) if (problem.start >= regionEnd && !inside.includes(problem)) errors.push({ ...problem, start: problem.start + delta, end: problem.end + delta });
    const next = spliceEntry(previous, root, change, text, version, delta, oldNode, regionStart, oldCollectionEnd, fresh, errors);
    readAlone.set(next, { node: fresh.node, regionStart, regionEnd: newRegionEnd, collectionEnd: fresh.collectionEnd });
    return next;
  }
  return undefined;
}

/**
 * The region a version made by `patchBrokenEntry` was read from, alone: the next keystroke in it
 * (typing goes on in the same place) need not read it again to know that it reads as the tree
 * has it, problems included.
 */
const readAlone = new WeakMap<ParsedDocument, { node: AstNode; regionStart: number; regionEnd: number; collectionEnd: number }>();

/**
 * The patch of an edit that changes the structure around it, which `patchCleanEntry` declines: a
 * line commented out, deleted, indented or outdented, or a letter typed into a line's indentation. In
 * a deep mapping that often breaks the text (`A block sequence may not be used as an implicit map
 * key`, `All mapping items must start at the same column`), and the yaml package's recovery from
 * some of those problems reaches past any entry read alone. Here the yaml package reads an
 * enclosing entry in its context instead, from the innermost entry out, up to `patchLimits.region`:
 * a text of the lines of the keys (and dashes) that lead to it from the root, the entry's lines
 * after the edit, and the first line of the entry after it (`readYamlEntryInContext`).
 *
 * The yaml package's parser reads a text line by line with a stack of the block collections open
 * at that point. At the key line of an entry whose key starts its line, the stack is the chain of
 * collections that lead to it, whatever their other entries hold; the context text makes the same
 * stack. So the entry's lines read as in the whole text, and when the next entry's first line then
 * reads as the next entry of the same mapping, the parser is where it was at that line before the
 * edit, and the rest of the text reads as it did. Taken when:
 * - the document starts with its root mapping (no directive, document marker or byte order mark
 *   before it), and neither region has a document marker, directive, anchor, alias, merge key,
 *   tab or carriage return (`mayHoldCrossReferences`);
 * - the entry has a next entry in its mapping, whose line is not changed by the edit and ends the
 *   region; the edit does not change the entry's first line unless the entry is its mapping's
 *   first (the lines before it would then belong to the previous entry's value);
 * - read in context, every problem is inside the region, and the entry reads as one entry at its
 *   column followed by the next entry, without taking the key of a sibling;
 * - the previous version has no problems, or only those this patch read in the same region for it
 *   (`readInContext`), which the new reading replaces.
 * It comes before `patchBrokenEntry`, whose region read alone is often larger. The randomised tests
 * that compare patches with full parses cover it, line edits and their undo included.
 */
function patchEntryInContext(previous: ParsedDocument, root: AstNode, change: TextChange, text: TextSource, version: number, delta: number): ParsedDocument | undefined {
  const oldText = previous.source;
  const record = readInContext.get(previous);
  const chain = chainInContext(previous, root, change, record !== undefined);
  if (chain === undefined) return undefined;
  for (let index = chain.length - 1; index >= 0; index--) {
    const { node: oldNode, parent, first, next, regionStart, column, prefix, levels } = chain[index];
    if (next === undefined || next.keyStart === undefined) continue;
    const regionEnd = lineStartBefore(oldText, next.keyStart);
    if (regionEnd - regionStart > patchLimits.region) return undefined;
    if (next.keyStart - regionEnd !== column || !onlySpacesBefore(oldText, regionEnd, next.keyStart)) continue;
    // The edit lies in the region and leaves the next entry's line as it was: lines inserted at its
    // start (a deleted line put back) come before it, anything else inserted there changes it.
    if (change.start < regionStart || change.end > regionEnd || (change.end === regionEnd && change.start === change.end && !change.text.endsWith('\n'))) continue;
    if (!first && change.start <= oldText.indexOf('\n', regionStart)) continue;
    if (previous.errors.length > 0 && !(record !== undefined && record.node === oldNode && record.regionStart === regionStart && record.regionEnd === regionEnd)) continue;

    const context = textInContext(oldText, text, prefix, regionStart, regionEnd, delta, false);
    if (context === undefined) return undefined;
    if (context === 'next') continue;
    const { newRegionEnd, linesStart: entryStart, linesEnd: entryEnd } = context;
    const read = readYamlEntryInContext(context.text, levels, { start: entryStart, end: entryEnd, keyStart: entryStart + column }, { key: next.key as string, keyStart: entryEnd + column }, MAX_REGION_NODES);
    if (read === undefined) continue;
    if (read.key !== oldNode.key && parent.properties.has(read.key)) continue;

    shiftTree(read.node, -entryStart);
    const errors = read.errors.map((problem) => ({ message: problem.message, start: problem.start - entryStart + regionStart, end: problem.end - entryStart + regionStart }));
    const patched = spliceEntry(previous, root, change, text, version, delta, oldNode, regionStart, undefined, { node: read.node, key: read.key }, errors);
    readInContext.set(patched, { node: read.node, regionStart, regionEnd: newRegionEnd });
    return patched;
  }
  return undefined;
}

/**
 * The region a version made by `patchEntryInContext` was read from: its problems are all that
 * reading's, so that the next edit there (the undo, or typing on) may read it again in their place.
 */
const readInContext = new WeakMap<ParsedDocument, { node: AstNode; regionStart: number; regionEnd: number }>();

/**
 * The patch of a line edit that adds entries to a block mapping or takes some away, which the
 * three patches above decline: a path's key commented out or indented (its lines then belong to
 * the path before it), a schema's `required:` outdented to the column of the schema names (it
 * becomes a schema of its own), a run of entries deleted or put back. Without it, such an edit of
 * the Stripe YAML's `paths` or `components.schemas` parsed the whole text (2–2.7 s).
 *
 * As in `patchEntryInContext`, the yaml package reads lines of a mapping in their context: the
 * lines of the keys that lead to the mapping, then the lines of the entries the edit touches, from
 * the key line of the first (the entry before, when the edit changes an entry's key line: its
 * lines may then belong to that entry) to the key line of the first entry whose line the edit
 * leaves alone, which the text ends with (`readYamlEntriesInContext`). When that line reads as the
 * next entry of the same mapping, the parser is where it was there before the edit, and what it
 * read before it are the mapping's new entries in place of those lines' old ones.
 *
 * The mapping is then a new object (`ParsedDocument.patch.node`) that holds the new entries and
 * the previous version's other entries, the same objects (moved when after the edit), and takes
 * the old one's place (`patch.replaced`, whose own entries are left as they were listed, the kept
 * ones shared). The mappings are tried from the innermost out, the root mapping excepted, up to
 * `patchLimits.region` of lines; the conditions are `patchEntryInContext`'s, and no new key may be
 * one of the entries before the lines. A key given twice among the lines read (a path pasted next
 * to itself) is the package's problem there, and its later entry takes the earlier one's place, as
 * in a full parse; a new key that an entry after the lines has (the original of a pasted path given
 * its key back while the copy holds it) makes the lines reach past that entry. The region read and
 * its problems are recorded (`entriesReadInContext`) so that the undo, or the next edit there, may
 * read it again, or a region that holds it: the next edit's region starts where it starts (at the
 * entry before, for an edit of a key line) and reaches past the lines read before (for an edit of
 * the original of a pasted entry, whose lines are the entry before's in the tree).
 */
function patchEntriesInContext(previous: ParsedDocument, root: AstNode, change: TextChange, text: TextSource, version: number, delta: number): ParsedDocument | undefined {
  const oldText = previous.source;
  const record = entriesReadInContext.get(previous);
  const chain = chainInContext(previous, root, change, record !== undefined);
  if (chain === undefined) return undefined;
  outer: for (let index = chain.length - 1; index >= 0; index--) {
    const { node: holder, parent: map, regionStart: holderLineStart, column, prefix, levels } = chain[index];
    if (map.parent === undefined) return undefined;
    const entries = [...map.properties.values()];
    const holderIndex = entries.indexOf(holder);
    // An edit of the key line gives the entry's lines to the entry before, when there is one.
    const first = holderIndex > 0 && change.start <= oldText.indexOf('\n', holderLineStart) ? holderIndex - 1 : holderIndex;
    const firstKeyStart = entries[first].keyStart;
    if (firstKeyStart === undefined) continue;
    const regionStart = lineStartBefore(oldText, firstKeyStart);
    if (firstKeyStart - regionStart !== column || !onlySpacesBefore(oldText, regionStart, firstKeyStart)) continue;
    // The first entry after the edit whose line it leaves as it was, a key at the mapping's column
    // that starts its line (a broken text may have entries elsewhere): lines inserted at the start
    // of a line (a deleted line put back) come before it, anything else inserted there changes it.
    let sentinelIndex = holderIndex + 1;
    let regionEnd = 0;
    const holdsRecord = previous.errors.length > 0 && record !== undefined && record.node === map && record.regionStart >= regionStart;
    for (; sentinelIndex < entries.length; sentinelIndex++) {
      const keyStart = entries[sentinelIndex].keyStart;
      if (keyStart === undefined) continue outer;
      regionEnd = lineStartBefore(oldText, keyStart);
      if (regionEnd - regionStart > patchLimits.region) return undefined;
      if (regionEnd < change.end || (regionEnd === change.end && change.text !== '' && !change.text.endsWith('\n'))) continue;
      // Past the lines read for a previous version with problems, so that these hold them (the
      // original of a path pasted next to itself renamed or deleted: its lines are the entry
      // before's, and the copy's come after them).
      if (holdsRecord && regionEnd < record!.regionEnd) continue;
      if (keyStart - regionEnd === column && onlySpacesBefore(oldText, regionEnd, keyStart)) break;
    }
    if (entries[sentinelIndex] === undefined) continue;
    // The lines read for the previous version lie inside these: reading them again replaces their
    // problems (a path pasted next to itself, then renamed on the line of its key, whose region
    // starts at the entry before; or its paste undone).
    if (previous.errors.length > 0 && !(record !== undefined && record.node === map && record.regionStart >= regionStart && record.regionEnd <= regionEnd)) continue;

    let context: Exclude<ReturnType<typeof textInContext>, 'next' | undefined>;
    let read: EntriesInContext;
    for (let reached = false; ; reached = true) {
      // All the entries' lines may be gone (whole entries deleted).
      const found = textInContext(oldText, text, prefix, regionStart, regionEnd, delta, true);
      if (found === undefined) return undefined;
      if (found === 'next') continue outer;
      context = found;
      const sentinelKey = entries[sentinelIndex].key as string;
      const entriesRead = readYamlEntriesInContext(context.text, levels, { start: context.linesStart, end: context.linesEnd }, { key: sentinelKey, keyStart: context.linesEnd + column }, MAX_REGION_NODES);
      // A new key that an entry after the lines has (the original of a path pasted next to itself
      // given its key back while the copy holds it): a full parse reads the key twice, the later
      // entry taking the earlier one's place. The lines then reach past that entry, to the next key
      // line at the mapping's column, and are read again. A key of an entry before them is declined.
      // The sentinel's own key given in the lines is declined by the reader (the problem is on the
      // sentinel's line then): a key line of that name at the mapping's column reaches past it too.
      // Once only: lines that hold the keys of a run of later entries (a block of paths pasted
      // before themselves) were read again for each of them, and declined in the end all the same
      // (40 paths of the Stripe YAML: some 90 ms more before the whole parse).
      let last = -1;
      if (entriesRead === undefined) {
        if (reached || !keyLineAmong(context.text, context.linesStart, context.linesEnd, column, sentinelKey)) continue outer;
        last = sentinelIndex;
      } else {
        read = entriesRead;
        const replaced = new Set(entries.slice(first, sentinelIndex));
        for (const { key } of read.entries) {
          const other = map.properties.get(key);
          if (other === undefined || replaced.has(other)) continue;
          const at = entries.indexOf(other);
          if (at < first) continue outer;
          if (at >= sentinelIndex) last = Math.max(last, at);
        }
        if (last < 0) break;
        if (reached) continue outer;
      }
      for (sentinelIndex = last + 1; sentinelIndex < entries.length; sentinelIndex++) {
        const keyStart = entries[sentinelIndex].keyStart;
        if (keyStart === undefined) continue outer;
        regionEnd = lineStartBefore(oldText, keyStart);
        if (regionEnd - regionStart > patchLimits.region) return undefined;
        if (keyStart - regionEnd === column && onlySpacesBefore(oldText, regionEnd, keyStart)) break;
      }
      if (sentinelIndex === entries.length) continue outer;
    }
    const { newRegionEnd, linesStart } = context;

    // Offsets in the text read are the new text's moved by `shift`.
    const shift = regionStart - linesStart;
    const fresh: ObjectNode = {
      type: 'object',
      properties: new Map(),
      flow: false,
      start: first === 0 ? read.mappingStart + shift : map.start,
      end: map.end + delta,
      parent: map.parent,
      key: map.key,
      keyStart: map.keyStart,
      keyEnd: map.keyEnd,
    };
    const kept = new Set<AstNode>();
    for (let at = 0; at < first; at++) {
      kept.add(entries[at]);
      entries[at].parent = fresh;
      fresh.properties.set(entries[at].key as string, entries[at]);
    }
    for (const entry of read.entries) {
      shiftTree(entry.node, shift);
      entry.node.parent = fresh;
      fresh.properties.set(entry.key, entry.node);
    }
    for (let at = sentinelIndex; at < entries.length; at++) {
      shiftTree(entries[at], delta);
      kept.add(entries[at]);
      entries[at].parent = fresh;
      fresh.properties.set(entries[at].key as string, entries[at]);
    }
    replaceChild(map.parent, map, fresh, map.key!);
    moveNodesAfter(root, fresh, change.end, delta);
    const errors = read.errors.map((problem) => ({ message: problem.message, start: problem.start + shift, end: problem.end + shift }));
    const { lines, place } = linesAndPlace(previous, change, delta, text);
    const patched = withSource({ uri: previous.uri, version, format: 'yaml', root, errors, lines, patch: { fromVersion: previous.version, node: fresh, replaced: map, replacedKey: map.key, kept, ...place } }, text);
    entriesReadInContext.set(patched, { node: fresh, regionStart, regionEnd: newRegionEnd });
    return patched;
  }
  return undefined;
}

/** Whether a line in [`start`, `end`) of `text` gives `key` plainly at `column`: a key line that names it. */
function keyLineAmong(text: string, start: number, end: number, column: number, key: string): boolean {
  const line = ' '.repeat(column) + key + ':';
  for (let at = text.indexOf(line, start); at >= 0 && at < end; at = text.indexOf(line, at + 1)) {
    const after = text.charCodeAt(at + line.length);
    if ((at === start || text.charCodeAt(at - 1) === LINE_FEED) && (after === SPACE || after === LINE_FEED || Number.isNaN(after))) return true;
  }
  return false;
}

/**
 * The text that `patchEntryInContext` and `patchEntriesInContext` have the yaml package read: the
 * lines that lead to a mapping (`prefix`), the lines [`regionStart`, `regionEnd`) of the previous
 * text after the edit, and the first line after them, with where those lines are in it and where
 * they end in the new text. 'next' when the line after them no longer starts a line (a line break
 * deleted before it joins it to the one before), or when they are gone and that is not `mayBeEmpty`;
 * undefined when the lines, before or after the edit, may tie parts of the document together
 * (`mayHoldCrossReferences`) or hold a directive or document marker.
 */
function textInContext(
  oldText: TextSource,
  text: TextSource,
  prefix: string,
  regionStart: number,
  regionEnd: number,
  delta: number,
  mayBeEmpty: boolean,
): { text: string; linesStart: number; linesEnd: number; newRegionEnd: number } | 'next' | undefined {
  const newRegionEnd = regionEnd + delta;
  const newRegion = text.slice(regionStart, newRegionEnd);
  if ((newRegion.length > 0 || !mayBeEmpty) && newRegion.charCodeAt(newRegion.length - 1) !== LINE_FEED) return 'next';
  const oldRegion = oldText.slice(regionStart, regionEnd);
  if (mayHoldCrossReferences(oldRegion) || mayHoldCrossReferences(newRegion) || DOCUMENT_LEVEL_LINE.test(newRegion)) return undefined;
  const sentinelEnd = text.indexOf('\n', newRegionEnd);
  const sentinelLine = text.slice(newRegionEnd, sentinelEnd < 0 ? text.length : sentinelEnd + 1);
  return { text: prefix + newRegion + sentinelLine, linesStart: prefix.length, linesEnd: prefix.length + newRegion.length, newRegionEnd };
}

/**
 * The lines a version made by `patchEntriesInContext` was read from, and their mapping: its
 * problems are all that reading's, so that the next edit there may read them again in their place.
 */
const entriesReadInContext = new WeakMap<ParsedDocument, { node: AstNode; regionStart: number; regionEnd: number }>();

/** A line that belongs to the document's level, not to a mapping: a directive (`%YAML`) or a document marker (`---`, `...`). */
const DOCUMENT_LEVEL_LINE = /(?:^|\n)(?:%|(?:---|\.\.\.)(?:[ \n]|$))/;

/** Whether only blank and comment lines stand before the line of the root mapping's first key. */
function plainDocumentStart(text: TextSource, root: AstNode & { type: 'object' }): boolean {
  const [firstEntry] = root.properties.values();
  if (firstEntry?.keyStart === undefined) return false;
  const end = lineStartBefore(text, firstEntry.keyStart);
  if (end > 4096) return false;
  for (const line of text.slice(0, end).split('\n')) {
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#')) return false;
  }
  return text.charCodeAt(0) !== 0xfeff;
}

/** An entry that `patchEntryInContext` may read in its context, and that context. */
interface EntryInContext extends EnclosingEntry {
  parent: ObjectNode;
  /** Whether it is its mapping's first entry. */
  first: boolean;
  /** The entry after it in its mapping. */
  next: AstNode | undefined;
  /** The lines that lead to its mapping from the root, each with its line break (`readYamlEntryInContext`). */
  prefix: string;
  levels: ContextLevel[];
}

/** What may follow a key on its line when its value, a block collection, starts on a later line. */
const KEY_LINE_REST = /^ *:(?: *| +#.*)$/;

/**
 * The entries that a reading in context may start from (`entriesInContext`), or undefined when none
 * may: the previous version has problems that this kind of patch did not read itself (`recorded`),
 * or its root is no block mapping at the start of a plain document.
 */
function chainInContext(previous: ParsedDocument, root: AstNode, change: TextChange, recorded: boolean): EntryInContext[] | undefined {
  if (previous.errors.length > 0 && !recorded) return undefined;
  if (root.type !== 'object' || root.flow || !plainDocumentStart(previous.source, root)) return undefined;
  return entriesInContext(root, previous.source, change);
}

/**
 * The entries of block mappings, from the root down, whose region may hold the edit (each key's
 * line starts before it; see `entriesHolding`) and whose key starts its line, each with the lines
 * that lead to it. The way down goes through keys whose line holds nothing else (`key:`, a
 * comment at most) and through items of block sequences that are block mappings; the line of an
 * item stands for it alone (`-`) or, when the key on the way down is its mapping's first and
 * follows the dash (`- key:`), for both.
 */
function entriesInContext(root: ObjectNode, text: TextSource, change: TextChange): EntryInContext[] {
  // Lines inserted at the start of a line (a deleted line put back) may end the entry before it.
  const insertsLines = change.start === change.end && change.start > 0 && change.text.endsWith('\n') && text.charCodeAt(change.start - 1) === LINE_FEED;
  const at = insertsLines ? change.start - 1 : change.start;
  const chain: EntryInContext[] = [];
  let map: ObjectNode = root;
  let prefix = '';
  const levels: ContextLevel[] = [];
  // The line of the dash of the sequence item `map` is, when it is one.
  let dashLine: { start: number; column: number } | undefined;
  for (;;) {
    let holder: AstNode | undefined;
    let next: AstNode | undefined;
    let count = 0;
    for (const child of map.properties.values()) {
      if (child.keyStart === undefined) return chain;
      if (child.keyStart > at && lineStartBefore(text, child.keyStart) > at) {
        next = child;
        break;
      }
      holder = child;
      count++;
    }
    if (holder === undefined) return chain;
    const keyStart = holder.keyStart!;
    const lineStart = lineStartBefore(text, keyStart);
    const column = keyStart - lineStart;
    const startsLine = onlySpacesBefore(text, lineStart, keyStart);
    const afterDash = !startsLine && dashLine !== undefined && dashLine.start === lineStart && count === 1 && keyStart === lineStart + dashLine.column + 2;
    if (!startsLine && !afterDash) return chain;
    if (dashLine !== undefined && startsLine) {
      prefix += `${' '.repeat(dashLine.column)}-\n`;
      levels.push({ kind: 'item' });
    }
    if (startsLine) chain.push({ node: holder, parent: map, first: count === 1, next, regionStart: lineStart, column, prefix, levels: [...levels] });

    // Down through the key when its value, a block collection, starts on a later line.
    const value = holder;
    if ((value.type !== 'object' && value.type !== 'array') || value.flow) return chain;
    let lineEnd = text.indexOf('\n', keyStart);
    if (lineEnd < 0) return chain;
    if (value.start <= lineEnd || !KEY_LINE_REST.test(text.slice(holder.keyEnd!, lineEnd))) return chain;
    if (afterDash) levels.push({ kind: 'item' });
    levels.push({ kind: 'entry', key: holder.key as string, keyStart: prefix.length + column });
    prefix += text.slice(lineStart, lineEnd + 1);
    dashLine = undefined;
    if (value.type === 'object') {
      map = value;
      continue;
    }
    // A block sequence: the item whose dash's line starts before the edit, a block mapping.
    let item: AstNode | undefined;
    let itemDash = 0;
    for (const candidate of value.items) {
      const dash = dashBefore(text, candidate.start);
      if (dash === undefined) return chain;
      if (lineStartBefore(text, dash) > at) break;
      item = candidate;
      itemDash = dash;
    }
    if (item === undefined || item.type !== 'object' || item.flow) return chain;
    const dashLineStart = lineStartBefore(text, itemDash);
    if (!onlySpacesBefore(text, dashLineStart, itemDash)) return chain;
    lineEnd = text.indexOf('\n', itemDash);
    // A dash alone on its line, or one followed by a space: `-\tx` and `-#` are not items of this kind.
    if (lineEnd !== itemDash + 1 && text.charCodeAt(itemDash + 1) !== SPACE) return chain;
    dashLine = { start: dashLineStart, column: itemDash - dashLineStart };
    map = item;
  }
}

/**
 * The entries of block collections whose regions (`regionEndOf`) may hold the edit, from the root
 * down (each starts before it): the region of a child runs from the start of its key's (or dash's)
 * line to the next line with content at its column or left of it, so blank lines and deeper lines
 * after its node (where a new key is typed) belong to it. A child whose key shares its line with
 * something before it has no region of its own; its children may.
 */
function entriesHolding(root: AstNode, text: TextSource, change: TextChange): EnclosingEntry[] {
  const chain: EnclosingEntry[] = [];
  let current: AstNode = root;
  while ((current.type === 'object' || current.type === 'array') && !current.flow) {
    let holder: AstNode | undefined;
    let holderHead = 0;
    const consider = (child: AstNode): boolean => {
      const head = current.type === 'object' ? child.keyStart : dashBefore(text, child.start);
      if (head === undefined || lineStartBefore(text, head) > change.start) return false;
      holder = child;
      holderHead = head;
      return true;
    };
    if (current.type === 'object') {
      for (const child of current.properties.values()) if (!consider(child)) break;
    } else {
      for (const child of current.items) if (!consider(child)) break;
    }
    if (holder === undefined) return chain;
    const lineStart = lineStartBefore(text, holderHead);
    // Whether the edit ends inside the region is for the caller to find out, from the innermost
    // entry out: the regions of the outer ones are large.
    if (onlySpacesBefore(text, lineStart, holderHead)) chain.push({ node: holder, regionStart: lineStart, column: holderHead - lineStart });
    else if (change.start < holderHead || change.end > (holder as AstNode).end) return chain;
    current = holder;
  }
  return chain;
}

/**
 * The problems of the previous version inside a region (with their objects, in order); undefined
 * when one lies across its bounds or on the line before or after it.
 */
function problemsInside(previous: ParsedDocument, regionStart: number, regionEnd: number): SyntaxProblem[] | undefined {
  const inside: SyntaxProblem[] = [];
  const atEnd = regionEnd === previous.source.length;
  const lines = previous.lines;
  const first = lines.positionAt(regionStart).line;
  const last = lines.positionAt(regionEnd).line;
  const from = lines.lineStart(Math.max(0, first - 1));
  const to = lines.lineEnd(Math.min(lines.lineCount - 1, last + 1));
  for (const problem of previous.errors) {
    if (problem.start >= regionStart && problem.end <= regionEnd && (problem.start < regionEnd || atEnd)) inside.push(problem);
    else if (problem.end >= from && problem.start <= to) return undefined;
  }
  return inside;
}

/** Whether the problems of a region read alone are those a full parse had in it (`inside`, at their offsets in the document). */
function sameProblems(alone: SyntaxProblem[], inside: SyntaxProblem[], regionStart: number): boolean {
  if (alone.length !== inside.length) return false;
  for (let index = 0; index < alone.length; index++) {
    const a = alone[index];
    const b = inside[index];
    if (a.message !== b.message || a.start + regionStart !== b.start || a.end + regionStart !== b.end) return false;
  }
  return true;
}

/**
 * Whether what a region read alone says does not depend on the text around it (`patchBrokenEntry`):
 * no problem on its first line nor at or past its last line break, and no empty value on its last
 * line with content. At the end of the document nothing follows.
 */
function problemsHeldIn(fresh: { node: AstNode; errors: SyntaxProblem[] }, region: string, atDocumentEnd: boolean): boolean {
  let firstLineEnd = region.indexOf('\n');
  if (firstLineEnd < 0) firstLineEnd = region.length;
  for (const problem of fresh.errors) if (problem.start <= firstLineEnd) return false;
  if (atDocumentEnd) return true;
  const lastBreak = region.length - 1;
  for (const problem of fresh.errors) if (problem.end > lastBreak || problem.start >= lastBreak) return false;
  return !emptyValueFrom(fresh.node, lastContentLineStart(region));
}

/**
 * Whether a comment line follows the last line with content of a region. Where a collection that
 * ends before such a comment ends may then depend on the next line (the yaml package stretches
 * one nested two levels deep to that line's first token), which is past a region read alone.
 */
function commentAfterContent(region: string): boolean {
  const lastLineEnd = region.indexOf('\n', lastContentLineStart(region));
  return lastLineEnd >= 0 && region.indexOf('#', lastLineEnd) >= 0;
}

/** The start of the last line of a region that holds something other than spaces or a comment. */
function lastContentLineStart(region: string): number {
  let lineEnd = region.length;
  if (region.charCodeAt(lineEnd - 1) === LINE_FEED) lineEnd--;
  for (;;) {
    const lineStart = region.lastIndexOf('\n', lineEnd - 1) + 1;
    let at = lineStart;
    while (at < lineEnd && region.charCodeAt(at) === SPACE) at++;
    if ((at < lineEnd && region.charCodeAt(at) !== HASH) || lineStart === 0) return lineStart;
    lineEnd = lineStart - 1;
  }
}

/**
 * Whether a subtree holds an empty value (`key:` with nothing after it) at or after `from` (0: any).
 * Where an entry or collection ending with one ends depends on what follows it (a comment, the
 * next line's content), which is past a region read alone.
 */
function emptyValueFrom(node: AstNode, from: number): boolean {
  if (node.type === 'null' && node.start === node.end) return node.start >= from;
  if (node.type === 'object') {
    for (const value of node.properties.values()) if (emptyValueFrom(value, from)) return true;
  } else if (node.type === 'array') {
    for (const item of node.items) if (emptyValueFrom(item, from)) return true;
  }
  return false;
}

/**
 * Whether every syntax problem of a broken document lies apart from an entry's region: not in it,
 * nor on the line before it or the line after it. The region was then read as in a document
 * without them, and a full parse of the edited text finds the same problems at the same places
 * (moved by the edit): how a parser recovers from a problem depends on the text just before it,
 * which a line in between that reads cleanly keeps as it was. Randomised tests compare this with
 * full parses of broken texts.
 */
function problemsApart(previous: ParsedDocument, regionStart: number, regionEnd: number): boolean {
  return problemsInside(previous, regionStart, regionEnd)?.length === 0;
}

/**
 * The next version of a parsed JSON document after an edit inside one scalar token: a string
 * (between its quotes), a number or a literal, as a value or a property name. The token's new
 * text, read alone, must be exactly one scalar of the same kind of place (a name stays a string)
 * without problems; JSON has no context beyond the token, so the rest of the tree is what it was,
 * moved by the edit. A renamed property must not take the name of a sibling. Undefined otherwise,
 * and the caller parses the whole text. Like the YAML patch, it updates the tree in place.
 */
export function reparseJsonAfterChange(previous: ParsedDocument, change: TextChange, text: TextSource, version: number): ParsedDocument | undefined {
  const root = previous.root;
  if (previous.format !== 'json' || root === undefined || previous.errors.length > 0 || previous.skippedReason !== undefined) return undefined;
  const delta = change.text.length - (change.end - change.start);
  if (change.start < 0 || change.end > previous.source.length || change.start > change.end || previous.source.length + delta !== text.length) return undefined;
  let node: AstNode = root;
  for (;;) {
    if (node.keyStart !== undefined && node.keyEnd !== undefined && change.start > node.keyStart && change.end < node.keyEnd) {
      return renameJsonKey(previous, node, change, text, version, delta);
    }
    if (node.type !== 'object' && node.type !== 'array') break;
    const children: Iterable<AstNode> = node.type === 'object' ? node.properties.values() : node.items;
    let inside: AstNode | undefined;
    for (const candidate of children) {
      const start = candidate.keyStart ?? candidate.start;
      if (change.start >= start && change.end <= candidate.end) {
        inside = candidate;
        break;
      }
    }
    if (inside === undefined) return undefined;
    node = inside;
  }
  const isString = node.type === 'string';
  if (isString ? !(change.start > node.start && change.end < node.end) : !(change.start >= node.start && change.end <= node.end)) return undefined;
  const token = readJsonScalar(text.slice(node.start, node.end + delta));
  if (token === undefined || (token.type === 'string') !== isString) return undefined;
  const scalar = node as { type: string; value: unknown; end: number };
  scalar.type = token.type;
  scalar.value = token.value;
  node.end += delta;
  moveNodesAfter(root, node, change.end, delta);
  const { lines, place } = linesAndPlace(previous, change, delta, text);
  return withSource({ uri: previous.uri, version, format: 'json', root, errors: [], lines, patch: { fromVersion: previous.version, node, replaced: node, replacedKey: node.key, ...place } }, text);
}

/**
 * The next version's line index, and where a patch's change lies, in the previous version and as
 * a shift of what follows it (`ParsedDocument.patch`). The place is read from the previous index
 * before `LineIndex.afterChange` changes it into the next one in place.
 */
function linesAndPlace(previous: ParsedDocument, change: TextChange, delta: number, text: TextSource): { lines: LineIndex; place: { changeStart: number; changeEndLine: number; delta: number; lineDelta: number } } {
  const changeEndLine = previous.lines.positionAt(change.end).line;
  const lineCount = previous.lines.lineCount;
  const lines = previous.lines.afterChange(change.start, change.end, change.text, text);
  return { lines, place: { changeStart: change.start, changeEndLine, delta, lineDelta: lines.lineCount - lineCount } };
}

/** A JSON token read alone: one scalar filling the whole text, without problems. */
function readJsonScalar(token: string): { type: AstNode['type']; value: unknown } | undefined {
  const { root, errors } = parseJson(token);
  if (root === undefined || errors.length > 0 || root.start !== 0 || root.end !== token.length) return undefined;
  if (root.type === 'object' || root.type === 'array') return undefined;
  return { type: root.type, value: root.value };
}

function renameJsonKey(previous: ParsedDocument, node: AstNode, change: TextChange, text: TextSource, version: number, delta: number): ParsedDocument | undefined {
  const parent = node.parent;
  if (parent === undefined || parent.type !== 'object') return undefined;
  const token = readJsonScalar(text.slice(node.keyStart!, node.keyEnd! + delta));
  if (token === undefined || token.type !== 'string') return undefined;
  const name = token.value as string;
  if (name !== node.key && parent.properties.has(name)) return undefined;
  const replacedKey = node.key;
  replaceChild(parent, node, node, name);
  // The value after the name moves with the edit; the name itself starts where it did.
  const keyStart = node.keyStart!;
  const keyEnd = node.keyEnd! + delta;
  shiftTree(node, delta);
  node.keyStart = keyStart;
  node.keyEnd = keyEnd;
  moveNodesAfter(previous.root!, node, change.end, delta);
  const { lines, place } = linesAndPlace(previous, change, delta, text);
  return withSource({ uri: previous.uri, version, format: 'json', root: previous.root, errors: [], lines, patch: { fromVersion: previous.version, node, replaced: node, replacedKey, ...place } }, text);
}

interface EnclosingEntry {
  node: AstNode;
  /** Offset of the start of the line that holds the entry's key or dash. */
  regionStart: number;
  /** Column of the key or dash. */
  column: number;
}

function lineStartBefore(text: TextSource, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Whether only spaces stand between the start of the line and `offset`. */
function onlySpacesBefore(text: TextSource, lineStart: number, offset: number): boolean {
  for (let at = lineStart; at < offset; at++) if (text.charCodeAt(at) !== SPACE) return false;
  return true;
}

/**
 * The innermost entry of a block collection that holds the edit and whose key (or dash) is the
 * first thing on its line; every collection on the way down is a block collection.
 */
function enclosingEntry(root: AstNode, text: TextSource, change: TextChange): EnclosingEntry | undefined {
  let found: EnclosingEntry | undefined;
  let current: AstNode = root;
  for (;;) {
    if ((current.type !== 'object' && current.type !== 'array') || current.flow) return found;
    const next = childHolding(current, text, change);
    if (next === undefined) return found;
    found = next.entry ?? found;
    current = next.node;
  }
}

function childHolding(parent: CollectionNode, text: TextSource, change: TextChange): { node: AstNode; entry?: EnclosingEntry } | undefined {
  const children: AstNode[] = parent.type === 'object' ? [...parent.properties.values()] : parent.items;
  for (const child of children) {
    const head = parent.type === 'object' ? child.keyStart : dashBefore(text, child.start);
    if (head === undefined) return undefined;
    if (change.end > child.end) continue;
    const lineStart = lineStartBefore(text, head);
    if (change.start < lineStart) return undefined;
    if (!onlySpacesBefore(text, lineStart, head)) return { node: child };
    return { node: child, entry: { node: child, regionStart: lineStart, column: head - lineStart } };
  }
  return undefined;
}

/** The offset of the `-` of a block sequence item, searched backwards from the item's start. */
function dashBefore(text: TextSource, itemStart: number): number | undefined {
  let at = itemStart - 1;
  while (at >= 0 && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === LINE_FEED)) at--;
  return at >= 0 && text.charCodeAt(at) === MINUS ? at : undefined;
}

/**
 * Where the entry starting at `regionStart` ends: at the start of the first later line that holds
 * content (not a blank or comment line) at the entry's column or left of it. A mapping's value may
 * be a block sequence whose dashes stand at the key's column; those lines belong to the entry.
 * Infinity once the search passes `limit`.
 */
function regionEndOf(text: TextSource, regionStart: number, column: number, mappingEntry: boolean, limit = Infinity): number {
  let lineStart = text.indexOf('\n', regionStart);
  while (lineStart >= 0) {
    lineStart++;
    if (lineStart > limit) return Infinity;
    let at = lineStart;
    while (at < text.length && text.charCodeAt(at) === SPACE) at++;
    if (at >= text.length) return text.length;
    const code = text.charCodeAt(at);
    const indent = at - lineStart;
    const blankOrComment = code === LINE_FEED || code === HASH;
    const sequenceOfKey = mappingEntry && indent === column && code === MINUS && (at + 1 >= text.length || text.charCodeAt(at + 1) === SPACE || text.charCodeAt(at + 1) === LINE_FEED);
    if (!blankOrComment && indent <= column && !sequenceOfKey) return lineStart;
    lineStart = text.indexOf('\n', at);
  }
  return text.length;
}

/**
 * Reads a region as a document of its own: exactly one entry at `column`, without problems. Also
 * where the collection holding it ends, which is where an enclosing collection ends whose last
 * entry it is (after the line break that follows the entry's last scalar, for instance).
 */
function readEntry(region: string, column: number, parentType: 'object' | 'array'): { node: AstNode; key: string | number; collectionEnd: number } | undefined {
  const result = readYamlFast(region, MAX_REGION_NODES);
  return result.root === undefined || result.errors.length > 0 ? undefined : onlyEntry(result.root, region, column, parentType);
}

/**
 * The yaml package's problems whose recovery stays where they are, in a region of block
 * collections: a key without a value or on several lines, an entry or item out of line, a repeated
 * key, a comment without a space before it.
 *
 * A mapping under a key's inline value (`x: 1` with deeper lines after it, which typing a new key
 * between a key and its block makes: `Nested mappings are not allowed in compact mappings`) is
 * recovered by reading every later line at `x`'s column or deeper into `x`'s value, the siblings
 * after it included, up to the first line left of it. That stays inside any region whose key
 * stands left of `x`, and a problem on a region's first line, where `x` would be the region's own
 * key, is never taken (`problemsHeldIn`): so the region taken is one level up, and it holds all of it.
 * A stray word after a quoted key or value (`'200'p:`, `description: 'OK' p`: `Unexpected scalar
 * token`, `Unexpected scalar at node end`) is dropped, and the entry may be moved after its
 * siblings in the mapping; that too stays in the region one level up.
 *
 * Others may reach past the region: an unclosed quote
 * or flow collection; a block sequence or a mapping inside a key of several lines, after which
 * the package nests lines of a lesser indentation (`b\n  - x: 1\n  - y: 2\nc: 2` reads `c` into
 * `b`'s value) or drops the rest of the document; a stray `]` ends the document early
 * (`Unexpected … token in YAML stream`). A region with one is not read alone.
 */
const LOCAL_PROBLEMS = new Set([
  'Implicit map keys need to be followed by map values',
  'Implicit keys need to be on a single line',
  'All mapping items must start at the same column',
  'All sequence items must start at the same column',
  'Sequence item without - indicator',
  'Map keys must be unique',
  'Comments must be separated from other tokens by white space characters',
  'Nested mappings are not allowed in compact mappings',
  'Unexpected scalar token',
  'Unexpected scalar at node end',
]);

/**
 * `readEntry` for a region that may have syntax problems, which the yaml package then reads and
 * reports; undefined when one of them is not known to stay local (`LOCAL_PROBLEMS`).
 */
function readEntryWithProblems(region: string, column: number, parentType: 'object' | 'array'): { node: AstNode; key: string | number; collectionEnd: number; errors: SyntaxProblem[] } | undefined {
  // When the fast reader reads the region, its problems are exactly the package's (fastYaml.ts). A
  // region it declines is taken only with problems, as a region of a full parse is.
  const fast = readYamlFast(region, MAX_REGION_NODES);
  const { root, errors } = fast.root !== undefined ? fast : parseYamlWithPackage(region, MAX_REGION_NODES);
  if (root === undefined || (fast.root === undefined && errors.length === 0) || !errors.every((problem) => LOCAL_PROBLEMS.has(problem.message))) return undefined;
  const entry = onlyEntry(root, region, column, parentType);
  return entry === undefined ? undefined : { ...entry, errors };
}

/**
 * The one entry at `column` of a region's root collection, of the parent's kind, with its key or
 * dash on the region's first line (an offset on a later line can equal the column too).
 */
function onlyEntry(root: AstNode, region: string, column: number, parentType: 'object' | 'array'): { node: AstNode; key: string | number; collectionEnd: number } | undefined {
  if (root.type !== parentType || root.flow) return undefined;
  const firstBreak = region.indexOf('\n');
  if (firstBreak >= 0 && firstBreak < column) return undefined;
  if (root.type === 'object') {
    if (root.properties.size !== 1) return undefined;
    const [[key, node]] = root.properties;
    if (node.keyStart !== column) return undefined;
    return { node, key, collectionEnd: root.end };
  }
  if (root.type !== 'array' || root.items.length !== 1) return undefined;
  const dash = dashBefore(region, root.items[0].start);
  if (dash !== column) return undefined;
  return { node: root.items[0], key: 0, collectionEnd: root.end };
}

/** Whether `alone` (read from a region starting at `offset`) is the same tree as `node`, offsets included. */
function sameTree(alone: AstNode, node: AstNode, offset: number): boolean {
  if (alone.type !== node.type || alone.start + offset !== node.start || alone.end + offset !== node.end) return false;
  if ((alone.keyStart ?? -1) + (alone.keyStart === undefined ? 0 : offset) !== (node.keyStart ?? -1)) return false;
  if ((alone.keyEnd ?? -1) + (alone.keyEnd === undefined ? 0 : offset) !== (node.keyEnd ?? -1)) return false;
  if (alone.type === 'object' && node.type === 'object') {
    if (alone.flow !== node.flow || alone.properties.size !== node.properties.size) return false;
    for (const [key, value] of alone.properties) {
      const other = node.properties.get(key);
      if (other === undefined || other.key !== key || !sameTree(value, other, offset)) return false;
    }
    const keys = [...node.properties.keys()];
    let index = 0;
    for (const key of alone.properties.keys()) if (keys[index++] !== key) return false;
    return true;
  }
  if (alone.type === 'array' && node.type === 'array') {
    if (alone.flow !== node.flow || alone.items.length !== node.items.length) return false;
    for (let index = 0; index < alone.items.length; index++) if (!sameTree(alone.items[index], node.items[index], offset)) return false;
    return true;
  }
  return (alone as { value: unknown }).value === (node as { value: unknown }).value || (Number.isNaN((alone as { value: unknown }).value) && Number.isNaN((node as { value: unknown }).value));
}


/** Adds `delta` to every offset of a subtree. */
function shiftTree(node: AstNode, delta: number): void {
  if (delta === 0) return;
  const stack: AstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    current.start += delta;
    current.end += delta;
    if (current.keyStart !== undefined) current.keyStart += delta;
    if (current.keyEnd !== undefined) current.keyEnd += delta;
    if (current.type === 'object') current.properties.forEach((value) => stack.push(value));
    else if (current.type === 'array') for (const item of current.items) stack.push(item);
  }
}

/** Puts `fresh` where `old` was, under the key it now has, keeping the order of the parent's entries. */
function replaceChild(parent: CollectionNode, old: AstNode, fresh: AstNode, key: string | number): void {
  fresh.parent = parent;
  if (parent.type === 'array') {
    const index = old.key as number;
    fresh.key = index;
    parent.items[index] = fresh;
    return;
  }
  const oldKey = old.key;
  fresh.key = key;
  if (key === oldKey) {
    parent.properties.set(key as string, fresh);
    return;
  }
  const entries = [...parent.properties];
  parent.properties.clear();
  for (const [name, value] of entries) {
    if (value === old) parent.properties.set(key as string, fresh);
    else parent.properties.set(name, value);
  }
}

/**
 * Moves the nodes after the edit by `delta` and stretches the collections that enclose the edited
 * node `fresh` (already placed; left alone). For a YAML entry, a collection whose last entry was the
 * replaced one ends where the region's own collection ends (`collectionEnd`, before and after the
 * edit); any other moves with the text after the edit. A JSON token has no such case.
 */
function moveNodesAfter(root: AstNode, fresh: AstNode, changeEnd: number, delta: number, collectionEnd?: { old: number; fresh: number }): void {
  const ancestors = new Set<AstNode>();
  for (let current = fresh.parent; current !== undefined; current = current.parent) ancestors.add(current);
  const visit = (node: AstNode): void => {
    if (node === fresh) return;
    if (!ancestors.has(node)) {
      if (node.start >= changeEnd) shiftTree(node, delta);
      return;
    }
    if (collectionEnd !== undefined && node.end === collectionEnd.old) node.end = collectionEnd.fresh;
    else if (node.end >= changeEnd) node.end += delta;
    if (node.keyStart !== undefined && node.keyStart >= changeEnd) {
      node.keyStart += delta;
      node.keyEnd! += delta;
    }
    if (node.type === 'object') node.properties.forEach(visit);
    else if (node.type === 'array') node.items.forEach(visit);
  };
  visit(root);
}
