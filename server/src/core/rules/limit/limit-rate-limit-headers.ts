import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API4 } from '../support/owasp';
import { is2xxStatus, responseDefinitions } from './support/responses';

const messages = defineMessages({
  noHeaders: {
    en: 'Response {statuses} documents no rate-limit headers (RateLimit, RateLimit-Policy, X-RateLimit-Limit …), so clients cannot see their quota before they exceed it',
    de: 'Die Antwort {statuses} dokumentiert keine Rate-Limit-Header (RateLimit, RateLimit-Policy, X-RateLimit-Limit …); Clients sehen ihr Kontingent nicht, bevor sie es überschreiten',
  },
});

/**
 * Header names that announce a rate limit: the IETF `RateLimit` / `RateLimit-Policy` fields, the
 * older `RateLimit-Limit` / `-Remaining` / `-Reset` trio, and the widespread `X-RateLimit-*` and
 * `X-Rate-Limit-*` variants. Compared case-insensitively, as HTTP header names are.
 */
export function isRateLimitHeader(name: string): boolean {
  return /^(x-)?rate-?limit(-|$)/i.test(name);
}

export const limitRateLimitHeaders: SpecRule = {
  meta: {
    id: 'limit-rate-limit-headers',
    category: 'limit',
    severity: 'info',
    title: 'A 2xx or 429 response documents no rate-limit headers.',
    titleDe: 'Eine 2xx- oder 429-Antwort dokumentiert keine Rate-Limit-Header.',
    description: [
      '## Why it matters',
      '',
      'Rate limits protect an API from being exhausted by one client (' + OWASP_API4 + '). They work',
      'best when clients can see them: headers such as `RateLimit` and `RateLimit-Policy` (the IETF',
      'draft "RateLimit header fields for HTTP") or the common `X-RateLimit-Limit`,',
      '`X-RateLimit-Remaining` and `X-RateLimit-Reset` tell a client how much of its quota is left, so',
      'it can slow down before it is refused. Documenting them in the API description makes the limit',
      'part of the contract that client generators and reviewers see (checklist step 4.2).',
      '',
      '## What it flags',
      '',
      'Every success response (`200`–`299`, `2XX`) and every `429` response of an operation whose',
      '`headers` contain none of: `RateLimit`, `RateLimit-Policy`, `RateLimit-Limit`,',
      '`RateLimit-Remaining`, `RateLimit-Reset`, `X-RateLimit-*`, `X-Rate-Limit-*` (names compared',
      'case-insensitively). A response defined once (under `components.responses`, 2.0 root',
      '`responses`, or in another file) and used by many operations is reported once, where it is',
      'written. Swagger 2.0 response headers and OpenAPI 3.x header objects (also through `$ref`) count.',
      '',
      '## How to fix it',
      '',
      'Add the headers your gateway sends, for example:',
      '',
      '```yaml',
      'headers:',
      '  RateLimit:',
      '    description: Remaining quota and reset time, e.g. `"default";r=42;t=30`',
      '    schema: { type: string, maxLength: 256 }',
      '  RateLimit-Policy:',
      '    description: The quota policy, e.g. `"default";q=100;w=60`',
      '    schema: { type: string, maxLength: 256 }',
      '```',
      '',
      'Defining the headers once under `components.headers` and referencing them keeps this short.',
      '',
      suppressionSection('limit-rate-limit-headers', '        "200":', 'limits are published in the developer portal, not per response'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '4.2',
    owasp: ['API4:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
      good: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'paths:',
        '  /orders:',
        '    get:',
        '      responses:',
        '        "200":',
        '          description: OK',
        '          headers:',
        '            RateLimit: { schema: { type: string, maxLength: 256 } }',
        '            RateLimit-Policy: { schema: { type: string, maxLength: 256 } }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    for (const definition of responseDefinitions(api)) {
      const statuses = definition.statuses.filter((status) => is2xxStatus(status) || status === '429');
      if (statuses.length === 0) continue;
      if ([...definition.headers].some(isRateLimitHeader)) continue;
      report({ at: definition.at, message: messages.noHeaders({ statuses: statuses.join(', ') }) });
    }
  },
};
