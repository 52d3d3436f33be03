import { eolOf, indentUnit, insertProperty, jsonValue, lineIndentText, removeProperty, type InsertPropertyOptions } from '../fixes/structuralEdits';
import { applyEdits, type TextEdit } from '../fixes/textEdit';
import { defineMessages } from '../l10n/messages';
import { isObject, isScalar, type AstNode, type ObjectNode } from '../model/ast';
import { parseDocument, type ParsedDocument } from '../model/parseDocument';
import type { ChecklistStepId } from '../rules/types';
import { isChecklistStepId } from './steps';

/**
 * The team's checklist progress, kept in `.api-guard/checklist.json` inside the workspace folder
 * and committed with the code (DESIGN.md invariant 6). Only what people decide is stored here:
 * the plan's start date, manual confirmations and audit records. Automatic status is always
 * recomputed from the analysis, never stored.
 */
export const CHECKLIST_STATE_VERSION = 1;
export const CHECKLIST_STATE_PATH = '.api-guard/checklist.json';

export interface StepConfirmation {
  /** Who confirmed (the client takes `git config user.name` when available). */
  by: string;
  /** When, as an ISO 8601 date-time. */
  at: string;
  note?: string;
}

export interface AuditRecord {
  /** The day of the last audit or penetration test, `YYYY-MM-DD`. */
  date: string;
  note?: string;
  /** Where the report lives (URL, wiki page, ticket). */
  link?: string;
}

export interface StepState {
  confirmed?: StepConfirmation;
  lastAudit?: AuditRecord;
}

export interface ChecklistState {
  version: typeof CHECKLIST_STATE_VERSION;
  /** The plan's first day, `YYYY-MM-DD`; week N is due at start + 7·N days. */
  startDate?: string;
  steps: Partial<Record<ChecklistStepId, StepState>>;
}

/** A problem of the checklist file, placed by offsets in its text (for a diagnostic on the file). */
export interface ChecklistStateProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedChecklistState {
  /** Everything valid in the file; invalid parts are left out and reported. */
  state: ChecklistState;
  problems: ChecklistStateProblem[];
  /**
   * True when the file cannot be edited safely (a syntax error, no JSON object at the top, or a
   * format version this release does not know): it is reported and never overwritten.
   */
  broken: boolean;
}

const m = defineMessages({
  syntax: { en: 'The checklist file is not valid JSON: {detail}', de: 'Die Checklisten-Datei ist kein gültiges JSON: {detail}' },
  notObject: { en: 'The checklist file must contain a JSON object.', de: 'Die Checklisten-Datei muss ein JSON-Objekt enthalten.' },
  versionMissing: { en: 'The checklist file has no "version"; expected 1.', de: 'Der Checklisten-Datei fehlt "version"; erwartet wird 1.' },
  versionUnknown: {
    en: 'The checklist file has version {version}, which this release of API Guard does not know; it is not changed.',
    de: 'Die Checklisten-Datei hat die Version {version}, die diese API-Guard-Version nicht kennt; sie wird nicht verändert.',
  },
  unknownProperty: { en: 'Unknown property "{name}"; it is ignored.', de: 'Unbekannte Eigenschaft "{name}"; sie wird ignoriert.' },
  unknownStep: {
    en: '"{name}" is not a checklist step (1.1, 1.2, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2); it is ignored.',
    de: '"{name}" ist kein Schritt der Checkliste (1.1, 1.2, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2); er wird ignoriert.',
  },
  notAnObject: { en: '"{name}" must be an object.', de: '"{name}" muss ein Objekt sein.' },
  notAString: { en: '"{name}" must be a text.', de: '"{name}" muss ein Text sein.' },
  emptyString: { en: '"{name}" must not be empty.', de: '"{name}" darf nicht leer sein.' },
  required: { en: '"{name}" is required here.', de: '"{name}" ist hier erforderlich.' },
  badDate: { en: '"{name}" must be a date written as YYYY-MM-DD.', de: '"{name}" muss ein Datum im Format JJJJ-MM-TT sein.' },
  badDateTime: {
    en: '"{name}" must be a date and time in ISO 8601 form, e.g. 2025-03-04T09:30:00Z.',
    de: '"{name}" muss Datum und Uhrzeit im ISO-8601-Format sein, z. B. 2025-03-04T09:30:00Z.',
  },
  cannotEdit: {
    en: 'The checklist file {path} has problems and is not changed; fix it first.',
    de: 'Die Checklisten-Datei {path} hat Fehler und wird nicht verändert; bitte zuerst korrigieren.',
  },
});

