import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import type { Recognised, RecognisedCall, RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import type { CallInfo, NamedValue } from './syntax';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const ASYNC_VERBS = new Set([...VERBS].map((verb) => `${verb}Async`));
const CLIENT_TYPES = new Set(['Client', 'ClientInterface', 'HttpClientInterface', 'HttpClient', 'GuzzleClient']);
const CLIENT_NAMES = /^(client|httpClient|http|guzzle|guzzleClient|apiClient)$/i;

function methodOf(file: SourceFile, node: Node | undefined, fallback: CallMethod = 'unknown'): CallMethod {
  if (node === undefined) return fallback;
  const value = file.evaluate(node);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

function keyHolding(file: SourceFile, node: Node): string | undefined {
  for (const named of file.namedValues) if (named.bindingKey !== undefined && file.syntax.unwrap(named.value).id === node.id) return named.bindingKey;
  return undefined;
}

function entries(file: SourceFile, node: Node | undefined): NamedValue[] {
  if (node === undefined) return [];
  const direct = file.syntax.entriesOf(node);
  if (direct !== undefined) return direct;
  const key = file.keyOf(node);
  const value = key === undefined ? undefined : file.singleValueOf(key);
  return value === undefined ? [] : (file.syntax.entriesOf(value) ?? []);
}

/** The library a class name stands for, through the file's `use` imports. */
function libraryOfClass(file: SourceFile, call: CallInfo): string | undefined {
  const qualified = call.qualifier !== undefined ? `${call.qualifier}\\${call.name}` : (file.imports.get(call.name) ?? call.name);
  if (/^GuzzleHttp\\Client$/.test(qualified)) return 'guzzle';
  if (/^Symfony\\Component\\HttpClient\\HttpClient$/.test(qualified)) return 'symfony-http-client';
  return undefined;
}

/** A curl handle: the URL from `curl_init(url)` or `CURLOPT_URL`, the method from the options. */
function recogniseCurl(file: SourceFile, init: CallInfo): RecognisedCall {
  const key = keyHolding(file, init.node);
  const options = new Map<string, { value: Node; call: CallInfo }>();
  const scopes: Node[] = [];
  if (key !== undefined) {
    for (const call of file.calls) {
      if (call.args.length === 0 || file.keyOf(call.args[0]) !== key) continue;
      if (call.name === 'curl_setopt' && call.args.length >= 3) {
        options.set(call.args[1].text.replace(/^.*::/, ''), { value: call.args[2], call });
        scopes.push(call.node);
      } else if (call.name === 'curl_setopt_array' && call.args[1] !== undefined) {
        for (const entry of entries(file, call.args[1])) options.set(entry.name, { value: entry.value, call });
        scopes.push(call.node);
      }
    }
  }
  const url = options.get('CURLOPT_URL');
  const truthy = (name: string): boolean => {
    const option = options.get(name);
    if (option === undefined) return false;
    const flag = file.syntax.booleanOf(option.value);
    return flag ?? option.value.text !== '0';
  };
  let method: CallMethod = 'GET';
  if (options.has('CURLOPT_CUSTOMREQUEST')) method = methodOf(file, options.get('CURLOPT_CUSTOMREQUEST')!.value);
  else if (truthy('CURLOPT_POST')) method = 'POST';
  else if (truthy('CURLOPT_PUT')) method = 'PUT';
  else if (truthy('CURLOPT_NOBODY')) method = 'HEAD';
  if (url !== undefined) return { call: url.call, library: 'curl', method, urlNode: url.value, credentialScopes: scopes };
  return { call: init, library: 'curl', method, urlNode: init.args[0], credentialScopes: scopes };
}

/** `file_get_contents('https://…', false, $context)`: a request only when the target is a URL. */
function recogniseFileGetContents(file: SourceFile, info: CallInfo): RecognisedCall | undefined {
  const target = info.args[0];
  if (target === undefined) return undefined;
  const url = file.evaluate(target);
  const context = info.args[2];
  const contextCall = context === undefined ? undefined : (file.callAt(context) ?? file.callAt(file.singleValueOf(file.keyOf(context) ?? '') ?? context));
  const httpOptions = contextCall?.name === 'stream_context_create' ? entries(file, entries(file, contextCall.args[0]).find((entry) => entry.name === 'http' || entry.name === 'https')?.value) : [];
  if (!/^(https?|ftp):\/\//i.test(url.text) && httpOptions.length === 0) return undefined;
  const method = methodOf(file, httpOptions.find((entry) => entry.name === 'method')?.value, 'GET');
  return { call: info, library: 'file_get_contents', method, urlNode: target, credentialScopes: httpOptions.map((entry) => entry.value) };
}

function isClientReceiver(file: SourceFile, receiver: Node, clients: Map<string, RecognisedClient>): { key?: string; library: string } | undefined {
  const key = file.keyOf(receiver);
  if (key !== undefined && clients.has(key)) return { key, library: clients.get(key)!.library };
  const type = key === undefined ? undefined : file.declaredTypeOf(key);
  if (type !== undefined && CLIENT_TYPES.has(type)) {
    const imported = file.imports.get(type) ?? type;
    return { library: /Symfony|HttpClientInterface/.test(imported) ? 'symfony-http-client' : /Guzzle/.test(imported) ? 'guzzle' : 'http-client' };
  }
  if (key !== undefined && CLIENT_NAMES.test(key)) return { library: 'http-client' };
  return undefined;
}

/** Laravel's `Http` facade: `Http::withToken($t)->get($url)`, `Http::baseUrl($b)->post('/x', $data)`. */
function recogniseLaravel(file: SourceFile, info: CallInfo): RecognisedCall | undefined {
  if (!VERBS.has(info.name) && info.name !== 'send') return undefined;
  const chain = file.chainOf(info);
  const first = chain[0];
  const facade = first.qualifier;
  if (facade === undefined || (facade !== 'Http' && !/Facades\\Http$/.test(facade) && file.imports.get(facade) !== 'Illuminate\\Support\\Facades\\Http')) return undefined;
  const links = chain.slice(0, -1);
  const base = links.find((link) => link.name === 'baseUrl');
  const isSend = info.name === 'send';
  return {
    call: info,
    library: 'laravel-http',
    method: isSend ? methodOf(file, info.args[0]) : methodFromName(info.name)!,
    urlNode: isSend ? info.args[1] : info.args[0],
    baseUrlNode: base?.args[0],
    credentialScopes: [...links.map((link) => link.node), ...info.args.slice(isSend ? 2 : 1)],
  };
}

function recogniseRequest(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  if (info.name === 'curl_init' && info.receiver === undefined && info.qualifier === undefined) return recogniseCurl(file, info);
  if (info.name === 'file_get_contents' && info.receiver === undefined) return recogniseFileGetContents(file, info);
  if (info.isConstructor && info.name === 'Request' && /GuzzleHttp\\Psr7/.test(info.qualifier ?? file.imports.get('Request') ?? '') && info.args.length >= 2) {
    const key = keyHolding(file, info.node);
    const sender = file.calls.find((call) => /^(send|sendAsync|sendRequest)$/.test(call.name) && call.receiver !== undefined && call.args.some((arg) => arg.id === info.node.id || (key !== undefined && file.keyOf(arg) === key)));
    const clientKey = sender?.receiver === undefined ? undefined : file.keyOf(sender.receiver);
    return { call: info, library: 'guzzle', method: methodOf(file, info.args[0]), urlNode: info.args[1], clientKey: clientKey !== undefined && clients.has(clientKey) ? clientKey : undefined, sender: sender?.node, credentialScopes: info.args.slice(2) };
  }
  if (info.qualifier !== undefined || info.receiver !== undefined) {
    const laravel = recogniseLaravel(file, info);
    if (laravel !== undefined) return laravel;
  }
  if (info.receiver === undefined) return undefined;
  const client = isClientReceiver(file, info.receiver, clients);
  if (client === undefined) return undefined;
  if (info.name === 'request' || info.name === 'requestAsync') {
    if (info.args.length < 2 && !info.named.has('url')) return undefined;
    return { call: info, library: client.library, method: methodOf(file, info.named.get('method') ?? info.args[0]), urlNode: info.named.get('url') ?? info.args[1], clientKey: client.key, credentialScopes: info.args.slice(2) };
  }
  if (VERBS.has(info.name) || ASYNC_VERBS.has(info.name)) {
    if (info.args.length === 0) return undefined;
    return { call: info, library: client.library, method: methodFromName(info.name.replace(/Async$/, ''))!, urlNode: info.args[0], clientKey: client.key, credentialScopes: info.args.slice(1) };
  }
  return undefined;
}

/** `new Client(['base_uri' => …])` (Guzzle), `HttpClient::create(['base_uri' => …])` / `createForBaseUri(…)` (Symfony). */
function recogniseClient(file: SourceFile, key: string, value: Node): RecognisedClient | undefined {
  const info = file.callAt(value);
  if (info === undefined) return undefined;
  if (info.isConstructor && libraryOfClass(file, info) === 'guzzle') {
    const base = entries(file, info.args[0]).find((entry) => entry.name === 'base_uri');
    return { key, library: 'guzzle', creation: info.node, baseUrlNode: base?.value, credentialScopes: info.args };
  }
  if (info.qualifier !== undefined && info.receiver === undefined) {
    const facade = { ...info, name: info.qualifier.replace(/^.*\\/, ''), qualifier: info.qualifier.includes('\\') ? info.qualifier.slice(0, info.qualifier.lastIndexOf('\\')) : undefined };
    if (libraryOfClass(file, facade) === 'symfony-http-client' || info.qualifier === 'HttpClient') {
      if (info.name === 'createForBaseUri') return { key, library: 'symfony-http-client', creation: info.node, baseUrlNode: info.args[0], credentialScopes: info.args.slice(1) };
      if (info.name === 'create') {
        const base = entries(file, info.args[0]).find((entry) => entry.name === 'base_uri');
        return { key, library: 'symfony-http-client', creation: info.node, baseUrlNode: base?.value, credentialScopes: info.args };
      }
    }
  }
  return undefined;
}

export function recognisePhp(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined) continue;
    const client = recogniseClient(file, named.bindingKey, named.value);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  const calls: RecognisedCall[] = [];
  for (const info of file.calls) {
    const recognised = recogniseRequest(file, info, clients);
    if (recognised !== undefined) calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
