import type { Node } from 'web-tree-sitter';
import type { TlsSetting } from '../codeExtraction';
import type { SourceFile } from './sourceFile';
import type { NamedValue } from './syntax';

/** A TLS finding on a node; `replace` is the literal whose replacement restores verification. */
export function tlsSetting(file: SourceFile, pattern: string, at: Node, replace?: { node: Node; newText: string } | { start: number; end: number; newText: string }): TlsSetting {
  const setting: TlsSetting = { pattern, span: file.span(at) };
  if (replace !== undefined) {
    const start = 'node' in replace ? replace.node.startIndex : replace.start;
    const end = 'node' in replace ? replace.node.endIndex : replace.end;
    setting.fix = { start, end, range: file.lines.rangeOf(start, end), newText: replace.newText };
  }
  return setting;
}

/** Named values `name = <boolean>` (any spelling the language has), e.g. `rejectUnauthorized: false`. */
export function booleanSettings(file: SourceFile, names: ReadonlySet<string>, value: boolean, inverse: string, label: (name: string) => string = (name) => `${name}: ${String(value)}`): TlsSetting[] {
  const found: TlsSetting[] = [];
  for (const named of file.namedValues) {
    if (!names.has(named.name)) continue;
    const literal = file.syntax.unwrap(named.value);
    if (file.syntax.booleanOf(literal) !== value) continue;
    found.push(tlsSetting(file, label(named.name), entryNode(named), { node: literal, newText: inverse }));
  }
  return found;
}

/** The whole `name: value` entry or assignment, for the diagnostic range. */
export function entryNode(named: NamedValue): Node {
  const parent = named.value.parent;
  return parent !== null && parent.startIndex <= named.nameNode.startIndex ? parent : named.value;
}

/** Removes a chained call such as `.disableTLSCerts()` or `->withoutVerifying()` (the accessor and the call). */
export function chainedCallRemoval(call: Node, receiver: Node): { start: number; end: number; newText: string } {
  return { start: receiver.endIndex, end: call.endIndex, newText: '' };
}
