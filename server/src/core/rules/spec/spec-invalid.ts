import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, nodeAtPointer, parsePointer, pathOf, type AstNode } from '../../model/ast';
import type { ParsedDocument } from '../../model/parseDocument';
import { keepPlainValueAlongPatch, plainValueOf, plainValueSteps } from '../../model/plainValue';
import { ALL_VERSIONS, type SpecVersion } from '../../openapi/types';
import { validateStructure, validateStructureReusing, validateStructureSteps, type StructureViolation } from '../../openapi/validateStructure';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { Report, SpecRule } from '../types';

const messages = defineMessages({
  required: { en: 'Required property {names} is missing', de: 'Die Pflichteigenschaft {names} fehlt' },
  requiredMany: { en: 'Required properties {names} are missing', de: 'Die Pflichteigenschaften {names} fehlen' },
  anyRequired: { en: 'One of the properties {names} is required', de: 'Eine der Eigenschaften {names} ist erforderlich' },
  notAllowed: { en: 'Property "{name}" is not allowed here', de: 'Die Eigenschaft „{name}“ ist hier nicht erlaubt' },
  notAllowedExtension: {
    en: 'Property "{name}" is not allowed here (extensions must start with "x-")',
    de: 'Die Eigenschaft „{name}“ ist hier nicht erlaubt (Erweiterungen müssen mit „x-“ beginnen)',
  },
  badName: { en: 'The name "{name}" is not allowed here', de: 'Der Name „{name}“ ist hier nicht erlaubt' },
  type: { en: 'Must be {expected}, not {actual}', de: 'Muss {expected} sein, nicht {actual}' },
  enum: { en: 'Must be one of {values}', de: 'Muss einer der Werte {values} sein' },
  const: { en: 'Must be {value}', de: 'Muss {value} sein' },
  pattern: { en: 'Does not match the required pattern {pattern}', de: 'Entspricht nicht dem geforderten Muster {pattern}' },
  format: { en: 'Must be a valid {format}', de: 'Muss ein gültiger Wert im Format {format} sein' },
  notBoth: { en: 'Must not contain both {names}', de: 'Darf {names} nicht gleichzeitig enthalten' },
  notForm: { en: 'Has a form that is not allowed here', de: 'Hat eine Form, die hier nicht erlaubt ist' },
  several: {
    en: 'Matches more than one of the allowed forms; it must match exactly one',
    de: 'Passt auf mehr als eine der erlaubten Formen; erlaubt ist genau eine',
  },
  none: { en: 'Matches none of the allowed forms', de: 'Passt auf keine der erlaubten Formen' },
  falseSchema: { en: 'Not allowed here', de: 'Hier nicht erlaubt' },
  minItems: { en: 'Must have at least {limit} item(s)', de: 'Muss mindestens {limit} Element(e) enthalten' },
  maxItems: { en: 'Must have at most {limit} item(s)', de: 'Darf höchstens {limit} Element(e) enthalten' },
  minProperties: { en: 'Must have at least {limit} propert(y/ies)', de: 'Muss mindestens {limit} Eigenschaft(en) haben' },
  minLength: { en: 'Must be at least {limit} character(s) long', de: 'Muss mindestens {limit} Zeichen lang sein' },
  maxLength: { en: 'Must be at most {limit} character(s) long', de: 'Darf höchstens {limit} Zeichen lang sein' },
  minimum: { en: 'Must be {comparison} {limit}', de: 'Muss {comparison} {limit} sein' },
  uniqueItems: { en: 'Must not contain duplicate items', de: 'Darf keine doppelten Elemente enthalten' },
  dependency: { en: 'Property "{property}" requires {names}', de: 'Die Eigenschaft „{property}“ erfordert {names}' },
  refNotAllowed: {
    en: 'A $ref is not allowed here; write the object in place (bundling tools accept it, the specification does not)',
    de: 'Ein $ref ist hier nicht erlaubt; schreiben Sie das Objekt direkt hierher (Bündelungswerkzeuge akzeptieren es, die Spezifikation nicht)',
  },
  other: { en: 'Violates "{keyword}" of the schema', de: 'Verletzt „{keyword}“ des Schemas' },
  violation: { en: '{spec} schema: {detail}', de: 'Schema von {spec}: {detail}' },
  more: {
    en: '{count} more violations of the {spec} schema are not shown',
    de: '{count} weitere Verstöße gegen das Schema von {spec} werden nicht angezeigt',
  },
});

