import type { Node } from 'web-tree-sitter';
import { field, joinTemplates, literalFromParts, namedChildrenOf, templateFromParts } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const CONTENT = new Set(['string_literal_content', 'string_content', 'raw_string_content']);
const ESCAPES = new Set(['escape_sequence']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'cast_expression', 'checked_expression', 'postfix_unary_expression']);
const COMPOSITE_FORMAT = /\{\{|\}\}|\{\d+(?:,[^}:]*)?(?::[^}]*)?\}/;

function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(current.type) || current.type === 'argument') {
    const children = namedChildrenOf(current);
    // A cast keeps its value last; a named argument keeps its name first.
    const inner = current.type === 'cast_expression' ? (field(current, 'value') ?? children[children.length - 1]) : children[children.length - 1];
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

function stringLiteral(node: Node): LiteralString | undefined {
  switch (node.type) {
    case 'string_literal':
      return literalFromParts(node, CONTENT, ESCAPES, node.startIndex + 1, node.endIndex - 1);
    case 'verbatim_string_literal': {
      // `@"C:\path"`: no escapes except a doubled quote.
      const body = node.text.slice(2, -1);
      return { node, value: body.replace(/""/g, '"'), contentStart: node.startIndex + 2, verbatim: !body.includes('""') };
    }
    case 'raw_string_literal': {
      const content = node.namedChildren.find((child) => child?.type === 'raw_string_content');
      if (content === null || content === undefined) return { node, value: '', contentStart: node.startIndex + 3, verbatim: true };
      return { node, value: content.text, contentStart: content.startIndex, verbatim: true };
    }
    default:
      return undefined;
  }
}

function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'member_access_expression') {
    const object = field(target, 'expression');
    const name = field(target, 'name')?.text;
    if (object === undefined || name === undefined) return undefined;
    if (object.type === 'this' || object.type === 'this_expression') return name;
    const inner = unwrap(object);
    if (inner.type === 'identifier') return `${inner.text}.${name}`;
  }
  return undefined;
}

function dottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'member_access_expression') {
    const object = field(target, 'expression');
    const name = field(target, 'name')?.text;
    if (object === undefined || name === undefined) return undefined;
    if (object.type === 'this' || object.type === 'this_expression') return name;
    const head = dottedText(object);
    return head === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function typeName(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'generic_name') return namedChildrenOf(node)[0]?.text;
  if (node.type === 'qualified_name') return typeName(field(node, 'name'));
  if (node.type === 'nullable_type') return typeName(namedChildrenOf(node)[0]);
  return node.text;
}

function argumentsOf(list: Node | undefined): { args: Node[]; named: Map<string, Node> } {
  const args: Node[] = [];
  const named = new Map<string, Node>();
  for (const argument of namedChildrenOf(list)) {
    const name = field(argument, 'name');
    const value = unwrap(argument);
    if (name !== undefined) named.set(name.text, value);
    else args.push(value);
  }
  return { args, named };
}

function callOf(node: Node): CallInfo | undefined {
  if (node.type === 'invocation_expression') {
    const callee = field(node, 'function');
    if (callee === undefined) return undefined;
    const { args, named } = argumentsOf(field(node, 'arguments'));
    if (callee.type === 'identifier' || callee.type === 'generic_name') return { node, isConstructor: false, name: typeName(callee)!, args, named };
    if (callee.type === 'member_access_expression') {
      const name = typeName(field(callee, 'name'));
      if (name === undefined) return undefined;
      return { node, isConstructor: false, name, receiver: field(callee, 'expression'), args, named };
    }
    return undefined;
  }
  if (node.type === 'object_creation_expression') {
    const type = field(node, 'type');
    const name = typeName(type);
    if (name === undefined) return undefined;
    const { args, named } = argumentsOf(field(node, 'arguments'));
    const qualifier = type?.type === 'qualified_name' ? field(type, 'qualifier')?.text : undefined;
    return { node, isConstructor: true, name, qualifier, args, named, initializer: field(node, 'initializer') };
  }
  if (node.type === 'implicit_object_creation_expression') {
    // `HttpClient client = new(handler)`: the type comes from the declaration, which a recogniser reads.
    const { args, named } = argumentsOf(namedChildrenOf(node).find((child) => child.type === 'argument_list'));
    return { node, isConstructor: true, name: '', args, named, initializer: namedChildrenOf(node).find((child) => child.type === 'initializer_expression') };
  }
  return undefined;
}

