import { child, childString, isArray, isObject, nodeAtPointer, type AstNode, type ObjectNode } from '../model/ast';
import { hasTreeOf, type ParsedDocument } from '../model/parseDocument';
import type { DocumentStore } from '../workspace/documentStore';
import { detectVersion } from './detectVersion';
import { locatedRefsOf, locateRef, type RefPolicy } from './refPolicy';
import { buildOperationsSteps } from './operations';
import { buildServers20, buildServers3 } from './servers';
import type { ApiDescription, NodeRef, RefSite, SecuritySchemeEntry } from './types';

/**
 * Builds the normalised view of the API whose root is `root`: it walks the root and every
 * fragment reached through `$ref` once, records each reference with its target or problem, and
 * indexes servers, security schemes and operations for the rules.
 */
export function buildApi(root: ParsedDocument, store: DocumentStore, policy: RefPolicy): ApiDescription | undefined {
  const steps = buildApiSteps(root, store, policy);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * `buildApi` in steps: it yields after each document it had to read and parse (the language
 * server then lets requests in; an API of thousands of fragment files is read across many slices).
 */
export function* buildApiSteps(root: ParsedDocument, store: DocumentStore, policy: RefPolicy, readInSteps = false): Generator<void, ApiDescription | undefined, void> {
  const detected = detectVersion(root.root);
  if (detected === undefined) return undefined;
  const documents: ParsedDocument[] = [root];
  const byUri = new Map<string, ParsedDocument>([[root.uri, root]]);
  const refSites: RefSite[] = [];
  const siteByNode = new Map<ObjectNode, RefSite>();

  // With `readInSteps` (a caller in slices of an event loop), a document not read yet is read and
  // parsed in steps: a large shared file would otherwise hold a workspace scan's event loop for as
  // long as its parse takes. A caller that runs all steps at once (the CLI) reads it in one go,
  // which is faster (the 2,900 files of the DigitalOcean spec took some 40 ms more in steps).
  const load = function* (uri: string): Generator<void, ParsedDocument | undefined, void> {
    const known = byUri.get(uri);
    if (known !== undefined) return known;
    const document = readInSteps ? yield* store.getSteps(uri) : store.get(uri);
    if (document === undefined) return undefined;
    byUri.set(uri, document);
    documents.push(document);
    return document;
  };

  // The same targets are referenced hundreds of times (`#/components/schemas/…`): each pointer is looked up once.
  const targetsByDocument = new Map<ParsedDocument, Map<string, AstNode | undefined>>();
  const nodeAtPointerCached = (document: ParsedDocument, pointer: string): AstNode | undefined => {
    let targets = targetsByDocument.get(document);
    if (targets === undefined) targetsByDocument.set(document, (targets = new Map()));
    if (targets.has(pointer)) return targets.get(pointer);
    const node = nodeAtPointer(document.root, pointer);
    targets.set(pointer, node);
    return node;
  };

  const unread = new Set<string>();
  // Breadth-first over documents: each is walked once for its refs.
  for (let index = 0; index < documents.length; index++) {
    const document = documents[index];
    if (document.root === undefined) continue;
    const found = yield* refObjectsSteps(document);
    // The same version of this document as in the last build, pointing into the same versions:
    // its references are those of the last build (see `sitesByDocument`).
    const kept = sitesByDocument.get(document);
    if (kept !== undefined && kept.policy === policy && kept.found === found) {
      let same = true;
      for (let target = 0; target < kept.targetUris.length; target++) {
        const uri = kept.targetUris[target];
        const known = byUri.get(uri);
        const read = known === undefined && store.peek(uri) === undefined;
        const targetDocument = known ?? (yield* load(uri));
        if (targetDocument === undefined) unread.add(uri);
        if (targetDocument !== kept.targetDocuments[target]) same = false;
        if (read) yield;
      }
      if (same) {
        const sites = kept.sites;
        for (let site = 0; site < sites.length; site++) {
          refSites.push(sites[site]);
          siteByNode.set(sites[site].node, sites[site]);
          // As many per step as are located per step below (a 13 MB spec holds some 30,000).
          if ((site + 1) % SITES_PER_STEP === 0) yield;
        }
        continue;
      }
    }
    // A document repeats the same references; each is located (a URL parse for file refs) once,
    // and then again only for another policy (see `locatedRefsOf`).
    const located = locatedRefsOf(document.uri, policy);
    const made: DocumentSites = { policy, found, sites: [], targetUris: [], targetDocuments: [] };
    const targetsSeen = new Set<string>();
    let sinceStep = 0;
    for (const { node, ref } of found) {
      let read = false;
      const site: RefSite = { doc: document, node, ref };
      let target = located.get(ref);
      if (target === undefined) located.set(ref, (target = locateRef(ref, document.uri, policy)));
      switch (target.kind) {
        case 'invalid':
          site.problem = { kind: 'unresolved', message: target.message };
          break;
        case 'outside':
          site.problem = { kind: 'outside', message: `"${ref}" points outside the workspace folder; it is not read` };
          break;
        case 'remote':
          site.problem = target.allowed
            ? undefined
            : {
                kind: 'remote',
                message: `"${ref}" is a remote reference; it is not fetched because ${target.host} is not in apiGuard.allowedRemoteRefHosts`,
              };
          break;
        case 'local': {
          // A document met before is taken from the map: delegating to the generator `load` for each
          // of the DigitalOcean spec's 9,900 references took some 8 ms of a lint.
          const known = byUri.get(target.uri);
          read = known === undefined && store.peek(target.uri) === undefined;
          const targetDocument = known ?? (yield* load(target.uri));
          if (!targetsSeen.has(target.uri)) {
            targetsSeen.add(target.uri);
            made.targetUris.push(target.uri);
            made.targetDocuments.push(targetDocument);
          }
          if (targetDocument === undefined) {
            unread.add(target.uri);
            site.problem = { kind: 'unresolved', message: `"${ref}": the file ${fileName(target.uri)} does not exist or cannot be read` };
          } else if (targetDocument.root === undefined) {
            site.problem = targetDocument.skippedReason
              ? { kind: 'unresolved', message: `"${ref}": ${targetDocument.skippedReason}` }
              : { kind: 'unresolved', message: `"${ref}": ${fileName(target.uri)} could not be parsed` };
          } else {
            const node = nodeAtPointerCached(targetDocument, target.pointer);
            if (node === undefined) {
              site.problem = { kind: 'unresolved', message: `"${ref}": nothing at #${target.pointer} in ${fileName(target.uri)}` };
            } else site.target = { doc: targetDocument, node };
          }
          break;
        }
      }
      made.sites.push(site);
      refSites.push(site);
      siteByNode.set(node, site);
      if (read || ++sinceStep === SITES_PER_STEP) {
        sinceStep = 0;
        yield;
      }
    }
    sitesByDocument.set(document, made);
  }

  const resolve = (ref: NodeRef): NodeRef => {
    let current = ref;
    // Most nodes are no reference at all, and most references point at a node that is none: the
    // cycle guard (the references followed so far) is only made once a second reference is followed.
    let first: AstNode | undefined;
    let seen: Set<AstNode> | undefined;
    while (current.node.type === 'object') {
      const site = siteByNode.get(current.node);
      if (site?.target === undefined) return current;
      if (first === undefined) first = current.node;
      else {
        if (seen === undefined) seen = new Set([first]);
        if (seen.has(current.node)) return current;
        seen.add(current.node);
      }
      current = site.target;
    }
    return current;
  };

  const rootNode = root.root!;
  const at = (node: AstNode | undefined): NodeRef | undefined => (node === undefined ? undefined : resolve({ doc: root, node }));
  const infoAt = at(child(rootNode, 'info'));
  const is2 = detected.version === '2.0';
  const schemesAt = is2 ? at(child(rootNode, 'securityDefinitions')) : resolveChild(at(child(rootNode, 'components')), 'securitySchemes', resolve);
  const securitySchemes = new Map<string, SecuritySchemeEntry>();
  if (schemesAt !== undefined && isObject(schemesAt.node)) {
    for (const [name, entry] of schemesAt.node.properties) {
      const entryAt = { doc: schemesAt.doc, node: entry };
      const resolved = resolve(entryAt);
      securitySchemes.set(name, { name, at: resolved, entryAt, type: childString(resolved.node, 'type') });
    }
  }
  const tagsAt = at(child(rootNode, 'tags'));
  const declaredTags = new Set<string>();
  if (tagsAt !== undefined && isArray(tagsAt.node)) {
    for (const tag of tagsAt.node.items) {
      const name = childString(resolve({ doc: tagsAt.doc, node: tag }).node, 'name');
      if (name !== undefined) declaredTags.add(name);
    }
  }
  const rootSecurity = child(rootNode, 'security');
  const servers = is2 ? buildServers20(root) : buildServers3({ doc: root, node: rootNode }, 'root', resolve);
  const pathsAt = at(child(rootNode, 'paths'));
  const api: ApiDescription = {
    root,
    version: detected.version,
    versionText: detected.text,
    documents,
    ...(unread.size > 0 && { unreadDocuments: [...unread] }),
    refSites,
    title: childString(infoAt?.node, 'title'),
    apiVersion: stringish(child(infoAt?.node, 'version')),
    info: infoAt,
    servers,
    securitySchemesAt: schemesAt,
    securitySchemes,
    rootSecurityAt: rootSecurity === undefined ? undefined : { doc: root, node: rootSecurity },
    tagsAt,
    declaredTags,
    pathsAt,
    operations: [],
    resolve,
  };
  api.operations = yield* buildOperationsSteps(api);
  return api;
}

function resolveChild(parent: NodeRef | undefined, key: string, resolve: (ref: NodeRef) => NodeRef): NodeRef | undefined {
  const node = child(parent?.node, key);
  return node === undefined || parent === undefined ? undefined : resolve({ doc: parent.doc, node });
}

function stringish(node: AstNode | undefined): string | undefined {
  if (node === undefined || node.type === 'object' || node.type === 'array' || node.value === null) return undefined;
  return String(node.value);
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

interface RefObject {
  node: ObjectNode;
  ref: string;
}

/**
 * The `$ref` objects of the last version of each tree that an API was built from, by its root node
 * (which a patched version of an edited document keeps). An API is built again on every keystroke,
 * with every document it references: the documents that did not change give their list again (so
 * does a version that took the tree back, an undo), and a patched one updates its previous list
 * instead of walking its whole tree.
 */
const refObjectsByRoot = new WeakMap<AstNode, { version: number; found: readonly RefObject[] }>();

/**
 * The references of one version of a document as a build made them, and what they depended on:
 * the ref policy, the document's `$ref` objects, and the version of each document they point
 * into (by URI, in the order of their first reference; undefined for one that could not be read).
 */
interface DocumentSites {
  policy: RefPolicy;
  found: readonly RefObject[];
  sites: RefSite[];
  targetUris: string[];
  targetDocuments: (ParsedDocument | undefined)[];
}

/**
 * The references of each document version (by its `ParsedDocument`: a patched or re-read version
 * is another object), for the next build of an API that includes it. An API is built again on
 * every keystroke in any of its documents, and an API split into thousands of files (DigitalOcean:
 * 2,900 files, 9,900 references) would otherwise locate and resolve every reference of every file
 * again for the one that changed. A document's references are the same objects again only while
 * the document and every document they point into are the same versions: a site's target is a
 * node of such a document, and its problem depends on nothing else. Sites are never changed after
 * a build, so two builds (or two APIs sharing a fragment) may hold the same objects.
 */
const sitesByDocument = new WeakMap<ParsedDocument, DocumentSites>();

/** `buildApiSteps` yields after locating this many references of one document (some 2–5 ms of a 13 MB spec's). */
const SITES_PER_STEP = 2000;

/**
 * `refObjectsSteps` yields after visiting this many collections of a tree it walks whole: about
 * 1 ms warm, up to 6 ms over a tree just read by a workspace scan, whose nodes are not in the
 * processor's caches (50,000 per step held the scan's event loop for up to 65 ms on the GitHub spec).
 */
const NODES_PER_STEP = 10_000;

/**
 * The `$ref` objects of a parsed document (with a root), in the order `collectRefObjects` meets
 * them; a tree walked whole is walked in steps (the 13 MB GitHub spec's takes some 35 ms).
 */
function* refObjectsSteps(document: ParsedDocument): Generator<void, readonly RefObject[], void> {
  const root = document.root!;
  const known = refObjectsByRoot.get(root);
  let found: readonly RefObject[] | undefined;
  // The same version, or one that took its tree back with its text (an undo): the same nodes.
  if (known !== undefined && hasTreeOf(document, known.version)) found = known.found;
  else if (known !== undefined && document.patch !== undefined && document.patch.fromVersion === known.version) {
    found = refObjectsAfterPatch(known.found, document.patch);
  }
  if (found === undefined) {
    const all: RefObject[] = [];
    const walk = new RefObjectWalk(root, (node, ref) => all.push({ node, ref }));
    while (!walk.run(NODES_PER_STEP)) yield;
    found = all;
  }
  refObjectsByRoot.set(root, { version: document.version, found });
  return found;
}

/**
 * The `$ref` objects after a patch, from those before it; undefined when that is not certain, and
 * the caller walks the whole tree. The nodes outside the patched subtree are the same, in the same
 * places, so what changes is the run of objects inside it (a subtree's nodes are met one after the
 * other): the old subtree's run gives way to the new subtree's objects. A `$ref` member itself, a
 * key that decides whether a subtree is example data, or new objects where there were none (their
 * place in the order is not known) make it uncertain.
 */
function refObjectsAfterPatch(before: readonly RefObject[], patch: NonNullable<ParsedDocument['patch']>): readonly RefObject[] | undefined {
  const { node, replaced, replacedKey } = patch;
  if (node.key === '$ref' || replacedKey === '$ref') return undefined;
  if (node === replaced) {
    // A key or scalar rewritten in place: below it are the same nodes, which count as before unless
    // the key decides whether they are example data.
    return decidesExampleData(node.key) || decidesExampleData(replacedKey) ? undefined : before;
  }
  const entries = patch.kept === undefined ? undefined : changedEntries(before, patch);
  if (entries !== undefined) return entries;
  const old = new Set<AstNode>();
  collectRefObjects(replaced, (found) => old.add(found));
  const fresh: RefObject[] = [];
  if (!insideExampleData(node)) collectRefObjects(node, (found, ref) => fresh.push({ node: found, ref }));
  return replaceRun(before, old, fresh);
}

/**
 * `before` with its run of the objects in `old` (met one after the other: a subtree's, or those of
 * a mapping's consecutive entries) replaced by `fresh`; undefined when there is no such run but
 * there are new objects, whose place in the order is not known.
 */
function replaceRun(before: readonly RefObject[], old: ReadonlySet<AstNode>, fresh: RefObject[]): readonly RefObject[] | undefined {
  let first = -1;
  let last = -1;
  if (old.size > 0) {
    for (let index = 0; index < before.length; index++) {
      if (!old.has(before[index].node)) continue;
      if (first < 0) first = index;
      last = index;
    }
  }
  if (first < 0) return fresh.length === 0 ? before : undefined;
  return [...before.slice(0, first), ...fresh, ...before.slice(last + 1)];
}

/**
 * `refObjectsAfterPatch` for a mapping made anew around kept entries (`ParsedDocument.patch.kept`):
 * only the run of the entries that changed gives way, to the objects of the new ones, met in the
 * walk's order (a mapping's entries from the last). Undefined when the mapping itself is a `$ref`
 * object, or the old entries had none (where the new ones' go is not known).
 */
function changedEntries(before: readonly RefObject[], patch: NonNullable<ParsedDocument['patch']>): readonly RefObject[] | undefined {
  const { node, replaced, kept } = patch;
  if (node.type !== 'object' || replaced.type !== 'object' || node.properties.has('$ref') || replaced.properties.has('$ref')) return undefined;
  const old = new Set<AstNode>();
  replaced.properties.forEach((value) => {
    if (!kept!.has(value)) collectRefObjects(value, (found) => old.add(found));
  });
  const fresh: RefObject[] = [];
  if (!insideExampleData(node)) {
    const changed = [...node.properties].filter(([key, value]) => !kept!.has(value) && (value.type === 'object' || value.type === 'array') && !isExampleData(node, key));
    for (let index = changed.length - 1; index >= 0; index--) collectRefObjects(changed[index][1], (found, ref) => fresh.push({ node: found, ref }));
  }
  return replaceRun(before, old, fresh);
}

/** Keys on which `collectRefObjects` decides that a subtree is example data (see `isExampleData`). */
function decidesExampleData(key: string | number | undefined): boolean {
  return key === 'example' || key === 'value' || key === 'examples';
}

/** Whether `collectRefObjects` skips a node as example data, or a subtree holding it. */
function insideExampleData(node: AstNode): boolean {
  for (let current: AstNode | undefined = node; current?.parent !== undefined; current = current.parent) {
    if (current.parent.type === 'object' && isExampleData(current.parent, current.key as string)) return true;
  }
  return false;
}

/** Whether the value under `key` of `owner` is example data: an `example`, or the `value` of an Example Object. */
function isExampleData(owner: ObjectNode, key: string): boolean {
  return key === 'example' || (key === 'value' && isExampleObject(owner));
}

/** Calls `visit` for every object with a string `$ref`, skipping example values (they are data). */
function collectRefObjects(root: AstNode, visit: (node: ObjectNode, ref: string) => void): void {
  new RefObjectWalk(root, visit).run(Number.POSITIVE_INFINITY);
}

/** `collectRefObjects` as a walk that can stop after some nodes and go on later (`run`). */
class RefObjectWalk {
  private readonly stack: AstNode[];

  constructor(
    root: AstNode,
    private readonly visit: (node: ObjectNode, ref: string) => void,
  ) {
    this.stack = [root];
  }

  /** Visits up to `nodes` more collections; true when the walk is done. */
  run(nodes: number): boolean {
    const stack = this.stack;
    for (let count = 0; count < nodes && stack.length > 0; count++) {
      const node = stack.pop()!;
      if (node.type === 'object') {
        const ref = node.properties.get('$ref');
        if (ref !== undefined && ref.type === 'string') this.visit(node, ref.value as string);
        // forEach rather than for…of: no [key, value] pair is allocated per property of a large
        // document; and one callback for every object, which reads the object and the stack from
        // these two, rather than a closure made per object.
        walkedObject = node;
        walkStack = stack;
        node.properties.forEach(pushMember);
        // Nothing is held past the call: a tree must not stay alive for the last object walked.
        walkedObject = undefined;
        walkStack = NO_STACK;
      } else if (node.type === 'array') {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i];
          if (item.type === 'object' || item.type === 'array') stack.push(item);
        }
      }
    }
    return stack.length === 0;
  }
}

/** The object whose members `pushMember` goes through, and the stack it pushes them on (see `RefObjectWalk.run`). */
let walkedObject: ObjectNode | undefined;
const NO_STACK: AstNode[] = [];
let walkStack = NO_STACK;

function pushMember(value: AstNode, key: string): void {
  if (value.type !== 'object' && value.type !== 'array') return;
  if (isExampleData(walkedObject!, key)) return;
  walkStack.push(value);
}

/** An Example Object (`examples: { name: { value: … } }`), whose `value` is literal data. */
function isExampleObject(node: ObjectNode): boolean {
  const container = node.parent;
  return container?.type === 'object' && container.key === 'examples';
}
