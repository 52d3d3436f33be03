import { child, isArray, isObject, type AstNode, type ObjectNode } from '../model/ast';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { ApiDescription, NodeRef, OperationEntry } from './types';

/**
 * The schemas an API's operations exchange, found once per API and shared by every rule that
 * looks at schemas (the resource-limit rules all walk the same nodes).
 *
 * Every schema reachable from an operation is visited: request bodies and parameters count as
 * the request, responses and their headers as the response. `$ref`s are followed (across files)
 * and each resolved node is visited once per direction, so a schema used by a hundred
 * operations is one entry, placed where it is written, and recursive schemas end.
 */

export type SchemaDirection = 'request' | 'response';

/**
 * What holds the schema keywords: a Schema Object, or one of the Swagger 2.0 objects that carry
 * `type`, `maxLength`, `items` … themselves (a non-body parameter, a response header, an items object).
 */
export type SchemaKind = 'schema' | 'parameter' | 'header' | 'items';

export interface SchemaEntry {
  /** The resolved schema (or schema-like) object, in the document where it is written. */
  at: NodeRef & { node: ObjectNode };
  kind: SchemaKind;
  /** Reached as part of a request (body or parameter), not counting `readOnly` properties. */
  request: boolean;
  /** Reached as part of a response (body or header), not counting `writeOnly` properties. */
  response: boolean;
  /**
   * Reached only inside `not` or `if`: the schema states a condition, not the shape of a value,
   * so rules about a value's limits skip it.
   */
  conditional: boolean;
  /**
   * The JSON types the schema declares (`schemaTypes` of its node), as bits: ask `entryHasType`.
   * Read once here, because several rules ask it of every schema of the API.
   */
  types: number;
  /**
   * Where the entry is in `SchemaIndex.entries` (an index updated in place after a patch keeps its
   * entries where they were): the schema rules' findings kept per entry are put in order by it
   * (engine/schemaRulePass.ts).
   */
  position: number;
  /**
   * What the rules reported about this schema, kept by the language server for the next version
   * of an edited document (engine/schemaReportMemo.ts; undefined elsewhere). An index taken over by
   * the next version keeps it, and a walk of the next version hands it on to the entry of the same node.
   */
  kept: unknown;
}

export interface SchemaIndex {
  /** Every schema node once, in the order the walk first met it. */
  entries: SchemaEntry[];
  /** The entry of a resolved schema node. */
  get(node: AstNode): SchemaEntry | undefined;
}

/** Subschema keywords whose value is one schema. */
const SINGLE_KEYWORDS = ['additionalProperties', 'unevaluatedProperties', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'contains', 'then', 'else', 'contentSchema'];
/** Subschema keywords whose value is a list of schemas. */
const LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Subschema keywords whose value is a map of schemas. */
const MAP_KEYWORDS = ['patternProperties', 'dependentSchemas'];
/** Subschema keywords that state a condition rather than the value's shape. */
const CONDITION_KEYWORDS = ['not', 'if'];

/** How each subschema keyword holds its subschemas, for one lookup per schema property. */
const KEYWORD_KINDS = new Map<string, 'properties' | 'items' | 'single' | 'list' | 'map' | 'condition'>([
  ['properties', 'properties'],
  ['items', 'items'],
  ...SINGLE_KEYWORDS.map((keyword) => [keyword, 'single'] as const),
  ...LIST_KEYWORDS.map((keyword) => [keyword, 'list'] as const),
  ...MAP_KEYWORDS.map((keyword) => [keyword, 'map'] as const),
  ...CONDITION_KEYWORDS.map((keyword) => [keyword, 'condition'] as const),
]);

const cache = new WeakMap<ApiDescription, SchemaIndex>();

interface Pending {
  ref: NodeRef;
  kind: SchemaKind;
}

/** An entry as the walk makes it: `walked` has a bit for each direction whose walk has been at the node (rules do not read it). */
interface WalkEntry extends SchemaEntry {
  walked: number;
}