function declaratorValue(declarator: Node): Node | undefined {
  const name = field(declarator, 'name');
  const children = namedChildrenOf(declarator).filter((child) => child.id !== name?.id && child.type !== 'bracketed_argument_list');
  const last = children[children.length - 1];
  return last?.type === 'equals_value_clause' ? namedChildrenOf(last)[0] : last;
}

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'variable_declaration': {
      const type = typeName(field(node, 'type'));
      const declaredType = type === 'var' ? undefined : type;
      return namedChildrenOf(node)
        .filter((child) => child.type === 'variable_declarator')
        .flatMap((declarator): NamedValue[] => {
          const name = field(declarator, 'name');
          const value = declaratorValue(declarator);
          if (name === undefined || value === undefined) return [];
          return [{ name: name.text, nameNode: name, value, kind: 'variable', bindingKey: name.text, declaredType }];
        });
    }
    case 'property_declaration': {
      const name = field(node, 'name');
      const value = field(node, 'value');
      if (name === undefined || value === undefined) return [];
      return [{ name: name.text, nameNode: name, value, kind: 'variable', bindingKey: name.text, declaredType: typeName(field(node, 'type')) }];
    }
    case 'assignment_expression': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      if (left.type === 'identifier') {
        // Inside an object initializer `new HttpClient { BaseAddress = … }` the name is a member.
        if (node.parent?.type === 'initializer_expression') return [{ name: left.text, nameNode: left, value, kind: 'entry' }];
        return [{ name: left.text, nameNode: left, value, kind: 'assignment', bindingKey: left.text }];
      }
      if (left.type === 'member_access_expression') {
        const nameNode = field(left, 'name');
        const object = field(left, 'expression');
        if (nameNode === undefined || object === undefined) return [];
        const isThis = object.type === 'this' || object.type === 'this_expression';
        return [{ name: nameNode.text, nameNode, value, kind: 'assignment', bindingKey: isThis ? nameNode.text : undefined, objectKey: isThis ? undefined : dottedText(object) }];
      }
      if (left.type === 'element_access_expression') {
        const object = field(left, 'expression');
        const index = namedChildrenOf(field(left, 'subscript'))[0];
        const name = index === undefined ? undefined : stringLiteral(unwrap(index))?.value;
        if (object === undefined || index === undefined || name === undefined) return [];
        return [{ name, nameNode: index, value, kind: 'assignment', objectKey: dottedText(object) }];
      }
      return [];
    }
    case 'argument': {
      const name = field(node, 'name');
      if (name === undefined) return [];
      return [{ name: name.text, nameNode: name, value: unwrap(node), kind: 'argument' }];
    }
    case 'anonymous_object_member_declarator': {
      const children = namedChildrenOf(node);
      if (children.length !== 2 || children[0].type !== 'identifier') return [];
      return [{ name: children[0].text, nameNode: children[0], value: children[1], kind: 'entry' }];
    }
    default:
      return [];
  }
}

function typedDeclarationsOf(node: Node): { key: string; type: string }[] {
  if (node.type === 'parameter') {
    const name = field(node, 'name')?.text;
    const type = typeName(field(node, 'type'));
    return name !== undefined && type !== undefined ? [{ key: name, type }] : [];
  }
  if (node.type === 'variable_declaration') {
    const type = typeName(field(node, 'type'));
    if (type === undefined || type === 'var') return [];
    return namedChildrenOf(node)
      .filter((child) => child.type === 'variable_declarator')
      .flatMap((declarator) => {
        const name = field(declarator, 'name')?.text;
        return name === undefined ? [] : [{ key: name, type }];
      });
  }
  if (node.type === 'property_declaration') {
    const name = field(node, 'name')?.text;
    const type = typeName(field(node, 'type'));
    return name !== undefined && type !== undefined ? [{ key: name, type }] : [];
  }
  return [];
}

