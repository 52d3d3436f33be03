import type { AstNode } from '../../../model/ast';
import type { ParsedDocument } from '../../../model/parseDocument';
import type { ApiDescription, RefSite } from '../../../openapi/types';

/** One strongly connected group of references: every reference in it leads back to itself. */
export interface RefCycle {
  /** Every reference of the group, in document order (the API's document order, then offset). */
  sites: RefSite[];
  /** One concrete cycle through the group, starting at its first reference. */
  chain: RefSite[];
  /** True when each reference of the chain points straight at the next `$ref` object: it never reaches a value. */
  direct: boolean;
}

/**
 * Finds the reference cycles of an API in time linear in its references.
 *
 * A reference leads to every reference inside the subtree it points at. Listing those edges
 * directly can be quadratic (many references into one large subtree), so the graph gets one
 * extra vertex per distinct target node: a reference has one edge to its target's vertex, and a
 * target's vertex has edges to the references and targets nested directly inside it (the
 * nearest enclosing target in the AST). Reaching a target therefore reaches exactly the
 * references of its subtree, and target-to-target edges alone are acyclic, so the strongly
 * connected components that contain references are the reference cycles. Tarjan's algorithm,
 * run without recursion, finds them.
 */
export function findRefCycles(api: ApiDescription): RefCycle[] {
  const sites = api.refSites;
  const root = api.root.root;
  let cycles = prepared.get(api) ?? (root === undefined ? undefined : rememberedCycles(root, api));
  if (cycles === undefined) {
    cycles = cyclesOf(api);
    remember(api, cycles);
  }
  return cycles.map((cycle) => ({ sites: cycle.sites.map((index) => sites[index]), chain: cycle.chain.map((index) => sites[index]), direct: cycle.direct }));
}

/**
 * `findRefCycles`' search done ahead in steps (`SpecRule.prepareSteps`), for a caller that runs in
 * slices of an event loop: on the 13 MB GitHub spec the search took 40–60 ms in one go. Nothing is
 * done when the remembered graph is still the API's.
 */
export function* prepareRefCyclesSteps(api: ApiDescription): Generator<void, void, void> {
  if (prepared.has(api)) return;
  const root = api.root.root;
  const known = root === undefined ? undefined : rememberedCycles(root, api);
  if (known !== undefined) {
    // Kept for `check`, which would otherwise compare the graphs again.
    prepared.set(api, known);
    return;
  }
  const cycles = yield* cyclesOfSteps(api);
  prepared.set(api, cycles);
  // The next version (a keystroke) compares its graph with this one, whichever way it was found.
  remember(api, cycles);
}

function remember(api: ApiDescription, cycles: IndexedCycle[]): void {
  const root = api.root.root;
  if (root === undefined) return;
  remembered.set(root, {
    nodes: api.refSites.map((site) => site.node),
    targets: api.refSites.map((site) => site.target?.node),
    documents: api.documents.map((doc) => doc.uri),
    versions: api.documents.map((doc) => doc.version),
    cycles,
  });
}

/** The remembered cycles of the API with this root node, when its graph is still the API's (see `sameGraph`). */
function rememberedCycles(root: AstNode, api: ApiDescription): IndexedCycle[] | undefined {
  const known = remembered.get(root);
  if (known === undefined) return undefined;
  const same = sameGraph(known, api);
  if (same === undefined) return undefined;
  // The next keystroke compares its graph with this one's nodes.
  if (same === 'counterparts') remember(api, known.cycles);
  return known.cycles;
}

/** The cycles `prepareRefCyclesSteps` found, by API. */
const prepared = new WeakMap<ApiDescription, IndexedCycle[]>();

/** Vertices and edges `cyclesOfSteps` goes through between two yields (a few milliseconds). */
const WORK_PER_STEP = 4_000;

/** A cycle by the indices of its references in `api.refSites`. */
interface IndexedCycle {
  sites: number[];
  chain: number[];
  direct: boolean;
}

/**
 * The graph and cycles of the last analysis of each API (by its root node, which a patched
 * version of an edited document keeps), so that a keystroke that left every reference and target
 * where it was does not search the graph again.
 */
interface RememberedGraph {
  nodes: AstNode[];
  targets: (AstNode | undefined)[];
  documents: string[];
  /** The version of each document, for the patches made since (`ParsedDocument.patch`). */
  versions: number[];
  cycles: IndexedCycle[];
}

const remembered = new WeakMap<AstNode, RememberedGraph>();

