import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import { type Recognised, type RecognisedCall, type RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import { StringTemplate } from './stringTemplate';
import type { CallInfo, NamedValue } from './syntax';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const SUPERAGENT_VERBS = new Set([...VERBS, 'del']);
/** Calls chained on a request that set headers or authentication (superagent, ky hooks). */
const CHAIN_CREDENTIAL_METHODS = new Set(['set', 'auth', 'header', 'headers', 'withCredentials', 'bearerAuth', 'use']);
export const OPENAPI_FETCH_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);

/** Libraries by module name; the local name a file imports them under comes from its imports. */
export const MODULE_LIBRARIES: Readonly<Record<string, string>> = {
  axios: 'axios',
  got: 'got',
  ky: 'ky',
  'ky-universal': 'ky',
  ofetch: 'ofetch',
  'ofetch.ofetch': 'ofetch',
  'ofetch.$fetch': 'ofetch',
  superagent: 'superagent',
  'node-fetch': 'node-fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  undici: 'undici',
  'undici.request': 'undici',
  'undici.fetch': 'undici',
  http: 'node-http',
  https: 'node-https',
  'node:http': 'node-http',
  'node:https': 'node-https',
  'openapi-fetch': 'openapi-fetch',
  'openapi-fetch.createClient': 'openapi-fetch',
};

/** Names that mean the library when the file uses it as a global or without a visible import. */
export const GLOBAL_LIBRARIES: Readonly<Record<string, string>> = {
  fetch: 'fetch',
  axios: 'axios',
  got: 'got',
  ky: 'ky',
  ofetch: 'ofetch',
  $fetch: 'ofetch',
  superagent: 'superagent',
  http: 'node-http',
  https: 'node-https',
  undici: 'undici',
};

function libraryOfName(file: SourceFile, name: string): string | undefined {
  const module = file.imports.get(name);
  if (module !== undefined) return MODULE_LIBRARIES[module] ?? MODULE_LIBRARIES[module.replace(/\.default$/, '')];
  return GLOBAL_LIBRARIES[name];
}

function entry(file: SourceFile, node: Node | undefined, name: string): NamedValue | undefined {
  if (node === undefined) return undefined;
  const direct = file.syntax.entriesOf(node);
  const entries = direct ?? (() => {
    // An options object held in a variable: `const config = { … }; axios(config)`.
    const key = file.keyOf(node);
    const value = key === undefined ? undefined : file.singleValueOf(key);
    return value === undefined ? undefined : file.syntax.entriesOf(value);
  })();
  return entries?.find((candidate) => candidate.name === name);
}

