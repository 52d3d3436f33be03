import { replaceScalar } from '../../fixes/structuralEdits';
import { defineMessages } from '../../l10n/messages';
import { child, childString, stringValue } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  query: {
    en: 'API key scheme "{scheme}" sends the key "{name}" in the query string, where it ends up in logs, browser history and Referer headers',
    de: 'Das API-Key-Schema "{scheme}" sendet den Schlüssel "{name}" im Query-String, wo er in Logs, im Browserverlauf und in Referer-Headern landet',
  },
  path: {
    en: 'API key scheme "{scheme}" sends the key "{name}" in the URL path, where it ends up in logs, browser history and Referer headers',
    de: 'Das API-Key-Schema "{scheme}" sendet den Schlüssel "{name}" im URL-Pfad, wo er in Logs, im Browserverlauf und in Referer-Headern landet',
  },
  moveToHeader: {
    en: 'Send the key "{name}" in a request header (in: header)',
    de: 'Den Schlüssel "{name}" in einem Request-Header senden (in: header)',
  },
});

const URL_LOCATIONS = new Set(['query', 'path']);

export const authApikeyInUrl: SpecRule = {
  meta: {
    id: 'auth-apikey-in-url',
    category: 'auth',
    severity: 'error',
    title: 'An API key security scheme sends the key in the URL (`in: query` or `in: path`).',
    titleDe: 'Ein API-Key-Sicherheitsschema sendet den Schlüssel in der URL (`in: query` oder `in: path`).',
    description: [
      'URLs are not secret. Web servers, proxies, load balancers and API gateways log them; browsers',
      'keep them in their history and send them on in `Referer` headers; monitoring tools and error',
      'trackers record them. An API key in the query string is therefore readable by everyone with',
      `access to any of those systems — ${OWASP_LINKS['API2:2023']}. TLS does not help: it protects`,
      'the URL on the wire, not in the logs at either end.',
      '',
      '## What is flagged',
      '',
      'Every defined security scheme with `type: apiKey` and `in: query` (Swagger 2.0 and OpenAPI',
      '3.0, 3.1, 3.2). `in: path` is flagged too: no version allows it, and where a tool accepts it the',
      'key is just as much part of the URL. The finding is on the `in` value. API keys in a header or a',
      'cookie are not flagged.',
      '',
      '## How to fix',
      '',
      'Accept the key in a request header. The quick fix changes `in: query` to `in: header` and keeps',
      'the name; many APIs use `X-API-Key` or `Authorization`. Clients must then send the header, so',
      'announce the change and accept both for a transition period.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-apikey-in-url -- reason` above the `in` line, or add',
      '`x-api-guard-ignore: [auth-apikey-in-url]` inside the scheme object.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    fix: 'Changes `in: query` (or `path`) to `in: header`, keeping the name.',
    examples: {
      bad: 'components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      name: api_key\n      in: query\n',
      good: 'components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      name: X-API-Key\n      in: header\n',
    },
  },
  check({ api, report }) {
    for (const scheme of api.securitySchemes.values()) {
      if (scheme.type !== 'apiKey') continue;
      const inNode = child(scheme.at.node, 'in');
      const location = stringValue(inNode);
      if (inNode === undefined || location === undefined || !URL_LOCATIONS.has(location)) continue;
      const name = childString(scheme.at.node, 'name') ?? '';
      report({
        at: { doc: scheme.at.doc, node: inNode },
        part: 'value',
        message: (location === 'path' ? messages.path : messages.query)({ scheme: scheme.name, name }),
        data: { scheme: scheme.name, name, in: location, version: api.version },
        related: schemeLocation(scheme).related,
      });
    }
  },
  fix({ finding, doc, node }) {
    const location = stringValue(node);
    if (node === undefined || location === undefined || !URL_LOCATIONS.has(location)) return [];
    const name = typeof finding.data?.name === 'string' ? finding.data.name : '';
    return [{ title: messages.moveToHeader({ name }), edits: [replaceScalar(doc, node, 'header')], isPreferred: true, safe: true }];
  },
};
