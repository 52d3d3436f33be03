import type { Language, Node, Tree } from 'web-tree-sitter';
import { LineIndex } from '../../model/lineIndex';
import type { SourceSpan } from '../callSite';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, IndexWalk, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const MAX_EVALUATION_DEPTH = 40;
const MAX_CONTEXT_LENGTH = 240;

/** An adapter's indexed types for one grammar, as `descendantsOfType` takes them. */
interface IndexedTypes {
  list: string[];
  /** Indexed names that the grammar also uses for an anonymous token; only their named nodes count. */
  sharedWithTokens: ReadonlySet<string>;
}

const indexedTypesByGrammar = new WeakMap<LanguageSyntax, WeakMap<Language, IndexedTypes>>();

/** Made once per adapter and grammar: the grammar's symbol table is fixed. */
function indexedTypesFor(syntax: LanguageSyntax, grammar: Language): IndexedTypes {
  let byGrammar = indexedTypesByGrammar.get(syntax);
  if (byGrammar === undefined) indexedTypesByGrammar.set(syntax, (byGrammar = new WeakMap()));
  let types = byGrammar.get(grammar);
  if (types === undefined) {
    const list = [...syntax.indexedTypes];
    types = { list, sharedWithTokens: new Set(list.filter((type) => grammar.idForNodeType(type, false) !== null)) };
    byGrammar.set(grammar, types);
  }
  return types;
}

/** Part of a file to index instead of all of it: the top-level statements that an edit touched. */
export interface SourceFileScope {
  /** The statements; their descendants are indexed, in order. */
  roots: readonly Node[];
  /** The imports of the whole file, which the detectors consult for the calls in these statements. */
  imports: ReadonlyMap<string, string>;
}

/** The keys a detector looked up through a `SourceFile`, by kind of look-up. */
export interface KeyLookups {
  /** Bindings: `valuesOf`, `singleValueOf`, evaluation of an identifier. */
  readonly bindings: Set<string>;
  /** `usesOf`: calls on a variable and assignments to its members. */
  readonly uses: Set<string>;
  /** `declaredTypeOf`. */
  readonly types: Set<string>;
}

/**
 * One parsed code file with the indexes every detector uses: calls, named values, literals,
 * bindings from names to values, declared types and imports. Built once per parse in one walk.
 *
 * It notes every key that a detector looks up through it (`lookups`): those are what ties the
 * results of one statement to code elsewhere in the file, so an edit elsewhere leaves the results
 * alone unless it changes what those keys resolve to (`definitionsOfLookups`, `definesAnyOf`).
 */
