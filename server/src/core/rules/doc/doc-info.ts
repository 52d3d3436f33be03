import { insertProperty } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS, type NodeRef } from '../../openapi/types';
import type { SpecRule } from '../types';
import { setText } from './support/fixEdits';
import { hasText } from './support/operationSets';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  description: {
    en: 'info has no description: say what the API is for, who may use it and under which rules',
    de: 'info hat keine Beschreibung (description): beschreiben Sie Zweck, Zielgruppe und Nutzungsrichtlinien der API',
  },
  contact: {
    en: 'info has no contact: name who owns the API and how to reach them',
    de: 'info hat keinen Kontakt (contact): nennen Sie, wem die API gehört und wie man diese Personen erreicht',
  },
  noInfoDescription: {
    en: 'The document has no info object, so it has no description either',
    de: 'Das Dokument hat kein info-Objekt und daher auch keine Beschreibung',
  },
  noInfoContact: {
    en: 'The document has no info object, so it has no contact either',
    de: 'Das Dokument hat kein info-Objekt und daher auch keinen Kontakt',
  },
  addDescription: {
    en: 'Add info.description: TODO',
    de: 'info.description: TODO ergänzen',
  },
  addContact: {
    en: 'Add info.contact with name: TODO',
    de: 'info.contact mit name: TODO ergänzen',
  },
});

export const docInfo: SpecRule = {
  meta: {
    id: 'doc-info',
    category: 'doc',
    severity: 'info',
    title: 'info.description or info.contact is missing.',
    titleDe: 'info.description oder info.contact fehlt.',
    description: [
      '## Why it matters',
      '',
      'The `info` object is the API\'s entry in every catalogue. Its `description` is where purpose,',
      'audience and usage guidelines belong — the "Nutzungsrichtlinien" of checklist step 2.1, which',
      'counts an API as documented only when it has one. Its `contact` says who owns the API: whom to',
      'ask, whom to tell about a vulnerability, who decides when it is retired. APIs without an owner',
      `are the ones that are forgotten but still reachable (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Two separate findings on `info`, in Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2:',
      '',
      '- `info.description` is missing or empty (the 3.1+ `summary` does not replace it);',
      '- `info.contact` is missing.',
      '',
      'Each can be suppressed or fixed on its own. A document without `info` (invalid in every',
      'version) gets both findings on its `openapi` / `swagger` key.',
      '',
      '## How to fix it',
      '',
      'Write a description with the API\'s purpose and usage rules, and add `contact` with a team',
      'name and a `url` or `email` that will still work next year. The quick fix inserts the missing',
      'key with a TODO.',
      '',
      suppressionSection('doc-info', 'info:', 'internal test fixture, not a published API'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Inserts the missing `description` or `contact` into `info` with a TODO.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\npaths: {}\n',
      good: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\n  description: Orders and customers of the web shop. Partners need a contract; see the usage guide.\n  contact:\n    name: Shop platform team\n    url: https://shop.test/api-support\npaths: {}\n',
    },
  },
  check({ api, report }) {
    const info = api.info;
    if (info === undefined) {
      const rootNode = api.root.root;
      const anchor = child(rootNode, api.version === '2.0' ? 'swagger' : 'openapi') ?? rootNode;
      if (anchor === undefined) return;
      const at: NodeRef = { doc: api.root, node: anchor };
      report({ at, message: messages.noInfoDescription(), discriminator: 'description', data: { missing: 'description' } });
      report({ at, message: messages.noInfoContact(), discriminator: 'contact', data: { missing: 'contact' } });
      return;
    }
    if (!hasText(info.node, 'description')) {
      report({ at: info, message: messages.description(), discriminator: 'description', data: { missing: 'description' } });
    }
    if (child(info.node, 'contact') === undefined) {
      report({ at: info, message: messages.contact(), discriminator: 'contact', data: { missing: 'contact' } });
    }
  },
  fix({ api, doc, node, finding }) {
    // Without an info object the finding is on the version key; creating info is left to the author.
    if (!isObject(node) || node !== api.info?.node) return [];
    const missing = finding.data?.missing;
    let edit: TextEdit | undefined;
    if (missing === 'description') {
      const existing = child(node, 'description');
      // The 3.1 summary and the title come before the description in every version's examples.
      edit = existing === undefined ? insertProperty(doc, node, 'description', 'TODO', { after: ['summary', 'title'] }) : setText(doc, existing, 'TODO');
      return edit === undefined ? [] : [{ title: messages.addDescription(), edits: [edit], isPreferred: true, safe: true }];
    }
    if (missing !== 'contact' || child(node, 'contact') !== undefined) return [];
    // Every field of a contact object is optional; a name is the one that says whom to ask.
    edit = insertProperty(doc, node, 'contact', { name: 'TODO' }, { after: ['termsOfService', 'description', 'summary', 'title'] });
    return [{ title: messages.addContact(), edits: [edit], isPreferred: true, safe: true }];
  },
};
