import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import type { Recognised, RecognisedCall, RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import type { CallInfo } from './syntax';

const BUILDER_VERBS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'TRACE']);
const LOWER_VERBS = new Set(['get', 'post', 'put', 'delete', 'head', 'patch', 'options']);
const APACHE_REQUESTS: Record<string, CallMethod> = {
  HttpGet: 'GET',
  HttpPost: 'POST',
  HttpPut: 'PUT',
  HttpDelete: 'DELETE',
  HttpPatch: 'PATCH',
  HttpHead: 'HEAD',
  HttpOptions: 'OPTIONS',
  HttpTrace: 'TRACE',
};
const REST_TEMPLATE_METHODS: Record<string, CallMethod> = {
  getForObject: 'GET',
  getForEntity: 'GET',
  postForObject: 'POST',
  postForEntity: 'POST',
  postForLocation: 'POST',
  patchForObject: 'PATCH',
  headForHeaders: 'HEAD',
  optionsForAllow: 'OPTIONS',
};
const REST_TEMPLATE_TYPES = new Set(['RestTemplate', 'TestRestTemplate', 'RestOperations']);
const FLUENT_CLIENT_TYPES = new Set(['WebClient', 'RestClient']);
/** Chained calls that set headers or authentication on a request builder. */
const CREDENTIAL_SETTERS = /^(header|headers|setHeader|addHeader|setRequestProperty|addRequestProperty|basicAuth|bearerAuth|setBearerAuth|setBasicAuth|attributes|authenticator)$/;

