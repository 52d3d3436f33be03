import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, type AstNode, type ObjectNode } from '../../model/ast';
import { entryDeclaresType, entryHasType, type SchemaEntry } from '../../openapi/schemas';
import { ALL_VERSIONS, type SpecVersion } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API3 } from '../support/owasp';
import { checkEachSchema } from '../support/aboutSchema';
import { schemaLocation } from './support/schemaLocation';

const messages = defineMessages({
  open: {
    en: 'Request object {label} accepts any additional properties (no "additionalProperties: false", no maxProperties), so clients can send fields the API never meant to accept',
    de: '{label} ist ein Objekt einer Anfrage, das beliebige weitere Eigenschaften akzeptiert (kein "additionalProperties: false", kein maxProperties); Clients können Felder senden, die die API nie annehmen wollte',
  },
  openMap: {
    en: 'Request map {label} accepts any number of entries (additionalProperties without maxProperties)',
    de: '{label} ist eine Map einer Anfrage mit beliebig vielen Einträgen (additionalProperties ohne maxProperties)',
  },
});

/** How an object schema treats properties it does not list: closed, a map of further values, or open. */
export function additionalPropertiesOf(node: ObjectNode, version: SpecVersion): 'closed' | 'map' | 'open' {
  if (child(node, 'maxProperties')?.type === 'number') return 'closed';
  if (version !== '2.0' && version !== '3.0' && isFalse(child(node, 'unevaluatedProperties'))) return 'closed';
  const additional = child(node, 'additionalProperties');
  if (isFalse(additional)) return 'closed';
  if (isObject(additional) && additional.properties.size > 0) return 'map';
  return 'open';
}

/** An object schema: `type: object` (or a type list with it), or no type but `properties`. */
function isObjectSchema(entry: SchemaEntry): boolean {
  if (entryDeclaresType(entry)) return entryHasType(entry, 'object');
  const node = entry.at.node;
  return isObject(child(node, 'properties')) || child(node, 'additionalProperties') !== undefined;
}

/**
 * An inline member of `allOf` / `anyOf` / `oneOf` whose owner closes the composition (with
 * `maxProperties` or 3.1 `unevaluatedProperties: false`): the owner decides, not the member.
 */
function closedByComposition(node: ObjectNode, version: SpecVersion): boolean {
  const list = node.parent;
  if (!isArray(list) || !['allOf', 'anyOf', 'oneOf'].includes(String(list.key))) return false;
  const owner = list.parent;
  return isObject(owner) && additionalPropertiesOf(owner, version) === 'closed';
}

function isFalse(node: AstNode | undefined): boolean {
  return node !== undefined && node.type === 'boolean' && node.value === false;
}

export const limitAdditionalProperties: SpecRule = {
  usesSchemas: true,
  meta: {
    id: 'limit-additional-properties',
    category: 'limit',
    severity: 'info',
    title: 'An object request schema allows additional properties without maxProperties.',
    titleDe: 'Ein Objekt-Schema einer Anfrage erlaubt zusätzliche Eigenschaften ohne maxProperties.',
    description: [
      '## Why it matters',
      '',
      'JSON Schema allows properties that a schema does not list unless it says otherwise. For a',
      'request body that means clients may send `isAdmin`, `price` or `ownerId` along with the fields',
      'the operation documents; if the implementation binds the whole object to a model (mass',
      `assignment), those fields are written (${OWASP_API3}). An open map (\`additionalProperties:`,
      '{ type: string }`) without `maxProperties` additionally accepts any number of entries.',
      'Closing request schemas turns both into validation errors at the edge.',
      '',
      '## What it flags',
      '',
      'Object schemas (`type: object`, or no `type` but `properties`) reachable from a request',
      '(request bodies and parameters, through `$ref`, `properties`, `items`, compositions …) that',
      'have no `maxProperties` and whose `additionalProperties` is missing, `true` or a schema.',
      'OpenAPI 3.1 and 3.2 schemas closed by `unevaluatedProperties: false` are not reported (that',
      'keyword does not exist in 2.0 and 3.0), nor are inline `allOf` / `anyOf` / `oneOf` members',
      'whose owner closes the composition that way. `readOnly` properties are not part of a request',
      'and are skipped. Response schemas are not checked: extra fields in a response are a',
      "client's concern. Each schema is reported once, where it is written.",
      '',
      '## How to fix it',
      '',
      'Add `additionalProperties: false` to request objects (in 3.1 / 3.2 with `allOf` compositions',
      'use `unevaluatedProperties: false` on the composed schema instead), or bound a map with',
      '`maxProperties`.',
      '',
      suppressionSection('limit-additional-properties', '    Metadata:', 'free-form labels, bounded by the 16 KB body limit'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API3:2023'],
    examples: {
      bad: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'paths:',
        '  /customers:',
        '    post:',
        '      requestBody:',
        '        content:',
        '          application/json:',
        '            schema:',
        '              type: object',
        '              properties:',
        '                name: { type: string, maxLength: 200 }',
        '      responses:',
        '        "201": { description: Created }',
        '',
      ].join('\n'),
      good: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'paths:',
        '  /customers:',
        '    post:',
        '      requestBody:',
        '        content:',
        '          application/json:',
        '            schema:',
        '              type: object',
        '              additionalProperties: false',
        '              properties:',
        '                name: { type: string, maxLength: 200 }',
        '      responses:',
        '        "201": { description: Created }',
        '',
      ].join('\n'),
    },
  },
  eachSchema: {
    // Whether a composition's owner closes it is asked here, where the answer is not kept, rather
    // than in `about`: it reads the owner, an ancestor, which `about` may read only as far as its
    // direct children (SpecRuleContext.aboutSchema). It reads no further than that: `maxProperties`,
    // `unevaluatedProperties` and `additionalProperties` as values, not the members of a map, all
    // keys of `READ_FROM_ANCESTORS` (engine/schemaReportMemo.ts). So an edit that changes it is one
    // of those of the owner's direct children, which reaches the member (`reachOfPatch`).
    selects: (entry, api) => entry.request && entry.kind === 'schema' && isObjectSchema(entry) && !closedByComposition(entry.at.node, api.version),
    about(entry, context) {
      const state = additionalPropertiesOf(entry.at.node, context.api.version);
      if (state === 'closed') return;
      const location = schemaLocation(entry.at);
      const message = state === 'map' ? messages.openMap : messages.open;
      context.report({ at: location.at, part: location.part, message: message({ label: location.label }) });
    },
  },
  check(context) {
    checkEachSchema(this.eachSchema!, context);
  },
};
