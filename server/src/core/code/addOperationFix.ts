import { insertProperty, insertPropertyBefore, keyTextLike } from '../fixes/structuralEdits';
import type { TextEdit } from '../fixes/textEdit';
import { defineMessages } from '../l10n/messages';
import { child, childString, isArray, isObject, toValue, type ObjectNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import type { ApiDescription, NodeRef } from '../openapi/types';
import { reusableResponse, sharedErrorBody, TODO_MARKER } from '../rules/doc/support/fixEdits';
import { suggestOperationId, suggestSummary } from '../rules/doc/support/suggestedNames';
import type { FixProposal } from '../rules/types';
import { pathSegments } from './urlTemplate';

const messages = defineMessages({
  addOperation: { en: 'Add operation {method} {path} to {file}', de: 'Operation {method} {path} in {file} ergänzen' },
});

/**
 * Texts written into the API description. Like the other fixes' texts they are English whatever
 * the editor's language: the document is shared by the team and read by its tools.
 */
const RESPONSE_DESCRIPTIONS = {
  ok: 'OK',
  unauthorized: 'Unauthorized: the credentials are missing, invalid or expired',
  notFound: 'Not found',
  badRequest: 'Bad request',
};

/** What `code-undocumented-operation` reports in `data` for this fix. */
export interface AddOperationData {
  outcome: 'path-not-documented' | 'method-not-documented';
  apiRootUri: string;
  method: string;
  pathTemplate: string;
  pathParams: string[];
}

/** The order in which path items conventionally list their operations (the OpenAPI specification's order). */
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'];

/** Reads the fix data of a finding; undefined when it is not complete. */
export function addOperationDataOf(data: Record<string, unknown> | undefined): AddOperationData | undefined {
  if (data === undefined) return undefined;
  const { outcome, apiRootUri, method, pathTemplate, pathParams } = data;
  if (outcome !== 'path-not-documented' && outcome !== 'method-not-documented') return undefined;
  if (typeof apiRootUri !== 'string' || typeof method !== 'string' || typeof pathTemplate !== 'string' || !pathTemplate.startsWith('/')) return undefined;
  if (!METHOD_ORDER.includes(method.toLowerCase())) return undefined;
  const params = Array.isArray(pathParams) ? pathParams.filter((name): name is string => typeof name === 'string') : [];
  return { outcome, apiRootUri, method: method.toLowerCase(), pathTemplate, pathParams: params };
}

function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Segments compared for placement: every template parameter counts as the same segment. */
function comparableSegments(path: string): string[] {
  return pathSegments(path).map((segment) => (/^\{[^{}]*\}$/.test(segment) ? '{}' : segment));
}

function sharedPrefixLength(a: string[], b: string[]): number {
  let count = 0;
  while (count < a.length && count < b.length && a[count] === b[count]) count++;
  return count;
}

/**
 * Where a new path goes in `paths`: among the paths that share the longest leading segments with
 * it (its family: `/orders/{orderId}/refund` next to `/orders/{orderId}`), after the last one that
 * sorts before it; at the end when no path shares a segment.
 */
function insertPath(doc: ParsedDocument, paths: ObjectNode, path: string, value: unknown): TextEdit {
  const keys = [...paths.properties.keys()].filter((key) => key.startsWith('/'));
  const segments = comparableSegments(path);
  let best = 0;
  for (const key of keys) best = Math.max(best, sharedPrefixLength(segments, comparableSegments(key)));
  const keyText = keyTextLike(doc, keys.length === 0 ? undefined : paths.properties.get(keys[0]), path);
  if (best === 0) return insertProperty(doc, paths, path, value, { keyText, after: keys.length === 0 ? undefined : [keys[keys.length - 1]] });
  const family = keys.filter((key) => sharedPrefixLength(segments, comparableSegments(key)) === best);
  const before = family.filter((key) => key <= path);
  if (before.length > 0) return insertProperty(doc, paths, path, value, { keyText, after: [before[before.length - 1]] });
  return insertPropertyBefore(doc, paths, path, value, family[0], { keyText });
}

/** Adds an operation to an existing path item, in the conventional method order. */
function insertMethod(doc: ParsedDocument, pathItem: ObjectNode, method: string, value: unknown): TextEdit {
  const rank = METHOD_ORDER.indexOf(method);
  const methods = [...pathItem.properties.keys()].filter((key) => METHOD_ORDER.includes(key));
  const next = methods.find((key) => METHOD_ORDER.indexOf(key) > rank);
  if (next !== undefined) return insertPropertyBefore(doc, pathItem, method, value, next);
  const last = methods[methods.length - 1];
  return insertProperty(doc, pathItem, method, value, last === undefined ? {} : { after: [last] });
}

/** Path parameters a path item declares for all its operations (resolved, `in: path`). */
function pathLevelParameters(api: ApiDescription, pathItem: NodeRef): Set<string> {
  const names = new Set<string>();
  const list = child(pathItem.node, 'parameters');
  if (!isArray(list)) return names;
  for (const item of list.items) {
    const parameter = api.resolve({ doc: pathItem.doc, node: item }).node;
    if (childString(parameter, 'in') === 'path') {
      const name = childString(parameter, 'name');
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

/**
 * The security the new operation gets written explicitly: nothing when the API has a root
 * `security` (the operation inherits it), else the requirement list most of its protected
 * operations declare themselves, so that a new endpoint is not born public by accident.
 */
function defaultSecurity(api: ApiDescription): { value?: unknown; protectedByDefault: boolean } {
  if (api.rootSecurityAt !== undefined) {
    const value = toValue(api.rootSecurityAt.node);
    const protectedByDefault = Array.isArray(value) && value.length > 0 && value.every((item) => isNonEmptyRecord(item));
    return { protectedByDefault };
  }
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const operation of api.operations) {
    if (operation.security.source !== 'operation' || operation.security.unprotected || operation.security.at === undefined) continue;
    const value = toValue(operation.security.at.node);
    const key = JSON.stringify(value);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { value, count: 1 });
    else entry.count++;
  }
  let best: { value: unknown; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  return best === undefined ? { protectedByDefault: false } : { value: best.value, protectedByDefault: true };
}

function isNonEmptyRecord(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

/**
 * The tags of the operation's nearest neighbour (same path, else the path sharing the most
 * leading segments), when the API tags its operations; none otherwise.
 */
function neighbourTags(api: ApiDescription, path: string): string[] | undefined {
  const segments = comparableSegments(path);
  let best: { score: number; tags: string[] } | undefined;
  for (const operation of api.operations) {
    if (operation.tags.length === 0) continue;
    const score = sharedPrefixLength(segments, comparableSegments(operation.path));
    if (score > 0 && (best === undefined || score > best.score)) best = { score, tags: operation.tags };
  }
  return best?.tags;
}

/** The one 4xx response of the stub: 401 for a protected operation, 404 for a templated path, 400 otherwise. */
function errorResponse(api: ApiDescription, target: ParsedDocument, protectedOperation: boolean, hasPathParameters: boolean): [string, unknown] {
  const [status, names, description] = protectedOperation
    ? (['401', ['Unauthorized', 'Unauthenticated'], RESPONSE_DESCRIPTIONS.unauthorized] as const)
    : hasPathParameters
      ? (['404', ['NotFound'], RESPONSE_DESCRIPTIONS.notFound] as const)
      : (['400', ['BadRequest'], RESPONSE_DESCRIPTIONS.badRequest] as const);
  return [status, reusableResponse(api, target, status, names) ?? { description, ...sharedErrorBody(api, target) }];
}

/**
 * "Add operation to <spec file>" for `code-undocumented-operation`: a stub operation for the call
 * (summary marked TODO, the path parameters of the template, the API's default security, a 200
 * and a 4xx response, and — where the API uses them — an operation id and its neighbour's tags)
 * inserted where it belongs: as a new method of the documented path item (in the file that holds
 * it, also when the path item is a `$ref`'d fragment), or as a new path item in `paths` next to
 * its family of paths. The document's own format and indentation are kept (YAML or JSON).
 */
export function addOperationFix(apis: readonly ApiDescription[], findingData: Record<string, unknown> | undefined): FixProposal[] {
  const data = addOperationDataOf(findingData);
  if (data === undefined) return [];
  const api = apis.find((candidate) => candidate.root.uri === data.apiRootUri);
  if (api === undefined || !isObject(api.root.root)) return [];
  const { method, pathTemplate } = data;
  if (api.operations.some((operation) => operation.path === pathTemplate && operation.method === method)) return [];

  const pathsRef = api.pathsAt;
  const pathsNode = pathsRef?.node;
  const rawPathItem = isObject(pathsNode) ? pathsNode.properties.get(pathTemplate) : undefined;
  const pathItem = rawPathItem === undefined ? undefined : api.resolve({ doc: pathsRef!.doc, node: rawPathItem });
  if (pathItem !== undefined && (!isObject(pathItem.node) || pathItem.node.properties.has(method))) return [];
  const target = pathItem?.doc ?? pathsRef?.doc ?? api.root;
  if (target.errors.length > 0) return [];

  const templateParams = (pathTemplate.match(/\{([^{}]+)\}/g) ?? []).map((name) => name.slice(1, -1));
  const declared = pathItem === undefined ? new Set<string>() : pathLevelParameters(api, pathItem);
  const parameters = templateParams
    .filter((name) => !declared.has(name))
    .map((name) => (api.version === '2.0' ? { name, in: 'path', required: true, type: 'string' } : { name, in: 'path', required: true, schema: { type: 'string' } }));

  const security = defaultSecurity(api);
  const stub: Record<string, unknown> = { summary: `${suggestSummary(method, pathTemplate)} (${TODO_MARKER})` };
  const withIds = api.operations.filter((operation) => operation.operationId !== undefined).length;
  if (api.operations.length > 0 && withIds * 2 > api.operations.length) {
    const taken = new Set(api.operations.flatMap((operation) => (operation.operationId === undefined ? [] : [operation.operationId])));
    stub.operationId = suggestOperationId(method, pathTemplate, taken);
  }
  const tags = neighbourTags(api, pathTemplate);
  if (tags !== undefined) stub.tags = [...tags];
  if (parameters.length > 0) stub.parameters = parameters;
  if (security.value !== undefined) stub.security = security.value;
  const [errorStatus, error] = errorResponse(api, target, security.protectedByDefault, templateParams.length > 0);
  stub.responses = { '200': { description: RESPONSE_DESCRIPTIONS.ok }, [errorStatus]: error };

  let edit: TextEdit;
  if (pathItem !== undefined) edit = insertMethod(pathItem.doc, pathItem.node as ObjectNode, method, stub);
  else if (pathsRef !== undefined && isObject(pathsRef.node)) edit = insertPath(pathsRef.doc, pathsRef.node, pathTemplate, { [method]: stub });
  else edit = insertProperty(api.root, api.root.root, 'paths', { [pathTemplate]: { [method]: stub } }, { after: ['servers', 'security', 'tags', 'info'] });

  const title = messages.addOperation({ method: method.toUpperCase(), path: pathTemplate, file: fileNameOf(target.uri) });
  return [{ title, edits: [edit], isPreferred: true, safe: false }];
}
