import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../languages';
import { field, joinTemplates, literalFromParts, namedChildrenOf, templateFromParts } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, IndexWalk, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['string_fragment']);
const ESCAPES = new Set(['escape_sequence']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);
/** Literals, calls, named values and imports (see `LanguageSyntax.indexedTypes`). */
const INDEXED_TYPES = new Set(['string', 'template_string', 'call_expression', 'new_expression', 'variable_declarator', 'assignment_expression', 'pair', 'public_field_definition', 'field_definition', 'required_parameter', 'optional_parameter', 'assignment_pattern', 'import_statement']);
const STATEMENTS = /(_statement|_declaration|^public_field_definition|^field_definition|^method_definition)$/;

function unwrap(node: Node, type = node.type): Node {
  let current = node;
  let currentType = type;
  while (WRAPPERS.has(currentType)) {
    // `as` / `satisfies` / type assertions keep the expression as their first named child.
    const inner = currentType === 'type_assertion' ? current.namedChildren[1] : current.namedChildren[0];
    if (inner === null || inner === undefined) break;
    current = inner;
    currentType = inner.type;
  }
  return current;
}

/**
 * A string written plainly: between its two quotes, on one line, without escapes, HTML entities
 * (JSX attribute strings) or substitutions. Its value is its source text, which saves visiting its
 * children (each a crossing into WebAssembly); anything else takes the general path.
 */
function plainLiteral(node: Node, type: string): LiteralString | undefined {
  const source = node.text;
  const quote = source[0];
  if (source.length < 2 || source[source.length - 1] !== quote) return undefined;
  if (type === 'string' ? quote !== '"' && quote !== "'" : quote !== '`') return undefined;
  const content = source.slice(1, -1);
  if (content.includes('\\') || content.includes(quote)) return undefined;
  if (type === 'string' ? content.includes('\n') || content.includes('\r') || content.includes('&') : content.includes('${')) return undefined;
  return { node, value: content, contentStart: node.startIndex + 1, verbatim: true };
}

function stringLiteral(node: Node, type = node.type): LiteralString | undefined {
  if (type !== 'string' && type !== 'template_string') return undefined;
  const plain = plainLiteral(node, type);
  if (plain !== undefined) return plain;
  if (type === 'template_string' && node.namedChildren.some((child) => child?.type === 'template_substitution')) return undefined;
  return literalFromParts(node, CONTENT, ESCAPES, node.startIndex + 1, node.endIndex - 1);
}

/** The name of a property key: `a`, `'a'`, `["a"]`. */
function propertyName(key: Node | undefined): string | undefined {
  if (key === undefined) return undefined;
  const type = key.type;
  if (type === 'property_identifier' || type === 'identifier' || type === 'private_property_identifier') return key.text.replace(/^#/, '');
  const literal = stringLiteral(key, type);
  if (literal !== undefined) return literal.value;
  if (type === 'computed_property_name') {
    const inner = key.namedChildren[0];
    return inner === null || inner === undefined ? undefined : stringLiteral(inner)?.value;
  }
  if (type === 'number') return key.text;
  return undefined;
}

/** `x` → `x`; `this.x` → `x`; `API.BASE` → `API.BASE` (object constants). */
function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier' || target.type === 'shorthand_property_identifier') return target.text;
  if (target.type === 'member_expression') {
    const object = field(target, 'object');
    const property = propertyName(field(target, 'property'));
    if (object === undefined || property === undefined) return undefined;
    const inner = unwrap(object);
    if (inner.type === 'this') return property;
    if (inner.type === 'identifier') return `${inner.text}.${property}`;
  }
  if (target.type === 'subscript_expression') {
    const object = field(target, 'object');
    const index = field(target, 'index');
    const name = index === undefined ? undefined : stringLiteral(index)?.value;
    if (object !== undefined && name !== undefined && unwrap(object).type === 'identifier') return `${unwrap(object).text}.${name}`;
  }
  return undefined;
}

