import type { ApiDescription, OperationEntry, ServerEntry } from '../openapi/types';
import type { CallSite } from './callSite';
import { joinUrl, parseUrlTemplate, pathSegments } from './urlTemplate';

/** How a call relates to the workspace's APIs (CODE-PATTERNS.md section 4). */
export type CallMatchOutcome = 'matched' | 'path-not-documented' | 'method-not-documented' | 'external' | 'unresolved';

export interface CallMatch {
  outcome: CallMatchOutcome;
  /** The API whose server the call goes to (every outcome but external and unresolved). */
  api?: ApiDescription;
  /** The server entry and the expanded server URL that matched. */
  server?: ServerEntry;
  serverUrl?: string;
  /** The call's path below the server's base path (`/orders/{*}`), without query. */
  path?: string;
  /** The matched operation (outcome `matched`). */
  operation?: OperationEntry;
  /** For `method-not-documented`: the documented path template and its methods. */
  documentedPath?: string;
  documentedMethods?: string[];
  /** The call's host (`host[:port]`), when it is literal (also for external calls). */
  host?: string;
  /**
   * False when the outcome rests on a guess: two APIs claim the same prefix, only a relative
   * server with an empty base path matched, or the host is unknown and only the path decided.
   */
  unambiguous: boolean;
  /** The segment score of the matched path (literal 2, parameter 1), for ranking and tests. */
  score?: number;
}

/** One server prefix of one API and the operations that server applies to. */
interface ServerPrefix {
  api: ApiDescription;
  server?: ServerEntry;
  url: string;
  /** Lower-case `host[:port]` without default ports; undefined for a relative server. */
  host?: string;
  base: string[];
  operations: OperationEntry[];
}

/** The server prefixes of a set of APIs, built once per set and reused for every call. */
export class ServerIndex {
  readonly prefixes: ServerPrefix[] = [];

  constructor(readonly apis: readonly ApiDescription[]) {
    for (const api of apis) {
      const byUrl = new Map<string, ServerPrefix>();
      const prefixFor = (url: string, server: ServerEntry | undefined): ServerPrefix => {
        let prefix = byUrl.get(url);
        if (prefix === undefined) {
          const parts = parseUrlTemplate(url.startsWith('/') || url.includes('://') || url.startsWith('//') ? url : `/${url}`);
          prefix = { api, server, url, host: parts.host === undefined ? undefined : normaliseHost(parts.host, parts.scheme), base: pathSegments(parts.path), operations: [] };
          byUrl.set(url, prefix);
          this.prefixes.push(prefix);
        }
        return prefix;
      };
      for (const server of api.servers) for (const url of server.expandedUrls) prefixFor(url, server);
      for (const operation of api.operations) {
        // An operation without servers is served from the document's own location: a relative `/`.
        if (operation.servers.length === 0) {
          prefixFor('/', undefined).operations.push(operation);
          continue;
        }
        for (const server of operation.servers) for (const url of server.expandedUrls) prefixFor(url, server).operations.push(operation);
      }
    }
  }
}

function normaliseHost(host: string, scheme: string | undefined): string {
  const lower = host.toLowerCase();
  if ((scheme === 'https' || scheme === 'wss') && lower.endsWith(':443')) return lower.slice(0, -4);
  if ((scheme === 'http' || scheme === 'ws') && lower.endsWith(':80')) return lower.slice(0, -3);
  return lower;
}

type SegmentKind = 'literal' | 'hole' | 'mixed';

function segmentKind(segment: string): SegmentKind {
  if (!segment.includes('{')) return 'literal';
  return /^\{[^{}]*\}$/.test(segment) ? 'hole' : 'mixed';
}

