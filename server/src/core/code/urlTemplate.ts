/** A URL template taken apart. Holes (`{*}`) may stand anywhere. */
export interface UrlParts {
  /** `http`, `https`, `ws`, `wss` … lower case; undefined for relative or scheme-relative URLs. */
  scheme?: string;
  /** `user:password` before `@`, as written. */
  userinfo?: string;
  /** `host[:port]`, lower case; undefined when the URL has no authority. */
  host?: string;
  /** The path, starting with `/` (or a hole), without query or fragment. */
  path: string;
  /** The query without `?`, as written. */
  query?: string;
  /** Offset of the query (after `?`) in the template text. */
  queryOffset?: number;
  /** Offset of the userinfo in the template text. */
  userinfoOffset?: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function parseUrlTemplate(template: string): UrlParts {
  let rest = template;
  let offset = 0;
  let scheme: string | undefined;
  let host: string | undefined;
  let userinfo: string | undefined;
  let userinfoOffset: number | undefined;
  const schemeMatch = SCHEME.exec(rest);
  if (schemeMatch !== null) {
    scheme = schemeMatch[1].toLowerCase();
    offset = schemeMatch[0].length;
    rest = rest.slice(offset);
  } else if (rest.startsWith('//')) {
    offset = 2;
    rest = rest.slice(2);
  }
  if (offset > 0) {
    const authorityEnd = firstIndexOf(rest, ['/', '?', '#']);
    let authority = rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      userinfo = authority.slice(0, at);
      userinfoOffset = offset;
      authority = authority.slice(at + 1);
    }
    host = authority.toLowerCase();
    offset += authorityEnd;
    rest = rest.slice(authorityEnd);
  }
  const fragment = rest.indexOf('#');
  if (fragment !== -1) rest = rest.slice(0, fragment);
  let query: string | undefined;
  let queryOffset: number | undefined;
  const question = rest.indexOf('?');
  if (question !== -1) {
    query = rest.slice(question + 1);
    queryOffset = offset + question + 1;
    rest = rest.slice(0, question);
  }
  return { scheme, userinfo, userinfoOffset, host: host === '' ? undefined : host, path: rest, query, queryOffset };
}

function firstIndexOf(text: string, characters: string[]): number {
  let best = text.length;
  for (const character of characters) {
    const index = text.indexOf(character);
    if (index !== -1 && index < best) best = index;
  }
  return best;
}

/** True when the template names a scheme and a literal host. */
export function isAbsoluteUrl(template: string): boolean {
  return SCHEME.test(template);
}

/** Joins a base URL and a (relative) path with exactly one slash; an absolute path wins. */
export function joinUrl(base: string, path: string): string {
  if (isAbsoluteUrl(path) || base === '') return path;
  if (path === '') return base;
  if (base.endsWith('/') && path.startsWith('/')) return base + path.slice(1);
  if (!base.endsWith('/') && !path.startsWith('/') && !path.startsWith('?')) return `${base}/${path}`;
  return base + path;
}

/** `http://` and `ws://` URLs; the scheme text and its secure replacement. */
export function insecureScheme(template: string): { scheme: 'http' | 'ws'; secure: 'https' | 'wss' } | undefined {
  const match = /^(http|ws):\/\//i.exec(template);
  if (match === null) return undefined;
  return match[1].toLowerCase() === 'http' ? { scheme: 'http', secure: 'https' } : { scheme: 'ws', secure: 'wss' };
}

/** Query parameter names that carry credentials (CODE-PATTERNS.md 3.5). */
const CREDENTIAL_QUERY_PARAMETERS = new Set(['api_key', 'apikey', 'api-key', 'key', 'token', 'access_token', 'secret', 'password', 'sig', 'signature', 'client_secret']);

export interface UrlCredential {
  kind: 'userinfo' | 'query';
  /** The query parameter name, for `query`. */
  name?: string;
  /** Offset in the template text where the credential part starts. */
  offset: number;
}

/** Credentials a URL template carries: `user:password@host`, or a credential-named query parameter. */
export function credentialsInUrl(template: string): UrlCredential[] {
  const parts = parseUrlTemplate(template);
  const found: UrlCredential[] = [];
  if (parts.userinfo !== undefined && parts.userinfoOffset !== undefined) {
    const colon = parts.userinfo.indexOf(':');
    const password = colon === -1 ? '' : parts.userinfo.slice(colon + 1);
    // A password that is empty or itself a placeholder is no credential.
    if (password !== '' && !/^(<[^>]*>|\*+|x+|password|pass|pwd|secret)$/i.test(password)) found.push({ kind: 'userinfo', offset: parts.userinfoOffset });
  }
  if (parts.query !== undefined && parts.queryOffset !== undefined) {
    let position = parts.queryOffset;
    for (const pair of parts.query.split('&')) {
      const equals = pair.indexOf('=');
      const name = decodeSafely(equals === -1 ? pair : pair.slice(0, equals)).toLowerCase();
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      if (CREDENTIAL_QUERY_PARAMETERS.has(name) && value !== '') found.push({ kind: 'query', name, offset: position });
      position += pair.length + 1;
    }
  }
  return found;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a path into segments, dropping empty ones (`/a//b/` → `a`, `b`). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

