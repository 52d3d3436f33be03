import { defineMessages } from '../../l10n/messages';
import { child, type ObjectNode } from '../../model/ast';
import { entryHasType } from '../../openapi/schemas';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API4 } from '../support/owasp';
import { checkEachSchema } from '../support/aboutSchema';
import { schemaLocation } from './support/schemaLocation';

const messages = defineMessages({
  neither: {
    en: 'Integer {label} has neither minimum nor maximum, so any value is accepted',
    de: '{label} ist eine ganze Zahl ohne minimum und maximum; jeder Wert wird akzeptiert',
  },
  noMinimum: {
    en: 'Integer {label} has no minimum, so negative or arbitrarily small values are accepted',
    de: '{label} ist eine ganze Zahl ohne minimum; negative oder beliebig kleine Werte werden akzeptiert',
  },
  noMaximum: {
    en: 'Integer {label} has no maximum, so arbitrarily large values are accepted',
    de: '{label} ist eine ganze Zahl ohne maximum; beliebig große Werte werden akzeptiert',
  },
});

/** Which bounds an integer schema lacks; `minimum` / `maximum` and 3.1-style numeric `exclusiveMinimum` / `exclusiveMaximum` count. */
export function missingBounds(node: ObjectNode): ('minimum' | 'maximum')[] {
  if (child(node, 'enum') !== undefined || child(node, 'const') !== undefined) return [];
  const has = (key: string, exclusive: string) => child(node, key)?.type === 'number' || child(node, exclusive)?.type === 'number';
  const missing: ('minimum' | 'maximum')[] = [];
  if (!has('minimum', 'exclusiveMinimum')) missing.push('minimum');
  if (!has('maximum', 'exclusiveMaximum')) missing.push('maximum');
  return missing;
}

export const limitIntegerRange: SpecRule = {
  usesSchemas: true,
  meta: {
    id: 'limit-integer-range',
    category: 'limit',
    severity: 'info',
    title: 'An integer schema lacks a minimum or a maximum.',
    titleDe: 'Einem Ganzzahl-Schema fehlt minimum oder maximum.',
    description: [
      '## Why it matters',
      '',
      'Integers without a range are how `limit=100000000` pages, `quantity=-1` orders and',
      '`timeout=99999999` jobs reach the business logic. Page sizes and batch sizes without a maximum',
      `let one request ask for the whole database (${OWASP_API4}); counts and amounts without a`,
      'minimum invite negative values the code never expected. Declared bounds are enforced by',
      'validating gateways and frameworks before the request reaches the code.',
      '',
      '## What it flags',
      '',
      'Every schema reachable from an operation (request and response) with `type: integer` (3.1 and',
      '3.2 also `type: [integer, "null"]`) that lacks `minimum` or `maximum`; the message says which',
      'one is missing. A numeric `exclusiveMinimum` / `exclusiveMaximum` (3.1, 3.2) counts as a bound;',
      'in 2.0 and 3.0 those keywords are booleans that only modify `minimum` / `maximum`. Integers',
      'restricted by `enum` or `const` are bounded. Swagger 2.0 non-body parameters and headers with',
      '`type: integer` are checked too. Each schema is reported once, where it is written. The',
      '`int32` / `int64` formats are not treated as bounds: their ranges are far beyond what an',
      'operation is designed for.',
      '',
      '## How to fix it',
      '',
      'Add the range the value is meant to have, e.g. `minimum: 1` and `maximum: 100` for a page size.',
      '',
      suppressionSection('limit-integer-range', '        id:', 'database identifier, range checked by the lookup'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API4:2023'],
    examples: {
      bad: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: limit, in: query, type: integer }\n      responses:\n        "200": { description: OK }\n',
      good: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: limit, in: query, type: integer, minimum: 1, maximum: 100 }\n      responses:\n        "200": { description: OK }\n',
    },
  },
  eachSchema: {
    selects: (entry) => !entry.conditional && entryHasType(entry, 'integer'),
    about(entry, context) {
      const missing = missingBounds(entry.at.node);
      if (missing.length === 0) return;
      const location = schemaLocation(entry.at);
      const message = missing.length === 2 ? messages.neither : missing[0] === 'minimum' ? messages.noMinimum : messages.noMaximum;
      context.report({ at: location.at, part: location.part, message: message({ label: location.label }), data: { missing } });
    },
  },
  check(context) {
    checkEachSchema(this.eachSchema!, context);
  },
};
