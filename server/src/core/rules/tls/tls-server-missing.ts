import { appendArrayItem, insertProperty } from '../../fixes/structuralEdits';
import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject } from '../../model/ast';
import { OWASP_API8 } from '../support/owasp';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';

const messages = defineMessages({
  noSchemes: {
    en: 'The API names its host "{host}" but no "schemes", so whoever serves this file decides whether it is called over http or https; add schemes: [https]',
    de: 'Die API nennt ihren Host "{host}", aber keine "schemes"; ob sie über http oder https aufgerufen wird, entscheidet, wer diese Datei ausliefert; ergänzen Sie schemes: [https]',
  },
  emptySchemes: {
    en: '"schemes" is empty, so whoever serves this file decides whether {host} is called over http or https; list https',
    de: '"schemes" ist leer; ob {host} über http oder https aufgerufen wird, entscheidet, wer diese Datei ausliefert; tragen Sie https ein',
  },
  addHttps: {
    en: 'Add schemes: [https]',
    de: 'schemes: [https] ergänzen',
  },
});

export const tlsServerMissing: SpecRule = {
  meta: {
    id: 'tls-server-missing',
    category: 'tls',
    severity: 'warning',
    title: 'A Swagger 2.0 document names a host but no schemes, leaving the transport to chance.',
    titleDe: 'Ein Swagger-2.0-Dokument nennt einen Host, aber keine Schemes; die Transportverschlüsselung bleibt dem Zufall überlassen.',
    description: [
      '## Why it matters',
      '',
      'In Swagger 2.0 the scheme of the API is part of the document: `schemes` lists `http`, `https`,',
      '`ws` or `wss`. When it is missing, the specification says clients use the scheme with which the',
      'document itself was fetched. A document opened from a file, a plain-http documentation portal',
      'or a code generator run on a local copy then produces clients that call the API without TLS.',
      `Stating \`https\` makes the encryption requirement part of the contract (${OWASP_API8};`,
      'checklist step 3.1, "Encrypt all API transactions").',
      '',
      '## What it flags',
      '',
      'A Swagger 2.0 document with a `host` and no root `schemes` (the finding is on `host`), or with',
      'an empty `schemes: []` (the finding is on `schemes`). OpenAPI 3.x writes the scheme into each',
      'server URL, so the rule does not apply there; `tls-http-server` checks those URLs.',
      '',
      '## How to fix it',
      '',
      'Add `schemes: [https]` at the root. The quick fix inserts it next to `host`.',
      '',
      suppressionSection('tls-server-missing', 'host: api.shop.test', 'the gateway in front of this API only accepts https'),
    ].join('\n'),
    versions: ['2.0'],
    step: '3.1',
    owasp: ['API8:2023'],
    fix: 'Adds `schemes: [https]` at the root.',
    examples: {
      bad: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nhost: api.shop.test\nbasePath: /v1\npaths: {}\n',
      good: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\nhost: api.shop.test\nbasePath: /v1\nschemes: [https]\npaths: {}\n',
    },
  },
  check({ api, report }) {
    const root = api.root.root;
    if (!isObject(root)) return;
    const host = child(root, 'host');
    if (host === undefined || host.type !== 'string' || String(host.value).trim() === '') return;
    const schemes = child(root, 'schemes');
    if (schemes === undefined) {
      report({ at: { doc: api.root, node: host }, message: messages.noSchemes({ host: String(host.value) }), data: {} });
    } else if (isArray(schemes) && schemes.items.length === 0) {
      report({ at: { doc: api.root, node: schemes }, message: messages.emptySchemes({ host: String(host.value) }), data: {} });
    }
  },
  fix({ api }) {
    const root = api.root.root;
    if (!isObject(root)) return [];
    const schemes = child(root, 'schemes');
    const edit =
      schemes === undefined
        ? insertProperty(api.root, root, 'schemes', ['https'], { after: ['basePath', 'host'] })
        : isArray(schemes) && schemes.items.length === 0
          ? appendArrayItem(api.root, schemes, 'https')
          : undefined;
    return edit === undefined ? [] : [{ title: messages.addHttps(), edits: [edit], isPreferred: true, safe: true }];
  },
};
