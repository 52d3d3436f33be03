import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { escapePointerSegment, setMember } from '../model/ast';
import { OFFICIAL_SCHEMAS, OPAQUE_ANY_OF, OPAQUE_COPY_AT, OPAQUE_ONE_OF, type CompositeContext, type OfficialSchema } from './structureSchemas';
import type { SpecVersion } from './types';

/**
 * Structural validation of an OpenAPI / Swagger root document against the official JSON schema
 * of its version (as shipped, slightly adapted for ajv, by @seriousme/openapi-schema-validator).
 *
 * Nothing is fetched: the document's plain value is validated as it is written, so a `$ref` to
 * another file stays a Reference Object. Schema Objects themselves are not checked in depth by
 * these schemas (3.1 and 3.2 leave them to JSON Schema; 2.0 and 3.0 check their keywords).
 *
 * ajv reports every failed alternative of a `oneOf` / `anyOf`, which buries the one real
 * problem under noise ("must have required property '$ref'" for every parameter that is not a
 * reference). To report what a person would call the violation, a second validator is compiled
 * in which every `oneOf` / `anyOf` is opaque: it yields one error of its own, and that error is
 * then explained by validating the value against each alternative separately and keeping the
 * alternative that fits the value best (see `pickBranch`).
 *
 * Both validators of each version are compiled ahead of time into standalone code
 * (scripts/generateStructureValidators.ts → ./generated/, bundled into dist/generated/), so no
 * schema is compiled at run time; only the modules of the version at hand are loaded.
 */

/** One violation, placed on the node it is about, at most one per node. */
export interface StructureViolation {
  /** JSON pointer of the node the violation is placed on. */
  pointer: string;
  /**
   * What is wrong: a JSON Schema keyword (`required`, `type`, `enum`, `additionalProperties`,
   * `pattern`, `format`, `not`, …), `oneOf` when a value matches several alternatives,
   * `anyRequired` when one of several properties is required, or `false schema`.
   */
  keyword: string;
  /** Missing names (`required`, `anyRequired`), allowed values (`enum`, `const`), expected types (`type`), … */
  params: Record<string, unknown>;
  /** The value of the failing keyword in the schema (for `not`, `pattern`, `format`). */
  schema?: unknown;
}

/** Nested alternatives deeper than this are reported as a plain "matches no alternative". */
const MAX_EXPLAIN_DEPTH = 24;

interface Explained {
  /** Absolute instance path (JSON pointer from the document root). */
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  schema?: unknown;
}

/** The exports of a generated explain module: the opaque root validator and one per composite alternative. */
type ExplainModule = Record<string, ValidateFunction | undefined> & { explain: ValidateFunction };

/**
 * Loads a generated validator module. The path is built at run time on purpose: the bundler then
 * leaves the module out of the bundle, and it is read only when a document of its version is
 * validated. From the sources (tests) it is ./generated/<name>; from a bundle in dist/ it is
 * dist/generated/<name>, where esbuild.mjs writes each module with its run-time helpers.
 */
function loadGenerated<T>(name: string): T {
  return require(join(__dirname, 'generated', name)) as T;
}

/**
 * The validators of one OpenAPI version, loaded lazily and once. The plain validator of the
 * original schema answers "valid or not" at full speed; only for an invalid document is the
 * explain module, holding the opaque copy and the validator of every alternative, loaded and run.
 */
class VersionValidator implements CompositeContext {
  private check: ValidateFunction | undefined;
  private explainers: ExplainModule | undefined;
  private readonly knownKeysCache = new Map<object, Set<string>>();
  /** `passes` answers per object value (weakly held) and composite. */
  private readonly passesCache = new WeakMap<object, Map<string, boolean>>();
  /** Values `prepare` ran over (weakly held). */
  private readonly prepared = new WeakSet<object>();
  /** Members of split maps that passed the plain check, with where (`paths//pets`, `components/schemas/Pet`). */
  private readonly passedMembers = new WeakMap<object, string>();
  /** How many times a composite's alternatives were run, for tests of the memo. */
  compositeRuns = 0;

  constructor(
    private readonly schema: OfficialSchema,
    private readonly stem: string,
  ) {}

