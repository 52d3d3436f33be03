import { insertProperty } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, stringValue, type AstNode } from '../../model/ast';
import { ALL_VERSIONS, type ApiDescription, type NodeRef } from '../../openapi/types';
import type { FixProposal, SpecRule } from '../types';
import { definedScopesOf, isOAuth2, oauthFlowsOf } from './support/oauthFlows';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';
import { schemeUsesOf, securityListsOf } from './support/securityLists';

const messages = defineMessages({
  undefinedScope: {
    en: 'Scope "{scope}" is not defined by OAuth2 scheme "{scheme}"',
    de: 'Der Scope "{scope}" ist im OAuth2-Schema "{scheme}" nicht definiert',
  },
  schemeDefinedHere: {
    en: 'The scopes of "{scheme}" are defined here',
    de: 'Die Scopes von "{scheme}" sind hier definiert',
  },
  defineScope: {
    en: 'Define scope "{scope}" in "{scheme}"',
    de: 'Scope "{scope}" in "{scheme}" definieren',
  },
  defineScopeInFlow: {
    en: 'Define scope "{scope}" in the {flow} flow of "{scheme}"',
    de: 'Scope "{scope}" im {flow}-Flow von "{scheme}" definieren',
  },
});

/** The description a new scope gets; it reads as work left to do, in the document and in generated docs. */
const SCOPE_DESCRIPTION = 'TODO: describe';

/**
 * The edit that defines `scope` in the object holding a flow's scopes (3.x: the flow; 2.0: the
 * scheme): a new entry in its `scopes` map, followed through `$ref` to the file that holds it,
 * or a `scopes` map of its own when it has none. Undefined when `scopes` is not a map.
 */
function defineScopeEdit(api: ApiDescription, holder: NodeRef, scope: string): { edit: TextEdit; target: AstNode } | undefined {
  if (!isObject(holder.node)) return undefined;
  const scopesNode = child(holder.node, 'scopes');
  if (scopesNode === undefined) return { edit: insertProperty(holder.doc, holder.node, 'scopes', { [scope]: SCOPE_DESCRIPTION }), target: holder.node };
  const scopes = api.resolve({ doc: holder.doc, node: scopesNode });
  if (!isObject(scopes.node) || scopes.node.properties.has(scope)) return undefined;
  return { edit: insertProperty(scopes.doc, scopes.node, scope, SCOPE_DESCRIPTION), target: scopes.node };
}

export const authUndefinedScope: SpecRule = {
  meta: {
    id: 'auth-undefined-scope',
    category: 'auth',
    severity: 'error',
    title: 'An OAuth2 security requirement lists a scope that none of the scheme\'s flows defines.',
    titleDe: 'Eine OAuth2-Sicherheitsanforderung nennt einen Scope, den kein Flow des Schemas definiert.',
    description: [
      'Scopes are the role model of an OAuth2-protected API: each operation states which permission',
      'a token must carry. A scope that the scheme does not define cannot be requested from the',
      'authorisation server, so either nobody can call the operation or — worse — the gateway skips a',
      `check it does not understand. Both are forms of ${OWASP_LINKS['API5:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Each scope string in a requirement (root `security` and every operation\'s own list, each list',
      'once) that names an `oauth2` scheme which does not define that scope:',
      '',
      '- OpenAPI 3.0 and 3.1: the union of the `scopes` maps of the flows `implicit`, `password`,',
      '  `clientCredentials` and `authorizationCode`;',
      '- OpenAPI 3.2: the same plus `deviceAuthorization`;',
      '- Swagger 2.0: the scheme\'s own `scopes` map.',
      '',
      'OpenID Connect schemes are skipped (their scopes are defined by the provider), and so are the',
      'role lists that OpenAPI 3.1+ allows on other scheme types. When a scheme has no readable `flows`',
      '(or, in 2.0, no `scopes`) the rule stays quiet and the schema check reports the broken scheme.',
      '',
      '## How to fix',
      '',
      'Correct a misspelt scope, or add it to the `scopes` map of the flow(s) that issue it. The',
      'quick fix adds it with a TODO description for you to complete.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-undefined-scope -- reason` above the scope, or add',
      '`x-api-guard-ignore: [auth-undefined-scope]` to the operation.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API5:2023'],
    fix: 'Adds the scope to the flow\'s `scopes` map (2.0: the scheme\'s `scopes`) with a TODO description.',
    examples: {
      bad: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        authorizationCode:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          tokenUrl: https://auth.example.com/token',
        '          scopes: { "orders:read": Read orders }',
        'paths:',
        '  /orders:',
        '    delete:',
        '      security:',
        '        - oauth: ["orders:delete"]',
        '      responses:',
        '        "204": { description: Deleted }',
        '',
      ].join('\n'),
      good: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        authorizationCode:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          tokenUrl: https://auth.example.com/token',
        '          scopes: { "orders:read": Read orders, "orders:delete": Delete orders }',
        'paths:',
        '  /orders:',
        '    delete:',
        '      security:',
        '        - oauth: ["orders:delete"]',
        '      responses:',
        '        "204": { description: Deleted }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    for (const security of securityListsOf(api)) {
      for (const use of schemeUsesOf(security)) {
        const scheme = api.securitySchemes.get(use.name);
        if (scheme === undefined || !isOAuth2(scheme) || !isArray(use.at.node)) continue;
        const defined = definedScopesOf(api, scheme);
        if (defined === undefined) continue;
        const flows = oauthFlowsOf(api, scheme).map((flow) => flow.name);
        for (const item of use.at.node.items) {
          const scope = stringValue(item);
          if (scope === undefined || defined.has(scope)) continue;
          report({
            at: { doc: use.at.doc, node: item },
            part: 'value',
            message: messages.undefinedScope({ scope, scheme: scheme.name }),
            data: { scheme: scheme.name, scope, flows, version: api.version },
            related: [{ at: schemeLocation(scheme).at, message: messages.schemeDefinedHere({ scheme: scheme.name }) }],
          });
        }
      }
    }
  },
  fix({ api, finding }) {
    const schemeName = finding.data?.scheme;
    const scope = finding.data?.scope;
    if (typeof schemeName !== 'string' || typeof scope !== 'string') return [];
    const scheme = api.securitySchemes.get(schemeName);
    if (scheme === undefined || !isOAuth2(scheme)) return [];
    const flows = api.version === '2.0' ? [{ name: '', holder: scheme.at }] : oauthFlowsOf(api, scheme);
    const proposals: FixProposal[] = [];
    // Flows may share one `scopes` map through `$ref`; it is offered once.
    const seen = new Set<AstNode>();
    for (const flow of flows) {
      const defined = defineScopeEdit(api, flow.holder, scope);
      if (defined === undefined || seen.has(defined.target)) continue;
      seen.add(defined.target);
      proposals.push({ title: messages.defineScopeInFlow({ scope, scheme: scheme.name, flow: flow.name }), edits: [defined.edit] });
    }
    // With a single place to define the scope there is nothing to choose.
    if (proposals.length === 1) {
      proposals[0] = { ...proposals[0], title: messages.defineScope({ scope, scheme: scheme.name }), isPreferred: true, safe: true };
    }
    return proposals;
  },
};
