import { nodeAtPath, toValue, type AstNode } from '../model/ast';
import { parseDocument } from '../model/parseDocument';
import { defineMessages } from '../l10n/messages';
import { allRuleMeta } from '../rules/registry';
import type { RuleSeverity } from '../rules/types';
import { closestName } from './closestName';
import { defaultSettings, type ApiGuardSettings } from './settings';

/** The team's configuration file at the root of a workspace folder. */
export const CONFIG_FILE_NAME = '.api-guard.yaml';

/** Every name the configuration file may have, in the order they are looked for. */
export const CONFIG_FILE_NAMES: readonly string[] = [CONFIG_FILE_NAME, '.api-guard.yml', '.api-guard.json'];

/** Whether a URI or path names a configuration file (by its last segment). */
export function isConfigFileName(uriOrPath: string): boolean {
  const name = uriOrPath.split(/[?#]/)[0].split(/[\\/]/).pop() ?? '';
  return CONFIG_FILE_NAMES.includes(name);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** One layer of settings (a config file, the editor settings): only what it sets. */
export type PartialSettings = DeepPartial<ApiGuardSettings>;

/** A problem in a configuration file, placed by offsets in its text. */
export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

const messages = defineMessages({
  notMapping: {
    en: 'The configuration must be a mapping of settings (for example `rules:`); it is ignored',
    de: 'Die Konfiguration muss eine Zuordnung von Einstellungen sein (zum Beispiel `rules:`); sie wird ignoriert',
  },
  syntax: {
    en: 'Syntax error in the configuration: {message}',
    de: 'Syntaxfehler in der Konfiguration: {message}',
  },
  unknownKey: {
    en: 'Unknown setting "{key}"; it is ignored{suggestion}',
    de: 'Unbekannte Einstellung "{key}"; sie wird ignoriert{suggestion}',
  },
  unknownRule: {
    en: 'Unknown rule "{id}"; it is ignored{suggestion}',
    de: 'Unbekannte Regel "{id}"; sie wird ignoriert{suggestion}',
  },
  suggestion: {
    en: '. Did you mean "{name}"?',
    de: '. Meinten Sie "{name}"?',
  },
  badSeverity: {
    en: '"{value}" is not a severity for {key}; use error, warning, info, hint or off. The rule keeps its default severity',
    de: '"{value}" ist kein Schweregrad für {key}; erlaubt sind error, warning, info, hint oder off. Die Regel behält ihren Standard-Schweregrad',
  },
  expectedMapping: {
    en: '{key} must be a mapping; the defaults are used',
    de: '{key} muss eine Zuordnung sein; die Standardwerte werden verwendet',
  },
  expectedList: {
    en: '{key} must be a list of strings; the default is used',
    de: '{key} muss eine Liste von Zeichenketten sein; der Standardwert wird verwendet',
  },
  expectedListItem: {
    en: 'Each entry of {key} must be a non-empty string; this entry is ignored',
    de: 'Jeder Eintrag von {key} muss eine nicht leere Zeichenkette sein; dieser Eintrag wird ignoriert',
  },
  notAHost: {
    en: '"{value}" in {key} is not a host name; write the host only (for example api.example.com or *.example.com), without scheme or path. This entry is ignored',
    de: '"{value}" in {key} ist kein Hostname; geben Sie nur den Host an (zum Beispiel api.example.com oder *.example.com), ohne Schema oder Pfad. Dieser Eintrag wird ignoriert',
  },
  absoluteGlob: {
    en: '"{value}" in {key} is an absolute path, but patterns are relative to the workspace folder (for example specs/**/*.yaml); this entry is ignored',
    de: '"{value}" in {key} ist ein absoluter Pfad, Muster gelten aber relativ zum Arbeitsbereichsordner (zum Beispiel specs/**/*.yaml); dieser Eintrag wird ignoriert',
  },
  expectedPositiveNumber: {
    en: '{key} must be a number greater than 0; the default ({fallback}) is used',
    de: '{key} muss eine Zahl grösser als 0 sein; der Standardwert ({fallback}) wird verwendet',
  },
  expectedNonNegativeNumber: {
    en: '{key} must be a number of 0 or more; the default ({fallback}) is used',
    de: '{key} muss eine Zahl von 0 oder mehr sein; der Standardwert ({fallback}) wird verwendet',
  },
  expectedBoolean: {
    en: '{key} must be true or false; the default ({fallback}) is used',
    de: '{key} muss true oder false sein; der Standardwert ({fallback}) wird verwendet',
  },
  expectedScope: {
    en: '{key} must be "workspace" or "open"; the default ({fallback}) is used',
    de: '{key} muss "workspace" oder "open" sein; der Standardwert ({fallback}) wird verwendet',
  },
});

type Path = (string | number)[];

/** Receives each problem with the path of the offending entry and which part of it is wrong. */
interface ProblemSink {
  (path: Path, part: 'key' | 'value', message: string): void;
}

const SEVERITY_WORDS: Record<string, RuleSeverity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  information: 'info',
  hint: 'hint',
  off: 'off',
};

const TOP_LEVEL_KEYS = ['rules', 'allowedInsecureHosts', 'allowedRemoteRefHosts', 'include', 'exclude', 'maxFileSizeMB', 'diagnostics', 'code'];
const DIAGNOSTICS_KEYS = ['scope'];
const CODE_KEYS = ['enabled', 'includeTests', 'secretEntropyThreshold', 'codeLens'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one layer of settings given as plain data. Every wrong key or value is reported and
 * left out of the result, so that only that part falls back to its default. A `null` value means
 * "not set": YAML writes an empty key that way, and editor settings contributed without a default
 * arrive that way.
 */
function validateLayer(value: unknown, label: (path: Path) => string, report: ProblemSink, options: { ignoreUnknownKeys: boolean }): PartialSettings {
  const settings: PartialSettings = {};
  if (value === null || value === undefined) return settings;
  if (!isPlainObject(value)) {
    report([], 'value', messages.notMapping());
    return settings;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    const path = [key];
    switch (key) {
      case 'rules': {
        const rules = validateRules(entry, path, label, report);
        if (rules !== undefined) settings.rules = rules;
        break;
      }
      case 'allowedInsecureHosts':
      case 'allowedRemoteRefHosts': {
        const hosts = validateStringList(entry, path, label, report, hostProblem);
        if (hosts !== undefined) settings[key] = hosts;
        break;
      }
      case 'include':
      case 'exclude': {
        const globs = validateStringList(entry, path, label, report, globProblem);
        if (globs !== undefined) settings[key] = globs;
        break;
      }
      case 'maxFileSizeMB':
        if (typeof entry === 'number' && Number.isFinite(entry) && entry > 0) settings.maxFileSizeMB = entry;
        else report(path, 'value', messages.expectedPositiveNumber({ key: label(path), fallback: defaultSettings().maxFileSizeMB }));
        break;
      case 'diagnostics': {
        const diagnostics = validateDiagnostics(entry, path, label, report, options);
        if (diagnostics !== undefined) settings.diagnostics = diagnostics;
        break;
      }
      case 'code': {
        const code = validateCode(entry, path, label, report, options);
        if (code !== undefined) settings.code = code;
        break;
      }
      case '$schema':
        // A JSON configuration file may name its schema; it is for editors, not for API Guard.
        break;
      default:
        if (!options.ignoreUnknownKeys) reportUnknownKey(path, TOP_LEVEL_KEYS, label, report);
    }
  }
  return settings;
}

function reportUnknownKey(path: Path, known: readonly string[], label: (path: Path) => string, report: ProblemSink): void {
  const key = String(path[path.length - 1]);
  const match = closestName(key, known);
  const suggestion = match === undefined ? '' : messages.suggestion({ name: label([...path.slice(0, -1), match]) });
  report(path, 'key', messages.unknownKey({ key: label(path), suggestion }));
}

function validateRules(value: unknown, path: Path, label: (path: Path) => string, report: ProblemSink): Record<string, RuleSeverity> | undefined {
  if (!isPlainObject(value)) {
    report(path, 'value', messages.expectedMapping({ key: label(path) }));
    return undefined;
  }
  const known = allRuleMeta().map((meta) => meta.id);
  const knownSet = new Set(known);
  const rules: Record<string, RuleSeverity> = {};
  for (const [id, severity] of Object.entries(value)) {
    const rulePath = [...path, id];
    if (severity === null || severity === undefined) continue;
    if (!knownSet.has(id)) {
      const match = closestName(id, known);
      report(rulePath, 'key', messages.unknownRule({ id, suggestion: match === undefined ? '' : messages.suggestion({ name: match }) }));
      continue;
    }
    const word = typeof severity === 'string' ? SEVERITY_WORDS[severity] : undefined;
    if (word === undefined) {
      report(rulePath, 'value', messages.badSeverity({ value: String(severity), key: label(rulePath) }));
      continue;
    }
    rules[id] = word;
  }
  return rules;
}

function hostProblem(host: string, key: string): string | undefined {
  return /[\s/]/.test(host) || host.includes('://') ? messages.notAHost({ value: host, key }) : undefined;
}

function globProblem(glob: string, key: string): string | undefined {
  return glob.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(glob) ? messages.absoluteGlob({ value: glob, key }) : undefined;
}

function validateStringList(
  value: unknown,
  path: Path,
  label: (path: Path) => string,
  report: ProblemSink,
  itemProblem: (item: string, key: string) => string | undefined,
): string[] | undefined {
  if (!Array.isArray(value)) {
    report(path, 'value', messages.expectedList({ key: label(path) }));
    return undefined;
  }
  const items: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      report([...path, index], 'value', messages.expectedListItem({ key: label(path) }));
      return;
    }
    const problem = itemProblem(item.trim(), label(path));
    if (problem !== undefined) report([...path, index], 'value', problem);
    else items.push(item.trim());
  });
  return items;
}