  /** Every violation with its alternatives explained, one per node; empty for a valid value. */
  validate(value: unknown): StructureViolation[] {
    this.check ??= loadGenerated<ValidateFunction>(`check-${this.stem}.js`);
    if (this.check(value) === true) return [];
    const explainers = (this.explainers ??= loadGenerated<ExplainModule>(`explain-${this.stem}.js`));
    // The explain validators ask `this` (this validator) whether a value passes each composite.
    if (explainers.explain.call(this, value) === true) return [];
    const explained = this.collapse(explainers.explain.errors ?? [], '', 0);
    return onePerNode(blameMisplacedRefs(explained, value));
  }

  /**
   * Runs the explaining validators over a value once, whatever the plain check says, so that the
   * `passes` answer of every composite of it is known before it is needed. A valid document is
   * only ever checked; the first edit that makes it invalid (a misspelt key, typed a letter at a
   * time) would otherwise run every alternative of every composite of the whole document, some
   * 100 ms for a 4 MB spec, where later edits run only those along the edited path. The language
   * server calls this for open documents while it is idle. Nothing is reported.
   */
  prepare(value: unknown): void {
    for (const _ of this.prepareSteps(value));
  }

  /**
   * `prepare` in parts, a generator that yields after each, so that the language server can stop
   * between parts when a keystroke arrives (the whole of a 4 MB spec takes some 130 ms). The
   * explaining validators run over the root with the members of its large maps (`paths`, the
   * sections of `components`, and so on) left out, then over copies of the root holding one batch of
   * those members each (`preparationParts`). The answers are kept per member value and composite,
   * and a member is validated the same whatever its siblings, so the parts prepare what one run
   * over the whole value prepares, except the composites of the root object and of the maps
   * themselves (the copies are other objects), which are few and cheap. The value counts as
   * prepared once every part has run.
   */
  *prepareSteps(value: unknown): Generator<void, void, void> {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || this.prepared.has(value)) return;
    const explainers = (this.explainers ??= loadGenerated<ExplainModule>(`explain-${this.stem}.js`));
    for (const part of preparationParts(value as Record<string, unknown>)) {
      explainers.explain.call(this, part);
      yield;
    }
    this.prepared.add(value);
  }

  /**
   * `validate` in steps, for a caller that runs the analysis in slices (the language server's
   * workspace scan), where checking a 13 MB spec takes some 100 ms in one go. The plain check runs
   * over the parts of `preparationParts` one at a time, a yield after each. The whole value is
   * valid when every part is: each member of a split map is in exactly one part, the root's other
   * members are in every part, a member is checked the same whatever its siblings, and the
   * official schemas put no count (`minProperties`, `maxProperties`) or other constraint across
   * members on the split maps (a unit test keeps that true). A value some part fails is explained
   * as `validate` explains it, after its composites were prepared in parts: only the check of the
   * whole value and the explaining run that reuses those answers remain in one step.
   */
  *validateSteps(value: unknown): Generator<void, StructureViolation[], void> {
    if (isPlainObject(value)) {
      const check = (this.check ??= loadGenerated<ValidateFunction>(`check-${this.stem}.js`));
      let valid = true;
      for (const part of preparationParts(value)) {
        if (check(part) !== true) {
          valid = false;
          break;
        }
        yield;
      }
      if (valid) return [];
      yield* this.prepareSteps(value);
    }
    return this.validate(value);
  }

  /**
   * `validate` for a value that shares most of its members with values validated before: the value
   * of an editor buffer after a keystroke (`valueAfterPatch` keeps every member object the edit did
   * not touch). A 4 MB spec's plain check takes 15 to 50 ms in one go, and while the buffer is
   * invalid, explaining it as much again, on every keystroke. Here the plain check runs over the
   * parts of `preparationParts` (see `validateSteps`), skipping the batches whose members all
   * passed before, at the same place, as the same objects (`passedMembers`); a batch that fails is
   * checked member by member. A value with mostly new members (a buffer's first version) is
   * checked whole first: when it passes, so does every member. Members that fail, or cannot be
   * told apart because the root's own part fails, are explained together with the root's part,
   * without the members that passed: those give no violation, and the members of a split map are
   * validated independently of one another, so the violations are those of the whole value, in the
   * same order.
   */
  validateReusing(value: unknown): StructureViolation[] {
    if (!isPlainObject(value)) return this.validate(value);
    const check = (this.check ??= loadGenerated<ValidateFunction>(`check-${this.stem}.js`));
    const { base, maps } = splitForParts(value);
    const passed = this.passedMembers;
    const places = maps.map((map) => (map.section === undefined ? map.key : `${map.key}/${map.section}`));
    const unknowns = maps.map((map, index) => map.members.filter(([name, member]) => !isPlainObject(member) || passed.get(member) !== `${places[index]}/${name}`));
    let members = 0;
    let unknownMembers = 0;
    for (let index = 0; index < maps.length; index++) {
      members += maps[index].members.length;
      unknownMembers += unknowns[index].length;
    }
    // Mostly new members (the first version of a buffer): one check of the whole is quicker than
    // the parts, and when it passes, so does every member, at its place.
    if (unknownMembers * 2 > members && check(value) === true) {
      maps.forEach((map, index) => {
        for (const [name, member] of map.members) if (isPlainObject(member)) passed.set(member, `${places[index]}/${name}`);
      });
      return [];
    }
    const baseValid = check(base) === true;
    const failing = new Set<unknown>();
    for (let index = 0; index < maps.length; index++) {
      const map = maps[index];
      const place = places[index];
      const unknown = unknowns[index];
      for (let start = 0; start < unknown.length; start += MEMBERS_PER_PART) {
        const batch = unknown.slice(start, start + MEMBERS_PER_PART);
        if (!baseValid) {
          for (const [, member] of batch) failing.add(member);
          continue;
        }
        const batchValid = check(partWith(base, map, batch)) === true;
        for (const entry of batch) {
          const [name, member] = entry;
          if (batchValid || check(partWith(base, map, [entry])) === true) {
            if (isPlainObject(member)) passed.set(member, `${place}/${name}`);
          } else failing.add(member);
        }
      }
    }
    if (baseValid && failing.size === 0) return [];
    const pruned: Record<string, unknown> = { ...base };
    for (const map of maps) {
      const kept = Object.fromEntries(map.members.filter(([, member]) => failing.has(member)));
      if (map.section === undefined) pruned[map.key] = kept;
      else pruned[map.key] = { ...(pruned[map.key] as object), [map.section]: kept };
    }
    return this.validate(pruned);
  }

  /**
   * Whether a value passes an opaque composite: exactly when the original keyword would.
   *
   * The answer depends only on the composite and the value, and plain values are never changed
   * once built: the language server's value of an edited document shares every subtree the edit
   * did not touch with the previous version's (plainValue.ts `valueAfterPatch`). So the answer is
   * kept per object value and composite, and an edit of a large invalid document validates again
   * only the alternatives along the edited path, instead of every alternative of every parameter,
   * schema and response. Within one validation it also spares nested composites that several
   * outer alternatives ask about the same value.
   */
  passes(kind: 'oneOf' | 'anyOf', at: string, count: number, data: unknown): boolean {
    if (data === null || typeof data !== 'object') return this.computePasses(kind, at, count, data);
    let known = this.passesCache.get(data);
    const key = kind === 'oneOf' ? at : `${at}|anyOf`;
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const result = this.computePasses(kind, at, count, data);
    if (known === undefined) this.passesCache.set(data, (known = new Map()));
    known.set(key, result);
    return result;
  }

  private computePasses(kind: 'oneOf' | 'anyOf', at: string, count: number, data: unknown): boolean {
    this.compositeRuns++;
    const keyword = kind === 'oneOf' ? OPAQUE_ONE_OF : OPAQUE_ANY_OF;
    let passing = 0;
    for (let index = 0; index < count; index++) {
      const check = this.branch(`${at}/${keyword}/${index}`);
      if (check === undefined || check.call(this, data) === true) passing++;
      if (kind === 'anyOf' ? passing > 0 : passing > 1) break;
    }
    return kind === 'oneOf' ? passing === 1 : passing > 0;
  }

  private branch(pointer: string): ValidateFunction | undefined {
    return this.explainers?.[pointer];
  }

  /** Turns ajv errors (instance paths relative to `base`) into explained violations. */
  private collapse(errors: readonly ErrorObject[], base: string, depth: number): Explained[] {
    const out: Explained[] = [];
    for (const error of errors) {
      const path = base + error.instancePath;
      // "must match then/else schema" always comes with the errors of that branch.
      if (error.keyword === 'if') continue;
      if (error.keyword === OPAQUE_ONE_OF || error.keyword === OPAQUE_ANY_OF) {
        out.push(...this.explainComposite(error, path, depth));
        continue;
      }
      out.push({ path, keyword: error.keyword, params: { ...error.params }, schema: error.schema });
    }
    return out;
  }

  private explainComposite(error: ErrorObject, path: string, depth: number): Explained[] {
    const kind = error.keyword === OPAQUE_ONE_OF ? 'oneOf' : 'anyOf';
    const container = String(error.parentSchema?.[OPAQUE_COPY_AT] ?? '');
    const branches = Array.isArray(error.schema) ? error.schema : [];
    const data = error.data;
    const results: { index: number; errors: ErrorObject[] }[] = [];
    for (let index = 0; index < branches.length; index++) {
      const validate = this.branch(`${container}/${error.keyword}/${index}`);
      if (validate === undefined) continue;
      if (validate.call(this, data) === true) results.push({ index, errors: [] });
      else results.push({ index, errors: [...(validate.errors ?? [])] });
    }
    const passing = results.filter((result) => result.errors.length === 0).length;
    if (passing > 1) return [{ path, keyword: 'oneOf', params: { passing } }];
    if (depth >= MAX_EXPLAIN_DEPTH || results.length === 0 || passing > 0) return [{ path, keyword: kind, params: {} }];
    const candidates: Branch[] = results.map((result) => ({
      index: result.index,
      violations: this.collapse(result.errors, path, depth + 1),
      knownKeys: this.knownKeys(branches[result.index]),
    }));
    return mergeAlternatives(pickBranch(candidates, data), candidates, data, path);
  }

  /** Property names a branch declares (through `$ref`, `allOf`, `oneOf`, `anyOf`), to judge which branch a value meant. */
  private knownKeys(schema: unknown, seen = new Set<object>()): Set<string> {
    const keys = new Set<string>();
    if (schema === null || typeof schema !== 'object' || seen.has(schema)) return keys;
    const cached = this.knownKeysCache.get(schema);
    if (cached !== undefined) return cached;
    seen.add(schema);
    const object = schema as Record<string, unknown>;
    const properties = object.properties;
    if (properties !== null && typeof properties === 'object') for (const key of Object.keys(properties)) keys.add(key);
    const ref = object.$ref;
    if (typeof ref === 'string' && ref.startsWith('#')) for (const key of this.knownKeys(this.localTarget(ref), seen)) keys.add(key);
    for (const keyword of ['allOf', 'oneOf', 'anyOf', OPAQUE_ONE_OF, OPAQUE_ANY_OF]) {
      const list = object[keyword];
      if (Array.isArray(list)) for (const member of list) for (const key of this.knownKeys(member, seen)) keys.add(key);
    }
    this.knownKeysCache.set(schema, keys);
    return keys;
  }

  private localTarget(ref: string): unknown {
    let current: unknown = this.schema;
    for (const segment of ref.slice(2).split('/')) {
      if (segment === '' || current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return current;
  }
}

interface Branch {
  index: number;
  violations: Explained[];
  knownKeys: Set<string>;
}

/**
 * The alternative a value most plausibly meant: the one that declares most of the value's keys,
 * then the one whose discriminating values (`enum` / `const`) it matches, then the one with the
 * fewest and most deeply placed violations, then the first.
 */
function pickBranch(candidates: Branch[], data: unknown): Branch {
  const score = (branch: Branch) => ({
    overlap: overlapOf(branch, data),
    discriminators: branch.violations.filter((violation) => violation.keyword === 'enum' || violation.keyword === 'const').length,
    count: branch.violations.length,
    depth: Math.max(0, ...branch.violations.map((violation) => depthOf(violation.path))),
  });
  let best = candidates[0];
  let bestScore = score(best);
  for (const candidate of candidates.slice(1)) {
    const current = score(candidate);
    const better =
      current.overlap !== bestScore.overlap
        ? current.overlap > bestScore.overlap
        : current.discriminators !== bestScore.discriminators
          ? current.discriminators < bestScore.discriminators
          : current.count !== bestScore.count
            ? current.count < bestScore.count
            : current.depth > bestScore.depth;
    if (better) {
      best = candidate;
      bestScore = current;
    }
  }
  return best;
}

/** How many of the value's own keys (extensions aside) a branch declares. */
function overlapOf(branch: Branch, data: unknown): number {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 0;
  let count = 0;
  for (const key of Object.keys(data)) if (!key.startsWith('x-') && branch.knownKeys.has(key)) count++;
  return count;
}

/**
 * Folds what the alternatives agree on into the chosen branch's violations: when every
 * alternative is equally plausible and only misses one property, the value needs one of them; when
 * several alternatives reject the same value by `enum` / `const`, it may take any of their values.
 */
function mergeAlternatives(chosen: Branch, candidates: Branch[], data: unknown, path: string): Explained[] {
  const overlap = overlapOf(chosen, data);
  const single = candidates.every(
    (branch) =>
      overlapOf(branch, data) === overlap &&
      branch.violations.length === 1 &&
      branch.violations[0].keyword === 'required' &&
      branch.violations[0].path === path,
  );
  if (single && candidates.length > 1) {
    const missing = candidates.map((branch) => String(branch.violations[0].params.missingProperty));
    return [{ path, keyword: 'anyRequired', params: { missing: [...new Set(missing)] } }];
  }
  return chosen.violations.map((violation) => {
    if (violation.keyword !== 'enum' && violation.keyword !== 'const') return violation;
    const allowed = new Set<unknown>();
    for (const branch of candidates) {
      for (const other of branch.violations) {
        if (other.path !== violation.path) continue;
        if (other.keyword === 'enum') for (const value of (other.params.allowedValues as unknown[]) ?? []) allowed.add(value);
        if (other.keyword === 'const') allowed.add(other.params.allowedValue);
      }
    }
    return { path: violation.path, keyword: 'enum', params: { allowedValues: [...allowed] } };
  });
}

/**
 * Places each violation on a node and keeps one per node: a wrong type says it all; missing
 * properties of one object are listed together; otherwise the first violation found.
 */
function onePerNode(explained: Explained[]): StructureViolation[] {
  const byPointer = new Map<string, StructureViolation[]>();
  for (const item of explained) {
    const violation = place(item);
    let list = byPointer.get(violation.pointer);
    if (list === undefined) byPointer.set(violation.pointer, (list = []));
    list.push(violation);
  }
  const result: StructureViolation[] = [];
  for (const [pointer, list] of byPointer) {
    const type = list.find((violation) => violation.keyword === 'type');
    if (type !== undefined) {
      result.push(type);
      continue;
    }
    const missing = new Set<string>();
    for (const violation of list) if (violation.keyword === 'required') missing.add(String(violation.params.missingProperty));
    if (missing.size > 0) {
      result.push({ pointer, keyword: 'required', params: { missing: [...missing] } });
      continue;
    }
    result.push(list[0]);
  }
  return result;
}

/**
 * A Reference Object where the specification does not allow one (an operation, a description,
 * a tag written as `$ref: other.yaml`) makes the validator report the object's missing
 * properties and its unexpected `$ref`. Multi-file layouts do this often and bundlers accept it,
 * so it is reported as what it is, once, on the `$ref`.
 */
function blameMisplacedRefs(explained: Explained[], root: unknown): Explained[] {
  const misplaced = new Set<string>();
  for (const item of explained) {
    const property = item.keyword === 'additionalProperties' ? item.params.additionalProperty : item.keyword === 'unevaluatedProperties' ? item.params.unevaluatedProperty : undefined;
    if (property === '$ref') misplaced.add(item.path);
    else if (item.keyword === 'type' && isReferenceObject(valueAt(root, item.path))) misplaced.add(item.path);
  }
  if (misplaced.size === 0) return explained;
  const out: Explained[] = [];
  const reported = new Set<string>();
  for (const item of explained) {
    if (!misplaced.has(item.path)) {
      out.push(item);
      continue;
    }
    if (reported.has(item.path)) continue;
    reported.add(item.path);
    out.push({ path: `${item.path}/$ref`, keyword: 'refNotAllowed', params: {} });
  }
  return out;
}

function isReferenceObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).$ref === 'string';
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** Moves a violation about a property name onto that property. */
function place(item: Explained): StructureViolation {
  const params = item.params;
  const property =
    item.keyword === 'additionalProperties'
      ? params.additionalProperty
      : item.keyword === 'unevaluatedProperties'
        ? params.unevaluatedProperty
        : item.keyword === 'propertyNames'
          ? params.propertyName
          : undefined;
  const violation: StructureViolation =
    typeof property === 'string'
      ? { pointer: `${item.path}/${escapePointerSegment(property)}`, keyword: item.keyword, params: { property } }
      : { pointer: item.path, keyword: item.keyword, params };
  if (item.schema !== undefined) violation.schema = item.schema;
  return violation;
}

