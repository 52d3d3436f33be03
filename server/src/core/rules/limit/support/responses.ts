import { child, isObject, type AstNode, type ObjectNode } from '../../../model/ast';
import type { ApiDescription, NodeRef, OperationEntry } from '../../../openapi/types';

/** One response definition, however many operations and status codes use it. */
export interface ResponseDefinition {
  /** The resolved response object, where it is written. */
  at: NodeRef & { node: ObjectNode };
  /** Status codes (`200`, `2XX`, `default`) under which operations list it, in first-seen order. */
  statuses: string[];
  operations: OperationEntry[];
  /** Header names it documents, lower-cased. */
  headers: Set<string>;
}

const cache = new WeakMap<ApiDescription, ResponseDefinition[]>();

/** Every response of every operation, resolved and each listed once (shared components included). */
export function responseDefinitions(api: ApiDescription): ResponseDefinition[] {
  let definitions = cache.get(api);
  if (definitions !== undefined) return definitions;
  definitions = [];
  const byNode = new Map<AstNode, ResponseDefinition>();
  for (const operation of api.operations) {
    const responses = operation.responses;
    if (responses === undefined || !isObject(responses.node)) continue;
    for (const [status, raw] of responses.node.properties) {
      if (status.startsWith('x-')) continue;
      const resolved = api.resolve({ doc: responses.doc, node: raw });
      if (!isObject(resolved.node)) continue;
      let definition = byNode.get(resolved.node);
      if (definition === undefined) {
        const headers = child(resolved.node, 'headers');
        definition = {
          at: { doc: resolved.doc, node: resolved.node },
          statuses: [],
          operations: [],
          headers: new Set(isObject(headers) ? [...headers.properties.keys()].map((name) => name.toLowerCase()) : []),
        };
        byNode.set(resolved.node, definition);
        definitions.push(definition);
      }
      if (!definition.statuses.includes(status)) definition.statuses.push(status);
      if (!definition.operations.includes(operation)) definition.operations.push(operation);
    }
  }
  cache.set(api, definitions);
  return definitions;
}

/** `200`–`299` and `2XX`. */
export function is2xxStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}
