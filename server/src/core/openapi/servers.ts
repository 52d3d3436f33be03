import { child, childString, isArray, isObject, stringValue, type AstNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import type { NodeRef, ServerEntry } from './types';

/** OAS 3.x servers of an object that has a `servers` array (root, path item or operation). */
export function buildServers3(owner: NodeRef, level: ServerEntry['level'], resolve: (ref: NodeRef) => NodeRef): ServerEntry[] {
  const list = child(owner.node, 'servers');
  if (!isArray(list)) return [];
  const servers: ServerEntry[] = [];
  for (const item of list.items) {
    const at = resolve({ doc: owner.doc, node: item });
    if (!isObject(at.node)) continue;
    const urlNode = child(at.node, 'url');
    const url = stringValue(urlNode);
    if (url === undefined) continue;
    servers.push({
      at,
      urlAt: { doc: at.doc, node: urlNode! },
      url,
      expandedUrls: expandServerVariables(url, child(at.node, 'variables')),
      level,
      description: childString(at.node, 'description'),
    });
  }
  return servers;
}

/**
 * Every concrete URL a templated server URL stands for: each variable's default and each of its
 * enum values (capped, so that many variables cannot explode the list).
 */
export function expandServerVariables(url: string, variables: AstNode | undefined): string[] {
  const names = [...url.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  if (names.length === 0) return [url];
  let results = [url];
  for (const name of new Set(names)) {
    const variable = child(variables, name);
    const values = new Set<string>();
    const fallback = child(variable, 'default');
    if (fallback !== undefined && fallback.type !== 'object' && fallback.type !== 'array' && fallback.value !== null) {
      values.add(String(fallback.value));
    }
    const options = child(variable, 'enum');
    if (isArray(options)) {
      for (const option of options.items) {
        if (option.type !== 'object' && option.type !== 'array' && option.value !== null) values.add(String(option.value));
      }
    }
    if (values.size === 0) values.add(`{${name}}`);
    const next: string[] = [];
    for (const partial of results) {
      for (const value of values) {
        next.push(partial.split(`{${name}}`).join(value));
        if (next.length >= 64) break;
      }
    }
    results = next;
  }
  return [...new Set(results)];
}

/** Swagger 2.0: one server entry per scheme, composed from `schemes`, `host` and `basePath`. */
export function buildServers20(root: ParsedDocument): ServerEntry[] {
  const node = root.root;
  if (!isObject(node)) return [];
  const hostNode = child(node, 'host');
  const host = stringValue(hostNode);
  const basePath = childString(node, 'basePath') ?? '';
  const schemesNode = child(node, 'schemes');
  const schemes = isArray(schemesNode)
    ? schemesNode.items.map((item) => stringValue(item)).filter((value): value is string => value !== undefined)
    : [];
  if (host === undefined && schemes.length === 0 && basePath === '') return [];
  const hostPart = host ?? '';
  const urls =
    schemes.length > 0 && hostPart !== ''
      ? schemes.map((scheme) => `${scheme}://${hostPart}${basePath}`)
      : [hostPart === '' ? basePath || '/' : `//${hostPart}${basePath}`];
  return [
    {
      at: { doc: root, node },
      urlAt: hostNode === undefined ? undefined : { doc: root, node: hostNode },
      url: urls[0],
      expandedUrls: urls,
      level: 'root',
    },
  ];
}
