import { defineMessages } from '../../l10n/messages';
import { child } from '../../model/ast';
import type { SpecRule } from '../types';
import { oauthFlowsOf } from './support/oauthFlows';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  noRefresh: {
    en: 'The {flow} flow of OAuth2 scheme "{scheme}" has no refreshUrl: without a refresh path, access tokens tend to be long-lived',
    de: 'Der {flow}-Flow des OAuth2-Schemas "{scheme}" hat keine refreshUrl: ohne Erneuerungsweg werden Access-Tokens meist langlebig ausgestellt',
  },
});

export const authTokenLifetime: SpecRule = {
  meta: {
    id: 'auth-token-lifetime',
    category: 'auth',
    severity: 'info',
    title: 'An OAuth2 flow other than client credentials declares no `refreshUrl`.',
    titleDe: 'Ein OAuth2-Flow außer Client Credentials gibt keine `refreshUrl` an.',
    description: [
      'A stolen access token is valid until it expires, so access tokens should live for minutes, not',
      'days. That only works for users when the client can get a new token without a new login —',
      'through a refresh token. A flow that documents no refresh endpoint suggests that the API',
      `issues long-lived access tokens instead (${OWASP_LINKS['API2:2023']}).`,
      '',
      '## What is flagged',
      '',
      'OpenAPI 3.0, 3.1 and 3.2: each flow of an `oauth2` scheme except `clientCredentials` —',
      '`authorizationCode`, `password`, `implicit` and (3.2) `deviceAuthorization` — that has no',
      '`refreshUrl`. Client credentials are exempt: a service simply requests a new token with its',
      'own credentials. The implicit and password flows are flagged as well; they are deprecated',
      'anyway (`auth-oauth-implicit-flow`), and replacing them with an authorisation code flow that',
      'has a `refreshUrl` settles both findings.',
      '',
      'Swagger 2.0 is not checked: its OAuth2 scheme has no field for a refresh URL.',
      '',
      '## How to fix',
      '',
      'Add `refreshUrl` to the flow (often the same URL as `tokenUrl`), issue short-lived access',
      'tokens together with refresh tokens, and rotate refresh tokens on use (RFC 9700 §4.14).',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-token-lifetime -- reason` above the flow, or add',
      '`x-api-guard-ignore: [auth-token-lifetime]` inside the flow or the scheme.',
    ].join('\n'),
    versions: ['3.0', '3.1', '3.2'],
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: [
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        authorizationCode:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          tokenUrl: https://auth.example.com/token',
        '          scopes: {}',
        '',
      ].join('\n'),
      good: [
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        authorizationCode:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          tokenUrl: https://auth.example.com/token',
        '          refreshUrl: https://auth.example.com/token',
        '          scopes: {}',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    if (api.version === '2.0') return;
    for (const scheme of api.securitySchemes.values()) {
      for (const flow of oauthFlowsOf(api, scheme)) {
        if (flow.name === 'clientCredentials' || child(flow.holder.node, 'refreshUrl') !== undefined) continue;
        report({
          at: flow.at,
          message: messages.noRefresh({ flow: flow.name, scheme: scheme.name }),
          data: { scheme: scheme.name, flow: flow.name, version: api.version },
          related: schemeLocation(scheme).related,
        });
      }
    }
  },
};
