import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';
import { documentedStatusesOf, errorResponseFix, errorResponseStyleOf, reusableResponseRef, type ErrorResponseStyle } from './support/responses';

const messages = defineMessages({
  missing401: {
    en: '{operation} requires authentication but documents no 401 response',
    de: '{operation} verlangt eine Authentifizierung, dokumentiert aber keine 401-Antwort',
  },
  addResponse: {
    en: 'Add a 401 response',
    de: 'Eine 401-Antwort hinzufügen',
  },
  addReusableResponse: {
    en: 'Add a 401 response that refers to "{name}"',
    de: 'Eine 401-Antwort hinzufügen, die auf "{name}" verweist',
  },
});

export const authMissing401: SpecRule = {
  meta: {
    id: 'auth-missing-401',
    category: 'auth',
    severity: 'warning',
    title: 'A protected operation documents no 401 response (and no `4XX` or `default`).',
    titleDe: 'Eine geschützte Operation dokumentiert keine 401-Antwort (und kein `4XX` oder `default`).',
    description: [
      'Clients need to know what happens when their credentials are missing, wrong or expired: a',
      '`401 Unauthorized` with a `WWW-Authenticate` header tells them to (re-)authenticate. When the',
      'contract does not say so, client code treats the case as an unknown error, retries blindly,',
      'and servers drift into inconsistent answers (a 200 with an error body, a 500, a redirect to',
      `a login page) — ${OWASP_LINKS['API8:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Operations whose effective security requires credentials (it is present, not `[]`, and has no',
      'empty requirement `{}`) and whose `responses` has none of `401`, a `4XX` range (OpenAPI 3.x)',
      'or `default`. Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 are checked alike; an operation with no',
      '`responses` at all is flagged as well. Unprotected operations are left to',
      '`auth-operation-unprotected`.',
      '',
      '## How to fix',
      '',
      'Add a `401` response with a description. The quick fix adds one, with a body in the same',
      'media type when the document\'s other error responses have one, or a `$ref` to a reusable',
      '`Unauthorized` / `401` response when the document defines one.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-missing-401 -- reason` above the method, or add',
      '`x-api-guard-ignore: [auth-missing-401]` to the operation, the path item or the root.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API8:2023'],
    fix: 'Adds a `401` response with a description (and `content` where the document\'s other errors have one).',
    examples: {
      bad: [
        'paths:',
        '  /orders:',
        '    get:',
        '      security:',
        '        - bearerAuth: []',
        '      responses:',
        '        "200": { description: The orders }',
        '',
      ].join('\n'),
      good: [
        'paths:',
        '  /orders:',
        '    get:',
        '      security:',
        '        - bearerAuth: []',
        '      responses:',
        '        "200": { description: The orders }',
        '        "401": { description: Missing, invalid or expired access token }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    let reuse: { style: ErrorResponseStyle; reusable?: string } | undefined;
    for (const operation of api.operations) {
      if (operation.security.unprotected) continue;
      const statuses = documentedStatusesOf(api, operation);
      if (statuses.has('401') || statuses.has('4XX') || statuses.has('DEFAULT')) continue;
      reuse ??= { style: errorResponseStyleOf(api), reusable: reusableResponseRef(api, '401', ['Unauthorized', 'Unauthorised']) };
      const { style, reusable } = reuse;
      const data: Record<string, unknown> = {
        method: operation.method,
        path: operation.path,
        errorContent: style.errorContent,
        hasResponses: operation.responses !== undefined,
        version: api.version,
      };
      if (style.errorMediaType !== undefined) data.errorMediaType = style.errorMediaType;
      if (reusable !== undefined) data.reusableResponse = reusable;
      report({
        at: operation.operation,
        message: messages.missing401({ operation: operationLabel(operation.method, operation.path) }),
        data,
        discriminator: operation.path,
      });
    }
  },
  fix(context) {
    return errorResponseFix(context, {
      status: '401',
      reusableNames: ['Unauthorized', 'Unauthorised'],
      description: 'Unauthorized: the credentials are missing, invalid or expired',
      title: messages.addResponse,
      titleReusing: messages.addReusableResponse,
    });
  },
};