function methodOption(file: SourceFile, options: Node | undefined, fallback: CallMethod): CallMethod {
  const method = entry(file, options, 'method');
  if (method === undefined) return fallback;
  const value = file.evaluate(method.value);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

function call(info: CallInfo, library: string, method: CallMethod, urlNode: Node | undefined, scopes: (Node | undefined)[], extra: Partial<RecognisedCall> = {}): RecognisedCall {
  return { call: info, library, method, urlNode, credentialScopes: scopes.filter((scope): scope is Node => scope !== undefined), ...extra };
}

/** `axios(config)`, `axios.request(config)`: URL, method and base URL come from the config object. */
function fromConfig(file: SourceFile, info: CallInfo, library: string, config: Node | undefined, clientKey?: string): RecognisedCall {
  return call(info, library, methodOption(file, config, 'GET'), entry(file, config, 'url')?.value ?? entry(file, config, 'path')?.value, [config], {
    clientKey,
    baseUrlNode: entry(file, config, 'baseURL')?.value,
  });
}

/** Node `http.request(options)`: the URL is assembled from protocol, host, port and path. */
function nodeHttpUrl(file: SourceFile, options: Node, secure: boolean): StringTemplate {
  const part = (name: string): StringTemplate | undefined => {
    const found = entry(file, options, name);
    return found === undefined ? undefined : file.evaluate(found.value);
  };
  const protocol = part('protocol')?.text.replace(/:$/, '') ?? (secure ? 'https' : 'http');
  const host = part('hostname') ?? part('host') ?? StringTemplate.text('localhost');
  const port = part('port');
  const path = part('path') ?? StringTemplate.text('/');
  return StringTemplate.concat([StringTemplate.text(`${protocol}://`), host, ...(port === undefined ? [] : [StringTemplate.text(':'), port]), path]);
}

/**
 * Whether a call can be a request at all, judged by its name and receiver alone (what
 * `recogniseRequest` looks at before anything else): most calls of a file are not, and reading
 * their arguments would cross into WebAssembly for each of them.
 */
function mayBeRequest(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): boolean {
  if (info.isConstructor) return info.name === 'WebSocket' || info.name === 'EventSource' || info.name === 'URL';
  if (info.receiver === undefined) return clients.has(info.name) || libraryOfName(file, info.name) !== undefined;
  if (clients.size > 0 || info.name === 'request' || OPENAPI_FETCH_VERBS.has(info.name)) return true;
  const receiver = file.syntax.unwrap(info.receiver);
  return receiver.type === 'identifier' && libraryOfName(file, receiver.text) !== undefined;
}

function recogniseRequest(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  if (!mayBeRequest(file, info, clients)) return undefined;
  const [first, second, third] = info.args;
  if (info.isConstructor) {
    if (info.name === 'WebSocket') return call(info, 'WebSocket', 'GET', first, [second]);
    if (info.name === 'EventSource') return call(info, 'EventSource', 'GET', first, [second]);
    if (info.name === 'URL' && first !== undefined) return call(info, 'URL', 'unknown', info.node, [], { standaloneOnly: true });
    return undefined;
  }
  if (info.receiver === undefined) {
    const library = libraryOfName(file, info.name);
    const client = clients.get(info.name);
    if (client !== undefined) {
      if (client.library === 'axios') return first !== undefined && file.syntax.entriesOf(first) !== undefined ? fromConfig(file, info, 'axios', first, client.key) : { ...fromConfig(file, info, 'axios', second, client.key), urlNode: first };
      if (client.library === 'got' || client.library === 'ky' || client.library === 'ofetch') return call(info, client.library, methodOption(file, second, 'GET'), first, [second], { clientKey: client.key });
    }
    if (library === undefined) return undefined;
    switch (library) {
      case 'fetch':
      case 'node-fetch':
      case 'ofetch':
      case 'got':
      case 'ky':
      case 'undici': {
        const request = first === undefined ? undefined : file.callAt(first);
        if (request?.isConstructor && request.name === 'Request') {
          return call(info, library, methodOption(file, request.args[1], methodOption(file, second, 'GET')), request.args[0], [request.args[1], second]);
        }
        return call(info, library, methodOption(file, second, 'GET'), first, [second]);
      }
      case 'axios':
        if (first !== undefined && file.syntax.entriesOf(first) !== undefined) return fromConfig(file, info, 'axios', first);
        return { ...fromConfig(file, info, 'axios', second), urlNode: first };
      case 'superagent':
        return call(info, 'superagent', methodFromName(first === undefined ? undefined : file.evaluate(first).text) ?? 'GET', second ?? first, []);
      default:
        return undefined;
    }
  }
  const receiverKey = file.keyOf(info.receiver);
  const client = receiverKey === undefined ? undefined : clients.get(receiverKey);
  if (client !== undefined) {
    switch (client.library) {
      case 'axios':
        if (info.name === 'request') return fromConfig(file, info, 'axios', first, client.key);
        if (VERBS.has(info.name)) {
          const config = ['post', 'put', 'patch'].includes(info.name) ? third : second;
          return call(info, 'axios', methodFromName(info.name)!, first, [config], { clientKey: client.key });
        }
        return undefined;
      case 'got':
      case 'ky':
      case 'ofetch':
        if (VERBS.has(info.name)) return call(info, client.library, methodFromName(info.name)!, first, [second], { clientKey: client.key });
        return undefined;
      case 'openapi-fetch':
        if (OPENAPI_FETCH_VERBS.has(info.name)) return call(info, 'openapi-fetch', methodFromName(info.name)!, first, [second], { clientKey: client.key });
        return undefined;
      case 'superagent':
        if (SUPERAGENT_VERBS.has(info.name)) return call(info, 'superagent', methodFromName(info.name)!, first, [], { clientKey: client.key });
        return undefined;
      case 'XMLHttpRequest':
        if (info.name === 'open' && second !== undefined) {
          const method = file.evaluate(first);
          return call(info, 'XMLHttpRequest', method.isLiteral ? (methodFromName(method.text) ?? 'unknown') : 'unknown', second, [], { clientKey: client.key });
        }
        return undefined;
      default:
        return undefined;
    }
  }
  const receiver = file.syntax.unwrap(info.receiver);
  const library = receiver.type === 'identifier' ? libraryOfName(file, receiver.text) : undefined;
  switch (library) {
    case 'axios':
      if (info.name === 'request') return fromConfig(file, info, 'axios', first);
      if (VERBS.has(info.name)) return call(info, 'axios', methodFromName(info.name)!, first, [['post', 'put', 'patch'].includes(info.name) ? third : second]);
      return undefined;
    case 'got':
    case 'ky':
    case 'ofetch':
      if (VERBS.has(info.name)) return call(info, library, methodFromName(info.name)!, first, [second]);
      if (library === 'ofetch' && info.name === 'raw') return call(info, library, methodOption(file, second, 'GET'), first, [second]);
      return undefined;
    case 'superagent':
      if (SUPERAGENT_VERBS.has(info.name)) return call(info, 'superagent', methodFromName(info.name)!, first, []);
      return undefined;
    case 'undici':
      if (info.name === 'request' || info.name === 'fetch') return call(info, 'undici', methodOption(file, second, 'GET'), first, [second]);
      return undefined;
    case 'node-http':
    case 'node-https': {
      if (info.name !== 'request' && info.name !== 'get') return undefined;
      // Node's `request` defaults to GET like `get`; only an explicit `method` option changes it.
      const fallback: CallMethod = 'GET';
      if (first !== undefined && file.syntax.entriesOf(first) !== undefined) {
        return call(info, library, methodOption(file, first, fallback), undefined, [first], { url: nodeHttpUrl(file, first, library === 'node-https'), urlNode: undefined });
      }
      const options = second !== undefined && file.syntax.entriesOf(second) !== undefined ? second : undefined;
      return call(info, library, methodOption(file, options, fallback), first, [options]);
    }
    default:
      break;
  }
  // Generated clients (openapi-typescript-codegen, openapi-generator's typescript-fetch) send
  // `this.request({ path|url: '/pets/{id}', method: 'GET', … })`.
  if (info.name === 'request' && receiver.type === 'this' && first !== undefined) {
    const path = entry(file, first, 'path') ?? entry(file, first, 'url');
    if (path !== undefined && entry(file, first, 'method') !== undefined) return call(info, 'generated', methodOption(file, first, 'unknown'), path.value, [first]);
  }
  // openapi-fetch style `client.GET('/path/{id}', …)` on a client created elsewhere.
  if (OPENAPI_FETCH_VERBS.has(info.name) && first !== undefined) {
    const path = file.syntax.stringLiteral(file.syntax.unwrap(first));
    if (path?.value.startsWith('/')) return call(info, 'openapi-fetch', methodFromName(info.name)!, first, [second], { clientKey: receiverKey });
  }
  return undefined;
}

/** `axios.create({ baseURL })`, `got.extend({ prefixUrl })`, `createClient({ baseUrl })`, `new XMLHttpRequest()` … */
function recogniseClient(file: SourceFile, key: string, value: Node): RecognisedClient | undefined {
  const info = file.callAt(value);
  if (info === undefined) return undefined;
  // The options are read only for the calls that create a client: reading a call's arguments
  // crosses into WebAssembly, and most values are calls of something else.
  const options = (): Node | undefined => info.args[0];
  const base = (names: string[]): Node | undefined => {
    for (const name of names) {
      const found = entry(file, options(), name);
      if (found !== undefined) return found.value;
    }
    return undefined;
  };
  const scopes = (): Node[] => [options()].filter((node): node is Node => node !== undefined);
  if (info.isConstructor) {
    if (info.name === 'XMLHttpRequest') return { key, library: 'XMLHttpRequest', creation: info.node, credentialScopes: [] };
    return undefined;
  }
  if (info.receiver === undefined) {
    const library = libraryOfName(file, info.name) ?? (info.name === 'createClient' ? MODULE_LIBRARIES[file.imports.get('createClient') ?? ''] : undefined);
    if (library === 'openapi-fetch' || (info.name === 'createClient' && library === undefined && options() !== undefined && entry(file, options(), 'baseUrl') !== undefined)) {
      return { key, library: 'openapi-fetch', creation: info.node, baseUrlNode: base(['baseUrl']), credentialScopes: scopes() };
    }
    return undefined;
  }
  const receiver = file.syntax.unwrap(info.receiver);
  const library = receiver.type === 'identifier' ? (libraryOfName(file, receiver.text) ?? file.imports.get(receiver.text)) : undefined;
  if (library === 'axios' && info.name === 'create') return { key, library, creation: info.node, baseUrlNode: base(['baseURL']), credentialScopes: scopes() };
  if ((library === 'got' || library === 'ky') && (info.name === 'extend' || info.name === 'create')) {
    return { key, library, creation: info.node, baseUrlNode: base(['prefixUrl', 'prefixURL']), credentialScopes: scopes() };
  }
  if (library === 'ofetch' && info.name === 'create') return { key, library, creation: info.node, baseUrlNode: base(['baseURL', 'baseUrl']), credentialScopes: scopes() };
  if (library === 'superagent' && info.name === 'agent') return { key, library, creation: info.node, credentialScopes: [] };
  return undefined;
}

export function recogniseJavascript(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined || named.kind === 'entry' || named.kind === 'parameter') continue;
    const client = recogniseClient(file, named.bindingKey, named.value);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  const calls: RecognisedCall[] = [];
  for (const info of file.calls) {
    const recognised = recogniseRequest(file, info, clients);
    if (recognised === undefined) continue;
    // Chained calls on the request (`superagent.get(url).set('Authorization', …)`) may add credentials.
    let outer: Node | null = info.node.parent;
    while (outer !== null && (outer.type === 'member_expression' || outer.type === 'call_expression' || outer.type === 'await_expression')) {
      const chained = outer.type === 'call_expression' ? file.callAt(outer) : undefined;
      if (chained !== undefined && CHAIN_CREDENTIAL_METHODS.has(chained.name)) recognised.credentialScopes.push(...chained.args);
      outer = outer.parent;
    }
    calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
