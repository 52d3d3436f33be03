import type { Node } from 'web-tree-sitter';
import { field, joinTemplates, literalFromParts, namedChildrenOf } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['interpreted_string_literal_content']);
const ESCAPES = new Set(['escape_sequence']);
const GO_FORMAT = /%%|%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]/;

function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'parenthesized_expression' || current.type === 'literal_element') {
      const inner = namedChildrenOf(current)[0];
      if (inner === undefined) return current;
      current = inner;
    } else if (current.type === 'unary_expression' && (field(current, 'operator')?.text ?? current.child(0)?.text) === '&') {
      const inner = field(current, 'operand');
      if (inner === undefined) return current;
      current = inner;
    } else {
      return current;
    }
  }
}

function stringLiteral(node: Node): LiteralString | undefined {
  if (node.type === 'interpreted_string_literal') return literalFromParts(node, CONTENT, ESCAPES, node.startIndex + 1, node.endIndex - 1);
  if (node.type === 'raw_string_literal') return { node, value: node.text.slice(1, -1), contentStart: node.startIndex + 1, verbatim: true };
  return undefined;
}

/** The receiver name of the method a node is in (`c` in `func (c *Client) Get()`). */
function methodReceiverOf(node: Node): string | undefined {
  for (let current: Node | null = node.parent; current !== null; current = current.parent) {
    if (current.type === 'method_declaration') return field(namedChildrenOf(field(current, 'receiver'))[0], 'name')?.text;
    if (current.type === 'function_declaration') return undefined;
  }
  return undefined;
}

/**
 * `x` → `x`; `c.baseURL` inside a method of `c` → `baseURL` (a struct field, bound where a
 * composite literal sets it); `config.Base` → `config.Base`.
 */
function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'selector_expression') {
    const operand = field(target, 'operand');
    const name = field(target, 'field')?.text;
    if (operand === undefined || name === undefined) return undefined;
    const inner = unwrap(operand);
    if (inner.type !== 'identifier') return undefined;
    return methodReceiverOf(target) === inner.text ? name : `${inner.text}.${name}`;
  }
  return undefined;
}

function dottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'selector_expression') {
    const operand = field(target, 'operand');
    const name = field(target, 'field')?.text;
    if (operand === undefined || name === undefined) return undefined;
    const inner = unwrap(operand);
    if (inner.type === 'identifier' && methodReceiverOf(target) === inner.text) return name;
    const head = dottedText(operand);
    return head === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function callOf(node: Node): CallInfo | undefined {
  if (node.type !== 'call_expression') return undefined;
  const callee = field(node, 'function');
  if (callee === undefined) return undefined;
  const args = namedChildrenOf(field(node, 'arguments'));
  if (callee.type === 'identifier') return { node, isConstructor: false, name: callee.text, args, named: new Map() };
  if (callee.type === 'selector_expression') {
    const name = field(callee, 'field')?.text;
    if (name === undefined) return undefined;
    return { node, isConstructor: false, name, receiver: field(callee, 'operand'), args, named: new Map() };
  }
  return undefined;
}

function typeText(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'pointer_type') return typeText(namedChildrenOf(node)[0]);
  return node.text;
}

/** Pairs `a, b := x, y` by position; `req, err := f()` binds the first name to the call. */
function pairs(left: Node[], right: Node[]): [Node, Node][] {
  if (right.length === 1) return left.length > 0 ? [[left[0], right[0]]] : [];
  return left.slice(0, right.length).map((name, index) => [name, right[index]]);
}

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = namedChildrenOf(field(node, 'left'));
      const right = namedChildrenOf(field(node, 'right'));
      return pairs(left, right).flatMap(([name, value]): NamedValue[] => {
        const target = unwrap(name);
        if (target.type === 'identifier') return target.text === '_' ? [] : [{ name: target.text, nameNode: target, value, kind: node.type === 'short_var_declaration' ? 'variable' : 'assignment', bindingKey: target.text }];
        if (target.type === 'selector_expression') {
          const nameNode = field(target, 'field');
          const operand = field(target, 'operand');
          if (nameNode === undefined || operand === undefined) return [];
          const key = bindingKey(target);
          const isOwnField = key === nameNode.text;
          return [{ name: nameNode.text, nameNode, value, kind: 'assignment', bindingKey: isOwnField ? key : undefined, objectKey: isOwnField ? undefined : dottedText(operand) }];
        }
        return [];
      });
    }
    case 'var_spec':
    case 'const_spec': {
      const names = node.childrenForFieldName('name').filter((child): child is Node => child !== null);
      const values = namedChildrenOf(field(node, 'value'));
      const type = typeText(field(node, 'type'));
      return pairs(names, values).map(([name, value]) => ({ name: name.text, nameNode: name, value, kind: 'variable' as const, bindingKey: name.text, declaredType: type }));
    }
    case 'keyed_element': {
      const key = unwrap(field(node, 'key') ?? namedChildrenOf(node)[0]);
      const value = field(node, 'value') ?? namedChildrenOf(node)[1];
      if (key === undefined || value === undefined) return [];
      const literal = stringLiteral(key);
      const name = literal?.value ?? (key.type === 'identifier' || key.type === 'field_identifier' ? key.text : undefined);
      if (name === undefined) return [];
      // Struct fields set in a literal resolve `c.field` inside the struct's methods.
      return [{ name, nameNode: key, value: unwrap(value), kind: 'entry', bindingKey: literal === undefined ? name : undefined }];
    }
    default:
      return [];
  }
}

