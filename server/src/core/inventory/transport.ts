import type { TransportState } from './types';

const ABSOLUTE_URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i;

/** The host of an absolute URL (lower case, without user info, port or IPv6 brackets). */
export function hostOfUrl(url: string): string | undefined {
  const match = ABSOLUTE_URL.exec(url.trim()) ?? /^\/\/([^/?#]*)/.exec(url.trim());
  if (match === null) return undefined;
  const authority = match[match.length - 1];
  const withoutUser = authority.slice(authority.lastIndexOf('@') + 1);
  const host = withoutUser.startsWith('[') ? withoutUser.slice(1, withoutUser.indexOf(']')) : withoutUser.replace(/:[^:]*$/, '');
  return host === '' ? undefined : host.toLowerCase();
}

/** `scheme://authority` of an absolute URL, lower-cased, for grouping calls by the API they reach. */
export function originOfUrl(url: string): string | undefined {
  const match = ABSOLUTE_URL.exec(url.trim());
  if (match === null || match[2] === '') return undefined;
  return `${match[1].toLowerCase()}://${match[2].toLowerCase()}`;
}

/** Loopback hosts, where plain HTTP never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** How one concrete URL is reached (see TransportState). */
export function classifyUrl(url: string): TransportState {
  const match = ABSOLUTE_URL.exec(url.trim());
  if (match === null) return 'unknown';
  const host = hostOfUrl(url);
  if (host !== undefined && !host.includes('{') && isLoopbackHost(host)) return 'local';
  switch (match[1].toLowerCase()) {
    case 'https':
    case 'wss':
      return 'encrypted';
    case 'http':
    case 'ws':
      return 'unencrypted';
    default:
      return 'unknown';
  }
}

/**
 * The transport of something that stands for several URLs (a templated server, a Swagger 2.0
 * `schemes` list, a host's calls): one unencrypted URL makes all of it unencrypted, because
 * that is the way an attacker will take; loopback URLs alongside encrypted ones do not.
 */
export function combineTransport(states: readonly TransportState[]): TransportState {
  if (states.length === 0) return 'unknown';
  if (states.includes('unencrypted')) return 'unencrypted';
  if (states.includes('unknown')) return 'unknown';
  if (states.every((state) => state === 'local')) return 'local';
  return 'encrypted';
}

const ENVIRONMENT_WORDS: readonly [RegExp, string][] = [
  [/\b(production|prod|live|produktion|produktiv)\b/i, 'production'],
  [/\b(staging|stage|pre-?prod(uction)?)\b/i, 'staging'],
  [/\b(sandbox)\b/i, 'sandbox'],
  [/\b(test|testing|qa|uat|integration)\b/i, 'test'],
  [/\b(development|dev|local|entwicklung)\b/i, 'development'],
  [/\b(demo)\b/i, 'demo'],
  [/\b(mock|mocks|mocking)\b/i, 'mock'],
];

/**
 * The environment a server stands for, from its description (`Production`, `Staging server`);
 * when the description names none, from the host's first label (`staging.shop.example`).
 */
export function environmentOf(description: string | undefined, url: string): string | undefined {
  if (description !== undefined) {
    for (const [pattern, environment] of ENVIRONMENT_WORDS) if (pattern.test(description)) return environment;
  }
  const host = hostOfUrl(url);
  if (host === undefined) return undefined;
  if (isLoopbackHost(host)) return 'development';
  const labels = host.split('.');
  if (labels.length < 3) return undefined;
  const first = labels.slice(0, -2).join(' ');
  for (const [pattern, environment] of ENVIRONMENT_WORDS) if (pattern.test(first)) return environment;
  return undefined;
}
