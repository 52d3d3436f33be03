import { credentialsInUrl, parseUrlTemplate } from '../../code/urlTemplate';
import { defineMessages } from '../../l10n/messages';
import { operationRelated, type CodeRule } from './codeRule';

const messages = defineMessages({
  userinfo: {
    en: 'The URL "{url}" carries a user name and password (user:password@host); URLs end up in logs, proxies and browser history, so send credentials in an Authorization header',
    de: 'Die URL "{url}" enthält Benutzername und Passwort (user:password@host); URLs landen in Logs, Proxys und im Browserverlauf, senden Sie Zugangsdaten daher im Authorization-Header',
  },
  query: {
    en: 'The URL "{url}" sends the credential parameter "{name}" in the query string, where logs and proxies record it; send it in a header',
    de: 'Die URL "{url}" sendet den Zugangsdaten-Parameter "{name}" im Query-String, wo Logs und Proxys ihn aufzeichnen; senden Sie ihn in einem Header',
  },
  related: {
    en: 'The operation this request calls',
    de: 'Die Operation, die diese Anfrage aufruft',
  },
});

/** The URL with its password and credential values replaced, so that the message does not repeat them. */
function maskedUrl(template: string): string {
  const parts = parseUrlTemplate(template);
  let masked = template;
  if (parts.userinfo !== undefined && parts.userinfo.includes(':')) {
    const [user] = parts.userinfo.split(':');
    masked = masked.replace(`${parts.userinfo}@`, `${user}:****@`);
  }
  return masked.replace(/([?&](?:api[_-]?key|apikey|key|token|access_token|secret|password|sig|signature|client_secret)=)[^&#]*/gi, '$1****');
}

export const codeCredentialsInUrl: CodeRule = {
  meta: {
    id: 'code-credentials-in-url',
    category: 'code',
    severity: 'error',
    title: 'Code puts a credential into a URL (user:password@host or a credential query parameter).',
    titleDe: 'Code schreibt ein Zugangsdatum in eine URL (user:password@host oder ein Zugangsdaten-Query-Parameter).',
    description: [
      '## Why it matters',
      '',
      'URLs are logged by web servers, proxies and API gateways, stored in browser history and sent on in',
      '`Referer` headers. A password or token in a URL is therefore copied to places that were never meant',
      'to hold secrets, even when the connection itself is encrypted.',
      '',
      '## What it flags',
      '',
      'URLs of outbound calls, client base URLs and other absolute URL literals in code that contain',
      '',
      '- a user name and password before the host (`https://user:secret@api.example/…`), or',
      '- a query parameter named `api_key`, `apikey`, `key`, `token`, `access_token`, `secret`, `password`,',
      '  `sig`, `signature` or `client_secret` with a value — also when the value comes from a variable,',
      '  because the credential still travels in the URL.',
      '',
      'The message masks the password and the parameter values.',
      '',
      '## How to fix it',
      '',
      'Send credentials in a header: `Authorization: Bearer …` for tokens, an API key header such as',
      '`X-API-Key` for keys, or HTTP basic authentication through the client library\'s auth option.',
    ].join('\n'),
    versions: [],
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: "requests.get(f'https://api.shop.example/orders?api_key={key}')",
      good: "requests.get('https://api.shop.example/orders', headers={'X-API-Key': key})",
    },
  },
  check({ extraction, matches, report }) {
    const reported = new Set<string>();
    for (const use of extraction.urls) {
      for (const credential of credentialsInUrl(use.template)) {
        const key = `${use.verbatimStart ?? use.span.start}:${credential.offset}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const url = maskedUrl(use.template);
        const message = credential.kind === 'userinfo' ? messages.userinfo({ url }) : messages.query({ url, name: credential.name ?? '' });
        const match = use.callIndex === undefined ? undefined : matches[use.callIndex];
        report({
          at: use.span,
          message,
          data: { kind: credential.kind, parameter: credential.name },
          related: match === undefined ? undefined : operationRelated(match, messages.related()),
          discriminator: `${credential.kind}:${credential.name ?? ''}`,
        });
      }
    }
  },
};