const typeNames = defineMessages({
  object: { en: 'an object', de: 'ein Objekt' },
  array: { en: 'a list', de: 'eine Liste' },
  string: { en: 'a string', de: 'eine Zeichenkette' },
  number: { en: 'a number', de: 'eine Zahl' },
  integer: { en: 'an integer', de: 'eine ganze Zahl' },
  boolean: { en: 'true or false', de: 'true oder false' },
  null: { en: 'null', de: 'null' },
  or: { en: ' or ', de: ' oder ' },
});

/** Findings per document beyond which one summarising finding stands for the rest. */
export const MAX_VIOLATIONS_PER_DOCUMENT = 100;

/** Keywords whose finding belongs on the offending value rather than on its key. */
const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

/**
 * Validation depends only on the root document's own text, so its result is kept per parsed
 * document: editing a fragment of the API re-runs the rules but not the validation.
 */
const violationCache = new WeakMap<ParsedDocument, StructureViolation[]>();

function violationsOf(doc: ParsedDocument, version: SpecVersion): StructureViolation[] {
  let violations = violationCache.get(doc);
  if (violations === undefined) {
    // An editor buffer's value after a keystroke shares every member the edit did not touch with the value before.
    violations = doc.root === undefined ? [] : doc.open === true ? validateStructureReusing(version, plainValueOf(doc)) : validateStructure(version, plainValueOf(doc));
    violationCache.set(doc, violations);
  }
  return violations;
}

