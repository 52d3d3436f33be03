import type { Node } from 'web-tree-sitter';
import { decodeEscape, field, joinTemplates, namedChildrenOf, templateFromParts } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['string_content', 'string_value']);
const ESCAPES = new Set(['escape_sequence']);
const PHP_FORMAT = /%%|%(?:\d+\$)?[-+ 0]*(?:'.)?\d*(?:\.\d+)?[bcdeEfFgGosuxX]/;
const INTERPOLATED = new Set(['encapsed_string', 'heredoc']);

function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' || current.type === 'argument') {
    const children = namedChildrenOf(current);
    const inner = children[children.length - 1];
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

function partsOf(node: Node): Node[] {
  if (node.type === 'heredoc') return namedChildrenOf(field(node, 'value'));
  return namedChildrenOf(node);
}

function stringLiteral(node: Node): LiteralString | undefined {
  if (node.type !== 'string' && !INTERPOLATED.has(node.type) && node.type !== 'nowdoc') return undefined;
  const parts = node.type === 'nowdoc' ? namedChildrenOf(field(node, 'value')) : partsOf(node);
  let value = '';
  let verbatim = true;
  let contentStart: number | undefined;
  for (const part of parts) {
    if (CONTENT.has(part.type) || part.type === 'nowdoc_string') {
      contentStart ??= part.startIndex;
      value += part.text;
    } else if (ESCAPES.has(part.type)) {
      contentStart ??= part.startIndex;
      value += decodeEscape(part.text);
      verbatim = false;
    } else {
      return undefined;
    }
  }
  const quote = node.text.startsWith("'") || node.text.startsWith('"') ? 1 : 0;
  return { node, value, contentStart: contentStart ?? node.startIndex + quote, verbatim };
}

/** `$x` → `x`; `$this->x` / `self::$x` / `self::X` / `X` → `x` / `X`. */
function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  switch (target.type) {
    case 'variable_name':
      return target.text.replace(/^\$/, '');
    case 'name':
      return target.text;
    case 'member_access_expression':
    case 'nullsafe_member_access_expression': {
      const object = field(target, 'object');
      const name = field(target, 'name');
      if (object?.text === '$this' && name !== undefined) return name.text.replace(/^\$/, '');
      return undefined;
    }
    case 'class_constant_access_expression': {
      const parts = namedChildrenOf(target);
      return parts[parts.length - 1]?.text;
    }
    case 'scoped_property_access_expression':
      return field(target, 'name')?.text.replace(/^\$/, '');
    default:
      return undefined;
  }
}

function dottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'variable_name') return target.text.replace(/^\$/, '');
  if (target.type === 'member_access_expression' || target.type === 'nullsafe_member_access_expression') {
    const object = field(target, 'object');
    const name = field(target, 'name')?.text;
    if (object === undefined || name === undefined) return undefined;
    if (object.text === '$this') return name;
    const head = dottedText(object);
    return head === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function argumentsOf(node: Node): { args: Node[]; named: Map<string, Node> } {
  const list = field(node, 'arguments') ?? namedChildrenOf(node).find((child) => child.type === 'arguments');
  const args: Node[] = [];
  const named = new Map<string, Node>();
  for (const argument of namedChildrenOf(list)) {
    const name = field(argument, 'name');
    if (name !== undefined) named.set(name.text, unwrap(argument));
    else if (argument.type !== 'variadic_unpacking') args.push(unwrap(argument));
  }
  return { args, named };
}

function lastSegment(text: string): string {
  return text.replace(/^.*\\/, '');
}

function callOf(node: Node): CallInfo | undefined {
  switch (node.type) {
    case 'function_call_expression': {
      const callee = field(node, 'function');
      if (callee === undefined || (callee.type !== 'name' && callee.type !== 'qualified_name')) return undefined;
      return { node, isConstructor: false, name: lastSegment(callee.text), ...argumentsOf(node) };
    }
    case 'member_call_expression':
    case 'nullsafe_member_call_expression': {
      const name = field(node, 'name');
      if (name === undefined || name.type !== 'name') return undefined;
      return { node, isConstructor: false, name: name.text, receiver: field(node, 'object'), ...argumentsOf(node) };
    }
    case 'scoped_call_expression': {
      const name = field(node, 'name');
      const scope = field(node, 'scope');
      if (name === undefined || scope === undefined) return undefined;
      return { node, isConstructor: false, name: name.text, qualifier: scope.text.replace(/^\\/, ''), ...argumentsOf(node) };
    }
    case 'object_creation_expression': {
      const type = namedChildrenOf(node).find((child) => child.type === 'name' || child.type === 'qualified_name');
      if (type === undefined) return undefined;
      const qualified = type.text.replace(/^\\/, '');
      const slash = qualified.lastIndexOf('\\');
      return { node, isConstructor: true, name: lastSegment(qualified), qualifier: slash === -1 ? undefined : qualified.slice(0, slash), ...argumentsOf(node) };
    }
    default:
      return undefined;
  }
}

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'assignment_expression': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      if (left.type === 'variable_name') {
        const name = left.text.replace(/^\$/, '');
        return [{ name, nameNode: left, value, kind: 'assignment', bindingKey: name }];
      }
      if (left.type === 'member_access_expression' || left.type === 'scoped_property_access_expression') {
        const nameNode = field(left, 'name');
        const object = field(left, left.type === 'member_access_expression' ? 'object' : 'scope');
        if (nameNode === undefined) return [];
        const name = nameNode.text.replace(/^\$/, '');
        const own = object?.text === '$this' || left.type === 'scoped_property_access_expression';
        return [{ name, nameNode, value, kind: 'assignment', bindingKey: own ? name : undefined, objectKey: own || object === undefined ? undefined : dottedText(object) }];
      }
      if (left.type === 'subscript_expression') {
        const parts = namedChildrenOf(left);
        const index = parts[1];
        const name = index === undefined ? undefined : stringLiteral(unwrap(index))?.value;
        if (index === undefined || name === undefined) return [];
        return [{ name, nameNode: index, value, kind: 'assignment', objectKey: dottedText(parts[0]) }];
      }
      return [];
    }
    case 'const_element': {
      const [name, value] = namedChildrenOf(node);
      if (name === undefined || value === undefined) return [];
      return [{ name: name.text, nameNode: name, value, kind: 'variable', bindingKey: name.text }];
    }
    case 'property_element': {
      const name = field(node, 'name');
      const value = field(node, 'default_value');
      if (name === undefined || value === undefined) return [];
      const key = name.text.replace(/^\$/, '');
      return [{ name: key, nameNode: name, value, kind: 'variable', bindingKey: key }];
    }
    case 'array_element_initializer': {
      const parts = namedChildrenOf(node);
      if (parts.length !== 2) return [];
      const [key, value] = parts;
      const name = stringLiteral(key)?.value ?? (key.type === 'name' || key.type === 'class_constant_access_expression' ? lastSegment(key.text.replace(/^.*::/, '')) : undefined);
      if (name === undefined) return [];
      return [{ name, nameNode: key, value, kind: 'entry' }];
    }
    case 'argument': {
      const name = field(node, 'name');
      return name === undefined ? [] : [{ name: name.text, nameNode: name, value: unwrap(node), kind: 'argument' }];
    }
    case 'simple_parameter': {
      const name = field(node, 'name');
      const value = field(node, 'default_value');
      if (name === undefined || value === undefined) return [];
      return [{ name: name.text.replace(/^\$/, ''), nameNode: name, value, kind: 'parameter' }];
    }
    case 'function_call_expression': {
      // `define('API_BASE', 'https://…')` declares a constant.
      const call = callOf(node);
      if (call?.name !== 'define' || call.args.length < 2) return [];
      const name = stringLiteral(call.args[0])?.value;
      if (name === undefined) return [];
      return [{ name, nameNode: call.args[0], value: call.args[1], kind: 'variable', bindingKey: name }];
    }
    default:
      return [];
  }
}