function depthOf(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

const validators = new Map<SpecVersion, VersionValidator>();

function validatorFor(version: SpecVersion): VersionValidator {
  let validator = validators.get(version);
  if (validator === undefined) {
    validator = new VersionValidator(OFFICIAL_SCHEMAS[version], `v${version.replace('.', '')}`);
    validators.set(version, validator);
  }
  return validator;
}

/**
 * Validates a root document's plain value against the schema of its version. Returns no
 * violations for a valid document; otherwise one violation per offending node, in the order
 * the validator met them.
 */
export function validateStructure(version: SpecVersion, value: unknown): StructureViolation[] {
  return validatorFor(version).validate(value);
}

/** `validateStructure` in steps: the generator yields after each part of the value (see `VersionValidator.validateSteps`). */
export function validateStructureSteps(version: SpecVersion, value: unknown): Generator<void, StructureViolation[], void> {
  return validatorFor(version).validateSteps(value);
}

/** `validateStructure` of a value that shares members with values validated before (see `VersionValidator.validateReusing`). */
export function validateStructureReusing(version: SpecVersion, value: unknown): StructureViolation[] {
  return validatorFor(version).validateReusing(value);
}

/** Prepares a later `validateStructure` of values that share objects with this one (see `VersionValidator.prepare`). */
export function prepareStructureValidation(version: SpecVersion, value: unknown): void {
  validatorFor(version).prepare(value);
}

/** `prepareStructureValidation` in parts: the generator yields after each (see `VersionValidator.prepareSteps`). */
export function prepareStructureValidationSteps(version: SpecVersion, value: unknown): Generator<void, void, void> {
  return validatorFor(version).prepareSteps(value);
}

/** Root members whose maps `preparationParts` splits into batches (`components` is split by section). */
const SPLIT_MAPS = new Set(['paths', 'webhooks', 'definitions', 'parameters', 'responses', 'securityDefinitions']);

/** Members of a split map validated in one part: some 1–3 ms of validation for a large spec's paths or schemas. */
const MEMBERS_PER_PART = 16;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The parts `prepareSteps` validates: the root with its split maps emptied, then for each split
 * map, copies of that root holding one batch of the map's members. Every member value is the
 * root's own object, where the answers are kept.
 */
export function* preparationParts(root: Record<string, unknown>): Generator<Record<string, unknown>, void, void> {
  const { base, maps } = splitForParts(root);
  yield base;
  for (const map of maps) {
    for (let start = 0; start < map.members.length; start += MEMBERS_PER_PART) yield partWith(base, map, map.members.slice(start, start + MEMBERS_PER_PART));
  }
}

interface SplitMap {
  key: string;
  section?: string;
  members: [string, unknown][];
}

/** The root with its split maps emptied, and the members of each split map. */
function splitForParts(root: Record<string, unknown>): { base: Record<string, unknown>; maps: SplitMap[] } {
  const base: Record<string, unknown> = { ...root };
  const maps: SplitMap[] = [];
  for (const [key, member] of Object.entries(root)) {
    if (!isPlainObject(member)) continue;
    if (SPLIT_MAPS.has(key)) {
      maps.push({ key, members: Object.entries(member) });
      base[key] = {};
    } else if (key === 'components') {
      const sections: Record<string, unknown> = { ...member };
      for (const [section, value] of Object.entries(member)) {
        if (!isPlainObject(value)) continue;
        maps.push({ key, section, members: Object.entries(value) });
        setMember(sections, section, {});
      }
      base[key] = sections;
    }
  }
  return { base, maps };
}

/** A copy of `base` whose split map `map` holds `members`. */
function partWith(base: Record<string, unknown>, map: SplitMap, members: [string, unknown][]): Record<string, unknown> {
  const batch = Object.fromEntries(members);
  return map.section === undefined ? { ...base, [map.key]: batch } : { ...base, [map.key]: { ...(base[map.key] as object), [map.section]: batch } };
}

/** How many composites the validator of a version has evaluated so far (for tests). */
export function compositeRunsOf(version: SpecVersion): number {
  return validatorFor(version).compositeRuns;
}
