import type { Range } from '../model/lineIndex';
import type { CodeLanguage } from './languages';

export type CallMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'TRACE' | 'unknown';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);

/** `get`, `Get`, `HttpMethod.Get`, `MethodGet`, `'del'` … → `GET` …; anything else → undefined. */
export function methodFromName(name: string | undefined): CallMethod | undefined {
  if (name === undefined) return undefined;
  let upper = name.replace(/^.*[.:]/, '').replace(/^Method/, '').replace(/(Async|ForObject|ForEntity|ForLocation|AsJsonAsync|AsJson)$/, '').toUpperCase();
  if (upper === 'DEL') upper = 'DELETE';
  return METHODS.has(upper) ? (upper as CallMethod) : undefined;
}

/** One outbound HTTP(S) or WebSocket request found in code (CODE-PATTERNS.md section 1). */
export interface CallSite {
  uri: string;
  language: CodeLanguage;
  /** The client library or API: `fetch`, `axios`, `requests`, `HttpClient`, `guzzle` … */
  library: string;
  method: CallMethod;
  /** The URL as the call writes it: literals kept, constants inlined, unknown parts `{*}`. */
  urlTemplate: string;
  /** The base URL of the client the call goes through, when it is visible in the file. */
  baseUrl?: string;
  /** The absolute URL template (base and path joined), when scheme and host are known. */
  resolvedUrl?: string;
  /** `host[:port]` of `resolvedUrl`, lower case, when the host is literal. */
  host?: string;
  /** The whole call expression. */
  range: Range;
  /** The URL argument at the call (a literal, a template, or the expression that holds the URL). */
  urlRange?: Range;
  /** Headers, an auth option or an interceptor carry a credential on this call or its client. */
  credentialVisible: boolean;
  /** The client variable the call goes through, when there is one. */
  client?: string;
  /** Normalised code of the call and its statement, for fingerprints that survive unrelated edits. */
  context: string;
  /** Offsets of the call and of the URL argument, for quick fixes and navigation. */
  offsets: { start: number; end: number; urlStart?: number; urlEnd?: number };
  /** The line a suppression comment above the call's statement applies to. */
  statementLine: number;
}

/** A client instance whose configuration is visible: the base URL and whether it carries credentials. */
export interface ClientInstance {
  /** The variable (or field) name that holds the client. */
  name: string;
  library: string;
  baseUrl?: string;
  /** Where the base URL literal is written, for `code-http-url` on a client. */
  baseUrlAt?: SourceSpan;
  credentialVisible: boolean;
  range: Range;
}

/** A located piece of code, with its normalised context for fingerprints. */
export interface SourceSpan {
  start: number;
  end: number;
  range: Range;
  context: string;
  statementLine: number;
}

/**
 * The index of the call site whose URL argument (else whole call) contains an offset, the
 * innermost when calls nest: what "Go to definition" on a URL string looks up.
 */
export function findCallSiteAt(callSites: readonly CallSite[], offset: number): number | undefined {
  let found: number | undefined;
  callSites.forEach((call, index) => {
    const start = call.offsets.urlStart ?? call.offsets.start;
    const end = call.offsets.urlEnd ?? call.offsets.end;
    if (offset < start || offset > end) return;
    const best = found === undefined ? undefined : callSites[found];
    if (best === undefined || end - start < (best.offsets.urlEnd ?? best.offsets.end) - (best.offsets.urlStart ?? best.offsets.start)) found = index;
  });
  return found;
}