function entriesOf(node: Node): NamedValue[] | undefined {
  const target = unwrap(node);
  const initializer = target.type === 'initializer_expression' ? target : callOf(target)?.initializer;
  if (target.type === 'anonymous_object_creation_expression') return namedChildrenOf(target).flatMap(namedValuesOf);
  if (initializer === undefined) return undefined;
  return namedChildrenOf(initializer).flatMap(namedValuesOf);
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'integer_literal':
      return StringTemplate.text(node.text);
    case 'interpolated_string_expression':
      return templateFromParts(
        node,
        CONTENT,
        ESCAPES,
        (child) => (child.type === 'interpolation' ? namedChildrenOf(child).find((part) => !/^interpolation_(brace|alignment_clause|format_clause)$/.test(part.type)) : undefined),
        evaluate,
      );
    case 'binary_expression': {
      if (field(node, 'operator')?.text !== '+') return undefined;
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left === undefined || right === undefined ? undefined : StringTemplate.concat([evaluate(left), evaluate(right)]);
    }
    case 'object_creation_expression': {
      const call = callOf(node);
      if (call?.name !== 'Uri' || call.args.length === 0) return undefined;
      return call.args.length >= 2 && stringLiteral(unwrap(call.args[1])) !== undefined ? joinTemplates(evaluate(call.args[0]), evaluate(call.args[1])) : evaluate(call.args[0]);
    }
    case 'invocation_expression': {
      const call = callOf(node);
      if (call === undefined || call.receiver === undefined) return undefined;
      const receiver = unwrap(call.receiver);
      if ((receiver.text === 'string' || receiver.text === 'String') && call.name === 'Format' && call.args.length > 0) {
        const values = call.args.slice(1);
        return StringTemplate.fromFormat(evaluate(call.args[0]), COMPOSITE_FORMAT, (placeholder, ordinal) => {
          if (placeholder === '{{') return StringTemplate.text('{');
          if (placeholder === '}}') return StringTemplate.text('}');
          const index = Number(/\d+/.exec(placeholder)?.[0] ?? ordinal);
          return values[index] === undefined ? undefined : evaluate(values[index]);
        });
      }
      if ((receiver.text === 'string' || receiver.text === 'String') && call.name === 'Concat') return StringTemplate.concat(call.args.map(evaluate));
      if (['Replace', 'Trim', 'TrimEnd', 'TrimStart', 'ToString'].includes(call.name)) return evaluate(receiver);
      return undefined;
    }
    case 'member_access_expression': {
      // `uri.AbsoluteUri` / `uri.OriginalString` of a `new Uri(…)` are the URL itself.
      const name = field(node, 'name')?.text;
      const object = field(node, 'expression');
      if (object !== undefined && (name === 'AbsoluteUri' || name === 'OriginalString')) return evaluate(object);
      return undefined;
    }
    default:
      return undefined;
  }
}

function returnedConstant(node: Node): Node | undefined {
  const target = unwrap(node);
  let body: Node | undefined;
  if (target.type === 'lambda_expression') body = field(target, 'body');
  else if (target.type === 'anonymous_method_expression') body = namedChildrenOf(target).find((child) => child.type === 'block');
  if (body === undefined) return undefined;
  if (body.type !== 'block') return unwrap(body);
  const statements = namedChildrenOf(body);
  if (statements.length === 1 && statements[0].type === 'return_statement') {
    const value = namedChildrenOf(statements[0])[0];
    return value === undefined ? undefined : unwrap(value);
  }
  return undefined;
}

export const csharpSyntax: LanguageSyntax = {
  language: 'csharp',
  indexedTypes: new Set([
    'string_literal',
    'verbatim_string_literal',
    'raw_string_literal',
    'invocation_expression',
    'object_creation_expression',
    'implicit_object_creation_expression',
    'variable_declaration',
    'property_declaration',
    'assignment_expression',
    'argument',
    'anonymous_object_member_declarator',
    'parameter',
    'using_directive',
  ]),
  stringLiteral,
  evaluateSpecial,
  bindingKey,
  callOf,
  memberObject: (node) => (node.type === 'member_access_expression' ? field(node, 'expression') : node.type === 'element_access_expression' ? field(node, 'expression') : undefined),
  namedValuesOf,
  entriesOf,
  booleanOf: (node) => {
    const target = unwrap(node);
    if (target.type !== 'boolean_literal') return undefined;
    return target.text === 'true';
  },
  unwrap,
  returnedConstant,
  isStatement: (node) => /(_statement|_declaration)$/.test(node.type) && node.type !== 'variable_declaration',
  importsOf: (node) => {
    if (node.type !== 'using_directive') return [];
    const name = namedChildrenOf(node).find((child) => child.type === 'qualified_name' || child.type === 'identifier');
    return name === undefined ? [] : [[name.text, name.text]];
  },
  typedDeclarationsOf,
};

