import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../languages';
import type { StringTemplate } from './stringTemplate';

/** A plain string literal (no interpolation) with its decoded value. */
export interface LiteralString {
  node: Node;
  value: string;
  /** Offset of the first character of the value in the source (after quotes and prefixes). */
  contentStart: number;
  /** True when the value is the source text itself (no escape sequences were decoded). */
  verbatim: boolean;
}

/** A call, method call or constructor call, in the same shape for every language. */
export interface CallInfo {
  node: Node;
  isConstructor: boolean;
  /** The function, method or class name as written, without receiver or namespace. */
  name: string;
  /** The object a method is called on (`axios` in `axios.get(…)`, the inner call in a chain). */
  receiver?: Node;
  /** For static calls and constructors, the qualifier (`Http` in `Http::get`, `GuzzleHttp` in `new GuzzleHttp\Client`). */
  qualifier?: string;
  /** Positional arguments. */
  args: Node[];
  /** Keyword / named arguments (Python `verify=False`, C# `name: x`, PHP `name: x`). */
  named: ReadonlyMap<string, Node>;
  /** A C# object initializer or similar trailing block of `Name = value` entries. */
  initializer?: Node;
}

/**
 * A value written under a name: a variable or constant declaration, an assignment, an object or
 * dictionary entry, a keyword argument or a parameter default. Secrets and TLS settings are found
 * through these; variables also feed the bindings that resolve identifiers in URLs.
 */
export interface NamedValue {
  name: string;
  nameNode: Node;
  value: Node;
  kind: 'variable' | 'assignment' | 'entry' | 'argument' | 'parameter';
  /** For `x = …`, `this.x = …`, `const x = …`: the key under which `x` resolves elsewhere in the file. */
  bindingKey?: string;
  /** For `obj.prop = …`: the binding key of `obj` (e.g. `session` in `session.verify = False`). */
  objectKey?: string;
  /** The declared type, where the language writes one (`HttpClient client`, `var x *http.Client`). */
  declaredType?: string;
}

/**
 * What one walk over a file's indexed nodes (in source order, each node before its descendants)
 * hands from a node to its descendants, so that an adapter need not climb to a parent: tree-sitter
 * finds a node's parent by searching down from the root.
 */
export interface IndexWalk {
  /** The variable an object literal entry belongs to, by the entry's node id (`const api = { base: … }` → `api`). */
  readonly entryOwners: Map<number, string>;
}

/**
 * What the shared extraction needs to know about one language's syntax tree. The functions that
 * the file index calls for every indexed node take the node's `type` when the caller knows it:
 * each read of `node.type` is a call into WebAssembly.
 */
export interface LanguageSyntax {
  language: CodeLanguage;
  /**
   * The node types the other functions of this adapter look at (literals, calls, named values,
   * imports, typed declarations). The file index builds node objects only for these: crossing into
   * the wasm heap for every node of a large file would cost more than the whole analysis.
   */
  indexedTypes: ReadonlySet<string>;
  /** The value of a plain string literal; undefined for anything else. */
  stringLiteral(node: Node, type?: string): LiteralString | undefined;
  /**
   * Language-specific string expressions: interpolated strings, concatenation, format calls,
   * URL/URI constructors. `evaluate` resolves sub-expressions (identifiers included).
   */
  evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined;
  /** The binding key of an identifier-like expression (`x`, `this.x`, `self.x`, `$x`, `self::X`). */
  bindingKey(node: Node): string | undefined;
  callOf(node: Node, type?: string): CallInfo | undefined;
  /** The object of a member access (`a.b` → `a`), else undefined. */
  memberObject(node: Node): Node | undefined;
  /** Named values that this node introduces (empty for most nodes); `walk` is given during the file index's walk. */
  namedValuesOf(node: Node, type?: string, walk?: IndexWalk): NamedValue[];
  /** The entries of an options object, dictionary, keyed array, initializer or composite literal. */
  entriesOf(node: Node): NamedValue[] | undefined;
  /** `true` / `false` literals (language spelling), else undefined. */
  booleanOf(node: Node): boolean | undefined;
  /** Strips parentheses, `await`, `&`, casts and similar wrappers that do not change a value. */
  unwrap(node: Node): Node;
  /** For a function expression whose body only returns a constant, that constant. */
  returnedConstant(node: Node): Node | undefined;
  /** Whether a node is a statement or declaration: the unit of code context and of suppressions. */
  isStatement(node: Node): boolean;
  /** Imported names: local name → module or qualified name. */
  importsOf(node: Node, type?: string): [string, string][];
  /** Typed declarations with or without a value (`HttpClient client;`, `private readonly http: HttpClient`). */
  typedDeclarationsOf?(node: Node, type?: string): { key: string; type: string }[];
}
