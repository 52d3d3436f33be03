import { defineMessages } from '../../l10n/messages';
import { child, type AstNode } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API1 } from '../support/owasp';
import { parameterTypes } from './support/parameterSchema';

const messages = defineMessages({
  numericId: {
    en: 'Path parameter "{name}" is an integer id; sequential ids let anyone enumerate other objects by counting, so every access must be authorised per object (or use random ids such as UUIDs)',
    de: 'Der Pfadparameter „{name}“ ist eine ganzzahlige ID; fortlaufende IDs lassen sich durchzählen, daher muss jeder Zugriff pro Objekt autorisiert werden (oder zufällige IDs wie UUIDs verwenden)',
  },
});

/** `id`, `orderId`, `userID`, `order_id`, `order-id`: names that say the value identifies an object. */
export function isIdName(name: string): boolean {
  return /^id$/i.test(name) || /[a-z0-9]I[dD]$/.test(name) || /[_-]id$/i.test(name);
}

export const limitNumericId: SpecRule = {
  meta: {
    id: 'limit-numeric-id',
    category: 'limit',
    severity: 'info',
    title: 'A path parameter named like an id is typed integer (enumerable ids).',
    titleDe: 'Ein Pfadparameter mit ID-Namen ist als Ganzzahl typisiert (aufzählbare IDs).',
    description: [
      '## Why it matters',
      '',
      'Broken object level authorisation is the most common API vulnerability: `GET /orders/1042`',
      "returns order 1042 whether or not it belongs to the caller. Sequential integer ids make it",
      `trivial to exploit: a script counts from 1 and collects every object (${OWASP_API1}). The real`,
      'fix is an authorisation check per object in the implementation; random identifiers (UUIDs,',
      'opaque strings) make guessing impractical and reduce the damage when a check is missing.',
      '',
      '## What it flags',
      '',
      'Path parameters named `id`, `…Id` / `…ID` (`orderId`, `userID`) or `…_id` / `…-id` whose type',
      'is `integer`: in Swagger 2.0 the `type` of the parameter itself, in OpenAPI 3.x the `type` of',
      'its `schema` (also `type: [integer, "null"]` in 3.1 / 3.2). A parameter defined once (path-item',
      'level, `components.parameters`, 2.0 root `parameters`, another file) is reported once, on its',
      '`name`.',
      '',
      '## How to fix it',
      '',
      'Make sure the operation checks that the caller may access the object with that id, then',
      'either switch to non-guessable ids (`type: string, format: uuid`) or suppress the finding',
      'with the reason why enumeration is harmless here.',
      '',
      suppressionSection('limit-numeric-id', '        - name: orderId', 'ownership is checked per order in OrderPolicy'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API1:2023'],
    examples: {
      bad: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - { name: orderId, in: path, required: true, schema: { type: integer } }\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - { name: orderId, in: path, required: true, schema: { type: string, format: uuid } }\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    const reported = new Set<AstNode>();
    for (const operation of api.operations) {
      for (const parameter of operation.parameters) {
        if (parameter.in !== 'path' || parameter.name === undefined || !isIdName(parameter.name)) continue;
        if (reported.has(parameter.at.node) || !parameterTypes(api, parameter.at).has('integer')) continue;
        reported.add(parameter.at.node);
        const name = child(parameter.at.node, 'name')!;
        report({ at: { doc: parameter.at.doc, node: name }, part: 'value', message: messages.numericId({ name: parameter.name }) });
      }
    }
  },
};
