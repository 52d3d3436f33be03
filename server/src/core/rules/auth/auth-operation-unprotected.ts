import { appendArrayItem, insertProperty, removeArrayItem, replaceNode } from '../../fixes/structuralEdits';
import { editsOverlap, type TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, type AstNode, type ObjectNode } from '../../model/ast';
import type { ParsedDocument } from '../../model/parseDocument';
import { ALL_VERSIONS, type ApiDescription, type OperationEntry } from '../../openapi/types';
import type { FixProposal, Report, SpecRule } from '../types';
import { introducesAdminSharing, isAdminPath, type SchemeUseView } from './support/adminSharing';
import { isSafeMethod, operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';
import { schemeUsesOf } from './support/securityLists';

const messages = defineMessages({
  missing: {
    en: '{operation} has no security requirement: anyone can call it',
    de: '{operation} hat keine Sicherheitsanforderung: jeder kann die Operation aufrufen',
  },
  empty: {
    en: '{operation} has an empty security list ([]): anyone can call it',
    de: '{operation} hat eine leere Sicherheitsliste ([]): jeder kann die Operation aufrufen',
  },
  emptyInherited: {
    en: '{operation} inherits the empty root security list ([]): anyone can call it',
    de: '{operation} erbt die leere Sicherheitsliste ([]) der Wurzel: jeder kann die Operation aufrufen',
  },
  optional: {
    en: '{operation} can be called without credentials: its security contains an empty requirement {}',
    de: '{operation} kann ohne Anmeldedaten aufgerufen werden: ihre Sicherheitsanforderungen enthalten eine leere Anforderung {}',
  },
  optionalInherited: {
    en: '{operation} can be called without credentials: the root security it inherits contains an empty requirement {}',
    de: '{operation} kann ohne Anmeldedaten aufgerufen werden: die geerbten Sicherheitsanforderungen der Wurzel enthalten eine leere Anforderung {}',
  },
  inheritedFrom: {
    en: 'The operation inherits this root security list',
    de: 'Die Operation erbt diese Sicherheitsliste der Wurzel',
  },
  optionalHere: {
    en: 'This empty requirement makes authentication optional',
    de: 'Diese leere Anforderung macht die Authentifizierung optional',
  },
  requireScheme: {
    en: 'Require "{scheme}" for this operation',
    de: 'Für diese Operation "{scheme}" verlangen',
  },
  requireOAuthScheme: {
    en: 'Require "{scheme}" for this operation (then add the scopes it needs)',
    de: 'Für diese Operation "{scheme}" verlangen (danach die nötigen Scopes ergänzen)',
  },
  markPublic: {
    en: 'Mark as intentionally public (x-api-guard-public: true)',
    de: 'Als bewusst öffentlich markieren (x-api-guard-public: true)',
  },
});

/** Keys that describe an operation; a new `security` or marker goes after the last of them. */
const DESCRIPTIVE_KEYS = new Set(['tags', 'summary', 'description', 'externalDocs', 'operationId', 'deprecated']);

/** Where a new key of the operation goes: after its descriptive keys, else at its end. */
function placementOf(operation: ObjectNode): { after?: string[] } {
  let last: string | undefined;
  for (const key of operation.properties.keys()) if (DESCRIPTIVE_KEYS.has(key)) last = key;
  return last === undefined ? {} : { after: [last] };
}

function isEmptyRequirement(node: AstNode | undefined): boolean {
  return isObject(node) && node.properties.size === 0;
}

/**
 * The edits that make an operation require `scheme` with an empty scope list. Without an own
 * `security` list one is added (the root list stays as it is for the other operations). An own
 * `[]` gets the requirement as its item. An own list with `{}` loses the `{}`: the first one
 * becomes the requirement unless the list already names the scheme, the others are removed.
 * Undefined when the list cannot be edited so that the operation ends up protected.
 */
function requireSchemeEdits(api: ApiDescription, doc: ParsedDocument, operation: ObjectNode, scheme: string): TextEdit[] | undefined {
  const requirement = { [scheme]: [] };
  const own = child(operation, 'security');
  if (own === undefined) return [insertProperty(doc, operation, 'security', [requirement], placementOf(operation))];
  if (!isArray(own)) return undefined;
  const empties = own.items.filter(isEmptyRequirement);
  // A `{}` reached through `$ref` cannot be removed from here.
  const hiddenEmpty = own.items.some((item) => isObject(item) && item.properties.has('$ref') && isEmptyRequirement(api.resolve({ doc, node: item }).node));
  if (hiddenEmpty) return undefined;
  if (empties.length === 0) return [appendArrayItem(doc, own, requirement)];
  const named = own.items.some((item) => isObject(item) && item.properties.has(scheme));
  const edits: TextEdit[] = named ? [] : [replaceNode(doc, empties[0], requirement)];
  for (const empty of named ? empties : empties.slice(1)) {
    const removal = removeArrayItem(doc, own, own.items.indexOf(empty));
    if (removal === undefined) return undefined;
    edits.push(removal);
  }
  const overlapping = edits.some((edit, index) => edits.slice(index + 1).some((other) => editsOverlap(edit, other)));
  return overlapping ? undefined : edits;
}

/** The scheme uses an operation will have once it requires `scheme` (its own requirements stay). */
function usesAfterRequiring(operation: OperationEntry, scheme: string): SchemeUseView[] {
  const kept = operation.security.source === 'operation' ? schemeUsesOf(operation.security) : [];
  return [...kept, { name: scheme, scopes: [] }];
}

type UnprotectedReason = 'missing' | 'empty' | 'optional';

function reasonOf(operation: OperationEntry): UnprotectedReason {
  const security = operation.security;
  if (security.source === 'none') return 'missing';
  return security.requirements.length === 0 ? 'empty' : 'optional';
}

export const authOperationUnprotected: SpecRule = {
  meta: {
    id: 'auth-operation-unprotected',
    category: 'auth',
    severity: 'error',
    title: 'An operation can be called without authentication (its effective security is missing, `[]`, or contains `{}`).',
    titleDe: 'Eine Operation ist ohne Authentifizierung aufrufbar (ihre wirksame Sicherheit fehlt, ist `[]` oder enthält `{}`).',
    description: [
      'Every operation that is not deliberately public must say how callers authenticate. An operation',
      'without an effective security requirement is reachable by anyone who knows its URL — the most',
      `common root cause of ${OWASP_LINKS['API2:2023']} and, for operations that change data, of`,
      `${OWASP_LINKS['API5:2023']}.`,
      '',
      '## What is flagged',
      '',
      "The *effective security* of an operation is its own `security` list when it has one, else the",
      'root `security` list. The operation is flagged when',
      '',
      '- neither exists,',
      '- the effective list is empty (`security: []`), or',
      '- the list contains an empty requirement `{}`, which makes authentication optional.',
      '',
      'This is the same in Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 (including the custom methods of',
      '3.2 `additionalOperations`). Operations that change state are errors: POST, PUT, PATCH, DELETE',
      'and any custom method. Safe methods (GET, HEAD, OPTIONS, TRACE and the 3.2 QUERY method) are',
      'warnings: they cannot change data, but they can still leak it. When the operation inherits the',
      'root list, the finding links to it.',
      '',
      '## How to fix',
      '',
      'Add a `security` requirement that names one of the schemes the document defines — the quick fix',
      'offers one action per defined scheme. If the operation is public on purpose (a health check,',
      'a login or sign-up endpoint, public catalogue data), mark it with `x-api-guard-public: true`;',
      'the quick fix "Mark as intentionally public" writes it and the rule then accepts the operation.',
      '',
      '## How to suppress',
      '',
      'Prefer `x-api-guard-public: true`, which documents the decision in the API description itself.',
      'Otherwise write `# api-guard-ignore auth-operation-unprotected -- reason` above the method key,',
      'or `x-api-guard-ignore: [auth-operation-unprotected]` on the operation, path item or root.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API2:2023', 'API5:2023'],
    fix: 'Adds a `security` requirement naming an existing scheme (one action per defined scheme), or marks the operation as intentionally public with `x-api-guard-public: true`.',
    examples: {
      bad: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'components:',
        '  securitySchemes:',
        '    bearerAuth: { type: http, scheme: bearer, bearerFormat: JWT }',
        'paths:',
        '  /orders:',
        '    post:',
        '      responses:',
        '        "201": { description: Created }',
        '',
      ].join('\n'),
      good: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'components:',
        '  securitySchemes:',
        '    bearerAuth: { type: http, scheme: bearer, bearerFormat: JWT }',
        'paths:',
        '  /orders:',
        '    post:',
        '      security:',
        '        - bearerAuth: []',
        '      responses:',
        '        "201": { description: Created }',
        '  /health:',
        '    get:',
        '      x-api-guard-public: true',
        '      responses:',
        '        "200": { description: OK }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    const schemes = [...api.securitySchemes.keys()];
    for (const operation of api.operations) {
      if (!operation.security.unprotected || operation.intentionallyPublic) continue;
      const reason = reasonOf(operation);
      const inherited = operation.security.source === 'root';
      const label = operationLabel(operation.method, operation.path);
      const message =
        reason === 'missing'
          ? messages.missing({ operation: label })
          : reason === 'empty'
            ? (inherited ? messages.emptyInherited : messages.empty)({ operation: label })
            : (inherited ? messages.optionalInherited : messages.optional)({ operation: label });
      const related: NonNullable<Report['related']> = [];
      if (inherited && operation.security.at !== undefined) related.push({ at: operation.security.at, message: messages.inheritedFrom() });
      const optionalRequirement = operation.security.requirements.find((requirement) => requirement.schemes.size === 0);
      if (optionalRequirement !== undefined) related.push({ at: optionalRequirement.at, message: messages.optionalHere() });
      report({
        at: operation.operation,
        message,
        severity: isSafeMethod(operation.method) ? 'warning' : 'error',
        data: {
          method: operation.method,
          path: operation.path,
          schemes,
          reason,
          securitySource: operation.security.source,
          version: api.version,
        },
        related: related.length > 0 ? related : undefined,
        discriminator: operation.path,
      });
    }
  },
  fix({ api, doc, node }) {
    if (!isObject(node)) return [];
    const entries = api.operations.filter((operation) => operation.operation.node === node);
    if (entries.length === 0) return [];
    const proposals: FixProposal[] = [];
    const schemes = [...api.securitySchemes.values()];
    // One scheme leaves nothing to choose; with several the user picks (none is preferred).
    const unambiguous = schemes.length === 1;
    // An admin operation needs a deliberately chosen credential, never one picked by "fix all".
    const admin = entries.some((operation) => isAdminPath(operation.path));
    for (const scheme of schemes) {
      const edits = requireSchemeEdits(api, doc, node, scheme.name);
      if (edits === undefined) continue;
      // Requiring a scheme that ordinary operations use would open an admin operation to their callers.
      const changed = (operation: OperationEntry) => (entries.includes(operation) ? usesAfterRequiring(operation, scheme.name) : schemeUsesOf(operation.security));
      if (introducesAdminSharing(api, changed)) continue;
      // An OAuth2 requirement without scopes grants any token of the scheme: the user must choose scopes.
      const oauth = scheme.type === 'oauth2';
      proposals.push({
        title: (oauth ? messages.requireOAuthScheme : messages.requireScheme)({ scheme: scheme.name }),
        edits,
        isPreferred: unambiguous,
        safe: unambiguous && !oauth && !admin,
      });
    }
    const marker = child(node, 'x-api-guard-public');
    proposals.push({
      title: messages.markPublic(),
      edits: [marker === undefined ? insertProperty(doc, node, 'x-api-guard-public', true, placementOf(node)) : replaceNode(doc, marker, true)],
    });
    return proposals;
  },
};
