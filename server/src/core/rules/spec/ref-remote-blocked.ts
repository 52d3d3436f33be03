import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { refValueAt } from './support/refLocation';

const messages = defineMessages({
  blocked: {
    en: 'The remote reference "{ref}" is not fetched because {host} is not in apiGuard.allowedRemoteRefHosts; its content is not analysed',
    de: 'Die entfernte Referenz „{ref}“ wird nicht abgerufen, weil {host} nicht in apiGuard.allowedRemoteRefHosts steht; ihr Inhalt wird nicht analysiert',
  },
});

function hostOf(ref: string): string {
  try {
    return new URL(ref).hostname;
  } catch {
    return ref;
  }
}

export const refRemoteBlocked: SpecRule = {
  meta: {
    id: 'ref-remote-blocked',
    category: 'spec',
    severity: 'warning',
    title: 'A $ref points to a remote http(s) URL, which is not fetched.',
    titleDe: 'Ein $ref verweist auf eine entfernte http(s)-URL, die nicht abgerufen wird.',
    description: [
      '## Why it matters',
      '',
      'A reference to `https://…` makes the API description depend on a server outside the',
      'repository: its content can change without review, disappear, or be served differently to',
      'different readers, and fetching it while editing would leak which documents you work on.',
      'API Guard therefore never fetches remote references unless their host is explicitly allowed,',
      'and the referenced part is missing from the analysis until then.',
      '',
      '## What it flags',
      '',
      'Every `$ref` to an `http://` or `https://` URL whose host is not listed in the',
      '`apiGuard.allowedRemoteRefHosts` setting (`allowedRemoteRefHosts` in `.api-guard.yaml`; default',
      'empty), in any file of the API and in every version. The finding is on the `$ref` value.',
      '',
      '## How to fix it',
      '',
      'Copy the referenced definitions into the repository and reference the local file, or, if the',
      'host is trusted, add it to `allowedRemoteRefHosts` (exact host or `*.example.com`).',
      '',
      suppressionSection('ref-remote-blocked', '        $ref: "https://schemas.example.org/money.yaml"', 'published company-wide schema, reviewed upstream'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Money:\n      $ref: "https://schemas.example.org/money.yaml"\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Money:\n      $ref: "./schemas/money.yaml"\n',
    },
  },
  check({ api, report }) {
    for (const site of api.refSites) {
      if (site.problem?.kind !== 'remote') continue;
      report({ at: refValueAt(site), part: 'value', message: messages.blocked({ ref: site.ref, host: hostOf(site.ref) }) });
    }
  },
};
