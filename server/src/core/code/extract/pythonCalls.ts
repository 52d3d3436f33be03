import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import { field } from './nodeUtils';
import type { Recognised, RecognisedCall, RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import { StringTemplate } from './stringTemplate';
import type { CallInfo } from './syntax';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** The dotted name of an expression with the first part resolved through the imports. */
function qualifiedName(file: SourceFile, node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const target = file.syntax.unwrap(node);
  if (target.type === 'identifier') return file.imports.get(target.text) ?? target.text;
  if (target.type === 'attribute') {
    const head = qualifiedName(file, field(target, 'object'));
    const name = field(target, 'attribute')?.text;
    return head === undefined || name === undefined ? undefined : `${head}.${name}`;
  }
  return undefined;
}

function calleeName(file: SourceFile, info: CallInfo): string | undefined {
  return qualifiedName(file, field(info.node, 'function'));
}

function literalMethod(file: SourceFile, node: Node | undefined, fallback: CallMethod): CallMethod {
  if (node === undefined) return fallback;
  const value = file.evaluate(node);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

/** Every argument except the URL may carry a credential (`headers=`, `auth=`, `cookies=`). */
function scopesOf(info: CallInfo): Node[] {
  const list = field(info.node, 'arguments');
  return list === undefined ? [] : [list];
}

function site(info: CallInfo, library: string, method: CallMethod, urlNode: Node | undefined, extra: Partial<RecognisedCall> = {}): RecognisedCall {
  return { call: info, library, method, urlNode, credentialScopes: scopesOf(info), ...extra };
}

/** `requests.request('GET', url)` / `session.request(method, url)` / `http.request('GET', url)`. */
function methodAndUrl(file: SourceFile, info: CallInfo, library: string, extra: Partial<RecognisedCall> = {}): RecognisedCall {
  const methodNode = info.named.get('method') ?? info.args[0];
  const urlNode = info.named.get('url') ?? (info.named.has('method') ? info.args[0] : info.args[1]);
  return site(info, library, literalMethod(file, methodNode, 'unknown'), urlNode, extra);
}

/** `urlopen(Request(url, method='POST'))` or `urlopen(url)`. */
function urlopen(file: SourceFile, info: CallInfo): RecognisedCall {
  const argument = info.named.get('url') ?? info.args[0];
  let request = argument === undefined ? undefined : file.callAt(argument);
  if (request === undefined && argument !== undefined) {
    const key = file.keyOf(argument);
    const value = key === undefined ? undefined : file.singleValueOf(key);
    request = value === undefined ? undefined : file.callAt(value);
  }
  if (request !== undefined && request.name === 'Request') {
    const data = request.named.get('data') ?? request.args[1];
    const method = literalMethod(file, request.named.get('method'), data === undefined ? 'GET' : 'POST');
    return { ...site(info, 'urllib', method, request.named.get('url') ?? request.args[0]), credentialScopes: [...scopesOf(info), ...scopesOf(request)] };
  }
  return site(info, 'urllib', info.named.has('data') || info.args[1] !== undefined ? 'POST' : 'GET', argument);
}

const CLIENT_CONSTRUCTORS: Record<string, { library: string; base?: string }> = {
  'requests.Session': { library: 'requests' },
  'requests.session': { library: 'requests' },
  'requests.sessions.Session': { library: 'requests' },
  'httpx.Client': { library: 'httpx', base: 'base_url' },
  'httpx.AsyncClient': { library: 'httpx', base: 'base_url' },
  'aiohttp.ClientSession': { library: 'aiohttp', base: 'base_url' },
  'urllib3.PoolManager': { library: 'urllib3' },
  'urllib3.ProxyManager': { library: 'urllib3' },
  'urllib3.HTTPConnectionPool': { library: 'urllib3' },
  'urllib3.HTTPSConnectionPool': { library: 'urllib3' },
  'urllib3.connectionpool.HTTPConnectionPool': { library: 'urllib3' },
  'urllib3.connectionpool.HTTPSConnectionPool': { library: 'urllib3' },
};

function recogniseClient(file: SourceFile, key: string, value: Node): RecognisedClient | undefined {
  const info = file.callAt(value);
  if (info === undefined) return undefined;
  const name = calleeName(file, info);
  const known = name === undefined ? undefined : CLIENT_CONSTRUCTORS[name];
  if (known === undefined) return undefined;
  const client: RecognisedClient = { key, library: known.library, creation: info.node, credentialScopes: scopesOf(info) };
  if (known.base !== undefined) client.baseUrlNode = info.named.get(known.base);
  if (name!.endsWith('ConnectionPool')) {
    // A connection pool is bound to one host: its requests take paths.
    client.baseUrlNode = info.named.get('host') ?? info.args[0];
  }
  return client;
}

/** Pools are created with a bare host; the base URL is scheme + host + port. */
function poolBase(file: SourceFile, client: RecognisedClient): StringTemplate | undefined {
  const info = file.callAt(client.creation);
  if (info === undefined || client.baseUrlNode === undefined || !info.name.endsWith('ConnectionPool')) return undefined;
  const scheme = info.name.startsWith('HTTPS') ? 'https' : 'http';
  const port = info.named.get('port') ?? info.args[1];
  return StringTemplate.concat([
    StringTemplate.text(`${scheme}://`),
    file.evaluate(client.baseUrlNode),
    ...(port === undefined ? [] : [StringTemplate.text(':'), file.evaluate(port)]),
  ]);
}

function recogniseRequest(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  if (info.receiver !== undefined) {
    const receiverKey = file.keyOf(info.receiver);
    const client = receiverKey === undefined ? undefined : clients.get(receiverKey);
    if (client !== undefined) {
      const extra: Partial<RecognisedCall> = { clientKey: client.key };
      if (VERBS.has(info.name)) return site(info, client.library, methodFromName(info.name)!, info.named.get('url') ?? info.args[0], extra);
      if (info.name === 'request' || info.name === 'urlopen' || info.name === 'stream') return methodAndUrl(file, info, client.library, extra);
      if (info.name === 'ws_connect') return site(info, client.library, 'GET', info.named.get('url') ?? info.args[0], extra);
      return undefined;
    }
  }
  const name = calleeName(file, info);
  if (name === undefined) return undefined;
  const match = /^(requests|httpx)\.(\w+)$/.exec(name);
  if (match !== null) {
    const [, library, verb] = match;
    if (VERBS.has(verb)) return site(info, library, methodFromName(verb)!, info.named.get('url') ?? info.args[0]);
    if (verb === 'request' || verb === 'stream') return methodAndUrl(file, info, library);
    return undefined;
  }
  if (name === 'urllib.request.urlopen' || name === 'urllib2.urlopen') return urlopen(file, info);
  if (name === 'urllib3.request') return methodAndUrl(file, info, 'urllib3');
  // openapi-generator's Python client: `self.api_client.param_serialize(method='GET', resource_path='/pet/{petId}', …)`.
  if (info.name === 'param_serialize' && info.named.has('resource_path')) {
    return site(info, 'generated', literalMethod(file, info.named.get('method'), 'unknown'), info.named.get('resource_path'));
  }
  if (info.name === 'call_api' && info.receiver !== undefined && /api_client/.test(info.receiver.text)) {
    return site(info, 'generated', literalMethod(file, info.named.get('method') ?? info.args[1], 'unknown'), info.named.get('resource_path') ?? info.args[0]);
  }
  return undefined;
}

export function recognisePython(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined) continue;
    const client = recogniseClient(file, named.bindingKey, named.value);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  // A pool's base is composed here, so the generic base-URL handling does not treat the host as a URL.
  const poolBases = new Map<string, StringTemplate>();
  for (const client of clients.values()) {
    const base = poolBase(file, client);
    if (base !== undefined) {
      poolBases.set(client.key, base);
      client.baseUrlNode = undefined;
    }
  }
  const calls: RecognisedCall[] = [];
  for (const info of file.calls) {
    const recognised = recogniseRequest(file, info, clients);
    if (recognised === undefined) continue;
    const pool = recognised.clientKey === undefined ? undefined : poolBases.get(recognised.clientKey);
    if (pool !== undefined && recognised.urlNode !== undefined) recognised.url = StringTemplate.concat([pool, file.evaluate(recognised.urlNode)]);
    calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