function typedDeclarationsOf(node: Node): { key: string; type: string }[] {
  if (node.type !== 'parameter_declaration' && node.type !== 'field_declaration' && node.type !== 'var_spec') return [];
  const type = typeText(field(node, 'type'));
  if (type === undefined) return [];
  return node.childrenForFieldName('name').flatMap((name) => (name === null ? [] : [{ key: name.text, type }]));
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'int_literal':
      return StringTemplate.text(node.text);
    case 'binary_expression': {
      if (field(node, 'operator')?.text !== '+') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left === undefined || right === undefined ? undefined : StringTemplate.concat([evaluate(left), evaluate(right)]);
    }
    case 'call_expression': {
      const call = callOf(node);
      if (call === undefined) return undefined;
      const receiver = call.receiver === undefined ? undefined : unwrap(call.receiver).text;
      if (receiver === 'fmt' && call.name === 'Sprintf' && call.args.length > 0) {
        const values = call.args.slice(1);
        return StringTemplate.fromFormat(evaluate(call.args[0]), GO_FORMAT, (_, ordinal) => (values[ordinal] === undefined ? undefined : evaluate(values[ordinal])));
      }
      if ((receiver === 'url' && call.name === 'JoinPath') || (receiver === 'path' && call.name === 'Join')) {
        return call.args.slice(1).reduce((base, part) => joinTemplates(base, evaluate(part)), call.args[0] === undefined ? StringTemplate.empty() : evaluate(call.args[0]));
      }
      if (receiver === 'strings' && (call.name === 'TrimSuffix' || call.name === 'TrimRight' || call.name === 'TrimSpace') && call.args[0] !== undefined) return evaluate(call.args[0]);
      if (call.name === 'String' && call.args.length === 0 && call.receiver !== undefined) return evaluate(call.receiver);
      return undefined;
    }
    default:
      return undefined;
  }
}

function returnedConstant(node: Node): Node | undefined {
  const target = unwrap(node);
  if (target.type !== 'func_literal') return undefined;
  const statements = namedChildrenOf(namedChildrenOf(field(target, 'body'))[0]);
  if (statements.length === 1 && statements[0].type === 'return_statement') {
    const value = namedChildrenOf(namedChildrenOf(statements[0])[0])[0];
    return value === undefined ? undefined : unwrap(value);
  }
  return undefined;
}

function importsOf(node: Node): [string, string][] {
  if (node.type !== 'import_spec') return [];
  const path = field(node, 'path');
  const literal = path === undefined ? undefined : stringLiteral(path)?.value;
  if (literal === undefined) return [];
  const alias = field(node, 'name')?.text;
  const segments = literal.split('/');
  // `github.com/go-resty/resty/v2` is used as `resty`.
  const last = /^v\d+$/.test(segments[segments.length - 1]) && segments.length > 1 ? segments[segments.length - 2] : segments[segments.length - 1];
  return [[alias ?? last.replace(/^go-/, ''), literal]];
}

export const goSyntax: LanguageSyntax = {
  language: 'go',
  indexedTypes: new Set(['interpreted_string_literal', 'raw_string_literal', 'call_expression', 'short_var_declaration', 'assignment_statement', 'var_spec', 'const_spec', 'keyed_element', 'parameter_declaration', 'field_declaration', 'import_spec']),
  stringLiteral,
  evaluateSpecial,
  bindingKey,
  callOf,
  memberObject: (node) => (node.type === 'selector_expression' ? field(node, 'operand') : node.type === 'index_expression' ? field(node, 'operand') : undefined),
  namedValuesOf,
  entriesOf: (node) => {
    const target = unwrap(node);
    if (target.type !== 'composite_literal') return undefined;
    return namedChildrenOf(field(target, 'body')).flatMap(namedValuesOf);
  },
  booleanOf: (node) => {
    const target = unwrap(node);
    return target.type === 'true' ? true : target.type === 'false' ? false : undefined;
  },
  unwrap,
  returnedConstant,
  isStatement: (node) => /(_statement|_declaration)$/.test(node.type),
  importsOf,
  typedDeclarationsOf,
};
