import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import { field } from './nodeUtils';
import type { Recognised, RecognisedCall, RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import type { CallInfo } from './syntax';

/** `HttpClient` methods that send a request, by the method they send. */
const HTTP_CLIENT_METHODS: Record<string, CallMethod> = {
  GetAsync: 'GET',
  GetStringAsync: 'GET',
  GetByteArrayAsync: 'GET',
  GetStreamAsync: 'GET',
  GetFromJsonAsync: 'GET',
  GetFromJsonAsAsyncEnumerable: 'GET',
  PostAsync: 'POST',
  PostAsJsonAsync: 'POST',
  PutAsync: 'PUT',
  PutAsJsonAsync: 'PUT',
  PatchAsync: 'PATCH',
  PatchAsJsonAsync: 'PATCH',
  DeleteAsync: 'DELETE',
  DeleteFromJsonAsync: 'DELETE',
};
const WEB_CLIENT_METHODS: Record<string, CallMethod> = {
  DownloadString: 'GET',
  DownloadStringTaskAsync: 'GET',
  DownloadData: 'GET',
  DownloadDataTaskAsync: 'GET',
  DownloadFile: 'GET',
  DownloadFileTaskAsync: 'GET',
  OpenRead: 'GET',
  OpenReadTaskAsync: 'GET',
  UploadString: 'POST',
  UploadStringTaskAsync: 'POST',
  UploadData: 'POST',
  UploadDataTaskAsync: 'POST',
  UploadValues: 'POST',
  UploadValuesTaskAsync: 'POST',
};
const REST_SHARP_EXECUTE = /^(Execute|ExecuteAsync|ExecuteGet|ExecuteGetAsync|ExecutePost|ExecutePostAsync|Get|GetAsync|Post|PostAsync|Put|PutAsync|Delete|DeleteAsync|Patch|PatchAsync|Head|HeadAsync|Options|OptionsAsync|GetJsonAsync|PostJsonAsync|PutJsonAsync)$/;

function methodOf(file: SourceFile, node: Node | undefined): CallMethod {
  if (node === undefined) return 'unknown';
  const target = file.syntax.unwrap(node);
  if (target.type === 'member_access_expression') return methodFromName(field(target, 'name')?.text) ?? 'unknown';
  if (target.type === 'object_creation_expression') {
    // `new HttpMethod("PATCH")`.
    const call = file.callAt(target);
    return call?.args[0] === undefined ? 'unknown' : methodOf(file, call.args[0]);
  }
  const value = file.evaluate(target);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

/** The type of what a variable holds: its declared type, or the class it is created from. */
function typeOfKey(file: SourceFile, key: string | undefined, clients: Map<string, RecognisedClient>): string | undefined {
  if (key === undefined) return undefined;
  const client = clients.get(key);
  if (client !== undefined) return client.library;
  const declared = file.declaredTypeOf(key);
  if (declared !== undefined) return declared;
  const value = file.singleValueOf(key);
  const created = value === undefined ? undefined : file.callAt(value);
  return created?.isConstructor ? created.name : undefined;
}

/** The variable a value is stored in. */
function keyHolding(file: SourceFile, node: Node): string | undefined {
  for (const named of file.namedValues) if (named.bindingKey !== undefined && file.syntax.unwrap(named.value).id === node.id) return named.bindingKey;
  return undefined;
}

/** The call that sends a request object (`client.SendAsync(request)`, `client.ExecuteAsync(request)`). */
function senderOf(file: SourceFile, request: Node, senders: RegExp): CallInfo | undefined {
  const key = keyHolding(file, request);
  return file.calls.find(
    (call) => senders.test(call.name) && call.receiver !== undefined && call.args.some((arg) => file.syntax.unwrap(arg).id === request.id || (key !== undefined && file.keyOf(arg) === key)),
  );
}

function requestScopes(file: SourceFile, request: Node): Node[] {
  const key = keyHolding(file, request);
  const scopes = [request];
  if (key !== undefined) scopes.push(...file.usesOf(key).calls.map((call) => call.node), ...file.usesOf(key).assignments.map((named) => named.value.parent ?? named.value));
  return scopes;
}

function recogniseRequest(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  if (info.isConstructor) {
    if (info.name === 'HttpRequestMessage') {
      const entries = file.syntax.entriesOf(info.node) ?? [];
      const urlNode = info.args[1] ?? entries.find((entry) => entry.name === 'RequestUri')?.value;
      const method = methodOf(file, info.args[0] ?? entries.find((entry) => entry.name === 'Method')?.value);
      const sender = senderOf(file, info.node, /^(SendAsync|Send)$/);
      const clientKey = sender?.receiver === undefined ? undefined : file.keyOf(sender.receiver);
      return {
        call: info,
        library: 'HttpClient',
        method: info.args.length === 0 && !entries.some((entry) => entry.name === 'Method') ? 'GET' : method,
        urlNode,
        clientKey,
        sender: sender?.node,
        credentialScopes: requestScopes(file, info.node),
      };
    }
    if (info.name === 'RestRequest') {
      const sender = senderOf(file, info.node, REST_SHARP_EXECUTE);
      const fromSender = sender === undefined ? undefined : methodFromName(sender.name.replace(/^Execute/, '').replace(/Json/, ''));
      const explicit = info.args[1] ?? info.named.get('method');
      const method = fromSender ?? (explicit === undefined ? 'GET' : methodOf(file, explicit));
      const clientKey = sender?.receiver === undefined ? undefined : file.keyOf(sender.receiver);
      return { call: info, library: 'RestSharp', method, urlNode: info.args[0] ?? info.named.get('resource'), clientKey, sender: sender?.node, credentialScopes: requestScopes(file, info.node) };
    }
    return undefined;
  }
  if (info.receiver === undefined) return undefined;
  const receiverKey = file.keyOf(info.receiver);
  const type = typeOfKey(file, receiverKey, clients);
  const httpClient = type === 'HttpClient' || (type === undefined && /http/i.test(info.receiver.text));
  const known = HTTP_CLIENT_METHODS[info.name];
  if (known !== undefined && httpClient && info.args.length > 0) {
    const first = file.syntax.unwrap(info.args[0]);
    // `GetAsync(request)` with a RestSharp request is RestSharp's, recognised at the request.
    const firstCall = file.callAt(first);
    if (firstCall?.isConstructor && firstCall.name === 'RestRequest') return undefined;
    return { call: info, library: 'HttpClient', method: known, urlNode: info.args[0], clientKey: clients.has(receiverKey ?? '') ? receiverKey : undefined, credentialScopes: info.args.slice(1) };
  }
  const webClientMethod = WEB_CLIENT_METHODS[info.name];
  if (webClientMethod !== undefined && (type === 'WebClient' || /webclient/i.test(info.receiver.text)) && info.args.length > 0) {
    const method = webClientMethod === 'POST' && info.args.length >= 3 ? methodOf(file, info.args[1]) : webClientMethod;
    return { call: info, library: 'WebClient', method, urlNode: info.args[0], clientKey: clients.has(receiverKey ?? '') ? receiverKey : undefined, credentialScopes: [] };
  }
  return undefined;
}

/** `new HttpClient { BaseAddress = … }`, `new RestClient("…")`, `new RestClient(new RestClientOptions("…") { … })`, `new WebClient()`. */
function recogniseClient(file: SourceFile, key: string, value: Node, declaredType: string | undefined): RecognisedClient | undefined {
  const info = file.callAt(value);
  if (info === undefined || !info.isConstructor) return undefined;
  const name = info.name === '' ? declaredType : info.name;
  const entries = file.syntax.entriesOf(info.node) ?? [];
  const scopes = [info.node];
  if (name === 'HttpClient') return { key, library: 'HttpClient', creation: info.node, baseUrlNode: entries.find((entry) => entry.name === 'BaseAddress')?.value, credentialScopes: scopes };
  if (name === 'WebClient') return { key, library: 'WebClient', creation: info.node, baseUrlNode: entries.find((entry) => entry.name === 'BaseAddress')?.value, credentialScopes: scopes };
  if (name === 'RestClient') {
    const first = info.args[0] === undefined ? undefined : file.syntax.unwrap(info.args[0]);
    let options = first === undefined ? undefined : file.callAt(first);
    if (options === undefined && first !== undefined) {
      const optionsKey = file.keyOf(first);
      const optionsValue = optionsKey === undefined ? undefined : file.singleValueOf(optionsKey);
      options = optionsValue === undefined ? undefined : file.callAt(optionsValue);
    }
    if (options?.isConstructor && options.name === 'RestClientOptions') {
      const optionEntries = file.syntax.entriesOf(options.node) ?? [];
      const base = options.args[0] ?? optionEntries.find((entry) => entry.name === 'BaseUrl')?.value;
      return { key, library: 'RestSharp', creation: info.node, baseUrlNode: base, credentialScopes: [info.node, options.node] };
    }
    return { key, library: 'RestSharp', creation: info.node, baseUrlNode: first, credentialScopes: scopes };
  }
  return undefined;
}

export function recogniseCsharp(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined) continue;
    const client = recogniseClient(file, named.bindingKey, named.value, named.declaredType);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  // Injected clients (`private readonly HttpClient _http;`) have no creation but may get a BaseAddress later.
  for (const named of file.namedValues) {
    if (named.objectKey === undefined || named.name !== 'BaseAddress' || clients.has(named.objectKey)) continue;
    clients.set(named.objectKey, { key: named.objectKey, library: file.declaredTypeOf(named.objectKey) === 'WebClient' ? 'WebClient' : 'HttpClient', creation: named.nameNode.parent ?? named.nameNode, credentialScopes: [] });
  }
  const calls: RecognisedCall[] = [];
  for (const info of file.calls) {
    const recognised = recogniseRequest(file, info, clients);
    if (recognised === undefined) continue;
    if (recognised.clientKey === undefined && info.receiver !== undefined) {
      const key = file.keyOf(info.receiver);
      if (key !== undefined && clients.has(key)) recognised.clientKey = key;
    }
    calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
