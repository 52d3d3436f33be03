import { child, escapePointerSegment, isObject } from '../../../model/ast';
import type { ApiDescription, NodeRef, OperationEntry } from '../../../openapi/types';

/**
 * The status keys an operation documents, upper-cased (`401`, `4XX`, `DEFAULT`). Response
 * ranges exist from OpenAPI 3.0 on; in Swagger 2.0 a `4XX` key is invalid and is not returned.
 */
export function documentedStatusesOf(api: ApiDescription, operation: OperationEntry): Set<string> {
  const statuses = new Set<string>();
  const responses = operation.responses?.node;
  if (!isObject(responses)) return statuses;
  for (const key of responses.properties.keys()) {
    const status = key.trim().toUpperCase();
    if (api.version === '2.0' && /^\dXX$/.test(status)) continue;
    statuses.add(status);
  }
  return statuses;
}

/** What a quick fix adding an error response should copy from the document's other errors. */
export interface ErrorResponseStyle {
  /** True when some 4xx/5xx/default response of the API has a body (3.x `content`, 2.0 `schema`). */
  errorContent: boolean;
  /** 3.x: the first media type such a body uses (`application/problem+json`, …). */
  errorMediaType?: string;
}

const styleCache = new WeakMap<ApiDescription, ErrorResponseStyle>();

function isErrorStatus(key: string): boolean {
  return /^[45]/.test(key.trim()) || key.trim().toLowerCase() === 'default';
}

export function errorResponseStyleOf(api: ApiDescription): ErrorResponseStyle {
  const cached = styleCache.get(api);
  if (cached !== undefined) return cached;
  const style: ErrorResponseStyle = { errorContent: false };
  outer: for (const operation of api.operations) {
    const responses = operation.responses;
    if (responses === undefined || !isObject(responses.node)) continue;
    for (const [key, raw] of responses.node.properties) {
      if (!isErrorStatus(key)) continue;
      const response = api.resolve({ doc: responses.doc, node: raw });
      if (api.version === '2.0') {
        if (child(response.node, 'schema') === undefined) continue;
        style.errorContent = true;
        break outer;
      }
      const content = child(response.node, 'content');
      if (!isObject(content) || content.properties.size === 0) continue;
      style.errorContent = true;
      style.errorMediaType = content.properties.keys().next().value;
      break outer;
    }
  }
  styleCache.set(api, style);
  return style;
}

/**
 * A reusable response the document already defines for a status, as a `$ref` a fix can insert:
 * a key of `components.responses` (2.0: root `responses`) that is the status itself or one of the
 * given names (`Unauthorized`, `Forbidden`, compared without regard to case).
 */
export function reusableResponseRef(api: ApiDescription, status: string, names: readonly string[]): string | undefined {
  const rootNode = api.root.root;
  let container: NodeRef | undefined;
  let prefix: string;
  if (api.version === '2.0') {
    const responses = child(rootNode, 'responses');
    container = responses === undefined ? undefined : api.resolve({ doc: api.root, node: responses });
    prefix = '#/responses/';
  } else {
    const components = child(rootNode, 'components');
    const resolvedComponents = components === undefined ? undefined : api.resolve({ doc: api.root, node: components });
    const responses = child(resolvedComponents?.node, 'responses');
    container = responses === undefined || resolvedComponents === undefined ? undefined : api.resolve({ doc: resolvedComponents.doc, node: responses });
    prefix = '#/components/responses/';
  }
  // A container reached through $ref lives in another file; a local pointer would not reach it.
  if (container === undefined || container.doc !== api.root || !isObject(container.node)) return undefined;
  const wanted = new Set([status, ...names.map((name) => name.toLowerCase())]);
  const match = [...container.node.properties.keys()].find((key) => wanted.has(key.toLowerCase()));
  return match === undefined ? undefined : prefix + escapePointerSegment(match);
}
