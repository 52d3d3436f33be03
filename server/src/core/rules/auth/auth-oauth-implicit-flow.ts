import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { oauthFlowsOf } from './support/oauthFlows';
import { OWASP_LINKS } from './support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  implicit: {
    en: 'OAuth2 scheme "{scheme}" uses the implicit flow, which the OAuth 2.0 Security BCP (RFC 9700) deprecates: use {replacement}',
    de: 'Das OAuth2-Schema "{scheme}" verwendet den Implicit-Flow, von dem die OAuth 2.0 Security BCP (RFC 9700) abrät: verwenden Sie {replacement}',
  },
  password: {
    en: 'OAuth2 scheme "{scheme}" uses the resource owner password flow, which the OAuth 2.0 Security BCP (RFC 9700) forbids: use {replacement}',
    de: 'Das OAuth2-Schema "{scheme}" verwendet den Resource-Owner-Password-Flow, den die OAuth 2.0 Security BCP (RFC 9700) untersagt: verwenden Sie {replacement}',
  },
});

const DEPRECATED_FLOWS = new Set(['implicit', 'password']);

export const authOauthImplicitFlow: SpecRule = {
  meta: {
    id: 'auth-oauth-implicit-flow',
    category: 'auth',
    severity: 'error',
    title: 'An OAuth2 scheme uses the implicit or the resource owner password flow.',
    titleDe: 'Ein OAuth2-Schema verwendet den Implicit- oder den Resource-Owner-Password-Flow.',
    description: [
      'The OAuth 2.0 Security Best Current Practice (RFC 9700) retires two of the original grant',
      `types (${OWASP_LINKS['API2:2023']}):`,
      '',
      '- the **implicit** flow returns the access token in the redirect URL fragment, where it leaks',
      '  through browser history, `Referer` headers and injected scripts, and cannot be bound to the',
      '  client (RFC 9700 §2.1.2: clients SHOULD NOT use it);',
      '- the **resource owner password credentials** flow hands the user\'s password to the client',
      '  application and cannot support multi-factor authentication (RFC 9700 §2.4: it MUST NOT be',
      '  used).',
      '',
      '## What is flagged',
      '',
      '- OpenAPI 3.0, 3.1, 3.2: each `implicit` or `password` entry under an `oauth2` scheme\'s',
      '  `flows` (one finding per flow, on its key);',
      '- Swagger 2.0: an `oauth2` scheme with `flow: implicit` or `flow: password` (on the value).',
      '',
      '## How to fix',
      '',
      'Use the authorisation code flow with PKCE (RFC 7636) — for browser and mobile apps as well',
      'as for server-side clients. The quick fix replaces the flow with an `authorizationCode` flow',
      '(2.0: `flow: accessCode`) that keeps the scopes; supply its `tokenUrl` (and for the password',
      'flow its `authorizationUrl`). Machine-to-machine clients use `clientCredentials` (2.0:',
      '`application`).',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-oauth-implicit-flow -- reason` above the flow, or add',
      '`x-api-guard-ignore: [auth-oauth-implicit-flow]` inside the scheme.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    fix: 'Replaces the flow with an `authorizationCode` flow that keeps its scopes (2.0: `flow: accessCode`).',
    examples: {
      bad: [
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        implicit:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          scopes: { "orders:read": Read orders }',
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
        '          scopes: { "orders:read": Read orders }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    const is2 = api.version === '2.0';
    const replacement = is2 ? 'accessCode' : 'authorizationCode';
    for (const scheme of api.securitySchemes.values()) {
      const flows = oauthFlowsOf(api, scheme);
      const hasReplacement = flows.some((flow) => flow.name === replacement);
      for (const flow of flows) {
        if (!DEPRECATED_FLOWS.has(flow.name)) continue;
        const message = flow.name === 'implicit' ? messages.implicit : messages.password;
        report({
          at: flow.at,
          part: is2 ? 'value' : 'key',
          message: message({ scheme: scheme.name, replacement }),
          data: { scheme: scheme.name, flow: flow.name, version: api.version, replacement, replacementExists: hasReplacement },
          related: schemeLocation(scheme).related,
        });
      }
    }
  },
};
