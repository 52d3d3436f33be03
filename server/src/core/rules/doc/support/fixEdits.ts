import { insertProperty, insertPropertyBefore, keyTextLike, replaceScalar } from '../../../fixes/structuralEdits';
import type { TextEdit } from '../../../fixes/textEdit';
import { child, isObject, type AstNode, type ObjectNode } from '../../../model/ast';
import type { ParsedDocument } from '../../../model/parseDocument';
import type { ApiDescription } from '../../../openapi/types';
import { reusableResponseRef } from '../../auth/support/responses';

/**
 * Edits shared by the quick fixes of the documentation and resource-limit rules: where a new key
 * of an operation goes, how a response is added in status-code order, and which error body and
 * reusable responses the document already has, so that an added response looks like its siblings.
 */

/** The marker that flags a generated text for review; teams find them with a search for `TODO`. */
export const TODO_MARKER = 'TODO: review';

/**
 * Adds `key: value` to an object after the last of `after` that it has, or before its first
 * property when it has none of them (a new `summary` belongs at the top of an operation).
 */
export function insertNear(doc: ParsedDocument, object: ObjectNode, key: string, value: unknown, after: readonly string[]): TextEdit {
  let anchor: string | undefined;
  for (const existing of object.properties.keys()) if (after.includes(existing)) anchor = existing;
  if (anchor !== undefined) return insertProperty(doc, object, key, value, { after: [anchor] });
  const first = object.properties.keys().next();
  return first.done === true ? insertProperty(doc, object, key, value) : insertPropertyBefore(doc, object, key, value, first.value);
}

/**
 * Gives an existing property without text (`summary: ""`, `summary:`) a string value. A YAML key
 * with nothing after its colon holds an empty null, which needs a space before the new value.
 */
export function setText(doc: ParsedDocument, node: AstNode, text: string): TextEdit | undefined {
  if (node.type === 'object' || node.type === 'array') return undefined;
  const edit = replaceScalar(doc, node, text);
  if (node.start === node.end && doc.text.charAt(node.start - 1) === ':') edit.newText = ' ' + edit.newText;
  return edit;
}

/** Sorts status keys: codes by number, a `4XX` range after its codes, `default` last; others have no place. */
export function statusRank(status: string): number | undefined {
  const key = status.trim().toUpperCase();
  if (/^[1-5]\d\d$/.test(key)) return Number(key);
  if (/^[1-5]XX$/.test(key)) return Number(key.charAt(0)) * 100 + 99.5;
  if (key === 'DEFAULT') return 1000;
  return undefined;
}

/**
 * Adds a response to a `responses` object in status-code order: before the first status that
 * sorts after it, else after the last status (extensions stay where they are). The key is written
 * like its siblings (`"429"`, `'429'` or plain `429`).
 */
export function insertResponse(doc: ParsedDocument, responses: ObjectNode, status: string, value: unknown): TextEdit {
  const rank = statusRank(status)!;
  const statuses = [...responses.properties.keys()].filter((key) => statusRank(key) !== undefined);
  const sibling = statuses.length === 0 ? undefined : responses.properties.get(statuses[0]);
  const keyText = keyTextLike(doc, sibling, status);
  const next = statuses.find((key) => statusRank(key)! > rank);
  if (next !== undefined) return insertPropertyBefore(doc, responses, status, value, next, { keyText });
  const last = statuses[statuses.length - 1];
  return insertProperty(doc, responses, status, value, last === undefined ? { keyText } : { keyText, after: [last] });
}

/**
 * Where an operation's new response goes: into its `responses` (resolved, in whichever file holds
 * it), or a new `responses` object holding only that response when the operation has none.
 */
