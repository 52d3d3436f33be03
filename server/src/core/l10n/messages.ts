/**
 * Localised message templates for the engine's user-visible text (diagnostic messages, inventory
 * labels). The adapters set the process-wide locale once: the LSP server from the client's
 * `initialize` locale, the CLI from `--lang` or the environment. Templates use `{name}` holes.
 */
export type Locale = 'en' | 'de';

export interface MessageTemplate {
  en: string;
  de: string;
}

export type MessageArgs = Record<string, string | number>;

let currentLocale: Locale = 'en';

export function setLocale(locale: string | undefined): void {
  currentLocale = normaliseLocale(locale);
}

export function getLocale(): Locale {
  return currentLocale;
}

/** `de`, `de-CH`, `de_DE.UTF-8` → `de`; anything else → `en`. */
export function normaliseLocale(locale: string | undefined): Locale {
  return locale !== undefined && /^de\b|^de[-_]/i.test(locale) ? 'de' : 'en';
}

export function format(template: string, args: MessageArgs = {}): string {
  const parts = templateParts(template);
  let text = parts[0];
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index];
    text += (name in args ? String(args[name]) : `{${name}}`) + parts[index + 1];
  }
  return text;
}

/**
 * A template split once into literal text and hole names (text, name, text, …, text). Formatting
 * then concatenates instead of running a regular expression with a callback, which showed in
 * runs with thousands of findings. The templates are the fixed message tables, so the cache stays small.
 */
const partsByTemplate = new Map<string, string[]>();

function templateParts(template: string): string[] {
  let parts = partsByTemplate.get(template);
  if (parts === undefined) {
    parts = [];
    const hole = /\{(\w+)\}/g;
    let last = 0;
    for (let match = hole.exec(template); match !== null; match = hole.exec(template)) {
      parts.push(template.slice(last, match.index), match[1]);
      last = match.index + match[0].length;
    }
    parts.push(template.slice(last));
    partsByTemplate.set(template, parts);
  }
  return parts;
}

/** Turns a table of templates into functions that format in the current locale. */
export function defineMessages<T extends Record<string, MessageTemplate>>(table: T): { [K in keyof T]: (args?: MessageArgs) => string } {
  const out = {} as { [K in keyof T]: (args?: MessageArgs) => string };
  for (const key of Object.keys(table) as (keyof T)[]) {
    const template = table[key];
    out[key] = (args?: MessageArgs) => format(template[currentLocale] ?? template.en, args);
  }
  return out;
}

/** Plural helper for templates: `plural(n, 'operation', 'operations')`. */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
