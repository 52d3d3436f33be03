import { child, childString, isObject, type AstNode } from '../../../model/ast';
import { methodsOf } from '../../../openapi/operations';
import type { ApiDescription, HttpMethod, NodeRef, OperationEntry } from '../../../openapi/types';

/**
 * The ways the documentation and encryption rules look at an API's operations. The normalised
 * API lists the operations under `paths` (resolved through `$ref`); a path item or operation
 * object that several paths share is one object in the source, so the rules see it once.
 */

/**
 * What several rules ask of the same API, worked out once per API (an API is built anew for every
 * version of its documents and not changed afterwards): eight rules go through the unique
 * operations and seven through the described path items, resolving every `$ref` on the way.
 */
const uniqueOperationsCache = new WeakMap<ApiDescription, readonly OperationEntry[]>();
const pathItemsCache = new WeakMap<ApiDescription, readonly DescribedPathItem[]>();

/** Operations under `paths`, each operation object once (the first path that reaches it wins). */
export function uniqueOperations(api: ApiDescription): readonly OperationEntry[] {
  let operations = uniqueOperationsCache.get(api);
  if (operations === undefined) {
    const seen = new Set<AstNode>();
    operations = api.operations.filter((operation) => {
      if (seen.has(operation.operation.node)) return false;
      seen.add(operation.operation.node);
      return true;
    });
    uniqueOperationsCache.set(api, operations);
  }
  return operations;
}

export type PathItemKind = 'path' | 'webhook' | 'callback';

export interface DescribedOperation {
  method: HttpMethod;
  operation: NodeRef;
  operationId?: string;
}

/** A path item of any kind with its operations, each resolved through `$ref`. */
export interface DescribedPathItem {
  kind: PathItemKind;
  /** The path template, webhook name or callback expression the item is listed under. */
  path: string;
  pathItem: NodeRef;
  operations: DescribedOperation[];
}

/**
 * Every path item the API describes, each once: those under `paths`, under `webhooks` (3.1+) and
 * under the `callbacks` of any operation (3.x, followed recursively through callbacks of
 * callbacks). The operation id must be unique among all of them, and callback and webhook
 * servers are URLs the encryption rules look at too.
 */
export function describedPathItems(api: ApiDescription): readonly DescribedPathItem[] {
  let items = pathItemsCache.get(api);
  if (items === undefined) {
    items = collectPathItems(api);
    pathItemsCache.set(api, items);
  }
  return items;
}

function collectPathItems(api: ApiDescription): DescribedPathItem[] {
  const items: DescribedPathItem[] = [];
  const seenItems = new Set<AstNode>();
  const seenOperations = new Set<AstNode>();
  const methods = methodsOf(api.version);

  const visitPathItem = (kind: PathItemKind, path: string, raw: NodeRef): void => {
    const pathItem = api.resolve(raw);
    if (!isObject(pathItem.node) || seenItems.has(pathItem.node)) return;
    seenItems.add(pathItem.node);
    const entry: DescribedPathItem = { kind, path, pathItem, operations: [] };
    items.push(entry);
    const addOperation = (method: string, container: NodeRef, rawOperation: AstNode): void => {
      const operation = api.resolve({ doc: container.doc, node: rawOperation });
      if (!isObject(operation.node) || seenOperations.has(operation.node)) return;
      seenOperations.add(operation.node);
      entry.operations.push({ method, operation, operationId: childString(operation.node, 'operationId') });
    };
    for (const method of methods) {
      const rawOperation = pathItem.node.properties.get(method);
      if (rawOperation !== undefined) addOperation(method, pathItem, rawOperation);
    }
    if (api.version === '3.2') {
      const additional = child(pathItem.node, 'additionalOperations');
      if (isObject(additional)) {
        for (const [method, rawOperation] of additional.properties) {
          addOperation(method.toLowerCase(), { doc: pathItem.doc, node: additional }, rawOperation);
        }
      }
    }
    if (api.version === '2.0') return;
    for (const operation of [...entry.operations]) visitCallbacks(operation.operation);
  };

  const visitCallbacks = (operation: NodeRef): void => {
    const callbacks = resolveChild(api, operation, 'callbacks');
    if (callbacks === undefined || !isObject(callbacks.node)) return;
    for (const [name, rawCallback] of callbacks.node.properties) {
      if (name.startsWith('x-')) continue;
      const callback = api.resolve({ doc: callbacks.doc, node: rawCallback });
      if (!isObject(callback.node)) continue;
      for (const [expression, rawItem] of callback.node.properties) {
        if (expression.startsWith('x-')) continue;
        visitPathItem('callback', expression, { doc: callback.doc, node: rawItem });
      }
    }
  };

  const paths = api.pathsAt;
  if (paths !== undefined && isObject(paths.node)) {
    for (const [path, rawItem] of paths.node.properties) {
      if (!path.startsWith('x-')) visitPathItem('path', path, { doc: paths.doc, node: rawItem });
    }
  }
  if (api.version !== '2.0' && api.version !== '3.0') {
    const webhooks = resolveChild(api, { doc: api.root, node: api.root.root! }, 'webhooks');
    if (webhooks !== undefined && isObject(webhooks.node)) {
      for (const [name, rawItem] of webhooks.node.properties) {
        if (!name.startsWith('x-')) visitPathItem('webhook', name, { doc: webhooks.doc, node: rawItem });
      }
    }
  }
  return items;
}

/** A child of an object, resolved through `$ref`. */
export function resolveChild(api: ApiDescription, owner: NodeRef, key: string): NodeRef | undefined {
  const node = child(owner.node, key);
  return node === undefined ? undefined : api.resolve({ doc: owner.doc, node });
}

/** A string property that says something: present, a string, and not only white space. */
export function hasText(node: AstNode | undefined, key: string): boolean {
  const value = childString(node, key);
  return value !== undefined && value.trim() !== '';
}
