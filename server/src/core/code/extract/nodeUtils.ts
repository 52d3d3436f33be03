import type { Language, Node } from 'web-tree-sitter';
import { StringTemplate } from './stringTemplate';
import type { LiteralString } from './syntax';

/** Named children without comments, which tree-sitter places anywhere between tokens. */
export function namedChildrenOf(node: Node | null | undefined): Node[] {
  if (node === null || node === undefined) return [];
  return node.namedChildren.filter((child): child is Node => child !== null && !child.type.includes('comment'));
}

const fieldIdsByGrammar = new WeakMap<Language, Map<string, number | null>>();

/**
 * The child of a node under a field name. The field's id is looked up once per grammar:
 * `childForFieldName` searches the grammar's field list on every call, which the extraction does
 * hundreds of thousands of times in a large workspace.
 */
export function field(node: Node | null | undefined, name: string): Node | undefined {
  if (node === null || node === undefined) return undefined;
  const grammar = node.tree.language;
  let ids = fieldIdsByGrammar.get(grammar);
  if (ids === undefined) fieldIdsByGrammar.set(grammar, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) ids.set(name, (id = grammar.fieldIdForName(name)));
  return id === null ? undefined : (node.childForFieldId(id) ?? undefined);
}

/** Decodes one escape sequence of a C-family string literal (`\n`, `\u00e9`, `\x41`, `\u{1F600}`). */
export function decodeEscape(sequence: string): string {
  const body = sequence.slice(1);
  switch (body[0]) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return body.length === 1 ? '\0' : String.fromCharCode(parseInt(body, 8));
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case 'x':
      return String.fromCharCode(parseInt(body.slice(1), 16) || 0);
    case 'u':
    case 'U': {
      const hex = body.slice(1).replace(/[{}]/g, '');
      const code = parseInt(hex, 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : sequence;
    }
    case '\n':
      return '';
    default:
      return body;
  }
}

/**
 * Builds a literal from its content nodes: `contentTypes` are copied, `escapeTypes` decoded;
 * anything else makes it no plain literal (an interpolation). Content between the content nodes
 * (for grammars that leave it unnamed) is taken from the source between them.
 */
export function literalFromParts(node: Node, contentTypes: ReadonlySet<string>, escapeTypes: ReadonlySet<string>, contentStart: number, contentEnd: number): LiteralString | undefined {
  let value = '';
  let verbatim = true;
  let position = contentStart;
  for (const child of node.namedChildren) {
    if (child === null) continue;
    if (contentTypes.has(child.type)) {
      value += child.text;
      position = child.endIndex;
    } else if (escapeTypes.has(child.type)) {
      value += decodeEscape(child.text);
      verbatim = false;
      position = child.endIndex;
    } else if (child.startIndex >= contentStart && child.endIndex <= contentEnd && !child.type.includes('comment')) {
      return undefined;
    }
  }
  if (value === '' && position === contentStart && contentEnd > contentStart) value = node.text.slice(contentStart - node.startIndex, contentEnd - node.startIndex);
  return { node, value, contentStart, verbatim };
}

/**
 * The template of an interpolated string: content nodes as text, escapes decoded, every other
 * named child an expression that `evaluate` resolves (or `hole` for embedded holes).
 */
export function templateFromParts(
  node: Node,
  contentTypes: ReadonlySet<string>,
  escapeTypes: ReadonlySet<string>,
  expressionOf: (child: Node) => Node | undefined,
  evaluate: (node: Node) => StringTemplate,
): StringTemplate {
  const parts: StringTemplate[] = [];
  for (const child of node.namedChildren) {
    if (child === null || child.type.includes('comment')) continue;
    if (contentTypes.has(child.type)) parts.push(StringTemplate.text(child.text, child.startIndex));
    else if (escapeTypes.has(child.type)) parts.push(StringTemplate.text(decodeEscape(child.text)));
    else {
      const expression = expressionOf(child);
      if (expression !== undefined) parts.push(evaluate(expression));
    }
  }
  return StringTemplate.concat(parts);
}

/** Joins a base URL and a path the way HTTP clients do: exactly one slash between them. */
export function joinTemplates(base: StringTemplate, path: StringTemplate): StringTemplate {
  const pathText = path.text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pathText)) return path;
  if (base.isEmpty) return path;
  if (path.isEmpty) return base;
  const baseText = base.text;
  const baseSlash = baseText.endsWith('/');
  const pathSlash = pathText.startsWith('/');
  if (baseSlash && pathSlash) return StringTemplate.concat([base, path.withoutPrefix(1)]);
  if (!baseSlash && !pathSlash && !pathText.startsWith('?')) return StringTemplate.concat([base, StringTemplate.text('/'), path]);
  return StringTemplate.concat([base, path]);
}
