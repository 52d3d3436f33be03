/**
 * What the encryption rules need to know about a URL: whether its scheme sends data in clear
 * text, and whether its host is one the team has allowed to be reached without TLS
 * (`apiGuard.allowedInsecureHosts`, e.g. a local development server).
 */

export type InsecureScheme = 'http' | 'ws';

/** `http` or `ws` when an absolute URL uses a clear-text scheme; undefined for anything else. */
export function insecureSchemeOf(url: string): InsecureScheme | undefined {
  const match = /^\s*(https?|wss?):\/\//i.exec(url);
  if (match === null) return undefined;
  const scheme = match[1].toLowerCase();
  return scheme === 'http' || scheme === 'ws' ? scheme : undefined;
}

/** The secure counterpart of a clear-text scheme, for messages and quick fixes. */
export function secureSchemeFor(scheme: InsecureScheme): 'https' | 'wss' {
  return scheme === 'http' ? 'https' : 'wss';
}

export interface UrlHost {
  /** Lower-case host name; an IPv6 literal without its brackets. */
  host: string;
  port?: string;
}

/** Host and port of an absolute URL (`scheme://[user@]host[:port]/…`), or undefined. */
export function hostOfUrl(url: string): UrlHost | undefined {
  const match = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i.exec(url);
  if (match === null) return undefined;
  return { host: stripBrackets(match[1].toLowerCase()), port: match[2] || undefined };
}

/** Host and port of a Swagger 2.0 `host` value (`api.example.com:8443`, `[::1]:8080`). */
export function hostOfHostField(hostField: string): UrlHost | undefined {
  return hostOfUrl(`http://${hostField.trim()}`);
}

/**
 * Whether a host is covered by one of the allowlist patterns. A pattern is a host name
 * (`localhost`), an IP address (`127.0.0.1`, `::1` or `[::1]`), a wildcard for subdomains
 * (`*.localhost` matches `app.localhost` but not `localhost` itself, which is listed on its own
 * by default), and may carry a port (`localhost:8080`) to allow only that port.
 */
export function isAllowlistedHost(target: UrlHost | undefined, patterns: readonly string[]): boolean {
  if (target === undefined || target.host === '') return false;
  return patterns.some((pattern) => hostMatchesPattern(target, pattern));
}

function hostMatchesPattern(target: UrlHost, rawPattern: string): boolean {
  const pattern = parsePattern(rawPattern);
  if (pattern === undefined) return false;
  if (pattern.port !== undefined && pattern.port !== target.port) return false;
  if (pattern.host === '*') return true;
  if (pattern.host.startsWith('*.')) return target.host.endsWith(pattern.host.slice(1));
  return pattern.host === target.host;
}

function parsePattern(rawPattern: string): UrlHost | undefined {
  const pattern = rawPattern.trim().toLowerCase();
  if (pattern === '') return undefined;
  // A bare IPv6 address has several colons and no brackets; none of them is a port separator.
  if (!pattern.startsWith('[') && (pattern.match(/:/g) ?? []).length > 1) return { host: pattern };
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(pattern);
  if (bracketed !== null) return { host: bracketed[1], port: bracketed[2] };
  const withPort = /^(.*?):(\d+)$/.exec(pattern);
  return withPort === null ? { host: pattern } : { host: withPort[1], port: withPort[2] };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
