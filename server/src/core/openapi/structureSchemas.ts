import type { AnySchemaObject } from 'ajv';
import schema20 from '@seriousme/openapi-schema-validator/schemas/v2.0/schema.json';
import schema30 from '@seriousme/openapi-schema-validator/schemas/v3.0/schema.json';
import schema31 from '@seriousme/openapi-schema-validator/schemas/v3.1/schema.json';
import schema32 from '@seriousme/openapi-schema-validator/schemas/v3.2/schema.json';
import { escapePointerSegment } from '../model/ast';
import type { SpecVersion } from './types';

/**
 * The official schemas structural validation checks against, and the "opaque" copy of each that
 * lets a violation inside a `oneOf` / `anyOf` be explained (see validateStructure.ts). Shared by
 * the validator at run time and by scripts/generateStructureValidators.ts, which compiles both
 * forms into standalone code ahead of time; this module therefore never loads ajv itself.
 */

export type OfficialSchema = AnySchemaObject & { $id?: string; id?: string };

export const OFFICIAL_SCHEMAS: Record<SpecVersion, OfficialSchema> = {
  '2.0': schema20 as OfficialSchema,
  '3.0': schema30 as OfficialSchema,
  '3.1': schema31 as OfficialSchema,
  '3.2': schema32 as OfficialSchema,
};

export const OPAQUE_ONE_OF = 'apiGuardOneOf';
export const OPAQUE_ANY_OF = 'apiGuardAnyOf';
/** Holds, on a schema object with an opaque composite, the JSON pointer of that object in the opaque copy. */
export const OPAQUE_COPY_AT = 'apiGuardAt';

/**
 * What the precompiled "explain" validators are called with as `this` (ajv `passContext`): each
 * opaque `oneOf` / `anyOf` asks it whether `data` passes the composite held at `at` in the opaque
 * copy, that is exactly one of its `count` alternatives (`oneOf`) or at least one (`anyOf`).
 */
export interface CompositeContext {
  passes(kind: 'oneOf' | 'anyOf', at: string, count: number, data: unknown): boolean;
}

/** Keywords whose value is one subschema. */
const SUBSCHEMA_KEYWORDS = [
  'additionalProperties',
  'items',
  'additionalItems',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
];
/** Keywords whose value is a map of subschemas. */
const SUBSCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];
/** Keywords whose value is a list of subschemas. */
const SUBSCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/** The `$id` (2020-12) or `id` (draft 4) of a schema, without a trailing `#`. */
export function baseUriOf(schema: OfficialSchema): string {
  return String(schema.$id ?? schema.id ?? '').replace(/#$/, '');
}

/**
 * A deep copy of an official schema in which every `oneOf` / `anyOf` keyword is renamed to its
 * opaque counterpart, and the object holding it records its own pointer in the copy.
 * Only keywords that hold subschemas are followed, so a property that happens to be called
 * `oneOf` (as in the 3.0 Schema Object's `properties`) stays a property.
 */
export function opaqueCopy(schema: OfficialSchema): OfficialSchema {
  const copy = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => copy(item, `${pointer}/${index}`));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const segment = escapePointerSegment(key);
      if (SUBSCHEMA_MAP_KEYWORDS.includes(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const map: Record<string, unknown> = {};
        for (const [name, member] of Object.entries(value)) map[name] = copy(member, `${pointer}/${segment}/${escapePointerSegment(name)}`);
        out[key] = map;
      } else if (SUBSCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
        const renamed = key === 'oneOf' ? OPAQUE_ONE_OF : key === 'anyOf' ? OPAQUE_ANY_OF : key;
        out[renamed] = value.map((member, index) => copy(member, `${pointer}/${renamed}/${index}`));
        if (renamed !== key) out[OPAQUE_COPY_AT] = pointer;
      } else if (SUBSCHEMA_KEYWORDS.includes(key)) {
        out[key] = copy(value, `${pointer}/${segment}`);
      } else out[key] = value;
    }
    return out;
  };
  return copy(schema, '') as OfficialSchema;
}

/**
 * The pointer (in the opaque copy) of every alternative of every opaque composite: each gets a
 * validator of its own, to decide and to explain the composite.
 */
export function compositeBranchPointers(opaque: OfficialSchema): string[] {
  const pointers: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    const at = object[OPAQUE_COPY_AT];
    for (const keyword of [OPAQUE_ONE_OF, OPAQUE_ANY_OF]) {
      const branches = object[keyword];
      if (typeof at === 'string' && Array.isArray(branches)) branches.forEach((_, index) => pointers.push(`${at}/${keyword}/${index}`));
    }
    Object.values(object).forEach(visit);
  };
  visit(opaque);
  return [...new Set(pointers)];
}

/** A JSON pointer as a URI fragment (each segment percent-encoded), as ajv expects in `$id#…`. */
export function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
