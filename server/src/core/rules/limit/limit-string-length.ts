import { defineMessages } from '../../l10n/messages';
import { child, childString, type AstNode, type ObjectNode } from '../../model/ast';
import { entryHasType } from '../../openapi/schemas';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API4 } from '../support/owasp';
import { checkEachSchema } from '../support/aboutSchema';
import { schemaLocation } from './support/schemaLocation';

const messages = defineMessages({
  unbounded: {
    en: 'String {label} has no maxLength (nor enum, const or a length-bounding format), so values of any length are accepted',
    de: '{label} ist eine Zeichenkette ohne maxLength (auch ohne enum, const oder längenbegrenzendes Format); Werte beliebiger Länge werden akzeptiert',
  },
});

/**
 * Formats whose valid values have a bounded length: dates and times (RFC 3339), UUIDs, IP
 * addresses, host names (at most 253 characters) and the 2.0 / 3.0 integer formats written as
 * strings. `email`, `uri`, `byte`, `binary`, `password` and the like are not: a validator
 * accepts them at any length.
 */
export const LENGTH_BOUNDING_FORMATS = new Set(['date', 'date-time', 'time', 'full-date', 'full-time', 'uuid', 'ipv4', 'ipv6', 'hostname', 'int32', 'int64']);

/** True when a string schema's length is bounded by a keyword of its own. */
export function isLengthBounded(node: ObjectNode): boolean {
  if (isNumber(child(node, 'maxLength'))) return true;
  if (child(node, 'enum') !== undefined || child(node, 'const') !== undefined) return true;
  const format = childString(node, 'format');
  if (format !== undefined && LENGTH_BOUNDING_FORMATS.has(format)) return true;
  const pattern = childString(node, 'pattern');
  return pattern !== undefined && isLengthBoundingPattern(pattern);
}

/**
 * A pattern anchored at both ends whose quantifiers all have an upper bound (`^[A-Z]{2}$`,
 * `^\d{1,5}$`) bounds the length as surely as `maxLength`. Anything with `*`, `+` or `{n,}` may
 * be unbounded; so may a pattern with alternation at the top, which the anchors may not cover.
 */
export function isLengthBoundingPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '*' || char === '+' || char === '|') return false;
    else if (char === '{' && /^\{\d*,\}/.test(pattern.slice(i))) return false;
  }
  return true;
}

function isNumber(node: AstNode | undefined): boolean {
  return node !== undefined && node.type === 'number';
}

export const limitStringLength: SpecRule = {
  usesSchemas: true,
  meta: {
    id: 'limit-string-length',
    category: 'limit',
    severity: 'info',
    title: 'A string schema in a request or response has no maxLength, enum, const or length-bounding format.',
    titleDe: 'Ein Zeichenketten-Schema in einer Anfrage oder Antwort hat weder maxLength noch enum, const oder ein längenbegrenzendes Format.',
    description: [
      '## Why it matters',
      '',
      'A string field without a length limit accepts megabytes where ten characters were meant. Every',
      'layer that handles the value (parsers, logs, databases, search indexes, the next service) pays',
      `for it, and a few large requests can exhaust memory or storage (${OWASP_API4}). A declared`,
      '`maxLength` is enforced by validating gateways and frameworks, and tells implementers what',
      'column size and buffer to expect; in responses it documents what clients must be able to hold.',
      '',
      '## What it flags',
      '',
      'Every schema reachable from an operation (request bodies, parameters, response bodies and',
      'headers, through `$ref`, `properties`, `items`, `additionalProperties`, `allOf` / `anyOf` /',
      '`oneOf`, 3.1 `prefixItems` …) whose `type` is `string` (3.1 and 3.2 also `type: [string, "null"]`)',
      'and which has none of:',
      '',
      '- `maxLength`,',
      '- `enum` or `const`,',
      '- a `format` whose values have a bounded length: `date`, `date-time`, `time`, `uuid`, `ipv4`,',
      '  `ipv6`, `hostname`, `int32`, `int64` (`email`, `uri`, `byte`, `binary` and `password` do not',
      '  bound the length: validators accept them at any size),',
      '- a `pattern` anchored with `^…$` whose quantifiers are all bounded (no `*`, `+` or `{n,}`).',
      '',
      'Swagger 2.0 non-body parameters and response headers carry `type: string` themselves and are',
      'checked the same way. A schema defined once and used in many places is reported once, where',
      'it is written (for example under `components.schemas` or in another file). Schemas that only',
      'appear under `not` or `if` state conditions, not values, and are skipped.',
      '',
      '## How to fix it',
      '',
      'Add a `maxLength` that fits the data (`maxLength: 254` for an e-mail address, `2048` for a URL,',
      'a few thousand for free text), or an `enum` / `format` where one applies.',
      '',
      suppressionSection('limit-string-length', '        description:', 'free text, limited to 1 MB by the gateway body size limit'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API4:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Customer:\n      type: object\n      properties:\n        name: { type: string }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Customer:\n      type: object\n      properties:\n        name: { type: string, maxLength: 200 }\n',
    },
  },
  eachSchema: {
    selects: (entry) => !entry.conditional && entryHasType(entry, 'string'),
    about(entry, context) {
      if (isLengthBounded(entry.at.node)) return;
      const location = schemaLocation(entry.at);
      context.report({ at: location.at, part: location.part, message: messages.unbounded({ label: location.label }) });
    },
  },
  check(context) {
    checkEachSchema(this.eachSchema!, context);
  },
};