export function emptyChecklistState(): ChecklistState {
  return { version: CHECKLIST_STATE_VERSION, steps: {} };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)$/;

/** A real calendar day written as `YYYY-MM-DD`. */
export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An RFC 3339 / ISO 8601 date-time with seconds and a time zone, as `Date.toISOString()` writes it. */
export function isValidDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null || !isValidDate(match[1])) return false;
  return Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

/**
 * Reads the checklist file. Never throws: every problem is reported with its place in the text,
 * and whatever is valid is used (a bad confirmation of one step does not hide the others).
 * Empty text stands for a file that does not exist yet.
 */
export function parseChecklistState(text: string): ParsedChecklistState {
  const state = emptyChecklistState();
  const problems: ChecklistStateProblem[] = [];
  if (text.trim() === '') return { state, problems, broken: false };
  const doc = parseDocument(CHECKLIST_STATE_PATH, text);
  for (const error of doc.errors) problems.push({ message: m.syntax({ detail: error.message }), start: error.start, end: error.end });
  const root = doc.root;
  if (!isObject(root)) {
    if (problems.length === 0) problems.push({ message: m.notObject(), start: root?.start ?? 0, end: root?.end ?? text.length });
    return { state, problems, broken: true };
  }
  let broken = doc.errors.length > 0;
  const problem = (node: AstNode, message: string, part: 'key' | 'value' = 'value'): void => {
    const useKey = part === 'key' && node.keyStart !== undefined && node.keyEnd !== undefined;
    problems.push({ message, start: useKey ? node.keyStart! : node.start, end: useKey ? node.keyEnd! : node.end });
  };
  const keyOf = (object: ObjectNode): { start: number; end: number } => ({ start: object.keyStart ?? object.start, end: object.keyEnd ?? object.start + 1 });

  for (const [name, node] of root.properties) {
    switch (name) {
      case '$schema':
        if (node.type !== 'string') problem(node, m.notAString({ name }));
        break;
      case 'version':
        if (node.type !== 'number' || node.value !== CHECKLIST_STATE_VERSION) {
          problem(node, m.versionUnknown({ version: isScalar(node) ? JSON.stringify(node.value) : node.type }));
          broken = true;
        }
        break;
      case 'startDate':
        if (node.type === 'string' && isValidDate(node.value as string)) state.startDate = node.value as string;
        else problem(node, m.badDate({ name }));
        break;
      case 'steps':
        if (!isObject(node)) problem(node, m.notAnObject({ name }));
        else readSteps(node, state, problem);
        break;
      default:
        problem(node, m.unknownProperty({ name }), 'key');
    }
  }
  if (!root.properties.has('version')) {
    const at = keyOf(root);
    problems.push({ message: m.versionMissing(), start: root.start, end: Math.max(at.start, root.start + 1) });
  }
  return { state, problems, broken };
}

type ProblemSink = (node: AstNode, message: string, part?: 'key' | 'value') => void;

function readSteps(node: ObjectNode, state: ChecklistState, problem: ProblemSink): void {
  for (const [id, stepNode] of node.properties) {
    if (!isChecklistStepId(id)) {
      problem(stepNode, m.unknownStep({ name: id }), 'key');
      continue;
    }
    if (!isObject(stepNode)) {
      problem(stepNode, m.notAnObject({ name: id }));
      continue;
    }
    const step: StepState = {};
    for (const [name, value] of stepNode.properties) {
      if (name === 'confirmed') {
        const confirmation = readRecord(value, name, { by: 'text', at: 'date-time', note: 'optional-text' }, problem);
        if (confirmation !== undefined) step.confirmed = confirmation as unknown as StepConfirmation;
      } else if (name === 'lastAudit') {
        const audit = readRecord(value, name, { date: 'date', note: 'optional-text', link: 'optional-text' }, problem);
        if (audit !== undefined) step.lastAudit = audit as unknown as AuditRecord;
      } else problem(value, m.unknownProperty({ name }), 'key');
    }
    if (step.confirmed !== undefined || step.lastAudit !== undefined) state.steps[id] = step;
  }
}