/** The schemas of an API, computed on first use and cached for the API's lifetime. */
export function schemasOf(api: ApiDescription): SchemaIndex {
  const steps = schemaIndexSteps(api);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * Schema nodes visited between two yields of `schemaIndexSteps`: some 2–4 ms of walking, so that the
 * walk of a large API (15,000 schemas and more, 40–160 ms in one go) does not keep the language
 * server from answering requests during a workspace scan.
 */
const VISITS_PER_STEP = 2_000;

/**
 * `schemasOf` in steps: the walk yields every `VISITS_PER_STEP` schema nodes, and the index is
 * cached when it is complete. A caller that stops it early leaves nothing cached; the next call
 * walks again. The engine runs it before the first rule that reads the index (`SpecRule.usesSchemas`).
 *
 * The walk runs for every schema of every API on every keystroke, so it allocates nothing per node
 * that it does not keep: the stack is three parallel arrays (node, document, kind), a node's
 * subschemas are pushed in place (`pushSubschemas`), and whether a direction's walk has been at a
 * node is a bit of its entry rather than a set of its own.
 */
export function* schemaIndexSteps(api: ApiDescription): Generator<void, SchemaIndex, void> {
  const cached = cache.get(api);
  if (cached !== undefined) return cached;
  const roots: Record<SchemaDirection, Pending[]> = { request: [], response: [] };
  const collected: Collected = { parameters: new Set(), bodies: new Set(), responses: new Set(), headers: new Set() };
  for (const operation of api.operations) {
    collectRequestRoots(api, operation, roots.request, collected);
    collectResponseRoots(api, operation, roots.response, collected);
  }
  // Only APIs with an editor buffer among their documents are analysed version after version (a
  // keystroke in the root or in any fragment, whose root may be a file on disk); a workspace scan
  // keeps nothing.
  const rootNode = api.root.open === true || api.documents.some((doc) => doc.open === true) ? api.root.root : undefined;
  // Its last editor buffer closed, an API whose root is a file on disk (a tree the store keeps)
  // lets go of the index it kept while one of its fragments was open.
  if (rootNode === undefined && api.root.root !== undefined) remembered.delete(api.root.root);
  const known = rootNode === undefined ? undefined : remembered.get(rootNode);
  let walked = known === undefined || !indexAfterPatch(api, known, roots) ? undefined : known.walked;
  if (walked !== undefined) fromPrevious.add(api);
  else walked = yield* walkSchemas(api, roots, known?.walked.byNode);
  cache.set(api, walked.index);
  if (rootNode !== undefined) {
    remembered.set(rootNode, {
      version: api.version,
      documents: api.documents.slice(),
      roots,
      refNodes: api.refSites.map((site) => site.node),
      refTargets: api.refSites.map((site) => site.target?.node),
      walked,
    });
  }
  return walked.index;
}

/** An index and the map behind its `get`. */
interface Walked {
  index: SchemaIndex;
  byNode: Map<AstNode, SchemaEntry>;
}

/**
 * The walk itself: every schema reachable from the roots, each direction in turn. `previous` is
 * the previous version's index, whose entries hand on what was `kept` of their nodes.
 */
function* walkSchemas(api: ApiDescription, roots: Record<SchemaDirection, Pending[]>, previous?: Map<AstNode, SchemaEntry>): Generator<void, Walked, void> {
  const entries: SchemaEntry[] = [];
  const byNode = new Map<AstNode, WalkEntry>();
  const walk: Walk = { api, is2: api.version === '2.0', direction: 'request', nodes: [], docs: [], kinds: [], conditions: [], conditional: false };
  let visits = 0;

  for (const direction of ['request', 'response'] as const) {
    const bit = direction === 'request' ? 1 : 2;
    walk.direction = direction;
    walk.conditions = [];
    // Values first, so that a schema met both as a value and inside `not` counts as a value.
    for (const conditional of [false, true]) {
      walk.conditional = conditional;
      const start = conditional ? walk.conditions : roots[direction];
      const { nodes, docs, kinds } = walk;
      for (let i = start.length - 1; i >= 0; i--) {
        nodes.push(start[i].ref.node);
        docs.push(start[i].ref.doc);
        kinds.push(start[i].kind);
      }
      while (nodes.length > 0) {
        let node = nodes.pop()!;
        let doc = docs.pop()!;
        const kind = kinds.pop()!;
        if (node.type === 'object' && node.properties.has('$ref')) {
          const resolved = api.resolve({ doc, node });
          node = resolved.node;
          doc = resolved.doc;
        }
        if (node.type !== 'object') continue;
        let entry = byNode.get(node);
        if (entry === undefined) {
          entry = { at: { doc, node }, kind, request: false, response: false, conditional, types: typeBitsOf(node), position: entries.length, kept: previous?.get(node)?.kept, walked: 0 };
          byNode.set(node, entry);
          entries.push(entry);
        } else if ((entry.walked & bit) !== 0) continue;
        entry.walked |= bit;
        if (!conditional) {
          entry[direction] = true;
          entry.conditional = false;
        }
        const base = nodes.length;
        pushSubschemas(walk, node, doc, kind);
        reverseFrom(walk, base);
        if (++visits === VISITS_PER_STEP) {
          visits = 0;
          yield;
        }
      }
    }
  }
  return { index: { entries, get: (node) => byNode.get(node) }, byNode };
}

/**
 * What the walk of an editor buffer's API read, kept for its next version (by the root document's
 * root node, which a patched version keeps): its documents, roots and references, and the index.
 */
interface RememberedIndex {
  version: ApiDescription['version'];
  documents: ParsedDocument[];
  roots: Record<SchemaDirection, Pending[]>;
  refNodes: AstNode[];
  refTargets: (AstNode | undefined)[];
  walked: Walked;
}

const remembered = new WeakMap<AstNode, RememberedIndex>();
/** The APIs whose index was made from the previous version's (`schemaIndexFromPrevious`). */
const fromPrevious = new WeakSet<ApiDescription>();

/** Whether the API's index was made from its previous version's without a walk (for tests and diagnostics). */
export function schemaIndexFromPrevious(api: ApiDescription): boolean {
  return fromPrevious.has(api);
}

/**
 * Keys whose values the walk or its roots read as they are (a type, a flag, a reference, where a
 * parameter goes): below them a patch must change nothing at all.
 */
const VALUE_KEYS = new Set(['type', 'nullable', 'readOnly', 'writeOnly', '$ref', 'in']);
/** Keys the walk or its roots follow (besides the subschema keywords). */
const STRUCTURE_KEYS = new Set(['schema', 'content', 'headers', 'parameters', 'requestBody', 'responses', 'paths', 'components', 'definitions']);

/**
 * A key whose name the walk never reads: a property's or a media type's name, `description`,
 * `example`. Extensions are left out, because `x-` response keys are skipped.
 */
function inertKey(key: string | number | undefined): boolean {
  if (typeof key !== 'string') return false;
  return !KEYWORD_KINDS.has(key) && !VALUE_KEYS.has(key) && !STRUCTURE_KEYS.has(key) && !key.startsWith('x-');
}

/**
 * Whether the next version of an editor buffer's API has the previous version's index, once
 * updated in place (true), without walking: false unless the edit cannot have changed what the
 * walk does. That is so when one document was patched (see incrementalParse.ts) and the patched
 * subtree, before and after, has the same shape for the walk (`correspond`): the same nodes, keys
 * and values, except for keys the walk does not read and values below such keys (a `$ref` is a
 * value the walk reads), and a declared type (`type`, `nullable`), whose owner's `types` are read
 * again; every reference where it was (those of the patched subtree at their
 * counterparts) and pointing at the same target (or its counterpart); and the same roots. Then
 * the walk meets the same nodes (their counterparts in the patched subtree) in the same order
 * with the same flags. It is so too when one document took the remembered version's tree back
 * with its text (an undo after an edit that was parsed whole, `ParsedDocument.treeOfVersion`),
 * with every reference and root where it was: the same nodes, none changed since.
 *
 * The index is updated in place, as the patch updated the tree: its entries of the patched
 * subtree get their counterparts, and those of the patched document the new document. The
 * previous version is gone for good once its tree was patched, and copying some 15,000 entries
 * on every keystroke would cost a third of the walk it saves.
 */
function indexAfterPatch(api: ApiDescription, known: RememberedIndex, roots: Record<SchemaDirection, Pending[]>): boolean {
  if (api.version !== known.version || api.documents.length !== known.documents.length) return false;
  let patchedAt = -1;
  for (let i = 0; i < api.documents.length; i++) {
    const now = api.documents[i];
    const before = known.documents[i];
    if (now === before) continue;
    if (patchedAt >= 0 || now.uri !== before.uri || now.root !== before.root) return false;
    // Patched from the remembered version, or that version's tree taken back (an undo).
    if (!hasTreeOf(now, before.version) && (now.patch === undefined || now.patch.fromVersion !== before.version)) return false;
    patchedAt = i;
  }
  // No document changed (the same buffer analysed again, or by another folder's analysis), or one
  // has the remembered version's tree again: the references and roots are still compared, as they
  // depend on more than the documents' text.
  const fresh = patchedAt < 0 ? undefined : api.documents[patchedAt];
  const stale = patchedAt < 0 ? undefined : known.documents[patchedAt];
  const shape = fresh?.patch === undefined ? { counterparts: new Map<AstNode, AstNode>(), retyped: [] } : patchShape(fresh.patch);
  if (shape === undefined) return false;
  const { counterparts } = shape;
  const counterpart = (node: AstNode | undefined): AstNode | undefined => (node === undefined ? undefined : (counterparts.get(node) ?? node));
  const docOf = (doc: ParsedDocument): ParsedDocument => (doc === stale ? fresh! : doc);

  const sites = api.refSites;
  if (sites.length !== known.refNodes.length) return false;
  for (let i = 0; i < sites.length; i++) {
    if (sites[i].node !== counterpart(known.refNodes[i]) || sites[i].target?.node !== counterpart(known.refTargets[i])) return false;
  }
  for (const direction of ['request', 'response'] as const) {
    const now = roots[direction];
    const before = known.roots[direction];
    if (now.length !== before.length) return false;
    for (let i = 0; i < now.length; i++) {
      if (now[i].kind !== before[i].kind || now[i].ref.node !== counterpart(before[i].ref.node) || now[i].ref.doc !== docOf(before[i].ref.doc)) return false;
    }
  }

  const { index, byNode } = known.walked;
  if (fresh === undefined) return true;
  for (const entry of index.entries) if (entry.at.doc === stale) entry.at.doc = fresh;
  for (const [old, now] of counterparts) {
    const entry = byNode.get(old);
    if (entry === undefined) continue;
    entry.at.node = now as ObjectNode;
    byNode.delete(old);
    byNode.set(now, entry);
  }
  for (const owner of shape.retyped) {
    const entry = byNode.get(owner);
    if (entry !== undefined) entry.types = typeBitsOf(owner as ObjectNode);
  }
  return true;
}

/** What a patch changed that the walk reads, when the walk itself cannot go differently (`patchShape`). */
interface PatchShape {
  /** The new node of each object and array of the patched subtree, by the old one. */
  counterparts: Map<AstNode, AstNode>;
  /** Objects whose `type` or `nullable` may have changed: their entries' `types` are read again. */
  retyped: AstNode[];
}

/** The keys `SchemaEntry.types` is read from; the walk itself does not go by them. */
const TYPE_KEYS = new Set(['type', 'nullable']);

function isTypeKey(key: string | number | undefined): boolean {
  return typeof key === 'string' && TYPE_KEYS.has(key);
}

/** A scalar, or a list of scalars: a value the walk never enters, whatever its key. */
function flat(node: AstNode): boolean {
  if (node.type === 'object') return false;
  if (node.type === 'array') return node.items.every((item) => item.type !== 'object' && item.type !== 'array');
  return true;
}

/**
 * Whether a `type` or `nullable` entry (by its key before and after) with these values changed
 * nothing but its owner's declared types: both values are flat, and a renamed key was or became
 * a name the walk does not read. A property called `type` whose value is a schema is not flat, and
 * is compared like any other.
 */
function onlyRetypes(key: string | number | undefined, freshKey: string | number | undefined, value: AstNode, freshValue: AstNode): boolean {
  if (!isTypeKey(key) && !isTypeKey(freshKey)) return false;
  if (key !== freshKey && !((isTypeKey(key) || inertKey(key)) && (isTypeKey(freshKey) || inertKey(freshKey)))) return false;
  return flat(value) && flat(freshValue);
}

/**
 * What a patch changed, when the walk cannot go differently through the new subtree; undefined
 * otherwise. A key or scalar rewritten in place (JSON) has no old copy: only its key's and its
 * ancestors' names then decide.
 */
function patchShape(patch: NonNullable<ParsedDocument['patch']>): PatchShape | undefined {
  const { node, replaced, replacedKey } = patch;
  let exact = false;
  for (let above: AstNode | undefined = node.parent; above !== undefined; above = above.parent) {
    if (typeof above.key === 'string' && VALUE_KEYS.has(above.key)) exact = true;
  }
  const shape: PatchShape = { counterparts: new Map(), retyped: [] };
  // A declared type typed, deleted or renamed: only the owner's types can change.
  if (!exact && node.parent !== undefined && onlyRetypes(replacedKey, node.key, replaced, node)) {
    shape.retyped.push(node.parent);
    return shape;
  }
  if (node.key !== replacedKey) {
    if (exact || !inertKey(node.key) || !inertKey(replacedKey)) return undefined;
  } else if (typeof node.key === 'string' && VALUE_KEYS.has(node.key)) exact = true;
  if (replaced === node) {
    // Rewritten in place: a scalar's new value, or a key's new name over the same subtree.
    if (exact && node.type !== 'object' && node.type !== 'array') return undefined;
    return shape;
  }
  return correspond(replaced, node, exact, shape) ? shape : undefined;
}

/** Whether `fresh` has the shape of `old` for the walk (see `indexAfterPatch`), filling `shape`; `exact` below a value key. */
function correspond(old: AstNode, fresh: AstNode, exact: boolean, shape: PatchShape): boolean {
  if (old.type === 'object') {
    if (fresh.type !== 'object') return false;
    if (old.properties.size !== fresh.properties.size) {
      if (exact || !correspondAroundAddedKeys(old, fresh, shape)) return false;
      shape.counterparts.set(old, fresh);
      return true;
    }
    const freshEntries = fresh.properties.entries();
    for (const [key, value] of old.properties) {
      const [freshKey, freshValue] = freshEntries.next().value!;
      if (!exact && onlyRetypes(key, freshKey, value, freshValue)) {
        shape.retyped.push(fresh);
        continue;
      }
      if (key !== freshKey && (exact || !inertKey(key) || !inertKey(freshKey))) return false;
      if (!correspond(value, freshValue, exact || VALUE_KEYS.has(key), shape)) return false;
    }
    shape.counterparts.set(old, fresh);
    return true;
  }
  if (old.type === 'array') {
    if (fresh.type !== 'array' || old.items.length !== fresh.items.length) return false;
    for (let i = 0; i < old.items.length; i++) if (!correspond(old.items[i], fresh.items[i], exact, shape)) return false;
    shape.counterparts.set(old, fresh);
    return true;
  }
  if (fresh.type === 'object' || fresh.type === 'array') return false;
  return !exact || (old.type === fresh.type && old.value === fresh.value);
}

/**
 * `correspond` for two objects whose keys differ by some added or removed ones, as while a new
 * key is typed (a key without its colon reads as a key without a value) or when a line is
 * deleted: the keys both have come in the same order and correspond, and each key only one has is
 * a name the walk does not read with a flat value, which the walk never enters, or a declared type
 * (whose owner's `types` are read again).
 */
function correspondAroundAddedKeys(old: ObjectNode, fresh: ObjectNode, shape: PatchShape): boolean {
  const common: string[] = [];
  for (const [key, value] of old.properties) {
    if (fresh.properties.has(key)) common.push(key);
    else if (!addedOrRemoved(key, value, fresh, shape)) return false;
  }
  let index = 0;
  for (const [key, freshValue] of fresh.properties) {
    const value = old.properties.get(key);
    if (value === undefined) {
      if (!addedOrRemoved(key, freshValue, fresh, shape)) return false;
      continue;
    }
    if (common[index++] !== key) return false;
    if (onlyRetypes(key, key, value, freshValue)) shape.retyped.push(fresh);
    else if (!correspond(value, freshValue, VALUE_KEYS.has(key), shape)) return false;
  }
  return index === common.length;
}

/** Whether a key that only one version of `owner` has leaves the walk as it was (see `correspondAroundAddedKeys`). */
function addedOrRemoved(key: string, value: AstNode, owner: AstNode, shape: PatchShape): boolean {
  if (!flat(value)) return false;
  if (isTypeKey(key)) {
    shape.retyped.push(owner);
    return true;
  }
  return inertKey(key);
}

/**
 * Request schemas of one operation: parameters (2.0 body `schema`, non-body parameters themselves;
 * 3.x `schema` / `content`) and the 3.x request body.
 *
 * A parameter, request body, response or header shared by many operations (a `$ref` to one
 * definition: DigitalOcean's 3,885 responses are 455 objects, with 11,660 headers) gives its roots
 * once. The walk skips a root whose node it has already been at in this direction, and a later
 * copy of a root comes after the whole walk from the first one, so the index is the same without
 * them; `collected` holds the objects whose roots are in `out` already. Roots are collected on
 * every keystroke, also when the index is taken over from the previous version.
 */
function collectRequestRoots(api: ApiDescription, operation: OperationEntry, out: Pending[], collected: Collected): void {
  const is2 = api.version === '2.0';
  for (const parameter of operation.parameters) {
    const node = parameter.at.node;
    if (!isObject(node) || !firstTime(collected.parameters, node)) continue;
    if (is2) {
      if (parameter.in === 'body') pushChild(parameter.at, 'schema', 'schema', out);
      else out.push({ ref: parameter.at, kind: 'parameter' });
    } else {
      pushChild(parameter.at, 'schema', 'schema', out);
      pushContent(parameter.at, out);
    }
  }
  if (!is2) {
    const body = child(operation.operation.node, 'requestBody');
    if (body === undefined) return;
    const resolved = api.resolve({ doc: operation.operation.doc, node: body });
    if (firstTime(collected.bodies, resolved.node)) pushContent(resolved, out);
  }
}

/** Response schemas of one operation: bodies and headers of every response (each response and header object once, see `collectRequestRoots`). */
function collectResponseRoots(api: ApiDescription, operation: OperationEntry, out: Pending[], collected: Collected): void {
  const responses = operation.responses;
  if (responses === undefined || !isObject(responses.node)) return;
  const is2 = api.version === '2.0';
  for (const [status, raw] of responses.node.properties) {
    if (status.startsWith('x-')) continue;
    const response = api.resolve({ doc: responses.doc, node: raw });
    if (!isObject(response.node) || !firstTime(collected.responses, response.node)) continue;
    if (is2) pushChild(response, 'schema', 'schema', out);
    else pushContent(response, out);
    const headers = child(response.node, 'headers');
    if (!isObject(headers)) continue;
    for (const rawHeader of headers.properties.values()) {
      const header = api.resolve({ doc: response.doc, node: rawHeader });
      if (!isObject(header.node) || !firstTime(collected.headers, header.node)) continue;
      if (is2) out.push({ ref: header, kind: 'header' });
      else {
        pushChild(header, 'schema', 'schema', out);
        pushContent(header, out);
      }
    }
  }
}

/**
 * The objects whose roots were collected, by the part they play (an object used as two parts, say
 * a response and a header, gives the roots of each).
 */
interface Collected {
  parameters: Set<AstNode>;
  bodies: Set<AstNode>;
  responses: Set<AstNode>;
  headers: Set<AstNode>;
}

/** Adds `node` to `collected`; false when it was there already. */
function firstTime(collected: Set<AstNode>, node: AstNode): boolean {
  if (collected.has(node)) return false;
  collected.add(node);
  return true;
}

function pushChild(owner: NodeRef, key: string, kind: SchemaKind, out: Pending[]): void {
  const node = child(owner.node, key);
  if (node !== undefined) out.push({ ref: { doc: owner.doc, node }, kind });
}

/** The `schema` of every media type under `content` (3.x). */
function pushContent(owner: NodeRef, out: Pending[]): void {
  const content = child(owner.node, 'content');
  if (!isObject(content)) return;
  for (const mediaType of content.properties.values()) pushChild({ doc: owner.doc, node: mediaType }, 'schema', 'schema', out);
}

/** The state of one walk: its stack (three parallel arrays) and where conditions go. */
interface Walk {
  api: ApiDescription;
  is2: boolean;
  direction: SchemaDirection;
  nodes: AstNode[];
  docs: ParsedDocument[];
  kinds: SchemaKind[];
  /** Where the value pass puts subschemas under `not` / `if`, for the conditional pass. */
  conditions: Pending[];
  /** In the conditional pass, subschemas under `not` / `if` are walked at once like the others. */
  conditional: boolean;
}

/** The walk and document whose schema `pushSubschema` is reading (set around `forEach`, which takes no extra arguments). */
let current: Walk;
let currentDoc: ParsedDocument;

/**
 * Pushes the subschemas of one schema node onto the walk's stack, in source order (the caller
 * turns them round, so that the first is walked first). Properties that the direction never
 * carries (`readOnly` in a request, `writeOnly` in a response) are left out.
 */
function pushSubschemas(walk: Walk, node: ObjectNode, doc: ParsedDocument, kind: SchemaKind): void {
  // A Swagger 2.0 parameter, header or items object only nests further items objects.
  if (kind !== 'schema') {
    if (walk.is2) push(walk, doc, child(node, 'items'), 'items');
    return;
  }
  current = walk;
  currentDoc = doc;
  // forEach with a callback made once, and one keyword lookup per property: this runs for every property of every schema.
  node.properties.forEach(pushSubschema);
}

function pushSubschema(value: AstNode, key: string): void {
  const walk = current;
  const doc = currentDoc;
  switch (KEYWORD_KINDS.get(key)) {
    case 'properties':
      if (value.type === 'object') value.properties.forEach(pushProperty);
      return;
    case 'items':
      if (value.type === 'array') for (const item of value.items) push(walk, doc, item, 'schema');
      else push(walk, doc, value, 'schema');
      return;
    case 'single':
      push(walk, doc, value, 'schema');
      return;
    case 'list':
      if (value.type === 'array') for (const item of value.items) push(walk, doc, item, 'schema');
      return;
    case 'map':
      if (value.type === 'object') value.properties.forEach(pushMapMember);
      return;
    case 'condition':
      if (walk.conditional) push(walk, doc, value, 'schema');
      else if (value.type === 'object') walk.conditions.push({ ref: { doc, node: value }, kind: 'schema' });
      return;
    default:
      return;
  }
}

function pushProperty(property: AstNode): void {
  if (carriedIn(current.api, currentDoc, property, current.direction)) push(current, currentDoc, property, 'schema');
}

function pushMapMember(member: AstNode): void {
  push(current, currentDoc, member, 'schema');
}

/** Queues a subschema for the walk when it is an object (a boolean schema has no keywords to check). */
function push(walk: Walk, doc: ParsedDocument, value: AstNode | undefined, kind: SchemaKind): void {
  if (value === undefined || value.type !== 'object') return;
  walk.nodes.push(value);
  walk.docs.push(doc);
  walk.kinds.push(kind);
}

/** Turns round the stack's top from `base` on, so that what was pushed first is popped first. */
function reverseFrom(walk: Walk, base: number): void {
  const { nodes, docs, kinds } = walk;
  for (let low = base, high = nodes.length - 1; low < high; low++, high--) {
    const node = nodes[low];
    nodes[low] = nodes[high];
    nodes[high] = node;
    const doc = docs[low];
    docs[low] = docs[high];
    docs[high] = doc;
    const kind = kinds[low];
    kinds[low] = kinds[high];
    kinds[high] = kind;
  }
}

/** False for a `readOnly` property in a request or a `writeOnly` one in a response (checked on the `$ref` and on its target). */
function carriedIn(api: ApiDescription, doc: ParsedDocument, property: AstNode, direction: SchemaDirection): boolean {
  const flag = direction === 'request' ? 'readOnly' : 'writeOnly';
  if (isTrue(child(property, flag))) return false;
  // Only a reference has a target to check; most properties are written in place.
  if (!isObject(property) || !property.properties.has('$ref')) return true;
  return !isTrue(child(api.resolve({ doc, node: property }).node, flag));
}

/** Resolves only what is a reference: most schema nodes are not, and resolving costs a lookup per node. */
export function resolveIfRef(api: ApiDescription, ref: NodeRef): NodeRef {
  return isObject(ref.node) && ref.node.properties.has('$ref') ? api.resolve(ref) : ref;
}

function isTrue(node: AstNode | undefined): boolean {
  return node !== undefined && node.type === 'boolean' && node.value === true;
}

/**
 * The JSON types a schema (or 2.0 schema-like object) declares: `type: string`, 3.1
 * `type: [string, "null"]`, plus `null` for 3.0 `nullable: true`. Empty when no type is given.
 */
export function schemaTypes(node: AstNode | undefined): Set<string> {
  const types = new Set<string>();
  const type = child(node, 'type');
  if (type?.type === 'string') types.add(type.value as string);
  else if (isArray(type)) for (const item of type.items) if (item.type === 'string') types.add(item.value as string);
  if (isTrue(child(node, 'nullable'))) types.add('null');
  return types;
}

/**
 * Whether a schema declares one JSON type: the same answer as `schemaTypes(node).has(name)`,
 * without building a set for every schema of every rule that asks.
 */
export function schemaHasType(node: AstNode | undefined, name: string): boolean {
  const type = child(node, 'type');
  if (type?.type === 'string') {
    if (type.value === name) return true;
  } else if (isArray(type)) {
    for (const item of type.items) if (item.type === 'string' && item.value === name) return true;
  }
  return name === 'null' && isTrue(child(node, 'nullable'));
}

/** A bit for each JSON type name; a declared name that is none of them sets `OTHER_TYPE`. */
const TYPE_BITS = new Map<string, number>([
  ['string', 1],
  ['number', 2],
  ['integer', 4],
  ['boolean', 8],
  ['array', 16],
  ['object', 32],
  ['null', 64],
]);
const OTHER_TYPE = 128;

/** `schemaTypes(node)` as bits (see `SchemaEntry.types`). */
function typeBitsOf(node: ObjectNode): number {
  let bits = 0;
  const type = child(node, 'type');
  if (type?.type === 'string') bits |= TYPE_BITS.get(type.value as string) ?? OTHER_TYPE;
  else if (isArray(type)) for (const item of type.items) if (item.type === 'string') bits |= TYPE_BITS.get(item.value as string) ?? OTHER_TYPE;
  if (isTrue(child(node, 'nullable'))) bits |= TYPE_BITS.get('null')!;
  return bits;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** Whether an entry's schema declares a JSON type: `schemaHasType(entry.at.node, name)`, without reading the node again. */
export function entryHasType(entry: SchemaEntry, name: JsonType): boolean {
  return (entry.types & TYPE_BITS.get(name)!) !== 0;
}

/** Whether an entry's schema declares any type at all (`schemaTypes(entry.at.node).size > 0`). */
export function entryDeclaresType(entry: SchemaEntry): boolean {
  return entry.types !== 0;
}
