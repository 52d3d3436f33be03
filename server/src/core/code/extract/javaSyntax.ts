import type { Node } from 'web-tree-sitter';
import { field, joinTemplates, literalFromParts, namedChildrenOf } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['string_fragment', 'multiline_string_fragment']);
const ESCAPES = new Set(['escape_sequence']);
const WRAPPERS = new Set(['parenthesized_expression', 'cast_expression']);
const JAVA_FORMAT = /%%|%(?:\d+\$)?[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z]/;

function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(current.type)) {
    const inner = current.type === 'cast_expression' ? field(current, 'value') : namedChildrenOf(current)[0];
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

function stringLiteral(node: Node): LiteralString | undefined {
  if (node.type !== 'string_literal') return undefined;
  const textBlock = node.text.startsWith('"""');
  const quote = textBlock ? 3 : 1;
  const literal = literalFromParts(node, CONTENT, ESCAPES, node.startIndex + quote, node.endIndex - quote);
  if (literal === undefined || !textBlock) return literal;
  // A text block drops its first line break and common indentation.
  const lines = literal.value.replace(/^[ \t]*\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
  return { ...literal, value: lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n'), verbatim: false };
}

/** `x` → `x`; `this.x` → `x`; `Config.BASE` → `Config.BASE`. Fields and locals share one namespace here. */
function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'field_access') {
    const object = field(target, 'object');
    const name = field(target, 'field')?.text;
    if (object === undefined || name === undefined) return undefined;
    const inner = unwrap(object);
    if (inner.type === 'this') return name;
    if (inner.type === 'identifier') return `${inner.text}.${name}`;
  }
  return undefined;
}

function dottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'field_access') {
    const object = field(target, 'object');
    const name = field(target, 'field')?.text;
    if (object === undefined || name === undefined) return undefined;
    if (unwrap(object).type === 'this') return name;
    const head = dottedText(object);
    return head === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

/** The simple name of a type: `Request.Builder` → `Request.Builder`, `List<String>` → `List`. */
function javaTypeName(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'generic_type') return javaTypeName(namedChildrenOf(node)[0]);
  if (node.type === 'scoped_type_identifier') return namedChildrenOf(node).map((child) => child.text).join('.');
  return node.text;
}

function callOf(node: Node): CallInfo | undefined {
  if (node.type === 'method_invocation') {
    const name = field(node, 'name')?.text;
    if (name === undefined) return undefined;
    return { node, isConstructor: false, name, receiver: field(node, 'object'), args: namedChildrenOf(field(node, 'arguments')), named: new Map() };
  }
  if (node.type === 'object_creation_expression') {
    const type = javaTypeName(field(node, 'type'));
    if (type === undefined) return undefined;
    const dot = type.lastIndexOf('.');
    return {
      node,
      isConstructor: true,
      name: dot === -1 ? type : type.slice(dot + 1),
      qualifier: dot === -1 ? undefined : type.slice(0, dot),
      args: namedChildrenOf(field(node, 'arguments')),
      named: new Map(),
      initializer: namedChildrenOf(node).find((child) => child.type === 'class_body'),
    };
  }
  return undefined;
}

function declarators(node: Node): { name: Node; value?: Node }[] {
  const found: { name: Node; value?: Node }[] = [];
  for (const child of node.childrenForFieldName('declarator')) {
    if (child === null) continue;
    const name = field(child, 'name');
    if (name !== undefined) found.push({ name, value: field(child, 'value') });
  }
  return found;
}

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'local_variable_declaration':
    case 'field_declaration':
    case 'constant_declaration': {
      const type = javaTypeName(field(node, 'type'));
      return declarators(node)
        .filter((declarator) => declarator.value !== undefined)
        .map((declarator) => ({
          name: declarator.name.text,
          nameNode: declarator.name,
          value: declarator.value!,
          kind: 'variable' as const,
          bindingKey: declarator.name.text,
          declaredType: type === 'var' ? undefined : type,
        }));
    }
    case 'assignment_expression': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      const target = unwrap(left);
      if (target.type === 'identifier') return [{ name: target.text, nameNode: target, value, kind: 'assignment', bindingKey: target.text }];
      if (target.type === 'field_access') {
        const nameNode = field(target, 'field');
        const object = field(target, 'object');
        if (nameNode === undefined || object === undefined) return [];
        const isThis = unwrap(object).type === 'this';
        return [{ name: nameNode.text, nameNode, value, kind: 'assignment', bindingKey: isThis ? nameNode.text : undefined, objectKey: isThis ? undefined : dottedText(object) }];
      }
      return [];
    }
    case 'element_value_pair': {
      const key = field(node, 'key');
      const value = field(node, 'value');
      if (key === undefined || value === undefined) return [];
      return [{ name: key.text, nameNode: key, value, kind: 'entry' }];
    }
    default:
      return [];
  }
}