export class SourceFile {
  readonly lines: LineIndex;
  readonly calls: CallInfo[] = [];
  readonly namedValues: NamedValue[] = [];
  readonly literals: LiteralString[] = [];
  readonly imports: Map<string, string>;
  /** Keys looked up through the index so far (see the class comment). */
  readonly lookups: KeyLookups = { bindings: new Set(), uses: new Set(), types: new Set() };
  /** Where the nodes that give imports start (with a scope, those of its statements alone). */
  readonly importOffsets: number[] = [];
  /** Where declared types are written, by key. */
  private readonly typeDefinitions = new Map<string, number[]>();
  private readonly bindings = new Map<string, Node[]>();
  private readonly declaredTypes = new Map<string, string>();
  private readonly callsById = new Map<number, CallInfo>();
  /** Calls whose result is the receiver of another call (inner links of a method chain), found on first use. */
  private chainedCallIds: Set<number> | undefined;
  private readonly evaluating = new Set<number>();
  /** Nodes that a URL evaluation went through, so that a `new URL(...)` used by a call is not counted twice. */
  readonly consumedNodeIds = new Set<number>();

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly tree: Tree,
    readonly syntax: LanguageSyntax,
    scope?: SourceFileScope,
    lines?: LineIndex,
  ) {
    this.lines = lines ?? new LineIndex(text);
    this.imports = new Map(scope?.imports);
    this.index(scope?.roots ?? [tree.rootNode]);
  }

  /**
   * Visits the indexed nodes in source order (pre-order, a node before its children). The walk
   * itself runs inside the wasm module (`descendantsOfType`), so only the nodes of the indexed
   * types cross into JavaScript: stepping a cursor over every node from here cost more than the
   * parse. A grammar may also have an anonymous token of an indexed name (TypeScript's `string`
   * keyword next to its `string` literal); only named nodes count.
   */
  private index(roots: readonly Node[]): void {
    const types = indexedTypesFor(this.syntax, this.tree.language);
    const walk: IndexWalk = { entryOwners: new Map() };
    for (const root of roots) {
      for (const node of root.descendantsOfType(types.list)) {
        const type = node.type;
        if (!types.sharedWithTokens.has(type) || node.isNamed) this.visit(node, type, walk);
      }
    }
  }

  private visit(node: Node, type: string, walk: IndexWalk): void {
    const syntax = this.syntax;
    const literal = syntax.stringLiteral(node, type);
    if (literal !== undefined) this.literals.push(literal);
    const call = syntax.callOf(node, type);
    if (call !== undefined) {
      this.calls.push(call);
      this.callsById.set(node.id, call);
    }
    for (const named of syntax.namedValuesOf(node, type, walk)) {
      this.namedValues.push(named);
      if (named.bindingKey !== undefined) {
        let list = this.bindings.get(named.bindingKey);
        if (list === undefined) this.bindings.set(named.bindingKey, (list = []));
        list.push(named.value);
        if (named.declaredType !== undefined) this.declareType(named.bindingKey, named.declaredType, named.value.startIndex);
      }
    }
    const imports = syntax.importsOf(node, type);
    if (imports.length > 0) this.importOffsets.push(node.startIndex);
    for (const [local, module] of imports) this.imports.set(local, module);
    for (const declaration of syntax.typedDeclarationsOf?.(node, type) ?? []) this.declareType(declaration.key, declaration.type, node.startIndex);
  }

  private declareType(key: string, type: string, offset: number): void {
    this.declaredTypes.set(key, type);
    let offsets = this.typeDefinitions.get(key);
    if (offsets === undefined) this.typeDefinitions.set(key, (offsets = []));
    offsets.push(offset);
  }

  /** Whether any key was looked up through the index. */
  get hasLookups(): boolean {
    return this.lookups.bindings.size + this.lookups.uses.size + this.lookups.types.size > 0;
  }

  /**
   * Where the code that the looked-up keys resolve to starts: the values bound to them, the calls
   * on them and assignments to their members, their type declarations. Each lies in the top-level
   * statement that writes it.
   */
  definitionsOfLookups(): number[] {
    const offsets: number[] = [];
    for (const key of this.lookups.bindings) for (const value of this.bindings.get(key) ?? []) offsets.push(value.startIndex);
    for (const key of this.lookups.uses) {
      const uses = this.usesByRoot().get(key);
      for (const call of uses?.calls ?? []) offsets.push(call.node.startIndex);
      for (const assignment of uses?.assignments ?? []) offsets.push(assignment.nameNode.startIndex, assignment.value.startIndex);
    }
    for (const key of this.lookups.types) offsets.push(...(this.typeDefinitions.get(key) ?? []));
    return offsets.sort((a, b) => a - b);
  }

  /** Whether this index (of a scope's statements) binds, uses or declares any of the keys. */
  definesAnyOf(lookups: KeyLookups): boolean {
    for (const key of lookups.bindings) if (this.bindings.has(key)) return true;
    for (const key of lookups.types) if (this.declaredTypes.has(key)) return true;
    if (lookups.uses.size === 0) return false;
    const uses = this.usesByRoot();
    for (const key of lookups.uses) if (uses.has(key)) return true;
    return false;
  }

  /** The innermost plain string literal that contains a source offset. */
  literalContaining(offset: number): LiteralString | undefined {
    // Literals are indexed in source order; nested ones (a literal inside a template) come later.
    let low = 0;
    let high = this.literals.length - 1;
    let candidate = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.literals[mid].node.startIndex <= offset) {
        candidate = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    for (let index = candidate; index >= 0 && index > candidate - 8; index--) {
      const literal = this.literals[index];
      if (literal.node.startIndex <= offset && offset < literal.node.endIndex) return literal;
    }
    return undefined;
  }

  callAt(node: Node): CallInfo | undefined {
    return this.callsById.get(this.syntax.unwrap(node).id);
  }

  /** True for the outermost call of a chain (`a.b().c()` -> the `.c()` call). */
  isChainTop(call: CallInfo): boolean {
    if (this.chainedCallIds === undefined) {
      this.chainedCallIds = new Set();
      for (const outer of this.calls) {
        if (outer.receiver === undefined) continue;
        const inner = this.syntax.unwrap(outer.receiver);
        if (this.callsById.has(inner.id) || this.syntax.callOf(inner) !== undefined) this.chainedCallIds.add(inner.id);
      }
    }
    return !this.chainedCallIds.has(call.node.id);
  }

  /** The method calls of a chain, innermost first, ending with `top`; a constructor is the chain's root, not a link. */
  chainOf(top: CallInfo): CallInfo[] {
    const chain: CallInfo[] = [top];
    let current = top;
    while (current.receiver !== undefined) {
      const inner = this.callAt(current.receiver);
      if (inner === undefined || inner.isConstructor) break;
      chain.unshift(inner);
      current = inner;
    }
    return chain;
  }

  /** The receiver at the start of a chain (`axios` in `axios.create().get()`), when it is not a call. */
  chainRoot(top: CallInfo): Node | undefined {
    const first = this.chainOf(top)[0];
    return first.receiver === undefined ? undefined : this.syntax.unwrap(first.receiver);
  }

  /** Every value bound to a key in the file (declarations and assignments), in source order. */
  valuesOf(key: string): Node[] {
    this.lookups.bindings.add(key);
    return this.bindings.get(key) ?? [];
  }

  /** For each call, its end offset and the nearest call around it (-1 for none), by index in `calls`. */
  private callNesting: { ends: number[]; enclosing: Int32Array } | undefined;
  /** The arguments of calls looked at by `argumentPositionOf`, unwrapped, by node id. */
  private readonly argumentPositions = new Map<number, { call: CallInfo; index: number }>();
  private readonly callsWithKnownArguments = new Set<CallInfo>();

  /**
   * The call that takes a node as one of its arguments (after unwrapping), with the argument's
   * position. Such a call is the innermost call around the node: the path from a call down to an
   * argument passes only the argument list and wrappers (parentheses, casts, `await`), none of
   * them a call. So only that call's arguments are read, not those of every call in the file.
   */
  argumentPositionOf(node: Node): { call: CallInfo; index: number } | undefined {
    const calls = this.calls;
    if (calls.length === 0) return undefined;
    if (this.callNesting === undefined) {
      // Calls come in source order, a call before the calls inside it, and two calls either nest
      // or do not overlap: a stack of the open calls gives each call the nearest one around it.
      const ends = calls.map((call) => call.node.endIndex);
      const enclosing = new Int32Array(calls.length);
      const open: number[] = [];
      for (let index = 0; index < calls.length; index++) {
        while (open.length > 0 && ends[open[open.length - 1]] < ends[index]) open.pop();
        enclosing[index] = open.length > 0 ? open[open.length - 1] : -1;
        open.push(index);
      }
      this.callNesting = { ends, enclosing };
    }
    const { ends, enclosing } = this.callNesting;
    const start = node.startIndex;
    const end = node.endIndex;
    // The last call that starts at or before the node, then outwards to the first that holds it.
    let low = 0;
    let high = calls.length - 1;
    let candidate = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (calls[middle].node.startIndex <= start) {
        candidate = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    while (candidate !== -1 && (ends[candidate] < end || calls[candidate].node.id === node.id)) candidate = enclosing[candidate];
    if (candidate === -1) return undefined;
    const call = calls[candidate];
    if (!this.callsWithKnownArguments.has(call)) {
      this.callsWithKnownArguments.add(call);
      call.args.forEach((arg, index) => this.argumentPositions.set(this.syntax.unwrap(arg).id, { call, index }));
    }
    return this.argumentPositions.get(node.id);
  }

  /** The single value bound to a key, when the file binds it exactly once. */
  singleValueOf(key: string): Node | undefined {
    this.lookups.bindings.add(key);
    const values = this.bindings.get(key);
    return values?.length === 1 ? values[0] : undefined;
  }

  declaredTypeOf(key: string): string | undefined {
    this.lookups.types.add(key);
    return this.declaredTypes.get(key);
  }

  private usesByKey: Map<string, { calls: CallInfo[]; assignments: NamedValue[] }> | undefined;

  /**
   * What the file does with a variable after creating it: calls on it (`req.Header.Set(...)`,
   * `s.headers.update(...)`) and assignments to its members (`client.BaseAddress = ...`).
   */
  usesOf(key: string): { calls: CallInfo[]; assignments: NamedValue[] } {
    this.lookups.uses.add(key);
    return this.usesByRoot().get(key) ?? { calls: [], assignments: [] };
  }

  /** The calls and member assignments of the file, by the variable they start from. */
  private usesByRoot(): Map<string, { calls: CallInfo[]; assignments: NamedValue[] }> {
    if (this.usesByKey === undefined) {
      const uses = new Map<string, { calls: CallInfo[]; assignments: NamedValue[] }>();
      const entry = (root: string): { calls: CallInfo[]; assignments: NamedValue[] } => {
        let found = uses.get(root);
        if (found === undefined) uses.set(root, (found = { calls: [], assignments: [] }));
        return found;
      };
      for (const call of this.calls) {
        if (call.receiver === undefined) continue;
        const root = this.rootKeyOf(call.receiver);
        if (root !== undefined) entry(root).calls.push(call);
      }
      for (const named of this.namedValues) {
        if (named.objectKey === undefined) continue;
        const dot = named.objectKey.indexOf('.');
        entry(dot === -1 ? named.objectKey : named.objectKey.slice(0, dot)).assignments.push(named);
      }
      this.usesByKey = uses;
    }
    return this.usesByKey;
  }

  keyOf(node: Node): string | undefined {
    return this.syntax.bindingKey(this.syntax.unwrap(node));
  }

  /**
   * The variable an expression starts from: `api` for `api.defaults.headers`, `session` for
   * `self.session.headers.update(...)`, `client` for `client.R().Get(...)`.
   */
  rootKeyOf(node: Node): string | undefined {
    let current: Node | undefined = this.syntax.unwrap(node);
    let fallback: string | undefined;
    for (let steps = 0; current !== undefined && steps < 32; steps++) {
      const key = this.syntax.bindingKey(current);
      if (key !== undefined && !key.includes('.')) return key;
      fallback ??= key;
      const next: Node | undefined = this.syntax.memberObject(current) ?? this.callAt(current)?.receiver;
      current = next === undefined ? undefined : this.syntax.unwrap(next);
    }
    return fallback;
  }

  /**
   * The string an expression stands for: literals kept, same-file constants and variables bound
   * once (or always to the same text) inlined, everything else a hole.
   */
  evaluate(node: Node): StringTemplate {
    const target = this.syntax.unwrap(node);
    if (this.evaluating.has(target.id) || this.evaluating.size >= MAX_EVALUATION_DEPTH) return StringTemplate.hole();
    this.evaluating.add(target.id);
    this.consumedNodeIds.add(target.id);
    try {
      const literal = this.syntax.stringLiteral(target);
      if (literal !== undefined) return StringTemplate.text(literal.value, literal.contentStart, literal.verbatim);
      const special = this.syntax.evaluateSpecial(target, (inner) => this.evaluate(inner));
      if (special !== undefined) return special;
      const key = this.syntax.bindingKey(target);
      if (key !== undefined) return this.evaluateBinding(key);
      return StringTemplate.hole();
    } finally {
      this.evaluating.delete(target.id);
    }
  }

  private evaluateBinding(key: string): StringTemplate {
    this.lookups.bindings.add(key);
    const values = this.bindings.get(key);
    if (values === undefined || values.length === 0) return StringTemplate.hole();
    const results = values.map((value) => this.evaluate(value));
    const first = results[0];
    // A variable assigned different strings in different places has no single value.
    return results.every((result) => result.text === first.text) ? first : StringTemplate.hole();
  }

  /** The nearest statement or declaration around a node (the node itself at the top level). */
  statementOf(node: Node): Node {
    for (let current: Node | null = node; current !== null; current = current.parent) {
      if (this.syntax.isStatement(current)) return current;
    }
    return node;
  }

  span(node: Node, start = node.startIndex, end = node.endIndex): SourceSpan {
    const statement = this.statementOf(node);
    // Only the start of a long statement matters for the context; normalising all of it would make
    // every finding inside a large object literal cost as much as the literal.
    const own = normaliseCode(this.text.slice(start, Math.min(end, start + MAX_CONTEXT_LENGTH * 2)));
    const around = normaliseCode(this.text.slice(statement.startIndex, Math.min(statement.endIndex, statement.startIndex + MAX_CONTEXT_LENGTH * 2)));
    return {
      start,
      end,
      range: this.lines.rangeOf(start, end),
      context: `${own}|${around}`.slice(0, MAX_CONTEXT_LENGTH),
      statementLine: this.lines.positionAt(statement.startIndex).line,
    };
  }
}

/** Code text with whitespace runs collapsed, so that re-indentation keeps fingerprints. */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