export const specInvalid: SpecRule = {
  meta: {
    id: 'spec-invalid',
    category: 'spec',
    severity: 'error',
    title: 'The document violates the OpenAPI / Swagger schema of its version.',
    titleDe: 'Das Dokument verletzt das OpenAPI-/Swagger-Schema seiner Version.',
    description: [
      '## Why it matters',
      '',
      'Code generators, gateways, documentation portals and security scanners read an API',
      'description by its specification. A misspelt key (`paramters`), a value of the wrong type or',
      'a missing required field is silently ignored by some of them and rejected by others, so what',
      'one tool enforces (authentication, validation, limits) another never sees. Every other rule',
      'of API Guard also relies on the document meaning what the specification says.',
      '',
      '## What it flags',
      '',
      'Each API root document is validated against the official JSON schema of its version: Swagger',
      '2.0, OpenAPI 3.0, 3.1 or 3.2 (the schemas published by the OpenAPI Initiative, as packaged by',
      '`@seriousme/openapi-schema-validator`). The 3.1 and 3.2 schemas check the document structure',
      'but leave Schema Objects to JSON Schema; the 2.0 and 3.0 schemas also check Schema Object',
      'keywords. Nothing is fetched and references are not followed: a `$ref` is validated as the',
      'Reference Object it is, and files that are only referenced (fragments) are not validated on',
      'their own. A root whose YAML / JSON has syntax errors is not validated (see',
      '`spec-parse-error`), because a half-read tree would put violations on the wrong nodes.',
      '',
      'There is one finding per violation, on the node it concerns: a missing property on the object',
      'that lacks it, an unknown property on its key, a wrong value on the value. When a value may take',
      'several forms (a parameter or a `$ref`, a path parameter or a query parameter …), the finding',
      'describes the form the value most resembles instead of listing every alternative. A `$ref`',
      'where the specification allows none (an operation or a description written as `$ref`) is',
      `reported once on the \`$ref\`. After ${MAX_VIOLATIONS_PER_DOCUMENT} findings in one document a single finding`,
      'states how many more there are.',
      '',
      '## How to fix it',
      '',
      'Correct the node the message names. Unknown properties that carry your own data must start',
      'with `x-`. Multi-file layouts that reference whole operations must be bundled before tools',
      'that follow the specification can read them.',
      '',
      suppressionSection('spec-invalid', '      $ref: ./operations/list-orders.yaml', 'bundled with redocly before publishing'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: 'openapi: 3.0.3\ninfo:\n  version: "1"\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: status, in: querry, schema: { type: string } }\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\npaths:\n  /orders:\n    get:\n      parameters:\n        - { name: status, in: query, schema: { type: string } }\n      responses:\n        "200": { description: OK }\n',
    },
  },
  *prepareSteps(api) {
    const doc = api.root;
    // An editor buffer's value is kept and patched, and its validation prepared while idle.
    if (doc.root === undefined || doc.errors.length > 0 || doc.open === true || violationCache.has(doc)) return;
    const value = yield* plainValueSteps(doc);
    violationCache.set(doc, yield* validateStructureSteps(api.version, value));
  },
  check({ api, report }) {
    const doc = api.root;
    if (doc.root === undefined) return;
    if (doc.errors.length > 0) {
      // A broken buffer is not validated, but its value is carried along the patches (a new key is
      // broken until its colon), so that the keystroke that mends it validates only what changed.
      keepPlainValueAlongPatch(doc);
      return;
    }
    const spec = api.version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${api.version}`;
    const violations = violationsOf(doc, api.version);
    const versionNode = child(doc.root, api.version === '2.0' ? 'swagger' : 'openapi') ?? doc.root;
    for (const violation of violations.slice(0, MAX_VIOLATIONS_PER_DOCUMENT)) {
      const placed = placeViolation(doc.root, versionNode, violation);
      report({
        at: { doc, node: placed.node },
        part: placed.part,
        message: messages.violation({ spec, detail: describe(violation, placed.original) }),
        discriminator: violation.keyword,
      });
    }
    if (violations.length > MAX_VIOLATIONS_PER_DOCUMENT) {
      report({
        at: { doc, node: versionNode },
        message: messages.more({ count: violations.length - MAX_VIOLATIONS_PER_DOCUMENT, spec }),
        discriminator: 'more',
      });
    }
  },
};

/**
 * The node a violation is shown on. Missing properties go on the object's key (on the version
 * key for the root object, whose range would be the whole file), value problems on the value,
 * everything else on the key. A pointer that no longer matches the tree falls back to the
 * nearest existing ancestor.
 */
function placeViolation(root: AstNode, versionNode: AstNode, violation: StructureViolation): { node: AstNode; part: Report['part']; original: AstNode | undefined } {
  const original = nodeAtPointer(root, violation.pointer);
  let node = original;
  if (node === undefined) {
    const segments = parsePointer(violation.pointer) ?? [];
    for (let length = segments.length - 1; node === undefined && length >= 0; length--) node = nodeAtPointer(root, '/' + segments.slice(0, length).join('/'));
  }
  if (node === undefined || node === root || pathOf(node).length === 0) return { node: versionNode, part: 'key', original };
  const valuePart = VALUE_KEYWORDS.has(violation.keyword) && !isObject(node) && !isArray(node);
  return { node, part: valuePart ? 'value' : 'key', original };
}

function describe(violation: StructureViolation, node: AstNode | undefined): string {
  const params = violation.params;
  const names = (list: unknown): string => (Array.isArray(list) ? list : [list]).map((name) => `"${String(name)}"`).join(', ');
  switch (violation.keyword) {
    case 'required': {
      const missing = (params.missing as string[]) ?? [];
      return missing.length === 1 ? messages.required({ names: names(missing) }) : messages.requiredMany({ names: names(missing) });
    }
    case 'anyRequired':
      return messages.anyRequired({ names: names(params.missing) });
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.property);
      return name.startsWith('x-') ? messages.notAllowed({ name }) : messages.notAllowedExtension({ name });
    }
    case 'propertyNames':
      return messages.badName({ name: String(params.property) });
    case 'type':
      return messages.type({ expected: typeList(params.type), actual: actualType(node) });
    case 'enum':
      return messages.enum({ values: valueList(params.allowedValues as unknown[]) });
    case 'const':
      return messages.const({ value: JSON.stringify(params.allowedValue) });
    case 'pattern':
      return messages.pattern({ pattern: String(params.pattern) });
    case 'format':
      return messages.format({ format: String(params.format) });
    case 'not': {
      const required = (violation.schema as { required?: unknown } | undefined)?.required;
      return Array.isArray(required) ? messages.notBoth({ names: names(required) }) : messages.notForm();
    }
    case 'oneOf':
      return params.passing !== undefined ? messages.several() : messages.none();
    case 'anyOf':
      return messages.none();
    case 'false schema':
      return messages.falseSchema();
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'minLength':
    case 'maxLength':
      return messages[violation.keyword]({ limit: String(params.limit) });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return messages.minimum({ comparison: String(params.comparison), limit: String(params.limit) });
    case 'uniqueItems':
      return messages.uniqueItems();
    case 'dependencies':
    case 'dependentRequired':
      return messages.dependency({ property: String(params.property), names: names(params.missingProperty ?? params.deps) });
    case 'refNotAllowed':
      return messages.refNotAllowed();
    default:
      return messages.other({ keyword: violation.keyword });
  }
}

function typeList(types: unknown): string {
  const list = String(types).split(',');
  return list.map((type) => (type in typeNames ? typeNames[type as keyof typeof typeNames]() : type)).join(typeNames.or());
}

function actualType(node: AstNode | undefined): string {
  if (node === undefined) return '?';
  const type = node.type === 'number' && Number.isInteger(node.value) ? 'integer' : node.type;
  return typeNames[type as keyof typeof typeNames]();
}

function valueList(values: unknown[] | undefined): string {
  const list = (values ?? []).map((value) => JSON.stringify(value));
  return list.length > 12 ? `${list.slice(0, 12).join(', ')}, …` : list.join(', ');
}