function validateDiagnostics(
  value: unknown,
  path: Path,
  label: (path: Path) => string,
  report: ProblemSink,
  options: { ignoreUnknownKeys: boolean },
): PartialSettings['diagnostics'] | undefined {
  if (!isPlainObject(value)) {
    report(path, 'value', messages.expectedMapping({ key: label(path) }));
    return undefined;
  }
  const diagnostics: NonNullable<PartialSettings['diagnostics']> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    const entryPath = [...path, key];
    if (key === 'scope') {
      if (entry === 'workspace' || entry === 'open') diagnostics.scope = entry;
      else report(entryPath, 'value', messages.expectedScope({ key: label(entryPath), fallback: defaultSettings().diagnostics.scope }));
    } else if (!options.ignoreUnknownKeys) reportUnknownKey(entryPath, DIAGNOSTICS_KEYS, label, report);
  }
  return diagnostics;
}

function validateCode(
  value: unknown,
  path: Path,
  label: (path: Path) => string,
  report: ProblemSink,
  options: { ignoreUnknownKeys: boolean },
): PartialSettings['code'] | undefined {
  if (!isPlainObject(value)) {
    report(path, 'value', messages.expectedMapping({ key: label(path) }));
    return undefined;
  }
  const defaults = defaultSettings().code;
  const code: NonNullable<PartialSettings['code']> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    const entryPath = [...path, key];
    switch (key) {
      case 'enabled':
      case 'includeTests':
      case 'codeLens':
        if (typeof entry === 'boolean') code[key] = entry;
        else report(entryPath, 'value', messages.expectedBoolean({ key: label(entryPath), fallback: String(defaults[key]) }));
        break;
      case 'secretEntropyThreshold':
        if (typeof entry === 'number' && Number.isFinite(entry) && entry >= 0) code.secretEntropyThreshold = entry;
        else report(entryPath, 'value', messages.expectedNonNegativeNumber({ key: label(entryPath), fallback: defaults.secretEntropyThreshold }));
        break;
      default:
        if (!options.ignoreUnknownKeys) reportUnknownKey(entryPath, CODE_KEYS, label, report);
    }
  }
  return code;
}

