import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS, type ApiDescription, type OperationEntry } from '../../openapi/types';
import type { SpecRule } from '../types';
import { operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';
import { documentedStatusesOf, errorResponseFix, errorResponseStyleOf, reusableResponseRef, type ErrorResponseStyle } from './support/responses';
import { schemeUsesOf } from './support/securityLists';

const messages = defineMessages({
  missing403: {
    en: '{operation} requires scopes ({scopes}) but documents no 403 response',
    de: '{operation} verlangt Scopes ({scopes}), dokumentiert aber keine 403-Antwort',
  },
  addResponse: {
    en: 'Add a 403 response',
    de: 'Eine 403-Antwort hinzufügen',
  },
  addReusableResponse: {
    en: 'Add a 403 response that refers to "{name}"',
    de: 'Eine 403-Antwort hinzufügen, die auf "{name}" verweist',
  },
});

/**
 * The scopes an operation's effective security asks for. Before OpenAPI 3.1 only OAuth2 and
 * OpenID Connect requirements may list scopes; a list on another scheme type is invalid there and
 * is not read as scopes.
 */
function requiredScopes(api: ApiDescription, operation: OperationEntry): string[] {
  const rolesAllowed = api.version === '3.1' || api.version === '3.2';
  const scopes = new Set<string>();
  for (const use of schemeUsesOf(operation.security)) {
    const type = api.securitySchemes.get(use.name)?.type;
    if (type === undefined) continue;
    if (!rolesAllowed && type !== 'oauth2' && type !== 'openIdConnect') continue;
    for (const scope of use.scopes) scopes.add(scope);
  }
  return [...scopes];
}

export const authMissing403: SpecRule = {
  meta: {
    id: 'auth-missing-403',
    category: 'auth',
    severity: 'info',
    title: 'An operation that requires scopes documents no 403 response.',
    titleDe: 'Eine Operation, die Scopes verlangt, dokumentiert keine 403-Antwort.',
    description: [
      'An operation that requires scopes (or, from OpenAPI 3.1 on, roles) will refuse callers whose',
      'valid credentials lack them. That refusal is `403 Forbidden` — different from `401`, because',
      're-authenticating does not help. Documenting it tells client developers that permissions are',
      'enforced per operation and lets them handle the case; leaving it out often goes together with',
      `the check itself being forgotten (${OWASP_LINKS['API5:2023']}).`,
      '',
      '## What is flagged',
      '',
      'Operations whose effective security requires credentials (present, not `[]`, no `{}`), where',
      'at least one requirement lists scopes for a defined scheme, and whose `responses` has neither',
      '`403` nor (in OpenAPI 3.x) a `4XX` range, which covers 403 by definition. A `default` response',
      'does not count: it says nothing about authorisation. In Swagger 2.0 and OpenAPI 3.0 only the',
      'scopes of OAuth2 (and 3.0 OpenID Connect) requirements count; from 3.1 on, the role lists of',
      'any scheme type count as well.',
      '',
      '## How to fix',
      '',
      'Add a `403` response that explains which permission is missing. The quick fix adds one (with',
      'a body in the media type of the document\'s other errors, or a `$ref` to a reusable `Forbidden`',
      '/ `403` response when the document defines one).',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-missing-403 -- reason` above the method, or add',
      '`x-api-guard-ignore: [auth-missing-403]` to the operation, the path item or the root.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API5:2023'],
    fix: 'Adds a `403` response.',
    examples: {
      bad: [
        'paths:',
        '  /orders/{id}:',
        '    delete:',
        '      security:',
        '        - oauth: ["orders:write"]',
        '      responses:',
        '        "204": { description: Deleted }',
        '        "401": { description: Not authenticated }',
        '',
      ].join('\n'),
      good: [
        'paths:',
        '  /orders/{id}:',
        '    delete:',
        '      security:',
        '        - oauth: ["orders:write"]',
        '      responses:',
        '        "204": { description: Deleted }',
        '        "401": { description: Not authenticated }',
        '        "403": { description: The token lacks the orders:write scope }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    let reuse: { style: ErrorResponseStyle; reusable?: string } | undefined;
    for (const operation of api.operations) {
      if (operation.security.unprotected) continue;
      const scopes = requiredScopes(api, operation);
      if (scopes.length === 0) continue;
      const statuses = documentedStatusesOf(api, operation);
      if (statuses.has('403') || statuses.has('4XX')) continue;
      reuse ??= { style: errorResponseStyleOf(api), reusable: reusableResponseRef(api, '403', ['Forbidden']) };
      const { style, reusable } = reuse;
      const data: Record<string, unknown> = {
        method: operation.method,
        path: operation.path,
        scopes,
        errorContent: style.errorContent,
        hasResponses: operation.responses !== undefined,
        version: api.version,
      };
      if (style.errorMediaType !== undefined) data.errorMediaType = style.errorMediaType;
      if (reusable !== undefined) data.reusableResponse = reusable;
      report({
        at: operation.operation,
        message: messages.missing403({ operation: operationLabel(operation.method, operation.path), scopes: scopes.join(', ') }),
        data,
        discriminator: operation.path,
      });
    }
  },
  fix(context) {
    return errorResponseFix(context, {
      status: '403',
      reusableNames: ['Forbidden'],
      description: 'Forbidden: the credentials do not grant the permission this operation requires',
      title: messages.addResponse,
      titleReusing: messages.addReusableResponse,
    });
  },
};
