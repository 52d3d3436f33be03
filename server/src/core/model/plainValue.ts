import { setMember, toValue, type AstNode, type CollectionNode } from './ast';
import { hasTreeOf, type ParsedDocument } from './parseDocument';

/**
 * The plain value of a document's tree (what `JSON.parse` would give), as structural validation
 * needs it, kept for editor buffers so that a keystroke does not rebuild the whole value.
 *
 * A patched version (see `ParsedDocument.patch`) differs from the version before it in one
 * subtree only, so its value is the previous value with new objects along the path from the root
 * to that subtree, and everything else shared. Values are never modified once built (the shared
 * parts belong to several versions), and only a few buffers' values are kept: files read from
 * disk are converted each time, as before, so that holding a large workspace costs no memory.
 */
const MAX_KEPT = 4;

interface Kept {
  version: number;
  root: AstNode;
  value: unknown;
}

/** Per URI, the value of the last version of an editor buffer that was asked for. */
const kept = new Map<string, Kept>();

/** The value of an editor buffer's version when it was already asked for, else undefined (nothing is built). */
export function keptPlainValue(doc: ParsedDocument): unknown {
  const before = kept.get(doc.uri);
  return before !== undefined && sameVersion(before, doc) ? before.value : undefined;
}

export function plainValueOf(doc: ParsedDocument): unknown {
  const root = doc.root;
  if (root === undefined) return undefined;
  if (doc.open !== true) {
    kept.delete(doc.uri);
    return wholeValue(doc, root);
  }
  const before = kept.get(doc.uri);
  if (before !== undefined && sameVersion(before, doc)) return before.version === doc.version ? before.value : keep(doc, root, before.value);
  return keep(doc, root, valueAlongPatch(doc, root) ?? wholeValue(doc, root));
}

/**
 * Whether a kept value is the value of `doc`: kept for its version, or for the earlier version
 * whose text and tree it took back (`ParsedDocument.treeOfVersion`, an undo), and the same tree.
 */
function sameVersion(before: Kept, doc: ParsedDocument): boolean {
  return before.root === doc.root && hasTreeOf(doc, before.version);
}

/**
 * Carries an editor buffer's kept value on to a version made by a patch of the kept one, for a
 * version nobody reads the value of (a broken text is not validated): the keystroke that mends the
 * text then patches it too, instead of building the whole value again. Builds nothing otherwise.
 */
export function keepPlainValueAlongPatch(doc: ParsedDocument): void {
  const root = doc.root;
  if (root === undefined || doc.open !== true) return;
  const value = valueAlongPatch(doc, root);
  if (value !== undefined) keep(doc, root, value);
}

/** The kept value of the version a patch was made from, patched; undefined without both. */
function valueAlongPatch(doc: ParsedDocument, root: AstNode): unknown {
  const before = kept.get(doc.uri);
  const patch = doc.patch;
  if (before === undefined || patch === undefined || before.version !== patch.fromVersion || before.root !== root) return undefined;
  return valueAfterPatch(before.value, patch.node, patch.kept);
}

function keep(doc: ParsedDocument, root: AstNode, value: unknown): unknown {
  kept.delete(doc.uri);
  kept.set(doc.uri, { version: doc.version, root, value });
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
  return value;
}

/**
 * The value of the whole tree, equal to `toValue(root)`. For a JSON document without syntax errors
 * that is what `JSON.parse` returns, and V8's parser builds it several times faster than a walk of
 * the tree, as objects that validators read faster too (some 100 ms less for a 4 MB spec). A text
 * that `JSON.parse` rejects although the position-keeping parser reads it without error (a byte
 * order mark, a number with a leading zero) takes the walk. A `__proto__` key is an own property
 * either way (`setMember`).
 */
function wholeValue(doc: ParsedDocument, root: AstNode): unknown {
  if (doc.format === 'json' && doc.errors.length === 0) {
    try {
      return JSON.parse(doc.text);
    } catch {
      // Read by the walk below.
    }
  }
  return toValue(root);
}

/** A subtree whose text is at most this many characters is converted in one go by `plainValueSteps`. */
const PIECE_CHARACTERS = 32_768;

/** `plainValueSteps` yields after converting at least this many characters (some 2–5 ms). */
const STEP_CHARACTERS = 262_144;