/** The dotted text of an object expression (`process.env`, `api.defaults.headers`), for settings detection. */
function dottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier' || target.type === 'this') return target.text;
  if (target.type === 'member_expression') {
    const object = field(target, 'object');
    const property = propertyName(field(target, 'property'));
    // `this.api.defaults` is written against the field `api`, which is what bindings call it.
    if (object !== undefined && unwrap(object).type === 'this') return property;
    const head = object === undefined ? undefined : dottedText(object);
    return head === undefined || property === undefined ? undefined : `${head}.${property}`;
  }
  if (target.type === 'subscript_expression') {
    const object = field(target, 'object');
    const index = field(target, 'index');
    const head = object === undefined ? undefined : dottedText(object);
    const name = index === undefined ? undefined : stringLiteral(index)?.value;
    return head === undefined || name === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function argumentsOf(list: Node | undefined): Node[] {
  if (list === undefined || list.type !== 'arguments') return [];
  return namedChildrenOf(list);
}

/** JavaScript has no keyword arguments: every call shares this empty map. */
const NO_NAMED_ARGUMENTS: ReadonlyMap<string, Node> = new Map();

/**
 * A call whose arguments are read on first use: most calls of a file are looked at by name only,
 * and reading the argument nodes crosses into WebAssembly for each of them.
 */
class JavascriptCall implements CallInfo {
  private argumentNodes: Node[] | undefined;
  readonly named = NO_NAMED_ARGUMENTS;
  readonly receiver?: Node;
  readonly qualifier?: string;

  constructor(
    readonly node: Node,
    readonly isConstructor: boolean,
    readonly name: string,
    receiver?: Node,
    qualifier?: string,
  ) {
    if (receiver !== undefined) this.receiver = receiver;
    if (qualifier !== undefined) this.qualifier = qualifier;
  }

  get args(): Node[] {
    this.argumentNodes ??= argumentsOf(field(this.node, 'arguments'));
    return this.argumentNodes;
  }
}

function callOf(node: Node, type = node.type): CallInfo | undefined {
  if (type === 'call_expression') {
    const callee = field(node, 'function');
    if (callee === undefined) return undefined;
    const target = unwrap(callee);
    const targetType = target.type;
    if (targetType === 'identifier' || targetType === 'import') return new JavascriptCall(node, false, target.text);
    if (targetType === 'member_expression') {
      const name = propertyName(field(target, 'property'));
      const receiver = field(target, 'object');
      if (name === undefined || receiver === undefined) return undefined;
      return new JavascriptCall(node, false, name, receiver);
    }
    return undefined;
  }
  if (type === 'new_expression') {
    const constructor = field(node, 'constructor');
    if (constructor === undefined) return undefined;
    const target = unwrap(constructor);
    const targetType = target.type;
    if (targetType === 'identifier') return new JavascriptCall(node, true, target.text);
    if (targetType === 'member_expression') {
      const name = propertyName(field(target, 'property'));
      const object = field(target, 'object');
      if (name === undefined) return undefined;
      const qualifier = object === undefined ? undefined : dottedText(object);
      return new JavascriptCall(node, true, name, undefined, qualifier);
    }
  }
  return undefined;
}

/** For `const client = { … }` entries: the variable that holds the object, so `client.key` resolves. */
function objectOwnerKey(object: Node): string | undefined {
  const parent = object.parent;
  if (parent?.type === 'variable_declarator' && field(parent, 'value')?.id === object.id) {
    const name = field(parent, 'name');
    if (name?.type === 'identifier') return name.text;
  }
  return undefined;
}

function namedValuesOf(node: Node, type = node.type, walk?: IndexWalk): NamedValue[] {
  switch (type) {
    case 'variable_declarator': {
      const name = field(node, 'name');
      const value = field(node, 'value');
      if (name?.type !== 'identifier' || value === undefined) return [];
      const variable = name.text;
      // The entries of an object literal are visited next; they learn here whose entries they are.
      if (walk !== undefined && value.type === 'object') {
        for (const entry of value.namedChildren) if (entry !== null && entry.type === 'pair') walk.entryOwners.set(entry.id, variable);
      }
      return [{ name: variable, nameNode: name, value, kind: 'variable', bindingKey: variable }];
    }
    case 'assignment_expression': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      const target = unwrap(left);
      const targetType = target.type;
      if (targetType === 'identifier') return [{ name: target.text, nameNode: target, value, kind: 'assignment', bindingKey: target.text }];
      if (targetType === 'member_expression' || targetType === 'subscript_expression') {
        const nameNode = field(target, targetType === 'member_expression' ? 'property' : 'index');
        const name = targetType === 'member_expression' ? propertyName(nameNode) : nameNode === undefined ? undefined : stringLiteral(nameNode)?.value;
        const object = field(target, 'object');
        if (name === undefined || nameNode === undefined || object === undefined) return [];
        const inner = unwrap(object);
        return [
          {
            name,
            nameNode,
            value,
            kind: 'assignment',
            bindingKey: inner.type === 'this' ? name : undefined,
            objectKey: dottedText(object),
          },
        ];
      }
      return [];
    }
    case 'pair': {
      const key = field(node, 'key');
      const value = field(node, 'value');
      const name = propertyName(key);
      if (key === undefined || value === undefined || name === undefined) return [];
      const owner = walk !== undefined ? walk.entryOwners.get(node.id) : node.parent === null ? undefined : objectOwnerKey(node.parent);
      return [{ name, nameNode: key, value, kind: 'entry', bindingKey: owner === undefined ? undefined : `${owner}.${name}` }];
    }
    case 'public_field_definition':
    case 'field_definition': {
      const key = field(node, 'name') ?? field(node, 'property');
      const value = field(node, 'value');
      const name = propertyName(key);
      if (key === undefined || value === undefined || name === undefined) return [];
      return [{ name, nameNode: key, value, kind: 'variable', bindingKey: name }];
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const pattern = field(node, 'pattern');
      const value = field(node, 'value');
      if (pattern?.type !== 'identifier' || value === undefined) return [];
      return [{ name: pattern.text, nameNode: pattern, value, kind: 'parameter' }];
    }
    case 'assignment_pattern': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left?.type !== 'identifier' || value === undefined) return [];
      return [{ name: left.text, nameNode: left, value, kind: 'parameter' }];
    }
    default:
      return [];
  }
}