type FieldKind = 'text' | 'optional-text' | 'date' | 'date-time';

/** Reads a small record whose fields are texts; returns undefined when a required field is bad. */
function readRecord(node: AstNode, name: string, fields: Record<string, FieldKind>, problem: ProblemSink): Record<string, string> | undefined {
  if (!isObject(node)) {
    problem(node, m.notAnObject({ name }));
    return undefined;
  }
  const record: Record<string, string> = {};
  let valid = true;
  for (const [field, kind] of Object.entries(fields)) {
    const value = node.properties.get(field);
    if (value === undefined) {
      if (kind !== 'optional-text') {
        problem(node, m.required({ name: field }), 'key');
        valid = false;
      }
      continue;
    }
    if (value.type !== 'string') {
      problem(value, m.notAString({ name: field }));
      if (kind !== 'optional-text') valid = false;
      continue;
    }
    const text = value.value as string;
    if (kind === 'date' && !isValidDate(text)) {
      problem(value, m.badDate({ name: field }));
      valid = false;
    } else if (kind === 'date-time' && !isValidDateTime(text)) {
      problem(value, m.badDateTime({ name: field }));
      valid = false;
    } else if (kind === 'text' && text.trim() === '') {
      problem(value, m.emptyString({ name: field }));
      valid = false;
    } else record[field] = text;
  }
  for (const [field, value] of node.properties) if (!(field in fields)) problem(value, m.unknownProperty({ name: field }), 'key');
  return valid ? record : undefined;
}

// ---------------------------------------------------------------------------------------------
// Editing

export type ChecklistChange =
  | { kind: 'confirm'; step: ChecklistStepId; by: string; at: string; note?: string }
  | { kind: 'reopen'; step: ChecklistStepId }
  | { kind: 'set-start-date'; date: string | undefined }
  | { kind: 'record-audit'; step: ChecklistStepId; date: string; note?: string; link?: string };

/** Raised when a change cannot be applied: the file is broken (and left alone) or the change is invalid. */
export class ChecklistStateError extends Error {
  constructor(
    message: string,
    readonly problems: ChecklistStateProblem[] = [],
  ) {
    super(message);
    this.name = 'ChecklistStateError';
  }
}

/**
 * Applies one change to the checklist file's text with a minimal edit: only the changed
 * property is written, so the team's key order, indentation and other entries stay as they
 * are and a merge conflict stays small. Empty text creates the file. A broken file is never
 * overwritten: the change is refused with a ChecklistStateError that lists the problems.
 */
export function updateChecklistState(text: string, change: ChecklistChange): string {
  validateChange(change);
  if (text.trim() === '') {
    if (change.kind === 'reopen') return text;
    const state = emptyChecklistState();
    applyToState(state, change);
    const ordered = { version: state.version, ...(state.startDate !== undefined && { startDate: state.startDate }), steps: state.steps };
    return JSON.stringify(ordered, null, 2) + '\n';
  }
  const parsed = parseChecklistState(text);
  if (parsed.broken) throw new ChecklistStateError(m.cannotEdit({ path: CHECKLIST_STATE_PATH }), parsed.problems);
  const doc = parseDocument(CHECKLIST_STATE_PATH, text);
  const root = doc.root as ObjectNode;
  const edits: TextEdit[] = [];
  switch (change.kind) {
    case 'set-start-date':
      if (change.date === undefined) {
        const removal = removeProperty(doc, root, 'startDate');
        if (removal !== undefined) edits.push(removal);
      } else edits.push(setProperty(doc, root, ['startDate'], change.date, ['version', '$schema']));
      break;
    case 'confirm': {
      const confirmation: StepConfirmation = { by: change.by, at: change.at };
      if (change.note !== undefined && change.note !== '') confirmation.note = change.note;
      edits.push(setProperty(doc, root, ['steps', change.step, 'confirmed'], confirmation));
      break;
    }
    case 'record-audit': {
      const audit: AuditRecord = { date: change.date };
      if (change.note !== undefined && change.note !== '') audit.note = change.note;
      if (change.link !== undefined && change.link !== '') audit.link = change.link;
      edits.push(setProperty(doc, root, ['steps', change.step, 'lastAudit'], audit));
      break;
    }
    case 'reopen': {
      const removal = removeConfirmation(doc, root, change.step);
      if (removal !== undefined) edits.push(removal);
      break;
    }
  }
  if (!root.properties.has('version')) edits.push(insertProperty(doc, root, 'version', CHECKLIST_STATE_VERSION, { atStart: true }));
  return applyEdits(text, edits);
}