/**
 * `plainValueOf` in steps, for a caller that runs the analysis in slices (the language server's
 * workspace scan): the value of a 13 MB document takes some 100 ms in one go. The generator yields
 * after every `STEP_CHARACTERS` of text converted. Subtrees of up to `PIECE_CHARACTERS` are
 * converted whole, larger ones member by member, into objects and arrays built in the same key
 * order, so the value equals `plainValueOf`'s. JSON text that `wholeValue` would give to
 * `JSON.parse` is given to it piece by piece (each piece's text is a JSON value of its own), and
 * a piece it rejects is walked instead, as `wholeValue` walks the whole tree. Editor buffers take
 * `plainValueOf` as before: their value is kept and patched.
 */
export function* plainValueSteps(doc: ParsedDocument): Generator<void, unknown, void> {
  const root = doc.root;
  if (root === undefined || doc.open === true) return plainValueOf(doc);
  const json = doc.format === 'json' && doc.errors.length === 0;
  const progress = { characters: 0 };
  return yield* valueSteps(root, json ? doc.text : undefined, progress);
}

function* valueSteps(node: AstNode, json: string | undefined, progress: { characters: number }): Generator<void, unknown, void> {
  if (node.end - node.start <= PIECE_CHARACTERS || (node.type !== 'object' && node.type !== 'array')) {
    progress.characters += node.end - node.start;
    const value = pieceValue(node, json);
    if (progress.characters >= STEP_CHARACTERS) {
      progress.characters = 0;
      yield;
    }
    return value;
  }
  if (node.type === 'array') {
    const out: unknown[] = [];
    for (const item of node.items) out.push(yield* valueSteps(item, json, progress));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of node.properties) setMember(out, key, yield* valueSteps(value, json, progress));
  return out;
}

function pieceValue(node: AstNode, json: string | undefined): unknown {
  if (json !== undefined) {
    try {
      return JSON.parse(json.slice(node.start, node.end));
    } catch {
      // Walked below, as `wholeValue` walks a text that `JSON.parse` rejects.
    }
  }
  return toValue(node);
}

/**
 * The value of a tree in which only `changed` (and so its ancestors) differs from the tree whose
 * value is `previous`: the ancestors' objects are built anew from their current children, taking
 * every other child's value from `previous`. The path down from the root uses the ancestors' keys,
 * which a patch never changes (only `changed` itself may have a new key). With `kept` (a mapping's
 * entries that a patch kept, `ParsedDocument.patch.kept`), `changed` kept its key too, and the
 * values of those entries are taken from its previous value.
 */
export function valueAfterPatch(previous: unknown, changed: AstNode, kept?: ReadonlySet<AstNode>): unknown {
  const ancestors: CollectionNode[] = [];
  for (let node = changed.parent; node !== undefined; node = node.parent) ancestors.push(node);
  ancestors.reverse();
  // The previous values of the ancestors, root first.
  const previousValues: unknown[] = [previous];
  for (let index = 1; index < ancestors.length; index++) {
    const key = ancestors[index].key!;
    previousValues.push((previousValues[index - 1] as Record<string | number, unknown>)[key]);
  }
  let child: AstNode = changed;
  let childValue: unknown;
  const before = kept === undefined || ancestors.length === 0 ? undefined : (previousValues[ancestors.length - 1] as Record<string, unknown>)[changed.key as string];
  if (kept !== undefined && changed.type === 'object' && typeof before === 'object' && before !== null) {
    const out: Record<string, unknown> = {};
    changed.properties.forEach((value, key) => setMember(out, key, kept.has(value) ? (before as Record<string, unknown>)[key] : toValue(value)));
    childValue = out;
  } else childValue = toValue(changed);
  for (let index = ancestors.length - 1; index >= 0; index--) {
    childValue = rebuilt(ancestors[index], previousValues[index], child, childValue);
    child = ancestors[index];
  }
  return childValue;
}

function rebuilt(node: CollectionNode, previous: unknown, changed: AstNode, changedValue: unknown): unknown {
  if (node.type === 'array') {
    const items = node.items;
    const old = previous as unknown[];
    const out: unknown[] = [];
    for (let index = 0; index < items.length; index++) out.push(items[index] === changed ? changedValue : old[index]);
    return out;
  }
  const old = previous as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  node.properties.forEach((value, key) => {
    setMember(out, key, value === changed ? changedValue : old[key]);
  });
  return out;
}
