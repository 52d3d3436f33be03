import { insertProperty, insertPropertyBefore } from '../../fixes/structuralEdits';
import { defineMessages } from '../../l10n/messages';
import { isObject, type AstNode } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { uniqueOperations } from './support/operationSets';
import { statusKeys } from './support/responseCodes';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  undescribed: {
    en: 'Response {status} has no description, which every OpenAPI version requires',
    de: 'Die Antwort {status} hat keine Beschreibung (description), die jede OpenAPI-Version verlangt',
  },
  addDescription: {
    en: 'Add description: TODO',
    de: 'description: TODO ergänzen',
  },
});

export const docResponseDescription: SpecRule = {
  meta: {
    id: 'doc-response-description',
    category: 'doc',
    severity: 'warning',
    title: 'A response object has no description (required by every version).',
    titleDe: 'Ein Response-Objekt hat keine Beschreibung (in jeder Version vorgeschrieben).',
    description: [
      '## Why it matters',
      '',
      '`description` is the one required field of a response object in Swagger 2.0 and in every',
      'OpenAPI 3 version. Besides making the document invalid (strict tools refuse to load it), a',
      'response without a description leaves callers guessing when it happens and what it means:',
      `"404" may mean "no such order" or "not your order". Documented behaviour is part of a`,
      `trustworthy inventory (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Every response object used by an operation under `paths` that has no `description` key.',
      'Responses defined once and referenced by many operations (`components.responses`, 2.0 root',
      '`responses`, or another file) are reported once, on their definition.',
      '',
      '## How to fix it',
      '',
      'Add a `description` that says when the response is sent. The quick fix inserts',
      '`description: TODO` for you to replace.',
      '',
      suppressionSection('doc-response-description', '        "204": {}', 'generated file, descriptions are added by the portal'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Inserts `description: TODO`.',
    examples: {
      bad: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{id}:\n    delete:\n      responses:\n        "204": {}\n',
      good: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{id}:\n    delete:\n      responses:\n        "204":\n          description: The order was cancelled.\n',
    },
  },
  check({ api, report }) {
    const seen = new Set<AstNode>();
    for (const operation of uniqueOperations(api)) {
      const responses = operation.responses;
      if (responses === undefined || !isObject(responses.node)) continue;
      for (const status of statusKeys(responses)) {
        const response = api.resolve({ doc: responses.doc, node: responses.node.properties.get(status)! });
        // An unresolved reference is reported by the reference rules; there is nothing to read here.
        if (!isObject(response.node) || response.node.properties.has('$ref') || seen.has(response.node)) continue;
        seen.add(response.node);
        if (response.node.properties.has('description')) continue;
        report({ at: response, message: messages.undescribed({ status }), data: { status } });
      }
    }
  },
  fix({ doc, node }) {
    if (!isObject(node) || node.properties.has('description') || node.properties.has('$ref')) return [];
    // The description comes first in a response object, as every version's examples write it.
    const first = node.properties.keys().next();
    const edit = first.done === true ? insertProperty(doc, node, 'description', 'TODO') : insertPropertyBefore(doc, node, 'description', 'TODO', first.value);
    return [{ title: messages.addDescription(), edits: [edit], isPreferred: true, safe: true }];
  },
};
