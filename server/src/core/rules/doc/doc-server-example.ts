import { defineMessages } from '../../l10n/messages';
import { child, stringValue } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import { hostOfHostField, hostOfUrl } from '../tls/support/insecureUrl';
import { declaredServers } from '../tls/support/serverObjects';
import type { SpecRule } from '../types';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  serverUrl: {
    en: 'The server URL "{url}" is on the placeholder domain {host}, so the document does not say where the API really runs',
    de: 'Die Server-URL "{url}" liegt auf der Platzhalter-Domain {host}; das Dokument sagt also nicht, wo die API wirklich läuft',
  },
  host: {
    en: 'The host "{host}" is a placeholder domain, so the document does not say where the API really runs',
    de: 'Der Host "{host}" ist eine Platzhalter-Domain; das Dokument sagt also nicht, wo die API wirklich läuft',
  },
});

/** The domains RFC 2606 reserves for documentation, and every name below them. */
const PLACEHOLDER_DOMAIN = /(^|\.)example\.(com|org|net)\.?$/i;

export const docServerExample: SpecRule = {
  meta: {
    id: 'doc-server-example',
    category: 'doc',
    severity: 'warning',
    title: 'A server URL or Swagger 2.0 host is on example.com / example.org.',
    titleDe: 'Eine Server-URL oder ein Swagger-2.0-Host liegt auf example.com / example.org.',
    description: [
      '## Why it matters',
      '',
      '`example.com`, `example.org` (and `example.net`) are reserved for documentation by RFC 2606;',
      'no API runs there. A description whose servers point there does not tell anyone where the API',
      'is deployed, so the inventory of the organisation\'s APIs has a blank where the address should',
      'be, generated clients and "try it out" buttons call nowhere, and scanners cannot check the real',
      `host. Knowing which hosts expose which API is the core of inventory management (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      '- **OpenAPI 3.0, 3.1, 3.2:** each `servers` entry at the root, on a path item or on an operation',
      '  whose host (after expanding server variables with their `default` and `enum` values) is',
      '  `example.com`, `example.org`, `example.net` or a subdomain of them. Each server object is',
      '  reported once, where it is written.',
      '- **Swagger 2.0:** a `host` on one of these domains.',
      '',
      'Hosts such as `api.shop.test` or `shop.example` are not flagged: `.test` and `.example` are',
      'reserved too, but they are deliberate choices for internal or test documents.',
      '',
      '## How to fix it',
      '',
      'Write the real production host, and list further environments (staging, sandbox) as additional',
      'servers with a description. If the API is only an example, say so with a suppression.',
      '',
      suppressionSection('doc-server-example', '  - url: https://api.example.com', 'tutorial document, not a deployed API'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.example.com/v1\npaths: {}\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.shop.test/v1\n    description: Production\npaths: {}\n',
    },
  },
  check({ api, report }) {
    if (api.version === '2.0') {
      const hostNode = child(api.root.root, 'host');
      const hostField = stringValue(hostNode);
      const host = hostField === undefined ? undefined : hostOfHostField(hostField)?.host;
      if (host !== undefined && PLACEHOLDER_DOMAIN.test(host)) {
        report({ at: { doc: api.root, node: hostNode! }, part: 'value', message: messages.host({ host: hostField! }), data: { host } });
      }
      return;
    }
    for (const server of declaredServers(api)) {
      if (server.urlAt === undefined) continue;
      const host = server.expandedUrls.map((url) => hostOfUrl(url)?.host).find((name) => name !== undefined && PLACEHOLDER_DOMAIN.test(name));
      if (host === undefined) continue;
      report({ at: server.urlAt, part: 'value', message: messages.serverUrl({ url: server.url, host }), data: { url: server.url, host } });
    }
  },
};