function validateChange(change: ChecklistChange): void {
  if (change.kind === 'set-start-date' && change.date !== undefined && !isValidDate(change.date)) {
    throw new ChecklistStateError(m.badDate({ name: 'startDate' }));
  }
  if (change.kind === 'confirm') {
    if (change.by.trim() === '') throw new ChecklistStateError(m.emptyString({ name: 'by' }));
    if (!isValidDateTime(change.at)) throw new ChecklistStateError(m.badDateTime({ name: 'at' }));
  }
  if (change.kind === 'record-audit' && !isValidDate(change.date)) throw new ChecklistStateError(m.badDate({ name: 'date' }));
}

/** The same change on a state object (used when the file does not exist yet). */
function applyToState(state: ChecklistState, change: Exclude<ChecklistChange, { kind: 'reopen' }>): void {
  switch (change.kind) {
    case 'set-start-date':
      if (change.date === undefined) delete state.startDate;
      else state.startDate = change.date;
      return;
    case 'confirm':
      state.steps[change.step] = {
        ...state.steps[change.step],
        confirmed: { by: change.by, at: change.at, ...(change.note ? { note: change.note } : {}) },
      };
      return;
    case 'record-audit':
      state.steps[change.step] = {
        ...state.steps[change.step],
        lastAudit: { date: change.date, ...(change.note ? { note: change.note } : {}), ...(change.link ? { link: change.link } : {}) },
      };
      return;
  }
}

/**
 * Sets the value at a path of properties: replaces the value where the whole path exists, or
 * inserts the first missing property with the rest of the path nested inside it. A new step is
 * placed in step order, a new top-level key after the keys named in `after`.
 */
function setProperty(doc: ParsedDocument, root: ObjectNode, path: readonly [string, ...string[]], value: unknown, after?: readonly string[]): TextEdit {
  let object = root;
  let index = 0;
  for (;;) {
    const key = path[index];
    const existing = object.properties.get(key);
    const rest = path.slice(index + 1);
    const nested = rest.reduceRight<unknown>((inner, name) => ({ [name]: inner }), value);
    if (existing === undefined) return insertProperty(doc, object, key, nested, placement(object, key, index === 0 ? after : undefined, path[index - 1]));
    if (rest.length === 0 || !isObject(existing)) return replaceValue(doc, existing, nested);
    object = existing;
    index++;
  }
}

function placement(object: ObjectNode, key: string, after: readonly string[] | undefined, parentKey: string | undefined): InsertPropertyOptions {
  if (after !== undefined) return { after };
  if (parentKey !== 'steps' || !isChecklistStepId(key)) return {};
  const earlier = [...object.properties.keys()].filter((existing) => existing < key).sort();
  if (earlier.length > 0) return { after: [earlier[earlier.length - 1]] };
  return object.properties.size > 0 ? { atStart: true } : {};
}

function replaceValue(doc: ParsedDocument, node: AstNode, value: unknown): TextEdit {
  const indent = lineIndentText(doc, node.keyStart ?? node.start);
  const compact = doc.lines.positionAt(node.start).line === doc.lines.positionAt(node.end).line && isObject(node) && node.properties.size > 0;
  return { uri: doc.uri, start: node.start, end: node.end, newText: jsonValue(value, indent, indentUnit(doc), eolOf(doc), compact) };
}

/** Removes a step's confirmation; a step left with nothing else is removed as a whole. */
function removeConfirmation(doc: ParsedDocument, root: ObjectNode, step: ChecklistStepId): TextEdit | undefined {
  const steps = root.properties.get('steps');
  if (!isObject(steps)) return undefined;
  const stepNode = steps.properties.get(step);
  if (!isObject(stepNode) || !stepNode.properties.has('confirmed')) return undefined;
  if (stepNode.properties.size > 1) return removeProperty(doc, stepNode, 'confirmed');
  if (steps.properties.size === 1) return { uri: doc.uri, start: steps.start, end: steps.end, newText: '{}' };
  return removeProperty(doc, steps, step);
}
