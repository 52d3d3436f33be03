import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { insertNear, setText, TODO_MARKER } from './support/fixEdits';
import { hasText, uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';
import { suggestSummary } from './support/suggestedNames';

const messages = defineMessages({
  undescribed: {
    en: '{operation} has neither a summary nor a description, so readers must guess what it does',
    de: '{operation} hat weder summary noch description; Lesende müssen raten, was die Operation tut',
  },
  addSummary: {
    en: 'Add summary "{summary}"',
    de: 'summary "{summary}" ergänzen',
  },
});

export const docOperationDescription: SpecRule = {
  meta: {
    id: 'doc-operation-description',
    category: 'doc',
    severity: 'warning',
    title: 'An operation has neither a summary nor a description.',
    titleDe: 'Eine Operation hat weder eine Zusammenfassung (summary) noch eine Beschreibung (description).',
    description: [
      '## Why it matters',
      '',
      'An operation without a `summary` or `description` shows up in documentation portals, API',
      'catalogues and generated clients as a bare method and path. Consumers then guess what it does,',
      'what it changes and what it may be used for; reviewers cannot tell whether it should exist at',
      `all. Undocumented operations are how an API inventory drifts away from reality (${OWASP_API9}),`,
      'and documenting every API is step 2.1 of the checklist.',
      '',
      '## What it flags',
      '',
      'Every operation under `paths` that has no non-empty `summary` and no non-empty `description`,',
      'in Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 (including the custom methods of 3.2',
      '`additionalOperations`). A path item or operation shared through `$ref` is reported once, in',
      'the file where it is written.',
      '',
      '## How to fix it',
      '',
      'Write a short `summary` (a few words, shown in lists) and, where behaviour is not obvious, a',
      '`description`. The quick fix inserts a summary derived from method and path — "List orders"',
      'for `GET /orders`, "Get order by id" for `GET /orders/{orderId}`, "Create order" for',
      '`POST /orders` — marked TODO, for you to confirm or improve.',
      '',
      suppressionSection('doc-operation-description', '    get:', 'self-explanatory health check'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Inserts a `summary` derived from method and path (e.g. "List orders", "Delete order by id") with a TODO marker.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    delete:\n      responses:\n        "204": { description: Deleted }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    delete:\n      summary: Delete order by id\n      description: Cancels the order and releases its reserved stock.\n      responses:\n        "204": { description: Deleted }\n',
    },
  },
  check({ api, report }) {
    for (const operation of uniqueOperations(api)) {
      const node = operation.operation.node;
      if (hasText(node, 'summary') || hasText(node, 'description')) continue;
      report({
        at: operation.operation,
        message: messages.undescribed({ operation: operationLabel(operation.method, operation.path) }),
        data: { method: operation.method, path: operation.path, suggestedSummary: suggestSummary(operation.method, operation.path) },
      });
    }
  },
  fix({ doc, node, finding }) {
    const suggested = finding.data?.suggestedSummary;
    if (!isObject(node) || typeof suggested !== 'string' || hasText(node, 'summary') || hasText(node, 'description')) return [];
    // The marker keeps the guess findable until someone has confirmed it; it is text, so the finding is gone.
    const summary = `${suggested} (${TODO_MARKER})`;
    const existing = child(node, 'summary');
    const edit = existing === undefined ? insertNear(doc, node, 'summary', summary, ['tags']) : setText(doc, existing, summary);
    return edit === undefined ? [] : [{ title: messages.addSummary({ summary }), edits: [edit], isPreferred: true, safe: true }];
  },
};
