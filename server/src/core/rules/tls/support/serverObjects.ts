import { child, childString, isArray, isObject, stringValue, type AstNode, type ScalarNode } from '../../../model/ast';
import { buildServers3, expandServerVariables } from '../../../openapi/servers';
import type { ApiDescription, NodeRef, ServerEntry } from '../../../openapi/types';
import { describedPathItems, resolveChild } from '../../doc/support/operationSets';
import { hostOfUrl, insecureSchemeOf, isAllowlistedHost, type InsecureScheme } from './insecureUrl';

/** `declaredServers` of each API, which three rules ask for (an API is not changed once built). */
const declaredCache = new WeakMap<ApiDescription, readonly ServerEntry[]>();

/**
 * The server objects of an OAS 3.x API, each once. The normalised API keeps the root servers
 * and, per operation, the servers in effect; rules about server objects must instead look at
 * every server where it is written, so that a path-level server shared by ten operations is one
 * finding, and an overridden one is still checked.
 */
export function declaredServers(api: ApiDescription): readonly ServerEntry[] {
  if (api.version === '2.0') return [];
  let list = declaredCache.get(api);
  if (list === undefined) {
    const servers = new UniqueServers();
    servers.addAll(api.servers);
    for (const item of describedPathItems(api)) {
      if (item.kind !== 'path') continue;
      servers.addAll(buildServers3(item.pathItem, 'path', api.resolve));
      for (const operation of item.operations) servers.addAll(buildServers3(operation.operation, 'operation', api.resolve));
    }
    list = servers.list;
    declaredCache.set(api, list);
  }
  return list;
}

export type AuxiliaryServerOrigin = 'callback' | 'webhook' | 'link';

/** A server of something other than the API itself: a callback or webhook receiver, a link target. */
export interface AuxiliaryServer {
  server: ServerEntry;
  origin: AuxiliaryServerOrigin;
}

/**
 * Servers written in callbacks and webhooks (path-item and operation level) and in the `server`
 * of response links, each once. These are the other party's endpoints or a link target's host;
 * clear text there is still clear text, but it is not the API's own server list.
 */
export function auxiliaryServers(api: ApiDescription): AuxiliaryServer[] {
  if (api.version === '2.0') return [];
  const seen = new Set<AstNode>();
  const out: AuxiliaryServer[] = [];
  const add = (entries: ServerEntry[], origin: AuxiliaryServerOrigin): void => {
    for (const server of entries) {
      if (seen.has(server.at.node)) continue;
      seen.add(server.at.node);
      out.push({ server, origin });
    }
  };
  for (const item of describedPathItems(api)) {
    if (item.kind !== 'path') {
      const origin = item.kind;
      add(buildServers3(item.pathItem, 'path', api.resolve), origin);
      for (const operation of item.operations) add(buildServers3(operation.operation, 'operation', api.resolve), origin);
    }
    for (const operation of item.operations) add(linkServers(api, operation.operation), 'link');
  }
  return out;
}

/** The `server` of every link in an operation's responses. */
function linkServers(api: ApiDescription, operation: NodeRef): ServerEntry[] {
  const responses = resolveChild(api, operation, 'responses');
  if (responses === undefined || !isObject(responses.node)) return [];
  const servers: ServerEntry[] = [];
  for (const [status, rawResponse] of responses.node.properties) {
    if (status.startsWith('x-')) continue;
    const response = api.resolve({ doc: responses.doc, node: rawResponse });
    const links = resolveChild(api, response, 'links');
    if (links === undefined || !isObject(links.node)) continue;
    for (const [name, rawLink] of links.node.properties) {
      if (name.startsWith('x-')) continue;
      const link = api.resolve({ doc: links.doc, node: rawLink });
      const server = resolveChild(api, link, 'server');
      if (server === undefined || !isObject(server.node)) continue;
      const urlNode = child(server.node, 'url');
      const url = stringValue(urlNode);
      if (url === undefined) continue;
      servers.push({
        at: server,
        urlAt: { doc: server.doc, node: urlNode! },
        url,
        expandedUrls: expandServerVariables(url, child(server.node, 'variables')),
        level: 'operation',
        description: childString(server.node, 'description'),
      });
    }
  }
  return servers;
}

class UniqueServers {
  readonly list: ServerEntry[] = [];
  private readonly seen = new Set<AstNode>();

  addAll(entries: readonly ServerEntry[]): void {
    for (const server of entries) {
      if (this.seen.has(server.at.node)) continue;
      this.seen.add(server.at.node);
      this.list.push(server);
    }
  }
}

/** A place in a server object that makes it reachable without encryption. */
export interface InsecureServerSpot {
  /** The `url` value, or the variable value (`default` / `enum` item) that yields the clear-text URL. */
  at: NodeRef;
  /** The clear-text URL (the first one, when a variable value yields several). */
  url: string;
  scheme: InsecureScheme;
  /** Set when a server variable value, not the URL text, carries the clear-text scheme. */
  variable?: { name: string; value: string };
  /** True when every clear-text URL of this spot is on a host of `apiGuard.allowedInsecureHosts`. */
  allowlisted: boolean;
}

/**
 * Where a server object can be reached over `http` or `ws`. A URL written with a clear-text
 * scheme is one spot on the URL. A templated URL (`{scheme}://host`) is expanded per variable
 * value, and each `default` or `enum` value that yields a clear-text URL is a spot of its own,
 * because that value is what must change.
 */
export function insecureServerSpots(server: ServerEntry, allowedInsecureHosts: readonly string[]): InsecureServerSpot[] {
  const allAllowed = (urls: string[]): boolean => urls.every((url) => isAllowlistedHost(hostOfUrl(url), allowedInsecureHosts));
  const literalScheme = insecureSchemeOf(server.url);
  if (literalScheme !== undefined) {
    if (server.urlAt === undefined) return [];
    return [{ at: server.urlAt, url: server.url, scheme: literalScheme, allowlisted: allAllowed(server.expandedUrls) }];
  }
  if (!server.url.includes('{')) return [];
  const spots: InsecureServerSpot[] = [];
  const variables = child(server.at.node, 'variables');
  for (const name of new Set([...server.url.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]))) {
    for (const valueNode of variableValueNodes(child(variables, name))) {
      const value = String(valueNode.value);
      const candidates = expandServerVariables(server.url.split(`{${name}}`).join(value), variables);
      const insecure = candidates.filter((url) => insecureSchemeOf(url) !== undefined);
      if (insecure.length === 0) continue;
      spots.push({
        at: { doc: server.at.doc, node: valueNode },
        url: insecure[0],
        scheme: insecureSchemeOf(insecure[0])!,
        variable: { name, value },
        allowlisted: allAllowed(insecure),
      });
    }
  }
  return spots;
}

/** The `default` and each `enum` value of a server variable: the values a client may pick. */
function variableValueNodes(variable: AstNode | undefined): ScalarNode[] {
  const nodes: ScalarNode[] = [];
  const isValue = (node: AstNode | undefined): node is ScalarNode =>
    node !== undefined && (node.type === 'string' || node.type === 'number' || node.type === 'boolean');
  const fallback = child(variable, 'default');
  if (isValue(fallback)) nodes.push(fallback);
  const options = child(variable, 'enum');
  if (isArray(options)) for (const option of options.items) if (isValue(option)) nodes.push(option);
  return nodes;
}
