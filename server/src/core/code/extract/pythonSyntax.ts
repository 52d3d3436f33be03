import type { Node } from 'web-tree-sitter';
import { decodeEscape, field, joinTemplates, namedChildrenOf } from './nodeUtils';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, LanguageSyntax, LiteralString, NamedValue } from './syntax';

const WRAPPERS = new Set(['parenthesized_expression', 'await']);
const PERCENT_FORMAT = /%%|%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[sdifrxXoeEgGca]/;
const BRACE_FORMAT = /\{[^{}]*\}/;

function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(current.type)) {
    const inner = namedChildrenOf(current)[0];
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

/** The text of a `string_content` node with escapes decoded (raw strings keep them). */
function contentText(content: Node, raw: boolean): { text: string; verbatim: boolean } {
  if (raw) return { text: content.text, verbatim: true };
  let text = '';
  let position = content.startIndex;
  let verbatim = true;
  const source = content.text;
  for (const child of content.namedChildren) {
    if (child === null || child.type !== 'escape_sequence') continue;
    text += source.slice(position - content.startIndex, child.startIndex - content.startIndex) + decodeEscape(child.text);
    position = child.endIndex;
    verbatim = false;
  }
  text += source.slice(position - content.startIndex);
  return { text, verbatim };
}

function prefixOf(node: Node): string {
  const start = node.namedChildren.find((child) => child?.type === 'string_start');
  return start === null || start === undefined ? '' : start.text.replace(/['"]+$/, '').toLowerCase();
}

function stringLiteral(node: Node): LiteralString | undefined {
  if (node.type !== 'string') return undefined;
  const prefix = prefixOf(node);
  const raw = prefix.includes('r');
  let value = '';
  let verbatim = true;
  let contentStart: number | undefined;
  for (const child of node.namedChildren) {
    if (child === null) continue;
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_start') contentStart = child.endIndex;
    if (child.type === 'string_content') {
      const content = contentText(child, raw);
      value += content.text;
      verbatim &&= content.verbatim;
    }
  }
  return { node, value, contentStart: contentStart ?? node.startIndex, verbatim };
}

function stringTemplate(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate {
  const raw = prefixOf(node).includes('r');
  const parts: StringTemplate[] = [];
  for (const child of node.namedChildren) {
    if (child === null) continue;
    if (child.type === 'string_content') {
      const content = contentText(child, raw);
      parts.push(StringTemplate.text(content.text, child.startIndex, content.verbatim));
    } else if (child.type === 'interpolation') {
      const expression = field(child, 'expression');
      parts.push(expression === undefined ? StringTemplate.hole() : evaluate(expression));
    }
  }
  return StringTemplate.concat(parts);
}

/** `x` → `x`; `self.x` / `cls.x` → `x`; `settings.BASE` → `settings.BASE`. */
function bindingKey(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'attribute') {
    const object = field(target, 'object');
    const attribute = field(target, 'attribute')?.text;
    if (object === undefined || attribute === undefined) return undefined;
    const inner = unwrap(object);
    if (inner.type === 'identifier' && (inner.text === 'self' || inner.text === 'cls')) return attribute;
    if (inner.type === 'identifier') return `${inner.text}.${attribute}`;
  }
  return undefined;
}

/** Dotted text of an object expression, `self.` dropped (`self.session.headers` → `session.headers`). */
function pythonDottedText(node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'attribute') {
    const object = field(target, 'object');
    const attribute = field(target, 'attribute')?.text;
    if (object === undefined || attribute === undefined) return undefined;
    const inner = unwrap(object);
    if (inner.type === 'identifier' && (inner.text === 'self' || inner.text === 'cls')) return attribute;
    const head = pythonDottedText(object);
    return head === undefined ? undefined : `${head}.${attribute}`;
  }
  if (target.type === 'subscript') {
    const value = field(target, 'value');
    const index = field(target, 'subscript');
    const name = index === undefined ? undefined : stringLiteral(unwrap(index))?.value;
    const head = value === undefined ? undefined : pythonDottedText(value);
    return head === undefined || name === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function callOf(node: Node): CallInfo | undefined {
  if (node.type !== 'call') return undefined;
  const callee = field(node, 'function');
  if (callee === undefined) return undefined;
  const target = unwrap(callee);
  const args: Node[] = [];
  const named = new Map<string, Node>();
  for (const argument of namedChildrenOf(field(node, 'arguments'))) {
    if (argument.type === 'keyword_argument') {
      const name = field(argument, 'name')?.text;
      const value = field(argument, 'value');
      if (name !== undefined && value !== undefined) named.set(name, value);
    } else if (argument.type !== 'list_splat' && argument.type !== 'dictionary_splat') {
      args.push(argument);
    }
  }
  // Python has no `new`: a capitalised callee is most likely a class.
  if (target.type === 'identifier') return { node, isConstructor: /^[A-Z]/.test(target.text), name: target.text, args, named };
  if (target.type === 'attribute') {
    const name = field(target, 'attribute')?.text;
    const receiver = field(target, 'object');
    if (name === undefined || receiver === undefined) return undefined;
    return { node, isConstructor: /^[A-Z]/.test(name), name, receiver, args, named };
  }
  return undefined;
}

function namedValuesOf(node: Node): NamedValue[] {
  switch (node.type) {
    case 'assignment': {
      const left = field(node, 'left');
      const value = field(node, 'right');
      if (left === undefined || value === undefined) return [];
      const target = unwrap(left);
      if (target.type === 'identifier') {
        const type = field(node, 'type')?.text;
        return [{ name: target.text, nameNode: target, value, kind: 'variable', bindingKey: target.text, declaredType: type }];
      }
      if (target.type === 'attribute') {
        const nameNode = field(target, 'attribute');
        const object = field(target, 'object');
        if (nameNode === undefined || object === undefined) return [];
        const inner = unwrap(object);
        const isSelf = inner.type === 'identifier' && (inner.text === 'self' || inner.text === 'cls');
        return [{ name: nameNode.text, nameNode, value, kind: 'assignment', bindingKey: isSelf ? nameNode.text : undefined, objectKey: pythonDottedText(object) }];
      }
      if (target.type === 'subscript') {
        const index = field(target, 'subscript');
        const object = field(target, 'value');
        const name = index === undefined ? undefined : stringLiteral(unwrap(index))?.value;
        if (name === undefined || index === undefined || object === undefined) return [];
        return [{ name, nameNode: index, value, kind: 'assignment', objectKey: pythonDottedText(object) }];
      }
      return [];
    }
    case 'keyword_argument': {
      const nameNode = field(node, 'name');
      const value = field(node, 'value');
      if (nameNode === undefined || value === undefined) return [];
      return [{ name: nameNode.text, nameNode, value, kind: 'argument' }];
    }
    case 'pair': {
      const key = field(node, 'key');
      const value = field(node, 'value');
      const name = key === undefined ? undefined : (stringLiteral(unwrap(key))?.value ?? (key.type === 'identifier' ? undefined : undefined));
      if (key === undefined || value === undefined || name === undefined) return [];
      return [{ name, nameNode: key, value, kind: 'entry' }];
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const nameNode = field(node, 'name');
      const value = field(node, 'value');
      if (nameNode?.type !== 'identifier' || value === undefined) return [];
      return [{ name: nameNode.text, nameNode, value, kind: 'parameter' }];
    }
    case 'as_pattern': {
      // `with requests.Session() as s:` binds `s` to the session.
      const alias = field(node, 'alias');
      const value = namedChildrenOf(node)[0];
      const name = alias?.namedChildren[0] ?? undefined;
      if (name?.type !== 'identifier' || value === undefined || node.parent?.type !== 'with_item') return [];
      return [{ name: name.text, nameNode: name, value, kind: 'variable', bindingKey: name.text }];
    }
    default:
      return [];
  }
}

function entriesOf(node: Node): NamedValue[] | undefined {
  const target = unwrap(node);
  if (target.type === 'dictionary') return namedChildrenOf(target).flatMap((child) => (child.type === 'pair' ? namedValuesOf(child) : []));
  if (target.type === 'call') {
    // `dict(a=1, b=2)` is a dictionary too.
    const callee = field(target, 'function');
    if (callee?.text !== 'dict') return undefined;
    return namedChildrenOf(field(target, 'arguments')).flatMap((child) => (child.type === 'keyword_argument' ? namedValuesOf(child) : []));
  }
  return undefined;
}

function evaluateSpecial(node: Node, evaluate: (node: Node) => StringTemplate): StringTemplate | undefined {
  switch (node.type) {
    case 'string':
      return stringTemplate(node, evaluate);
    case 'integer':
      return StringTemplate.text(node.text);
    case 'concatenated_string':
      return StringTemplate.concat(namedChildrenOf(node).map(evaluate));
    case 'binary_operator': {
      const operator = field(node, 'operator')?.text;
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left === undefined || right === undefined) return undefined;
      if (operator === '+') return StringTemplate.concat([evaluate(left), evaluate(right)]);
      if (operator === '%') {
        // `"%s/x" % base` or `"%s/%s" % (base, id)`: positional values fill the placeholders.
        const values = unwrap(right).type === 'tuple' ? namedChildrenOf(unwrap(right)) : [right];
        return StringTemplate.fromFormat(evaluate(left), PERCENT_FORMAT, (_, ordinal) => (values[ordinal] === undefined ? undefined : evaluate(values[ordinal])));
      }
      return undefined;
    }
    case 'call': {
      const call = callOf(node);
      if (call === undefined) return undefined;
      if (call.receiver !== undefined && call.name === 'format') {
        // `'{}/x/{}'.format(base, id)`, `'{0}'.format(base)`, `'{base}'.format(base=…)`.
        return StringTemplate.fromFormat(evaluate(call.receiver), BRACE_FORMAT, (placeholder, ordinal) => {
          const name = placeholder.slice(1, -1).split(/[!:]/)[0];
          const value = name === '' ? call.args[ordinal] : /^\d+$/.test(name) ? call.args[Number(name)] : call.named.get(name);
          return value === undefined ? undefined : evaluate(value);
        });
      }
      if (call.receiver !== undefined && (call.name === 'strip' || call.name === 'rstrip' || call.name === 'lstrip' || call.name === 'replace')) return evaluate(call.receiver);
      if (call.receiver === undefined && call.name === 'str' && call.args.length === 1) return evaluate(call.args[0]);
      if (call.name === 'urljoin' && call.args.length === 2) return joinTemplates(evaluate(call.args[0]), evaluate(call.args[1]));
      if (call.receiver !== undefined && call.name === 'join') {
        const separator = stringLiteral(unwrap(call.receiver));
        const list = call.args[0] === undefined ? undefined : unwrap(call.args[0]);
        if (separator === undefined || list === undefined || (list.type !== 'list' && list.type !== 'tuple')) return undefined;
        const parts: StringTemplate[] = [];
        namedChildrenOf(list).forEach((element, index) => {
          if (index > 0) parts.push(StringTemplate.text(separator.value));
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

function importsOf(node: Node): [string, string][] {
  if (node.type === 'import_statement') {
    return namedChildrenOf(node).flatMap((child): [string, string][] => {
      if (child.type === 'dotted_name') return [[child.text.split('.')[0], child.text.split('.')[0]]];
      if (child.type === 'aliased_import') {
        const name = field(child, 'name')?.text;
        const alias = field(child, 'alias')?.text;
        return name !== undefined && alias !== undefined ? [[alias, name]] : [];
      }
      return [];
    });
  }
  if (node.type === 'import_from_statement') {
    const module = field(node, 'module_name')?.text;
    if (module === undefined) return [];
    return namedChildrenOf(node)
      .filter((child) => child.id !== field(node, 'module_name')?.id)
      .flatMap((child): [string, string][] => {
        if (child.type === 'dotted_name') return [[child.text, `${module}.${child.text}`]];
        if (child.type === 'aliased_import') {
          const name = field(child, 'name')?.text;
          const alias = field(child, 'alias')?.text;
          return name !== undefined && alias !== undefined ? [[alias, `${module}.${name}`]] : [];
        }
        return [];
      });
  }
  return [];
}

export const pythonSyntax: LanguageSyntax = {
  language: 'python',
  indexedTypes: new Set(['string', 'call', 'assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter', 'as_pattern', 'import_statement', 'import_from_statement']),
  stringLiteral,
  evaluateSpecial,
  bindingKey,
  callOf,
  memberObject: (node) => (node.type === 'attribute' ? field(node, 'object') : node.type === 'subscript' ? field(node, 'value') : undefined),
  namedValuesOf,
  entriesOf,
  booleanOf,
  unwrap,
  returnedConstant: (node) => {
    const target = unwrap(node);
    const body = target.type === 'lambda' ? field(target, 'body') : undefined;
    return body === undefined ? undefined : unwrap(body);
  },
  isStatement: (node) => /_statement$|^function_definition$|^class_definition$/.test(node.type),
  importsOf,
};