function typedDeclarationsOf(node: Node): { key: string; type: string }[] {
  if (node.type === 'property_promotion_parameter' || node.type === 'simple_parameter') {
    const name = field(node, 'name')?.text.replace(/^\$/, '');
    const type = field(node, 'type')?.text;
    return name !== undefined && type !== undefined ? [{ key: name, type: lastSegment(type.replace(/^\?/, '')) }] : [];
  }
  if (node.type === 'property_declaration') {
    const type = field(node, 'type')?.text;
    if (type === undefined) return [];
    return namedChildrenOf(node)
      .filter((child) => child.type === 'property_element')
      .flatMap((element) => {
        const name = field(element, 'name')?.text.replace(/^\$/, '');
        return name === undefined ? [] : [{ key: name, type: lastSegment(type.replace(/^\?/, '')) }];
      });
  }
  return [];
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'integer':
      return StringTemplate.text(node.text);
    case 'encapsed_string':
      return templateFromParts(node, CONTENT, ESCAPES, (child) => child, evaluate);
    case 'heredoc':
      return templateFromParts(field(node, 'value') ?? node, CONTENT, ESCAPES, (child) => child, evaluate);
    case 'binary_expression': {
      if (field(node, 'operator')?.text !== '.') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left === undefined || right === undefined ? undefined : StringTemplate.concat([evaluate(left), evaluate(right)]);
    }
    case 'function_call_expression': {
      const call = callOf(node);
      if (call === undefined) return undefined;
      if (call.name === 'sprintf' && call.args.length > 0) {
        const values = call.args.slice(1);
        return StringTemplate.fromFormat(evaluate(call.args[0]), PHP_FORMAT, (_, ordinal) => (values[ordinal] === undefined ? undefined : evaluate(values[ordinal])));
      }
      if ((call.name === 'rtrim' || call.name === 'trim' || call.name === 'strval') && call.args[0] !== undefined) return evaluate(call.args[0]);
      if (call.name === 'implode' && call.args.length === 2) {
        const array = unwrap(call.args[1]);
        if (array.type !== 'array_creation_expression') return undefined;
        const separator = evaluate(call.args[0]);
        const parts: StringTemplate[] = [];
        namedChildrenOf(array).forEach((element, index) => {
          if (index > 0) parts.push(separator);
          parts.push(evaluate(namedChildrenOf(element)[0] ?? element));
        });
        return StringTemplate.concat(parts);
      }
      return undefined;
    }
    case 'member_call_expression': {
      // PSR-7 `new Uri($base)->withPath(…)` is rare; `$uri->__toString()` keeps the URL.
      const call = callOf(node);
      if (call?.name === '__toString' && call.receiver !== undefined) return evaluate(call.receiver);
      if (call?.name === 'resolve' && call.receiver !== undefined && call.args[0] !== undefined) return joinTemplates(evaluate(call.receiver), evaluate(call.args[0]));
      return undefined;
    }
    default:
      return undefined;
  }
}

function returnedConstant(node: Node): Node | undefined {
  const target = unwrap(node);
  if (target.type === 'arrow_function') {
    const body = field(target, 'body');
    return body === undefined ? undefined : unwrap(body);
  }
  if (target.type === 'anonymous_function') {
    const statements = namedChildrenOf(field(target, 'body'));
    if (statements.length === 1 && statements[0].type === 'return_statement') {
      const value = namedChildrenOf(statements[0])[0];
      return value === undefined ? undefined : unwrap(value);
    }
  }
  return undefined;
}

export const phpSyntax: LanguageSyntax = {
  language: 'php',
  indexedTypes: new Set([
    'string',
    'encapsed_string',
    'heredoc',
    'nowdoc',
    'function_call_expression',
    'member_call_expression',
    'nullsafe_member_call_expression',
    'scoped_call_expression',
    'object_creation_expression',
    'assignment_expression',
    'const_element',
    'property_element',
    'array_element_initializer',
    'argument',
    'simple_parameter',
    'property_promotion_parameter',
    'property_declaration',
    'namespace_use_clause',
  ]),
  stringLiteral,
  evaluateSpecial,
  bindingKey,
  callOf,
  memberObject: (node) => (node.type === 'member_access_expression' || node.type === 'nullsafe_member_access_expression' ? field(node, 'object') : node.type === 'subscript_expression' ? namedChildrenOf(node)[0] : undefined),
  namedValuesOf,
  entriesOf: (node) => {
    const target = unwrap(node);
    if (target.type !== 'array_creation_expression') return undefined;
    return namedChildrenOf(target).flatMap(namedValuesOf);
  },
  booleanOf: (node) => {
    const target = unwrap(node);
    if (target.type !== 'boolean') return undefined;
    return target.text.toLowerCase() === 'true';
  },
  unwrap,
  returnedConstant,
  isStatement: (node) => /(_statement|_declaration)$/.test(node.type),
  importsOf: (node) => {
    if (node.type !== 'namespace_use_clause') return [];
    const parts = namedChildrenOf(node);
    const name = parts[0];
    if (name === undefined) return [];
    const qualified = name.text.replace(/^\\/, '');
    const alias = parts[1]?.type === 'name' ? parts[1].text : undefined;
    return [[alias ?? lastSegment(qualified), qualified]];
  },
  typedDeclarationsOf,
};
