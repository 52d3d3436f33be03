import { child, childString, isArray, isObject, stringValue, type AstNode } from '../model/ast';
import { buildServers3 } from './servers';
import type {
  ApiDescription,
  EffectiveSecurity,
  NodeRef,
  OperationEntry,
  ParameterEntry,
  SecurityRequirementEntry,
  SpecVersion,
} from './types';

const METHODS_2_0 = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const METHODS_3 = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const METHODS_3_2 = [...METHODS_3, 'query'];

export function methodsOf(version: SpecVersion): readonly string[] {
  if (version === '2.0') return METHODS_2_0;
  if (version === '3.2') return METHODS_3_2;
  return METHODS_3;
}

export const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Path items `buildOperationsSteps` reads per step: about 1 ms over a tree in the processor's
 * caches. A large API read by a workspace scan (the GitHub spec's 1,000 operations, their
 * parameters and servers resolved through thousands of references) took up to 40 ms in one go.
 */
const PATH_ITEMS_PER_STEP = 100;

/** The operations of an API, in path order, yielding after every `PATH_ITEMS_PER_STEP` path items. */
export function* buildOperationsSteps(api: ApiDescription): Generator<void, OperationEntry[], void> {
  const paths = api.pathsAt;
  if (paths === undefined || !isObject(paths.node)) return [];
  const operations: OperationEntry[] = [];
  const methods = methodsOf(api.version);
  // The operations without a `security` of their own share one reading of the root's.
  let inherited: EffectiveSecurity | undefined;
  const inheritedSecurity = (): EffectiveSecurity => (inherited ??= rootSecurity(api));
  let read = 0;
  for (const [path, rawItem] of paths.node.properties) {
    if (path.startsWith('x-')) continue;
    if (read > 0 && read % PATH_ITEMS_PER_STEP === 0) yield;
    read++;
    const pathItem = api.resolve({ doc: paths.doc, node: rawItem });
    if (!isObject(pathItem.node)) continue;
    const pathParameters = collectParameters(api, pathItem, 'path');
    const pathServers = api.version === '2.0' ? [] : buildServers3(pathItem, 'path', api.resolve);
    const add = (method: string, rawOperation: AstNode, container: NodeRef): void => {
      const operation = api.resolve({ doc: container.doc, node: rawOperation });
      if (!isObject(operation.node)) return;
      const operationParameters = collectParameters(api, operation, 'operation');
      const merged = mergeParameters(pathParameters, operationParameters);
      const responsesNode = child(operation.node, 'responses');
      const operationServers = api.version === '2.0' ? [] : buildServers3(operation, 'operation', api.resolve);
      const tagsNode = child(operation.node, 'tags');
      operations.push({
        method,
        path,
        pathItem,
        operation,
        operationId: childString(operation.node, 'operationId'),
        tags: isArray(tagsNode) ? tagsNode.items.map(stringValue).filter((tag): tag is string => tag !== undefined) : [],
        security: effectiveSecurity(api, operation, inheritedSecurity),
        parameters: merged,
        responses: responsesNode === undefined ? undefined : api.resolve({ doc: operation.doc, node: responsesNode }),
        servers: operationServers.length > 0 ? operationServers : pathServers.length > 0 ? pathServers : api.servers,
        intentionallyPublic: isTrue(child(operation.node, 'x-api-guard-public')),
      });
    };
    for (const method of methods) {
      const rawOperation = pathItem.node.properties.get(method);
      if (rawOperation !== undefined) add(method, rawOperation, pathItem);
    }
    if (api.version === '3.2') {
      const additional = child(pathItem.node, 'additionalOperations');
      if (isObject(additional)) {
        const container = { doc: pathItem.doc, node: additional };
        for (const [method, rawOperation] of additional.properties) add(method.toLowerCase(), rawOperation, container);
      }
    }
  }
  return operations;
}

function collectParameters(api: ApiDescription, owner: NodeRef, level: ParameterEntry['level']): ParameterEntry[] {
  const list = child(owner.node, 'parameters');
  if (!isArray(list)) return [];
  return list.items.map((item) => {
    const at = api.resolve({ doc: owner.doc, node: item });
    return { at, name: childString(at.node, 'name'), in: childString(at.node, 'in'), level };
  });
}

function mergeParameters(pathLevel: ParameterEntry[], operationLevel: ParameterEntry[]): ParameterEntry[] {
  if (pathLevel.length === 0) return operationLevel;
  const overridden = new Set(operationLevel.map((parameter) => `${parameter.in}:${parameter.name}`));
  return [...pathLevel.filter((parameter) => !overridden.has(`${parameter.in}:${parameter.name}`)), ...operationLevel];
}

/**
 * The operation's own `security`, else the root one (from `inherited` when given, which may hand
 * out one shared reading); see RULES.md for what counts as unprotected.
 */
export function effectiveSecurity(api: ApiDescription, operation: NodeRef, inherited: () => EffectiveSecurity = () => rootSecurity(api)): EffectiveSecurity {
  const own = child(operation.node, 'security');
  if (own !== undefined) return readSecurity(api, { doc: operation.doc, node: own }, 'operation');
  return inherited();
}

/** What an operation without a `security` of its own gets: the root's, or none. */
function rootSecurity(api: ApiDescription): EffectiveSecurity {
  if (api.rootSecurityAt !== undefined) return readSecurity(api, api.rootSecurityAt, 'root');
  return { source: 'none', requirements: [], unprotected: true };
}

/** Reads a `security` array (root or operation level) into requirements; exported for rules that check every list once. */
export function readSecurity(api: ApiDescription, at: NodeRef, source: EffectiveSecurity['source']): EffectiveSecurity {
  const requirements: SecurityRequirementEntry[] = [];
  if (isArray(at.node)) {
    for (const item of at.node.items) {
      const requirement = api.resolve({ doc: at.doc, node: item });
      if (!isObject(requirement.node)) continue;
      const schemes = new Map<string, { scopes: string[]; at: NodeRef }>();
      for (const [name, scopesNode] of requirement.node.properties) {
        const scopes = isArray(scopesNode)
          ? scopesNode.items.map(stringValue).filter((scope): scope is string => scope !== undefined)
          : [];
        schemes.set(name, { scopes, at: { doc: requirement.doc, node: scopesNode } });
      }
      requirements.push({ at: requirement, schemes });
    }
  }
  const unprotected = requirements.length === 0 || requirements.some((requirement) => requirement.schemes.size === 0);
  return { source, at, requirements, unprotected };
}

function isTrue(node: AstNode | undefined): boolean {
  return node !== undefined && node.type === 'boolean' && node.value === true;
}
