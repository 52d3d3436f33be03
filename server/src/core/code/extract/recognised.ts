import type { Node } from 'web-tree-sitter';
import type { CallMethod } from '../callSite';
import type { StringTemplate } from './stringTemplate';
import type { CallInfo } from './syntax';

/** A request call as a library recogniser sees it, before URLs are evaluated and clients joined. */
export interface RecognisedCall {
  call: CallInfo;
  library: string;
  method: CallMethod;
  /** The expression that holds the URL (evaluated later, so that constants are inlined). */
  urlNode?: Node;
  /** A URL the recogniser assembled itself (Node `http` options, a curl handle's settings). */
  url?: StringTemplate;
  /** The binding key of the client variable the call goes through. */
  clientKey?: string;
  /** A base URL given at the call itself (axios `{ baseURL }` in the config, Laravel `Http::baseUrl()`). */
  baseUrlNode?: Node;
  /** Nodes that may carry a credential: options, headers, the chained builder calls. */
  credentialScopes: Node[];
  /** The call that sends a request object built elsewhere (`client.SendAsync(request)`, `client.Do(req)`). */
  sender?: Node;
  /** For `new URL(…)` and similar: only a call site when no other call uses it as its URL. */
  standaloneOnly?: boolean;
}

/** A client instance whose creation is visible in the file. */
export interface RecognisedClient {
  key: string;
  library: string;
  /** The expression that creates the client (its range and the first credential scope). */
  creation: Node;
  baseUrlNode?: Node;
  credentialScopes: Node[];
}

export interface Recognised {
  calls: RecognisedCall[];
  clients: RecognisedClient[];
}

/** The property names under which libraries take a base URL. */
export const BASE_URL_NAMES = new Set(['baseURL', 'baseUrl', 'base_url', 'BaseAddress', 'BaseUrl', 'prefixUrl', 'base_uri', 'baseUri', 'rootUri', 'host_url', 'HostURL', 'BaseURL']);