export function addResponse(api: ApiDescription, doc: ParsedDocument, operation: ObjectNode, status: string, value: (target: ParsedDocument) => unknown): TextEdit | undefined {
  const raw = child(operation, 'responses');
  if (raw === undefined) return insertProperty(doc, operation, 'responses', { [status]: value(doc) });
  const responses = api.resolve({ doc, node: raw });
  if (!isObject(responses.node) || responses.node.properties.has('$ref') || responses.node.properties.has(status)) return undefined;
  return insertResponse(responses.doc, responses.node, status, value(responses.doc));
}

function isErrorStatus(status: string): boolean {
  return /^[45](\d\d|XX)$/i.test(status.trim()) || status.trim().toLowerCase() === 'default';
}

/** A schema written as a reference that resolves, so that copying its `$ref` text adds no broken reference. */
function resolvingRef(api: ApiDescription, doc: ParsedDocument, schema: AstNode | undefined): string | undefined {
  if (!isObject(schema)) return undefined;
  const ref = child(schema, '$ref');
  if (ref?.type !== 'string') return undefined;
  const target = api.resolve({ doc, node: schema });
  return target.node === schema || (isObject(target.node) && target.node.properties.has('$ref')) ? undefined : String(ref.value);
}

const bodyCache = new WeakMap<ApiDescription, Map<ParsedDocument, Record<string, unknown>>>();

/**
 * The body the API's error responses share, as the keys to add to a new error response in
 * `target`: OAS 3.x `content` with each media type whose schema is a reference, Swagger 2.0
 * `schema` with a reference. Only responses written in `target` count, because a relative
 * `$ref` means something else in another file; the most common body wins. Empty when the errors
 * have no body written as a shared component (an inline schema is not copied).
 */
export function sharedErrorBody(api: ApiDescription, target: ParsedDocument): Record<string, unknown> {
  let perDoc = bodyCache.get(api);
  if (perDoc === undefined) bodyCache.set(api, (perDoc = new Map()));
  const cached = perDoc.get(target);
  if (cached !== undefined) return cached;
  const counts = new Map<string, { body: Record<string, unknown>; count: number }>();
  const seen = new Set<AstNode>();
  for (const operation of api.operations) {
    const responses = operation.responses;
    if (responses === undefined || !isObject(responses.node)) continue;
    for (const [status, raw] of responses.node.properties) {
      if (!isErrorStatus(status)) continue;
      const response = api.resolve({ doc: responses.doc, node: raw });
      if (response.doc !== target || !isObject(response.node) || seen.has(response.node)) continue;
      seen.add(response.node);
      const body = bodyOf(api, response.doc, response.node);
      if (body === undefined) continue;
      const signature = JSON.stringify(body);
      const entry = counts.get(signature);
      if (entry === undefined) counts.set(signature, { body, count: 1 });
      else entry.count++;
    }
  }
  let best: { body: Record<string, unknown>; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  const body = best?.body ?? {};
  perDoc.set(target, body);
  return body;
}

function bodyOf(api: ApiDescription, doc: ParsedDocument, response: ObjectNode): Record<string, unknown> | undefined {
  if (api.version === '2.0') {
    const ref = resolvingRef(api, doc, child(response, 'schema'));
    return ref === undefined ? undefined : { schema: { $ref: ref } };
  }
  const content = child(response, 'content');
  if (!isObject(content)) return undefined;
  const media: Record<string, unknown> = {};
  for (const [type, entry] of content.properties) {
    const ref = resolvingRef(api, doc, child(entry, 'schema'));
    if (ref !== undefined) media[type] = { schema: { $ref: ref } };
  }
  return Object.keys(media).length === 0 ? undefined : { content: media };
}

/**
 * A `$ref` to a response the document defines for a status (`components.responses` or 2.0 root
 * `responses`, under the status or one of `names`), usable only from the root document, where
 * such a local pointer leads to it.
 */
export function reusableResponse(api: ApiDescription, target: ParsedDocument, status: string, names: readonly string[]): { $ref: string } | undefined {
  if (target !== api.root) return undefined;
  const ref = reusableResponseRef(api, status, names);
  return ref === undefined ? undefined : { $ref: ref };
}