function dotted(path: Path): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment)).join('.').replace(/\.\[/g, '[');
}

/** The span a problem covers: the key of the entry when the key is wrong, else its value. */
function spanOf(root: AstNode | undefined, path: Path, part: 'key' | 'value'): { start: number; end: number } {
  const node = nodeAtPath(root, path);
  if (node === undefined) return { start: 0, end: 0 };
  if (part === 'key' && node.keyStart !== undefined && node.keyEnd !== undefined) return { start: node.keyStart, end: node.keyEnd };
  return { start: node.start, end: node.end };
}

/** True when a YAML text has nothing but blank lines and comments (an empty configuration). */
function isBlank(text: string): boolean {
  return text.replace(/^\uFEFF/, '').replace(/^\s*#.*$/gm, '').trim() === '';
}

/**
 * Parses `.api-guard.yaml` (or `.yml` / `.json`) and validates every key. Syntax errors and wrong
 * entries become problems placed on their text; what could be read and is valid still applies.
 * Never throws.
 */
export function parseConfigFile(uri: string, text: string): { settings: PartialSettings; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  if (isBlank(text)) return { settings: {}, problems };
  const doc = parseDocument(uri, text);
  for (const error of doc.errors) problems.push({ message: messages.syntax({ message: error.message }), start: error.start, end: error.end });
  if (doc.root === undefined) return { settings: {}, problems };
  const root = doc.root;
  const settings = validateLayer(
    toValue(root),
    dotted,
    (path, part, message) => problems.push({ message, ...spanOf(root, path, part) }),
    { ignoreUnknownKeys: false },
  );
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { settings, problems };
}

/**
 * Validates the `apiGuard` section of the editor settings (a plain object). Keys the core does not
 * know are left alone, because the same section also carries settings that only the extension
 * client reads (such as `trace.server`), and VS Code validates those against the manifest.
 */
export function readEditorSettings(value: unknown): { settings: PartialSettings; problems: string[] } {
  const problems: string[] = [];
  const settings = validateLayer(value, (path) => `apiGuard.${dotted(path)}`.replace(/\.$/, ''), (_path, _part, message) => problems.push(message), {
    ignoreUnknownKeys: true,
  });
  return { settings, problems };
}

/**
 * The effective settings: defaults, then each layer in order. Rule severities merge per rule id,
 * `diagnostics` and `code` per key; a list given by a layer replaces the list before it.
 */
export function mergeSettings(...layers: PartialSettings[]): ApiGuardSettings {
  const merged = defaultSettings();
  for (const layer of layers) {
    if (layer.rules !== undefined) {
      for (const [id, severity] of Object.entries(layer.rules)) if (severity !== undefined) merged.rules[id] = severity;
    }
    if (layer.allowedInsecureHosts !== undefined) merged.allowedInsecureHosts = [...layer.allowedInsecureHosts];
    if (layer.allowedRemoteRefHosts !== undefined) merged.allowedRemoteRefHosts = [...layer.allowedRemoteRefHosts];
    if (layer.include !== undefined) merged.include = [...layer.include];
    if (layer.exclude !== undefined) merged.exclude = [...layer.exclude];
    if (layer.maxFileSizeMB !== undefined) merged.maxFileSizeMB = layer.maxFileSizeMB;
    if (layer.diagnostics?.scope !== undefined) merged.diagnostics.scope = layer.diagnostics.scope;
    if (layer.code !== undefined) {
      for (const key of CODE_KEYS as (keyof ApiGuardSettings['code'])[]) {
        const value = layer.code[key];
        if (value !== undefined) (merged.code as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  return merged;
}