function entriesOf(node: Node): NamedValue[] | undefined {
  const target = unwrap(node);
  if (target.type !== 'object') return undefined;
  const entries: NamedValue[] = [];
  for (const child of namedChildrenOf(target)) {
    if (child.type === 'pair') entries.push(...namedValuesOf(child));
    else if (child.type === 'shorthand_property_identifier') entries.push({ name: child.text, nameNode: child, value: child, kind: 'entry' });
  }
  return entries;
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'number':
      return StringTemplate.text(node.text);
    case 'template_string':
      return templateFromParts(node, CONTENT, ESCAPES, (child) => (child.type === 'template_substitution' ? (child.namedChildren[0] ?? undefined) : undefined), evaluate);
    case 'binary_expression': {
      if (field(node, 'operator')?.text !== '+') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left === undefined || right === undefined) return undefined;
      return StringTemplate.concat([evaluate(left), evaluate(right)]);
    }
    case 'new_expression': {
      const call = callOf(node);
      if (call?.name !== 'URL' || call.args.length === 0) return undefined;
      const path = evaluate(call.args[0]);
      return call.args.length > 1 ? joinTemplates(evaluate(call.args[1]), path) : path;
    }
    case 'member_expression': {
      // `new URL(…).href` / `.toString()` are the URL itself.
      const property = field(node, 'property')?.text;
      const object = field(node, 'object');
      if ((property === 'href' || property === 'url') && object !== undefined && unwrap(object).type === 'new_expression') return evaluate(object);
      return undefined;
    }
    case 'call_expression': {
      const call = callOf(node);
      if (call === undefined) return undefined;
      if (call.receiver !== undefined && (call.name === 'toString' || call.name === 'replace' || call.name === 'replaceAll' || call.name === 'trim') && call.args.length <= 2) {
        // Generated clients write `'/pets/{id}'.replace('{id}', …)`: the template keeps the parameter.
        return evaluate(call.receiver);
      }
      if (call.receiver !== undefined && call.name === 'concat') return StringTemplate.concat([evaluate(call.receiver), ...call.args.map(evaluate)]);
      if (call.receiver === undefined && call.name === 'String' && call.args.length === 1) return evaluate(call.args[0]);
      if (call.receiver !== undefined && call.name === 'join') {
        const array = unwrap(call.receiver);
        if (array.type !== 'array') return undefined;
        const separator = call.args.length === 0 ? StringTemplate.text(',') : evaluate(call.args[0]);
        const parts: StringTemplate[] = [];
        namedChildrenOf(array).forEach((element, index) => {
          if (index > 0) parts.push(separator);
          parts.push(evaluate(element));
        });
        return StringTemplate.concat(parts);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function booleanOf(node: Node): boolean | undefined {
  const target = unwrap(node);
  if (target.type === 'true') return true;
  if (target.type === 'false') return false;
  return undefined;
}

function returnedConstant(node: Node): Node | undefined {
  const target = unwrap(node);
  if (target.type !== 'arrow_function' && target.type !== 'function_expression' && target.type !== 'function') return undefined;
  const body = field(target, 'body');
  if (body === undefined) return undefined;
  if (body.type !== 'statement_block') return unwrap(body);
  const statements = namedChildrenOf(body);
  if (statements.length === 1 && statements[0].type === 'return_statement') {
    const value = statements[0].namedChildren[0];
    return value === null || value === undefined ? undefined : unwrap(value);
  }
  return undefined;
}

function importsOf(node: Node, type = node.type): [string, string][] {
  if (type === 'import_statement') {
    const source = field(node, 'source');
    const module = source === undefined ? undefined : stringLiteral(source)?.value;
    if (module === undefined) return [];
    const found: [string, string][] = [];
    const clause = node.namedChildren.find((child) => child?.type === 'import_clause');
    for (const part of namedChildrenOf(clause)) {
      if (part.type === 'identifier') found.push([part.text, module]);
      else if (part.type === 'namespace_import') {
        const name = part.namedChildren.find((child) => child?.type === 'identifier');
        if (name) found.push([name.text, module]);
      } else if (part.type === 'named_imports') {
        for (const specifier of namedChildrenOf(part)) {
          const name = field(specifier, 'name')?.text;
          const alias = field(specifier, 'alias')?.text;
          if (name !== undefined) found.push([alias ?? name, `${module}.${name}`]);
        }
      }
    }
    return found;
  }
  if (type === 'variable_declarator') {
    // `const x = require('m')`, `const { a, b: c } = require('m')`.
    const value = field(node, 'value');
    const valueType = value?.type;
    if (value === undefined || valueType === undefined || (valueType !== 'call_expression' && valueType !== 'new_expression' && !WRAPPERS.has(valueType))) return [];
    const call = callOf(unwrap(value, valueType));
    if (call?.name !== 'require' || call.receiver !== undefined || call.args.length !== 1) return [];
    const module = stringLiteral(call.args[0])?.value;
    const name = field(node, 'name');
    if (module === undefined || name === undefined) return [];
    if (name.type === 'identifier') return [[name.text, module]];
    if (name.type === 'object_pattern') {
      const found: [string, string][] = [];
      for (const part of namedChildrenOf(name)) {
        if (part.type === 'shorthand_property_identifier_pattern') found.push([part.text, `${module}.${part.text}`]);
        else if (part.type === 'pair_pattern') {
          const key = propertyName(field(part, 'key'));
          const alias = field(part, 'value');
          if (key !== undefined && alias?.type === 'identifier') found.push([alias.text, `${module}.${key}`]);
        }
      }
      return found;
    }
  }
  return [];
}

export function javascriptSyntax(language: CodeLanguage): LanguageSyntax {
  return {
    language,
    indexedTypes: INDEXED_TYPES,
    stringLiteral,
    evaluateSpecial,
    bindingKey,
    callOf,
    memberObject: (node) => (node.type === 'member_expression' || node.type === 'subscript_expression' ? field(node, 'object') : undefined),
    namedValuesOf,
    entriesOf,
    booleanOf,
    unwrap,
    returnedConstant,
    isStatement: (node) => STATEMENTS.test(node.type),
    importsOf,
  };
}

