import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../languages';
import { field, joinTemplates, literalFromParts, namedChildrenOf, templateFromParts } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['string_fragment']);
const ESCAPES = new Set(['escape_sequence']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);
/** Literals, calls, named values and imports (see `LanguageSyntax.indexedTypes`). */
const INDEXED_TYPES = new Set(['string', 'template_string', 'call_expression', 'new_expression', 'variable_declarator', 'assignment_expression', 'pair', 'public_field_definition', 'field_definition', 'required_parameter', 'optional_parameter', 'assignment_pattern', 'import_statement']);
const STATEMENTS = /(_statement|_declaration|^public_field_definition|^field_definition|^method_definition)$/;

function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(current.type)) {
    // `as` / `satisfies` / type assertions keep the expression as their first named child.
    const inner = current.type === 'type_assertion' ? current.namedChildren[1] : current.namedChildren[0];
    if (inner === null || inner === undefined) break;
    current = inner;
  }
  return current;
}

function stringLiteral(node: Node): LiteralString | undefined {
  if (node.type === 'string') return literalFromParts(node, CONTENT, ESCAPES, node.startIndex + 1, node.endIndex - 1);
  if (node.type === 'template_string') {
    if (node.namedChildren.some((child) => child?.type === 'template_substitution')) return undefined;
    return literalFromParts(node, CONTENT, ESCAPES, node.startIndex + 1, node.endIndex - 1);
  }
  return undefined;
}

/** The name of a property key: `a`, `'a'`, `["a"]`. */
function propertyName(key: Node | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier') return key.text.replace(/^#/, '');
  const literal = stringLiteral(key);
  if (literal !== undefined) return literal.value;
  if (key.type === 'computed_property_name') {
    const inner = key.namedChildren[0];
    return inner === null || inner === undefined ? undefined : stringLiteral(inner)?.value;
  }
  if (key.type === 'number') return key.text;
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

function callOf(node: Node): CallInfo | undefined {
  if (node.type === 'call_expression') {
    const callee = field(node, 'function');
    if (callee === undefined) return undefined;
    const target = unwrap(callee);
    const args = argumentsOf(field(node, 'arguments'));
    if (target.type === 'identifier' || target.type === 'import') return { node, isConstructor: false, name: target.text, args, named: new Map() };
    if (target.type === 'member_expression') {
      const name = propertyName(field(target, 'property'));
      const receiver = field(target, 'object');
      if (name === undefined || receiver === undefined) return undefined;
      return { node, isConstructor: false, name, receiver, args, named: new Map() };
    }
    return undefined;
  }
  if (node.type === 'new_expression') {
    const constructor = field(node, 'constructor');
    if (constructor === undefined) return undefined;
    const target = unwrap(constructor);
    const args = argumentsOf(field(node, 'arguments'));
    if (target.type === 'identifier') return { node, isConstructor: true, name: target.text, args, named: new Map() };
    if (target.type === 'member_expression') {
      const name = propertyName(field(target, 'property'));
      const object = field(target, 'object');
      if (name === undefined) return undefined;
      return { node, isConstructor: true, name, qualifier: object === undefined ? undefined : dottedText(object), args, named: new Map() };
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

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'variable_declarator': {
      const name = field(node, 'name');
      const value = field(node, 'value');
      if (name?.type !== 'identifier' || value === undefined) return [];
      return [{ name: name.text, nameNode: name, value, kind: 'variable', bindingKey: name.text }];
    }
    case 'assignment_expression': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      const target = unwrap(left);
      if (target.type === 'identifier') return [{ name: target.text, nameNode: target, value, kind: 'assignment', bindingKey: target.text }];
      if (target.type === 'member_expression' || target.type === 'subscript_expression') {
        const nameNode = field(target, target.type === 'member_expression' ? 'property' : 'index');
        const name = target.type === 'member_expression' ? propertyName(nameNode) : nameNode === undefined ? undefined : stringLiteral(nameNode)?.value;
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
      const owner = node.parent === null ? undefined : objectOwnerKey(node.parent);
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

function importsOf(node: Node): [string, string][] {
  if (node.type === 'import_statement') {
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
  if (node.type === 'variable_declarator') {
    // `const x = require('m')`, `const { a, b: c } = require('m')`.
    const value = field(node, 'value');
    const call = value === undefined ? undefined : callOf(unwrap(value));
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

