import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API8 } from '../support/owasp';
import { responseDefinitions } from './support/responses';

const messages = defineMessages({
  noOrigin: {
    en: 'Response {statuses} documents no Access-Control-Allow-Origin header, so which browser origins may read it is not part of the contract',
    de: 'Die Antwort {statuses} dokumentiert keinen Access-Control-Allow-Origin-Header; welche Browser-Origins sie lesen dürfen, ist nicht Teil des Vertrags',
  },
});

export const corsOriginUndefined: SpecRule = {
  meta: {
    id: 'cors-origin-undefined',
    category: 'limit',
    severity: 'off',
    title: 'A response documents no Access-Control-Allow-Origin header.',
    titleDe: 'Eine Antwort dokumentiert keinen Access-Control-Allow-Origin-Header.',
    description: [
      '## Why it matters',
      '',
      'Cross-origin resource sharing decides which web pages may read an API\'s responses in a',
      'browser. A gateway that answers every origin with `*`, or reflects the caller\'s `Origin`',
      `together with credentials, lets any website read a logged-in user's data (${OWASP_API8}).`,
      'Documenting `Access-Control-Allow-Origin` (with the allowed origins in its description or',
      'schema) makes the CORS policy reviewable alongside the API.',
      '',
      'The rule is **off by default**: many APIs are never called from browsers, and for them the',
      'header is noise. Switch it on for APIs that browser front-ends call, with',
      '`rules: { cors-origin-undefined: warning }` in `.api-guard.yaml` or the `apiGuard.rules` setting.',
      '',
      '## What it flags',
      '',
      'Every response of an operation (any status, `default` included) whose `headers` have no',
      '`Access-Control-Allow-Origin` entry (compared case-insensitively), in Swagger 2.0 and OpenAPI',
      '3.0, 3.1 and 3.2. A response defined once and used by many operations is reported once, where',
      'it is written.',
      '',
      '## How to fix it',
      '',
      'Document the header, ideally once under `components.headers`, with the origins it allows:',
      '',
      '```yaml',
      'headers:',
      '  Access-Control-Allow-Origin:',
      '    description: https://shop.example.org (no wildcard; credentials are allowed)',
      '    schema: { type: string, enum: ["https://shop.example.org"] }',
      '```',
      '',
      suppressionSection('cors-origin-undefined', '        "200":', 'server-to-server endpoint, never called from browsers'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API8:2023'],
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
        '            Access-Control-Allow-Origin:',
        '              schema: { type: string, enum: ["https://shop.example.org"] }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    for (const definition of responseDefinitions(api)) {
      if (definition.headers.has('access-control-allow-origin')) continue;
      report({ at: definition.at, message: messages.noOrigin({ statuses: definition.statuses.join(', ') }) });
    }
  },
};