function typedDeclarationsOf(node: Node): { key: string; type: string }[] {
  if (node.type === 'formal_parameter') {
    const name = field(node, 'name')?.text;
    const type = javaTypeName(field(node, 'type'));
    return name !== undefined && type !== undefined ? [{ key: name, type }] : [];
  }
  if (node.type === 'local_variable_declaration' || node.type === 'field_declaration') {
    const type = javaTypeName(field(node, 'type'));
    if (type === undefined || type === 'var') return [];
    return declarators(node).map((declarator) => ({ key: declarator.name.text, type }));
  }
  return [];
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'decimal_integer_literal':
      return StringTemplate.text(node.text);
    case 'binary_expression': {
      if (field(node, 'operator')?.text !== '+') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left === undefined || right === undefined ? undefined : StringTemplate.concat([evaluate(left), evaluate(right)]);
    }
    case 'object_creation_expression': {
      const call = callOf(node);
      if (call === undefined || (call.name !== 'URI' && call.name !== 'URL') || call.args.length === 0) return undefined;
      return call.args.length === 2 ? joinTemplates(evaluate(call.args[0]), evaluate(call.args[1])) : evaluate(call.args[0]);
    }
    case 'method_invocation': {
      const call = callOf(node);
      if (call === undefined) return undefined;
      const receiver = call.receiver === undefined ? undefined : unwrap(call.receiver);
      if (receiver?.text === 'URI' && call.name === 'create' && call.args.length === 1) return evaluate(call.args[0]);
      if (receiver?.text === 'String' && call.name === 'format' && call.args.length > 0) {
        const values = call.args.slice(1);
        return StringTemplate.fromFormat(evaluate(call.args[0]), JAVA_FORMAT, (_, ordinal) => (values[ordinal] === undefined ? undefined : evaluate(values[ordinal])));
      }
      if (receiver !== undefined && ['replace', 'replaceAll', 'trim', 'toString', 'strip'].includes(call.name)) return evaluate(receiver);
      if (receiver !== undefined && call.name === 'formatted') return StringTemplate.fromFormat(evaluate(receiver), JAVA_FORMAT, (_, ordinal) => (call.args[ordinal] === undefined ? undefined : evaluate(call.args[ordinal])));
      if (receiver !== undefined && call.name === 'concat') return StringTemplate.concat([evaluate(receiver), ...call.args.map(evaluate)]);
      if (receiver !== undefined && call.name === 'resolve' && call.args.length === 1) return joinTemplates(evaluate(receiver), evaluate(call.args[0]));
      return undefined;
    }
    default:
      return undefined;
  }
}

function returnedConstant(node: Node): Node | undefined {
  const target = unwrap(node);
  if (target.type !== 'lambda_expression') return undefined;
  const body = field(target, 'body');
  if (body === undefined) return undefined;
  if (body.type !== 'block') return unwrap(body);
  const statements = namedChildrenOf(body);
  if (statements.length === 1 && statements[0].type === 'return_statement') {
    const value = namedChildrenOf(statements[0])[0];
    return value === undefined ? undefined : unwrap(value);
  }
  return undefined;
}

export const javaSyntax: LanguageSyntax = {
  language: 'java',
  indexedTypes: new Set(['string_literal', 'method_invocation', 'object_creation_expression', 'local_variable_declaration', 'field_declaration', 'constant_declaration', 'assignment_expression', 'element_value_pair', 'formal_parameter', 'import_declaration']),
  stringLiteral,
  evaluateSpecial,
  bindingKey,
  callOf,
  memberObject: (node) => (node.type === 'field_access' ? field(node, 'object') : undefined),
  namedValuesOf,
  entriesOf: () => undefined,
  booleanOf: (node) => {
    const target = unwrap(node);
    return target.type === 'true' ? true : target.type === 'false' ? false : undefined;
  },
  unwrap,
  returnedConstant,
  isStatement: (node) => /(_statement|_declaration)$/.test(node.type),
  importsOf: (node) => {
    if (node.type !== 'import_declaration') return [];
    const path = namedChildrenOf(node).find((child) => child.type === 'scoped_identifier' || child.type === 'identifier');
    if (path === undefined) return [];
    const last = path.text.split('.').pop()!;
    return [[last, path.text]];
  },
  typedDeclarationsOf,
};

