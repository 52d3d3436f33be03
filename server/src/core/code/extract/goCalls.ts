import type { Node } from 'web-tree-sitter';
import { methodFromName, type CallMethod } from '../callSite';
import type { Recognised, RecognisedCall, RecognisedClient } from './recognised';
import type { SourceFile } from './sourceFile';
import type { CallInfo } from './syntax';

const PACKAGE_FUNCTIONS: Record<string, CallMethod> = { Get: 'GET', Head: 'HEAD', Post: 'POST', PostForm: 'POST' };
const RESTY_VERBS = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Options']);
const RESTY_BASE_SETTERS = new Set(['SetBaseURL', 'SetHostURL']);

function importedAs(file: SourceFile, node: Node | undefined, path: string): boolean {
  if (node === undefined) return false;
  const target = file.syntax.unwrap(node);
  return target.type === 'identifier' && file.imports.get(target.text) === path;
}

function methodOf(file: SourceFile, node: Node | undefined): CallMethod {
  if (node === undefined) return 'unknown';
  const target = file.syntax.unwrap(node);
  // `http.MethodGet` names the method in the selector.
  if (target.type === 'selector_expression') return methodFromName(target.text.replace(/^.*\./, '')) ?? 'unknown';
  const value = file.evaluate(target);
  return value.isLiteral ? (methodFromName(value.text) ?? 'unknown') : 'unknown';
}

function keyHolding(file: SourceFile, node: Node): string | undefined {
  for (const named of file.namedValues) if (named.bindingKey !== undefined && file.syntax.unwrap(named.value).id === node.id) return named.bindingKey;
  return undefined;
}

/** Whether a variable holds a `net/http` client (`&http.Client{…}`, `http.DefaultClient`, `*http.Client`). */
function isHttpClient(file: SourceFile, key: string | undefined): boolean {
  if (key === undefined) return false;
  const type = file.declaredTypeOf(key);
  if (type !== undefined && /(^|\.)Client$/.test(type) && /http\./.test(type)) return true;
  const value = file.singleValueOf(key);
  if (value === undefined) return false;
  const target = file.syntax.unwrap(value);
  if (target.type === 'composite_literal') return /http\.Client$/.test(target.childForFieldName('type')?.text ?? '');
  return target.text === 'http.DefaultClient';
}

function recogniseRequest(file: SourceFile, info: CallInfo): RecognisedCall | undefined {
  if (info.receiver === undefined) return undefined;
  if (importedAs(file, info.receiver, 'net/http')) {
    const method = PACKAGE_FUNCTIONS[info.name];
    if (method !== undefined) return { call: info, library: 'net/http', method, urlNode: info.args[0], credentialScopes: [] };
    if (info.name === 'NewRequest' || info.name === 'NewRequestWithContext') {
      const offset = info.name === 'NewRequest' ? 0 : 1;
      const key = keyHolding(file, info.node);
      const uses = key === undefined ? { calls: [], assignments: [] } : file.usesOf(key);
      const sender = key === undefined ? undefined : file.calls.find((call) => call.name === 'Do' && call.args.some((arg) => file.keyOf(arg) === key));
      return {
        call: info,
        library: 'net/http',
        method: methodOf(file, info.args[offset]),
        urlNode: info.args[offset + 1],
        sender: sender?.node,
        credentialScopes: [...uses.calls.map((call) => call.node), ...uses.assignments.map((named) => named.value)],
      };
    }
    return undefined;
  }
  const receiverKey = file.keyOf(info.receiver);
  const method = PACKAGE_FUNCTIONS[info.name];
  if (method !== undefined && isHttpClient(file, receiverKey)) return { call: info, library: 'net/http', method, urlNode: info.args[0], credentialScopes: [] };
  return undefined;
}

/** resty: `client.R().SetAuthToken(t).Get("/x")`, `resty.New().R().Execute("GET", url)`. */
function recogniseResty(file: SourceFile, top: CallInfo, clients: Map<string, RecognisedClient>): RecognisedCall | undefined {
  const isVerb = RESTY_VERBS.has(top.name);
  if (!isVerb && top.name !== 'Execute') return undefined;
  const chain = file.chainOf(top);
  const request = chain.findIndex((link) => link.name === 'R' && link.args.length === 0);
  if (request === -1) return undefined;
  const root = chain[0].receiver === undefined ? undefined : file.syntax.unwrap(chain[0].receiver);
  const rootKey = root === undefined ? undefined : file.keyOf(root);
  const rootIsResty = importedAs(file, root, 'github.com/go-resty/resty/v2') || importedAs(file, root, 'gopkg.in/resty.v1') || (rootKey !== undefined && clients.get(rootKey)?.library === 'resty');
  if (!rootIsResty) return undefined;
  const links = chain.slice(request + 1, -1);
  const inlineBase = chain.slice(0, request).find((link) => RESTY_BASE_SETTERS.has(link.name));
  return {
    call: top,
    library: 'resty',
    method: isVerb ? methodFromName(top.name)! : methodOf(file, top.args[0]),
    urlNode: isVerb ? top.args[0] : top.args[1],
    clientKey: rootKey !== undefined && clients.has(rootKey) ? rootKey : undefined,
    baseUrlNode: inlineBase?.args[0],
    credentialScopes: links.map((link) => link.node),
  };
}

function recogniseClient(file: SourceFile, key: string, value: Node): RecognisedClient | undefined {
  const top = file.callAt(value);
  if (top === undefined) return undefined;
  const chain = file.chainOf(top);
  if (chain[0].name !== 'New' || !importedAs(file, chain[0].receiver, 'github.com/go-resty/resty/v2')) return undefined;
  // The base may be set in the creating chain or later with `client.SetBaseURL(…)`.
  const base = chain.find((link) => RESTY_BASE_SETTERS.has(link.name)) ?? file.usesOf(key).calls.find((call) => RESTY_BASE_SETTERS.has(call.name));
  return { key, library: 'resty', creation: top.node, baseUrlNode: base?.args[0], credentialScopes: chain.slice(1).map((link) => link.node) };
}

export function recogniseGo(file: SourceFile): Recognised {
  const clients = new Map<string, RecognisedClient>();
  for (const named of file.namedValues) {
    if (named.bindingKey === undefined) continue;
    const client = recogniseClient(file, named.bindingKey, named.value);
    if (client !== undefined && !clients.has(client.key)) clients.set(client.key, client);
  }
  const calls: RecognisedCall[] = [];
  for (const info of file.calls) {
    const recognised = (file.isChainTop(info) ? recogniseResty(file, info, clients) : undefined) ?? recogniseRequest(file, info);
    if (recognised !== undefined) calls.push(recognised);
  }
  return { calls, clients: [...clients.values()] };
}