/**
 * Whether the API's reference graph is the remembered one: the same `$ref` objects pointing at the
 * same target nodes, in the same documents ('identical'), or their counterparts in a subtree that a
 * patch read again ('counterparts'); undefined when it is another graph.
 *
 * The edges between references and targets follow the tree's parent links, which an edit changes
 * only by putting new nodes in: a patch re-reads a subtree as new nodes (or renames a key in
 * place), so a reference or target below the changed place is a new node. When every new one is
 * the node at the same place of the new subtree as the old one had in the subtree it replaced (the
 * same keys all the way down, `counterpartAfter`), in the same order, and every other is the same
 * node, the new graph is the old one with nodes renamed: the same cycles, by the same indices. A
 * new key typed into a block that holds references, or a description, leaves the graph as it was,
 * although the references there are new objects. Offsets move with an edit, but not the order of
 * the nodes they sort.
 */
function sameGraph(known: RememberedGraph, api: ApiDescription): 'identical' | 'counterparts' | undefined {
  const sites = api.refSites;
  if (sites.length !== known.nodes.length || api.documents.length !== known.documents.length) return undefined;
  let patches: NonNullable<ParsedDocument['patch']>[] | undefined;
  for (let index = 0; index < api.documents.length; index++) {
    const doc = api.documents[index];
    if (doc.uri !== known.documents[index]) return undefined;
    // A document patched from the remembered version: its new nodes may be counterparts of old ones.
    if (doc.version !== known.versions[index] && doc.patch !== undefined && doc.patch.fromVersion === known.versions[index] && doc.patch.replaced !== doc.patch.node) {
      (patches ??= []).push(doc.patch);
    }
  }
  let same: 'identical' | 'counterparts' = 'identical';
  for (let index = 0; index < sites.length; index++) {
    const node = sites[index].node;
    const target = sites[index].target?.node;
    const knownNode = known.nodes[index];
    const knownTarget = known.targets[index];
    if (node === knownNode && target === knownTarget) continue;
    if (patches === undefined) return undefined;
    if (node !== knownNode && node !== counterpartAfter(patches, knownNode)) return undefined;
    // A target gone, or a new one, makes another graph; a counterpart is never undefined.
    if (target !== knownTarget && (knownTarget === undefined || target === undefined || target !== counterpartAfter(patches, knownTarget))) return undefined;
    same = 'counterparts';
  }
  return same;
}

/**
 * The node at the place `old` had in a subtree one of the patches replaced, in the subtree that
 * took its place: the same keys (and item indices) from the subtree's top down, and the same kind
 * of node; undefined when `old` was in no replaced subtree, or the new one has no such node. Keys
 * rather than positions: typing a new key into a block moves its later members, not their names.
 */
function counterpartAfter(patches: readonly NonNullable<ParsedDocument['patch']>[], old: AstNode): AstNode | undefined {
  for (const patch of patches) {
    const keys: (string | number | undefined)[] = [];
    let current = old;
    while (current !== patch.replaced && current.parent !== undefined) {
      keys.push(current.key);
      current = current.parent;
    }
    if (current !== patch.replaced) continue;
    let fresh: AstNode | undefined = patch.node;
    for (let index = keys.length - 1; index >= 0 && fresh !== undefined; index--) {
      const key = keys[index];
      if (fresh.type === 'object' && typeof key === 'string') fresh = fresh.properties.get(key);
      else if (fresh.type === 'array' && typeof key === 'number') fresh = fresh.items[key];
      else fresh = undefined;
    }
    return fresh !== undefined && fresh.type === old.type ? fresh : undefined;
  }
  return undefined;
}