/** A regular expression for a segment with `{…}` parts: each part matches anything but `/`. */
function segmentPattern(segment: string, part: string): RegExp {
  const source = segment
    .split(/(\{[^{}]*\})/)
    .map((piece) => (piece.startsWith('{') && piece.endsWith('}') ? part : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Scores one documented segment against one called segment: equal literals 2, a mixed
 * documented segment (`{id}.json`) matched by pattern 1.5, a parameter 1, a documented literal
 * the call leaves open 0.5 (it could be that literal, but a parameter fits better); undefined
 * when they cannot be the same.
 */
function scoreSegment(documented: string, called: string): number | undefined {
  const documentedKind = segmentKind(documented);
  const calledKind = segmentKind(called);
  if (documentedKind === 'hole') return 1;
  if (documentedKind === 'literal') {
    if (calledKind === 'literal') return documented === called ? 2 : undefined;
    if (calledKind === 'hole') return 0.5;
    return segmentPattern(called, '.*').test(documented) ? 0.5 : undefined;
  }
  if (calledKind === 'literal') return segmentPattern(documented, '[^/]+').test(called) ? 1.5 : undefined;
  if (calledKind === 'hole') return 1;
  return segmentPattern(documented, '[^/]*').test(called.replace(/\{[^{}]*\}/g, 'x')) ? 1.5 : 1;
}

export function scorePath(documented: string, called: string[]): number | undefined {
  const segments = pathSegments(documented);
  if (segments.length !== called.length) return undefined;
  let total = 0;
  for (let index = 0; index < segments.length; index++) {
    const score = scoreSegment(segments[index], called[index]);
    if (score === undefined) return undefined;
    total += score;
  }
  return total;
}

interface Candidate {
  prefix: ServerPrefix;
  rest: string[];
  /** How strongly the prefix matched: a host match outranks a relative server; longer bases win. */
  strength: number;
}

function baseMatches(base: string[], path: string[]): boolean {
  if (base.length > path.length) return false;
  return base.every((segment, index) => scoreSegment(segment, path[index]) !== undefined && segmentKind(path[index]) !== 'hole');
}

/** The absolute (or relative) URL a call goes to: its own URL, else joined to its client's base. */
export function effectiveUrl(call: Pick<CallSite, 'urlTemplate' | 'baseUrl' | 'resolvedUrl'>): string {
  if (call.resolvedUrl !== undefined) return call.resolvedUrl;
  if (call.baseUrl !== undefined) return joinUrl(call.baseUrl, call.urlTemplate);
  return call.urlTemplate;
}

/**
 * Matches one call to the operations of the workspace's APIs: the longest host + base-path
 * prefix wins, then the remaining path is matched segment by segment (concrete paths before
 * templated ones), then the method decides between matched and method-not-documented.
 */
export function findOperationForCall(call: Pick<CallSite, 'method' | 'urlTemplate' | 'baseUrl' | 'resolvedUrl'>, index: ServerIndex): CallMatch {
  const url = effectiveUrl(call);
  const parts = parseUrlTemplate(url);
  const host = parts.host !== undefined && !parts.host.includes('{') ? normaliseHost(parts.host, parts.scheme) : undefined;
  const leadingHole = url.startsWith('{');
  const segments = pathSegments(leadingHole ? url.replace(/^\{[^{}]*\}/, '').split(/[?#]/)[0] : parts.path);
  const candidates: Candidate[] = [];
  for (const prefix of index.prefixes) {
    if (host !== undefined) {
      if (prefix.host !== undefined && prefix.host !== host) continue;
      if (!baseMatches(prefix.base, segments)) continue;
      candidates.push({ prefix, rest: segments.slice(prefix.base.length), strength: (prefix.host !== undefined ? 1000 : 0) + prefix.base.length });
    } else if (leadingHole) {
      // An unknown start may stand for scheme, host and base path alike.
      const rest = baseMatches(prefix.base, segments) ? segments.slice(prefix.base.length) : segments;
      candidates.push({ prefix, rest, strength: 0 });
    } else if (url.startsWith('/')) {
      if (!baseMatches(prefix.base, segments)) continue;
      candidates.push({ prefix, rest: segments.slice(prefix.base.length), strength: (prefix.host === undefined ? 500 : 0) + prefix.base.length });
    }
  }
  if (candidates.length === 0) return host !== undefined ? { outcome: 'external', host, unambiguous: true } : { outcome: 'unresolved', unambiguous: true };
  const best = Math.max(...candidates.map((candidate) => candidate.strength));
  const winners = candidates.filter((candidate) => candidate.strength === best);
  const apisClaiming = new Set(winners.map((candidate) => candidate.prefix.api.root.uri));
  // A prefix is resolved when the host matched, or a relative server has a base path of its own.
  const resolved = host !== undefined ? winners.some((candidate) => candidate.prefix.host !== undefined || candidate.prefix.base.length > 0) : !leadingHole && winners.some((candidate) => candidate.prefix.host === undefined && candidate.prefix.base.length > 0);
  const method = call.method;

  let bestMatch: { candidate: Candidate; operation: OperationEntry; score: number } | undefined;
  let bestPath: { candidate: Candidate; path: string; score: number; methods: string[] } | undefined;
  let tiedApis = false;
  for (const candidate of winners) {
    const byPath = new Map<string, OperationEntry[]>();
    for (const operation of candidate.prefix.operations) {
      let list = byPath.get(operation.path);
      if (list === undefined) byPath.set(operation.path, (list = []));
      list.push(operation);
    }
    for (const [path, operations] of byPath) {
      const score = scorePath(path, candidate.rest);
      if (score === undefined) continue;
      if (bestPath === undefined || score > bestPath.score) bestPath = { candidate, path, score, methods: operations.map((operation) => operation.method.toUpperCase()) };
      const operation = method === 'unknown' ? (operations.find((entry) => entry.method === 'get') ?? operations[0]) : operations.find((entry) => entry.method.toUpperCase() === method);
      if (operation === undefined) continue;
      if (bestMatch !== undefined && score === bestMatch.score && bestMatch.candidate.prefix.api !== candidate.prefix.api) tiedApis = true;
      if (bestMatch === undefined || score > bestMatch.score) {
        bestMatch = { candidate, operation, score };
        tiedApis = false;
      }
    }
  }
  const restPath = (candidate: Candidate): string => `/${candidate.rest.join('/')}`;
  if (bestMatch !== undefined) {
    const { candidate, operation, score } = bestMatch;
    // A documented literal met by an unknown part of the call is a guess, not a match to act on.
    const guessed = pathSegments(operation.path).some((segment, position) => segmentKind(segment) === 'literal' && segmentKind(candidate.rest[position] ?? '') !== 'literal');
    return {
      outcome: 'matched',
      api: candidate.prefix.api,
      server: candidate.prefix.server,
      serverUrl: candidate.prefix.url,
      path: restPath(candidate),
      operation,
      host,
      score,
      unambiguous: !tiedApis && !guessed && (host !== undefined || !leadingHole) && method !== 'unknown',
    };
  }
  if (!resolved) return host !== undefined ? { outcome: 'external', host, unambiguous: true } : { outcome: 'unresolved', unambiguous: true };
  const resolvedWinners = winners.filter((candidate) => candidate.prefix.host !== undefined || candidate.prefix.base.length > 0);
  const target = bestPath?.candidate ?? resolvedWinners[0];
  // A call whose remaining path is only unknown parts may be any path: reporting it would be a guess.
  const unambiguous = apisClaiming.size === 1 && (target.rest.length === 0 || target.rest.some((segment) => segmentKind(segment) !== 'hole'));
  if (bestPath !== undefined) {
    return {
      outcome: 'method-not-documented',
      api: target.prefix.api,
      server: target.prefix.server,
      serverUrl: target.prefix.url,
      path: restPath(target),
      documentedPath: bestPath.path,
      documentedMethods: bestPath.methods,
      host,
      unambiguous,
    };
  }
  return { outcome: 'path-not-documented', api: target.prefix.api, server: target.prefix.server, serverUrl: target.prefix.url, path: restPath(target), host, unambiguous };
}

/** Matches every call site of a file against the workspace's APIs. */
export function matchCallSites(callSites: readonly CallSite[], apis: readonly ApiDescription[] | ServerIndex): CallMatch[] {
  const index = apis instanceof ServerIndex ? apis : new ServerIndex(apis);
  return callSites.map((call) => findOperationForCall(call, index));
}