function literalMethod(file: SourceFile, node: Node | undefined): CallMethod {
  if (node === undefined) return 'unknown';
  const target = file.syntax.unwrap(node);
  // `HttpMethod.GET` / `Method.POST` name the method in the field.
  if (target.type === 'field_access') return methodFromName(target.text) ?? 'unknown';
  const value = file.evaluate(target);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

function credentialArgs(chain: CallInfo[]): Node[] {
  return chain.filter((link) => CREDENTIAL_SETTERS.test(link.name)).flatMap((link) => [link.node]);
}

/** The variable a call's result is stored in (`HttpURLConnection c = (…) url.openConnection()`). */
function resultKey(file: SourceFile, node: Node): string | undefined {
  for (const named of file.namedValues) {
    if (named.bindingKey !== undefined && file.syntax.unwrap(named.value).id === node.id) return named.bindingKey;
  }
  return undefined;
}

function isFluentClient(file: SourceFile, key: string | undefined, clients: Map<string, RecognisedClient>): boolean {
  if (key === undefined) return false;
  const client = clients.get(key);
  if (client !== undefined) return client.library === 'WebClient' || client.library === 'RestClient';
  const type = file.declaredTypeOf(key);
  return type !== undefined && FLUENT_CLIENT_TYPES.has(type);
}

/** Requests built by a chain: `HttpRequest.newBuilder(…)`, OkHttp `new Request.Builder()`, `webClient.get().uri(…)`, `Unirest.get(…)`. */
function recogniseChain(file: SourceFile, top: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  const chain = file.chainOf(top);
  const first = chain[0];
  const root = first.receiver === undefined ? undefined : file.syntax.unwrap(first.receiver);
  const rootCall = root === undefined ? undefined : file.callAt(root);
  const link = (name: string): CallInfo | undefined => chain.find((candidate) => candidate.name === name);
  const verbLink = chain.find((candidate) => BUILDER_VERBS.has(candidate.name));
  const methodLink = link('method');
  if (root?.text === 'HttpRequest' && first.name === 'newBuilder') {
    const uri = first.args[0] ?? link('uri')?.args[0];
    const method = verbLink !== undefined ? methodFromName(verbLink.name)! : methodLink !== undefined ? literalMethod(file, methodLink.args[0]) : 'GET';
    return { call: top, library: 'java.net.http', method, urlNode: uri, credentialScopes: credentialArgs(chain) };
  }
  if (rootCall?.isConstructor && rootCall.name === 'Builder' && rootCall.qualifier === 'Request') {
    const url = link('url');
    if (url === undefined) return undefined;
    const verb = chain.find((candidate) => LOWER_VERBS.has(candidate.name));
    const method = verb !== undefined ? methodFromName(verb.name)! : methodLink !== undefined ? literalMethod(file, methodLink.args[0]) : 'GET';
    return { call: top, library: 'okhttp', method, urlNode: url.args[0], credentialScopes: credentialArgs(chain) };
  }
  if (root?.text === 'Unirest' && (LOWER_VERBS.has(first.name) || first.name === 'request')) {
    const method = first.name === 'request' ? literalMethod(file, first.args[0]) : methodFromName(first.name)!;
    return { call: top, library: 'unirest', method, urlNode: first.name === 'request' ? first.args[1] : first.args[0], credentialScopes: credentialArgs(chain) };
  }
  const rootKey = root === undefined ? undefined : file.keyOf(root);
  if (isFluentClient(file, rootKey, clients) && (LOWER_VERBS.has(first.name) || first.name === 'method')) {
    const uri = link('uri');
    const method = first.name === 'method' ? literalMethod(file, first.args[0]) : methodFromName(first.name)!;
    const library = clients.get(rootKey!)?.library ?? file.declaredTypeOf(rootKey!) ?? 'WebClient';
    return { call: top, library, method, urlNode: uri === undefined ? undefined : uriArgument(file, uri), clientKey: rootKey, credentialScopes: credentialArgs(chain) };
  }
  return undefined;
}

/** `.uri("/x/{id}", id)` or `.uri(b -> b.path("/x").build())`: the path the builder writes. */
function uriArgument(file: SourceFile, uri: CallInfo): Node | undefined {
  const first = uri.args[0];
  if (first === undefined) return undefined;
  if (file.syntax.unwrap(first).type !== 'lambda_expression') return first;
  const path = file.calls.find((call) => call.name === 'path' && call.node.startIndex >= first.startIndex && call.node.endIndex <= first.endIndex);
  return path?.args[0] ?? first;
}

function recogniseSingle(file: SourceFile, info: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  if (info.isConstructor) {
    const method = APACHE_REQUESTS[info.name];
    if (method !== undefined && info.args.length > 0) {
      const key = resultKey(file, info.node);
      return { call: info, library: 'apache-httpclient', method, urlNode: info.args[0], credentialScopes: key === undefined ? [] : file.usesOf(key).calls.map((call) => call.node) };
    }
    return undefined;
  }
  if (info.name === 'openConnection' && info.receiver !== undefined) {
    const url = file.evaluate(info.receiver);
    if (url.isUnknown) return undefined;
    const key = resultKey(file, info.node);
    const uses = key === undefined ? [] : file.usesOf(key).calls;
    const setMethod = uses.find((call) => call.name === 'setRequestMethod');
    return {
      call: info,
      library: 'HttpURLConnection',
      method: setMethod === undefined ? 'GET' : literalMethod(file, setMethod.args[0]),
      urlNode: info.receiver,
      credentialScopes: uses.filter((call) => CREDENTIAL_SETTERS.test(call.name)).map((call) => call.node),
    };
  }
  if (info.receiver === undefined) return undefined;
  const receiverKey = file.keyOf(info.receiver);
  const type = receiverKey === undefined ? undefined : file.declaredTypeOf(receiverKey);
  const client = receiverKey === undefined ? undefined : clients.get(receiverKey);
  const isRestTemplate = (type !== undefined && REST_TEMPLATE_TYPES.has(type)) || client?.library === 'RestTemplate' || /resttemplate/i.test(info.receiver.text);
  const known = REST_TEMPLATE_METHODS[info.name];
  if (known !== undefined || (isRestTemplate && (info.name === 'put' || info.name === 'delete' || info.name === 'exchange' || info.name === 'execute'))) {
    if (info.args.length === 0) return undefined;
    const method = known ?? (info.name === 'put' ? 'PUT' : info.name === 'delete' ? 'DELETE' : literalMethod(file, info.args[1]));
    const first = file.syntax.unwrap(info.args[0]);
    // `exchange(RequestEntity)` carries the URL inside the entity.
    if (first.type === 'identifier' && info.args.length === 2 && info.name === 'exchange') return undefined;
    return { call: info, library: 'RestTemplate', method, urlNode: info.args[0], clientKey: client === undefined ? undefined : receiverKey, credentialScopes: info.args.slice(1) };
  }
  // openapi-generator's Java clients: `apiClient.invokeAPI(path, "GET", …)`, `buildCall(basePath, path, "GET", …)`.
  if (info.name === 'invokeAPI' && info.args.length >= 2) return { call: info, library: 'generated', method: literalMethod(file, info.args[1]), urlNode: info.args[0], credentialScopes: [] };
  if (info.name === 'buildCall' && info.args.length >= 3 && /apiclient/i.test(info.receiver.text)) {
    return { call: info, library: 'generated', method: literalMethod(file, info.args[2]), urlNode: info.args[1], credentialScopes: [] };
  }
  return undefined;
}

/** `WebClient.builder().baseUrl(…).build()`, `WebClient.create(…)`, `RestClient.create(…)`, `new RestTemplateBuilder().rootUri(…).build()`. */
function recogniseClient(file: SourceFile, key: string, value: Node): RecognisedClient | undefined {
  const top = file.callAt(value);
  if (top === undefined) return undefined;
  const chain = file.chainOf(top);
  const first = chain[0];
  const root = first.receiver === undefined ? undefined : file.syntax.unwrap(first.receiver);
  const rootCall = root === undefined ? undefined : file.callAt(root);
  const rootName = rootCall?.isConstructor ? rootCall.name : root?.text;
  const scopes = chain.filter((link) => /header|auth|filter|interceptor/i.test(link.name)).map((link) => link.node);
  if (rootName === 'WebClient' || rootName === 'RestClient') {
    if (first.name === 'create') return { key, library: rootName, creation: top.node, baseUrlNode: first.args[0], credentialScopes: scopes };
    const base = chain.find((link) => link.name === 'baseUrl');
    return { key, library: rootName, creation: top.node, baseUrlNode: base?.args[0], credentialScopes: scopes };
  }
  if (rootName === 'RestTemplateBuilder' || (top.isConstructor && top.name === 'RestTemplate')) {
    const base = chain.find((link) => link.name === 'rootUri');
    return { key, library: 'RestTemplate', creation: top.node, baseUrlNode: base?.args[0], credentialScopes: scopes };
  }
  return undefined;
}

export function recogniseJava(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined) continue;
    const client = recogniseClient(file, named.bindingKey, named.value);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  const calls: RecognisedCall[] = [];
  const covered = new Set<number>();
  for (const info of file.calls) {
    if (info.isConstructor || !file.isChainTop(info)) continue;
    const recognised = recogniseChain(file, info, clients);
    if (recognised === undefined) continue;
    for (const link of file.chainOf(info)) covered.add(link.node.id);
    calls.push(recognised);
  }
  for (const info of file.calls) {
    if (covered.has(info.node.id)) continue;
    const recognised = recogniseSingle(file, info, clients);
    if (recognised !== undefined) calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
