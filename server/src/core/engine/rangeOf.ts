import type { AstNode } from '../model/ast';
import type { Range } from '../model/lineIndex';
import type { ParsedDocument } from '../model/parseDocument';

export type RangePart = 'key' | 'value' | 'entry';

/**
 * The one function that turns a node into an editor range (DESIGN.md invariant 3). By default a
 * node held under a property is shown at its key (`get:` for an operation), which is where users
 * look and where a squiggle stays short; `value` covers the value, `entry` key and value.
 */
export function rangeOf(doc: ParsedDocument, node: AstNode, part: RangePart = 'key'): Range {
  const [start, end] = offsetsOf(node, part);
  return doc.lines.rangeOf(start, end);
}

export function offsetsOf(node: AstNode, part: RangePart = 'key'): [number, number] {
  const hasKey = node.keyStart !== undefined && node.keyEnd !== undefined;
  if (part === 'key' && hasKey) return [node.keyStart!, node.keyEnd!];
  if (part === 'entry' && hasKey) return [node.keyStart!, Math.max(node.end, node.keyEnd!)];
  return [node.start, Math.max(node.end, node.start)];
}
