/**
 * The document tree every rule works on. It is the same for YAML and JSON: objects, arrays and
 * scalars, each with the source offsets it came from, so that one function can turn any node into
 * an editor range (DESIGN.md invariant 3).
 */

export type AstNode = ObjectNode | ArrayNode | ScalarNode;
export type CollectionNode = ObjectNode | ArrayNode;

interface NodeBase {
  /** Offset of the node's first character in the document text (UTF-16 code units). */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
  parent: CollectionNode | undefined;
  /** The property name (in an object) or index (in an array) under which the parent holds it. */
  key: string | number | undefined;
  /** Source offsets of the property key, when the parent is an object. */
  keyStart?: number;
  keyEnd?: number;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  /** Properties in source order. A duplicated key keeps its last value, as JSON.parse does. */
  properties: Map<string, AstNode>;
  /** YAML flow style (`{a: 1}`) or JSON; false for YAML block mappings. */
  flow: boolean;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: AstNode[];
  flow: boolean;
}

export interface ScalarNode extends NodeBase {
  type: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
}

export function isObject(node: AstNode | undefined): node is ObjectNode {
  return node !== undefined && node.type === 'object';
}

export function isArray(node: AstNode | undefined): node is ArrayNode {
  return node !== undefined && node.type === 'array';
}

export function isScalar(node: AstNode | undefined): node is ScalarNode {
  return node !== undefined && node.type !== 'object' && node.type !== 'array';
}

/** The child of an object by key, or undefined when the node is not an object. */
export function child(node: AstNode | undefined, key: string): AstNode | undefined {
  return node !== undefined && node.type === 'object' ? node.properties.get(key) : undefined;
}

/** The string value of a child, or undefined when it is missing or not a string. */
export function childString(node: AstNode | undefined, key: string): string | undefined {
  const value = child(node, key);
  return value !== undefined && value.type === 'string' ? (value.value as string) : undefined;
}

export function stringValue(node: AstNode | undefined): string | undefined {
  return node !== undefined && node.type === 'string' ? (node.value as string) : undefined;
}

/** The plain JavaScript value of a node (what JSON.parse would return for it). */
export function toValue(node: AstNode): unknown {
  try {
    return plainOf(node);
  } finally {
    // After an error too (a stack overflow in a deep document): no value is held.
    valueOut = NO_VALUE;
  }
}

function plainOf(node: AstNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // forEach rather than for…of: no [key, value] pair is allocated per property of a large
      // document. And one callback for every object, which finds the object it fills in
      // `valueOut`, rather than a closure made per object: on the Stripe YAML's 100,000 objects
      // the closures made the first conversion some 40 % slower.
      const outer = valueOut;
      valueOut = out;
      node.properties.forEach(setValueMember);
      valueOut = outer;
      return out;
    }
    case 'array': {
      const items = node.items;
      const out: unknown[] = [];
      for (let index = 0; index < items.length; index++) out.push(plainOf(items[index]));
      return out;
    }
    default:
      return node.value;
  }
}

const NO_VALUE: Record<string, unknown> = {};
/** The object `plainOf` is filling, for `setValueMember`. */
let valueOut = NO_VALUE;

function setValueMember(value: AstNode, key: string): void {
  const out = valueOut;
  setMember(out, key, plainOf(value));
}

/**
 * Sets a member of a plain value as `JSON.parse` does: a key named `__proto__` becomes an own
 * property like any other. An assignment would set the object's prototype instead, so that the key
 * vanished from the value structural validation reads, and the members of its value looked like
 * the object's own to a validator's `for … in`.
 */
export function setMember(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/** The JSON pointer (RFC 6901) of a node inside its document. */
export function pointerOf(node: AstNode): string {
  // Built from the node upwards by prepending: no array of parts to reverse and join per call,
  // which shows when every finding of a large document asks for its pointer.
  let pointer = '';
  for (let current: AstNode = node; current.parent !== undefined; current = current.parent) {
    pointer = '/' + pointerSegment(current.key) + pointer;
  }
  return pointer;
}

/** A node's key as a segment of a JSON pointer (an item's index, or an escaped key). */
export function pointerSegment(key: string | number | undefined): string {
  return typeof key === 'number' ? String(key) : escapePointerSegment(String(key));
}

export function escapePointerSegment(segment: string): string {
  // Most keys need no escaping; checking first spares two regular expressions per segment.
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  // Those that do are mostly paths (`/repos/{owner}/{repo}`), in the pointer of every finding
  // below them: each is escaped once.
  let escaped = escapedSegments.get(segment);
  if (escaped === undefined) {
    escaped = segment.replace(/~/g, '~0').replace(/\//g, '~1');
    if (escapedSegments.size >= MAX_ESCAPED_SEGMENTS) escapedSegments.clear();
    escapedSegments.set(segment, escaped);
  }
  return escaped;
}

/** Escaped pointer segments by segment, a bounded number (a process may read any number of specs). */
const escapedSegments = new Map<string, string>();
const MAX_ESCAPED_SEGMENTS = 8192;

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Path segments of a JSON pointer; `''` and `'#'` are the root. Percent-encoding is decoded. */
export function parsePointer(pointer: string): string[] | undefined {
  let text = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (text === '') return [];
  if (!text.startsWith('/')) return undefined;
  try {
    text = decodeURIComponent(text);
  } catch {
    // A pointer with a stray '%' is used as written.
  }
  return text.slice(1).split('/').map(unescapePointerSegment);
}

export function nodeAtPointer(root: AstNode | undefined, pointer: string): AstNode | undefined {
  const segments = parsePointer(pointer);
  if (segments === undefined) return undefined;
  return nodeAtPath(root, segments);
}

export function nodeAtPath(root: AstNode | undefined, path: readonly (string | number)[]): AstNode | undefined {
  let current = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (current.type === 'object') current = current.properties.get(String(segment));
    else if (current.type === 'array') {
      const index = typeof segment === 'number' ? segment : /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
      current = index >= 0 ? current.items[index] : undefined;
    } else return undefined;
  }
  return current;
}

/** The path of keys from the root to a node. */
export function pathOf(node: AstNode): (string | number)[] {
  const parts: (string | number)[] = [];
  for (let current: AstNode | undefined = node; current?.parent; current = current.parent) {
    parts.push(current.key as string | number);
  }
  return parts.reverse();
}