/** `cyclesOfSteps` in one go. */
function cyclesOf(api: ApiDescription): IndexedCycle[] {
  const steps = cyclesOfSteps(api);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

function* cyclesOfSteps(api: ApiDescription): Generator<void, IndexedCycle[], void> {
  const sites = api.refSites;
  // Work done since the last yield: one unit per vertex, edge or parent link gone through.
  let work = 0;
  const siteCount = sites.length;
  const targetIndex = new Map<AstNode, number>();
  const targetNodes: AstNode[] = [];
  // The vertex of each reference's target, -1 for a reference without one.
  const siteTarget = new Int32Array(siteCount).fill(-1);
  for (let index = 0; index < siteCount; index++) {
    const target = sites[index].target;
    if (target === undefined) continue;
    let vertex = targetIndex.get(target.node);
    if (vertex === undefined) {
      vertex = siteCount + targetNodes.length;
      targetIndex.set(target.node, vertex);
      targetNodes.push(target.node);
    }
    siteTarget[index] = vertex;
    if (++work >= WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  if (targetNodes.length === 0) return [];

  // The nearest enclosing target of a node (itself included). Most walks up are a few parent links
  // long (a reference in a schema's properties, under the definition it belongs to), and
  // memoising every node they pass cost more than the walks (a map entry per node, some 40,000 on
  // kubernetes.json's 9,850 references). So a walk only looks for targets for its first
  // `SHORT_WALK` links; from there on it memoises the nodes it passes, which keeps a deep tree
  // linear: each node is memoised once.
  const enclosing = new Map<AstNode, number>();
  const memoisedNearest = (start: AstNode | undefined): number => {
    const path: AstNode[] = [];
    let found = -1;
    for (let node = start; node !== undefined; node = node.parent) {
      work++;
      const known = enclosing.get(node);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(node);
      const vertex = targetIndex.get(node);
      if (vertex !== undefined) {
        found = vertex;
        break;
      }
    }
    for (const node of path) enclosing.set(node, found);
    return found;
  };
  const nearestTarget = (start: AstNode | undefined): number => {
    let node = start;
    for (let steps = 0; node !== undefined && steps < SHORT_WALK; steps++, node = node.parent) {
      work++;
      const vertex = targetIndex.get(node);
      if (vertex !== undefined) return vertex;
    }
    return node === undefined ? -1 : memoisedNearest(node);
  };
  // The target each vertex is nested in (-1 for none): references first, then targets.
  const vertexCount = siteCount + targetNodes.length;
  const enclosingTarget = new Int32Array(vertexCount);
  for (let index = 0; index < siteCount; index++) {
    enclosingTarget[index] = nearestTarget(sites[index].node);
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  for (let offset = 0; offset < targetNodes.length; offset++) {
    enclosingTarget[siteCount + offset] = nearestTarget(targetNodes[offset].parent);
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  const edges = graphOf(siteTarget, enclosingTarget);

  const documentOrder = new Map(api.documents.map((doc, index) => [doc.uri, index] as const));
  const compareSites = (a: RefSite, b: RefSite): number =>
    (documentOrder.get(a.doc.uri) ?? 0) - (documentOrder.get(b.doc.uri) ?? 0) || a.node.start - b.node.start;
  const cycles: IndexedCycle[] = [];
  for (const component of yield* stronglyConnectedComponentsSteps(edges)) {
    if (component.length < 2) continue;
    // The sort and the breadth-first search below go through the component and its edges.
    work += component.length * 4;
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield;
    }
    const members = component.filter((vertex) => vertex < siteCount).sort((a, b) => compareSites(sites[a], sites[b]));
    if (members.length === 0) continue;
    const chain = shortestCycle(members[0], new Set(component), edges).filter((vertex) => vertex < siteCount);
    cycles.push({ sites: members, chain, direct: chain.every((vertex) => targetIsReference(vertex, edges, sites, targetNodes)) });
  }
  return cycles.sort((a, b) => compareSites(sites[a.sites[0]], sites[b.sites[0]]));
}

/**
 * The reference graph of `cyclesOfSteps` in compressed rows: the successors of vertex `v` are
 * `successors[first[v]]` up to (not including) `successors[first[v + 1]]`. Vertices below the
 * number of references are references, the others their targets. Two typed arrays rather than a
 * list per vertex: on kubernetes.json's or the DigitalOcean spec's some 9,900 references the lists
 * were some 20,000 arrays for the collector to copy, and their first items each a new backing store.
 */
interface Graph {
  first: Int32Array;
  successors: Int32Array;
}

/**
 * The graph of references (`siteTarget`: each reference's target vertex, or -1) and of the target
 * each vertex is nested in (`enclosingTarget`, or -1). A reference's only edge leads to its
 * target; a target's lead to the references nested in it, in their order, then to the targets
 * nested in it, in theirs.
 */
function graphOf(siteTarget: Int32Array, enclosingTarget: Int32Array): Graph {
  const vertexCount = enclosingTarget.length;
  const first = new Int32Array(vertexCount + 1);
  for (let site = 0; site < siteTarget.length; site++) if (siteTarget[site] >= 0) first[site + 1]++;
  for (let vertex = 0; vertex < vertexCount; vertex++) if (enclosingTarget[vertex] >= 0) first[enclosingTarget[vertex] + 1]++;
  for (let vertex = 0; vertex < vertexCount; vertex++) first[vertex + 1] += first[vertex];
  const successors = new Int32Array(first[vertexCount]);
  const next = first.slice(0, vertexCount);
  for (let site = 0; site < siteTarget.length; site++) if (siteTarget[site] >= 0) successors[next[site]++] = siteTarget[site];
  for (let vertex = 0; vertex < vertexCount; vertex++) {
    const parent = enclosingTarget[vertex];
    if (parent >= 0) successors[next[parent]++] = vertex;
  }
  return { first, successors };
}

/** Parent links a walk up from a reference goes without memoising (see `nearestTarget` in `cyclesOfSteps`). */
const SHORT_WALK = 16;

/**
 * Whether the reference at `vertex` points straight at a `$ref` object of the API. A reference's
 * only edge leads to its target's vertex; a target that is itself a reference encloses itself, so
 * its vertex has an edge to that reference's vertex (`nearestTarget` counts the node itself).
 */
function targetIsReference(vertex: number, edges: Graph, sites: readonly RefSite[], targetNodes: readonly AstNode[]): boolean {
  const { first, successors } = edges;
  if (first[vertex] === first[vertex + 1]) return false;
  const target = successors[first[vertex]];
  const node = targetNodes[target - sites.length];
  for (let edge = first[target]; edge < first[target + 1]; edge++) {
    const inside = successors[edge];
    if (inside < sites.length && sites[inside].node === node) return true;
  }
  return false;
}

/**
 * Tarjan's strongly connected components of more than one vertex (a reference cycle has at least a
 * reference and its target), iterative so that deep reference chains cannot overflow the stack,
 * yielding every `WORK_PER_STEP` edges or vertices gone through. The search's frames are two typed
 * arrays (vertex, next edge), and the single vertices, which nearly every vertex is, make no list.
 */
function* stronglyConnectedComponentsSteps(edges: Graph): Generator<void, number[][], void> {
  const { first, successors } = edges;
  const count = first.length - 1;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  const components: number[][] = [];
  // Each vertex is on the search's path at most once.
  const frameVertex = new Int32Array(count);
  const frameNext = new Int32Array(count);
  let frames = 0;
  let counter = 0;
  let done = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    frameVertex[0] = root;
    frameNext[0] = first[root];
    frames = 1;
    index[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (frames > 0) {
      if (++done >= WORK_PER_STEP) {
        done = 0;
        yield;
      }
      const top = frames - 1;
      const vertex = frameVertex[top];
      if (frameNext[top] < first[vertex + 1]) {
        const successor = successors[frameNext[top]++];
        if (index[successor] === -1) {
          index[successor] = low[successor] = counter++;
          stack[stackSize++] = successor;
          onStack[successor] = 1;
          frameVertex[frames] = successor;
          frameNext[frames] = first[successor];
          frames++;
        } else if (onStack[successor] === 1) {
          low[vertex] = Math.min(low[vertex], index[successor]);
        }
        continue;
      }
      frames--;
      if (frames > 0) {
        const parent = frameVertex[frames - 1];
        low[parent] = Math.min(low[parent], low[vertex]);
      }
      if (low[vertex] === index[vertex]) {
        if (stack[stackSize - 1] === vertex) {
          // A component of this vertex alone.
          stackSize--;
          onStack[vertex] = 0;
          continue;
        }
        const component: number[] = [];
        let member: number;
        do {
          member = stack[--stackSize];
          onStack[member] = 0;
          component.push(member);
        } while (member !== vertex);
        components.push(component);
      }
    }
  }
  return components;
}

/** The vertices of a shortest path from `start` back to itself inside one component (breadth-first). */
function shortestCycle(start: number, component: Set<number>, edges: Graph): number[] {
  const { first, successors } = edges;
  const previous = new Map<number, number>();
  const queue: number[] = [];
  for (let edge = first[start]; edge < first[start + 1]; edge++) {
    const successor = successors[edge];
    if (!component.has(successor) || previous.has(successor)) continue;
    previous.set(successor, start);
    queue.push(successor);
  }
  for (let head = 0; head < queue.length && !previous.has(start); head++) {
    const vertex = queue[head];
    for (let edge = first[vertex]; edge < first[vertex + 1]; edge++) {
      const successor = successors[edge];
      if (!component.has(successor) || previous.has(successor)) continue;
      previous.set(successor, vertex);
      queue.push(successor);
    }
  }
  const path: number[] = [];
  for (let vertex = previous.get(start); vertex !== undefined && vertex !== start; vertex = previous.get(vertex)) path.push(vertex);
  return [start, ...path.reverse()];
}
