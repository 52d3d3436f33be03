import { posix } from 'node:path';
import { insertProperty, insertPropertyBefore, keyTextLike } from '../../../fixes/structuralEdits';
import { child, childString, escapePointerSegment, isObject, unescapePointerSegment, type AstNode, type ObjectNode } from '../../../model/ast';
import type { ParsedDocument } from '../../../model/parseDocument';
import type { ApiDescription, NodeRef, OperationEntry } from '../../../openapi/types';
import type { FixContext, FixProposal } from '../../types';

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
  /** The `$ref` that body's schema is, as written, and the document it is written in. */
  errorSchemaRef?: { ref: string; uri: string };
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
        const schema = child(response.node, 'schema');
        if (schema === undefined) continue;
        style.errorContent = true;
        recordSchemaRef(style, response.doc, schema);
        break outer;
      }
      const content = child(response.node, 'content');
      if (!isObject(content) || content.properties.size === 0) continue;
      style.errorContent = true;
      const [mediaType, mediaTypeObject] = content.properties.entries().next().value!;
      style.errorMediaType = mediaType;
      recordSchemaRef(style, response.doc, child(mediaTypeObject, 'schema'));
      break outer;
    }
  }
  styleCache.set(api, style);
  return style;
}

function recordSchemaRef(style: ErrorResponseStyle, doc: ParsedDocument, schema: AstNode | undefined): void {
  const ref = childString(schema, '$ref');
  if (ref !== undefined) style.errorSchemaRef = { ref, uri: doc.uri };
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

/**
 * A `$ref` written in the document at `fromUri`, rewritten to mean the same target when written
 * in the document at `toUri`: a pointer into the same file stays a bare `#…`, another file gets
 * a path relative to the new document's folder. Undefined for a reference it cannot rebase.
 */
export function rebaseRef(ref: string, fromUri: string, toUri: string): string | undefined {
  if (fromUri === toUri) return ref;
  let target: URL;
  let from: URL;
  try {
    target = new URL(ref, fromUri);
    from = new URL(toUri);
  } catch {
    return undefined;
  }
  const fragment = target.hash;
  target.hash = '';
  from.hash = '';
  if (target.href === from.href) return fragment === '' ? undefined : fragment;
  if (target.protocol !== 'file:' || from.protocol !== 'file:') return target.href + fragment;
  const relative = posix.relative(posix.dirname(from.pathname), target.pathname);
  return (relative.startsWith('.') ? relative : `./${relative}`) + fragment;
}

/** The order of a status key among response keys: codes by value, ranges at their start, `default` last. */
function statusOrder(key: string): number | undefined {
  const status = key.trim().toUpperCase();
  if (/^[1-5]\d\d$/.test(status)) return Number(status);
  if (/^[1-5]XX$/.test(status)) return Number(status[0]) * 100;
  return status === 'DEFAULT' ? 1000 : undefined;
}

/**
 * Adds `status: value` to a responses object in status order: after the nearest lower status,
 * else before the first higher one, written like its neighbouring keys (plain, quoted).
 */
function insertResponse(doc: ParsedDocument, responses: ObjectNode, status: string, value: unknown) {
  const order = Number(status);
  let lower: [string, AstNode] | undefined;
  let higher: [string, AstNode] | undefined;
  let lowerOrder = -1;
  for (const [key, node] of responses.properties) {
    const keyOrder = statusOrder(key);
    if (keyOrder === undefined) continue;
    if (keyOrder < order && keyOrder >= lowerOrder) {
      lower = [key, node];
      lowerOrder = keyOrder;
    }
    if (keyOrder > order && higher === undefined) higher = [key, node];
  }
  const keyText = keyTextLike(doc, (lower ?? higher)?.[1], status);
  if (lower !== undefined) return insertProperty(doc, responses, status, value, { after: [lower[0]], keyText });
  if (higher !== undefined) return insertPropertyBefore(doc, responses, status, value, higher[0], { keyText });
  return insertProperty(doc, responses, status, value, { keyText });
}

export interface ErrorResponseFixOptions {
  status: '401' | '403';
  /** Names of a reusable response for the status (`Unauthorized`), besides the status itself. */
  reusableNames: readonly string[];
  description: string;
  /** Proposal titles: an inline response, and a `$ref` to the reusable response `{name}`. */
  title: () => string;
  titleReusing: (args: { name: string }) => string;
}

/**
 * The quick fix of the missing-error-response rules: the operation's `responses` (followed through
 * `$ref`, in whichever file holds it) gets the status, as a `$ref` to the document's reusable
 * response for it when there is one, else inline with a description and — where the document's
 * other error responses have a body — the same media type and schema reference.
 */
export function errorResponseFix(context: FixContext, options: ErrorResponseFixOptions): FixProposal[] {
  const { api, doc, node } = context;
  if (!isObject(node)) return [];
  const raw = child(node, 'responses');
  const target = raw === undefined ? undefined : api.resolve({ doc, node: raw });
  const responses = target?.node;
  if (target !== undefined && (!isObject(responses) || responses.properties.has(options.status))) return [];
  const targetDoc = target?.doc ?? doc;
  const reusable = reusableResponseRef(api, options.status, options.reusableNames);
  const reusableRef = reusable === undefined ? undefined : rebaseRef(reusable, api.root.uri, targetDoc.uri);
  let value: Record<string, unknown>;
  let title: string;
  if (reusable !== undefined && reusableRef !== undefined) {
    value = { $ref: reusableRef };
    title = options.titleReusing({ name: unescapePointerSegment(reusable.slice(reusable.lastIndexOf('/') + 1)) });
  } else {
    value = { description: options.description, ...errorBody(api, targetDoc.uri) };
    title = options.title();
  }
  const edit = isObject(responses)
    ? insertResponse(targetDoc, responses, options.status, value)
    : insertProperty(doc, node, 'responses', { [options.status]: value });
  return [{ title, edits: [edit], isPreferred: true, safe: true }];
}

/** The body of a new error response, like the document's other errors: 3.x `content`, 2.0 `schema`. */
function errorBody(api: ApiDescription, uri: string): Record<string, unknown> {
  const style = errorResponseStyleOf(api);
  if (!style.errorContent) return {};
  const written = style.errorSchemaRef;
  // A remote schema is never fetched (ref-remote-blocked); the new response does not spread it.
  const local = written !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(written.ref);
  const schemaRef = local ? rebaseRef(written.ref, written.uri, uri) : undefined;
  const schema = schemaRef === undefined ? undefined : { $ref: schemaRef };
  if (api.version === '2.0') return schema === undefined ? {} : { schema };
  if (style.errorMediaType === undefined) return {};
  return { content: { [style.errorMediaType]: schema === undefined ? {} : { schema } } };
}
