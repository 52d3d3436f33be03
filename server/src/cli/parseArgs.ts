/** What an option takes: nothing (a flag), one value, or one value per occurrence (repeatable). */
export type OptionKind = 'flag' | 'value' | 'list';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** The only values allowed, when the option takes a value from a fixed set. */
  choices?: readonly string[];
  /** A one-letter alias, e.g. `h` for `--help`. */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

/** A mistake in the command line; the CLI prints it with a hint and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface UsageMessages {
  unknownOption(option: string): string;
  missingValue(option: string): string;
  badChoice(option: string, value: string, choices: readonly string[]): string;
  flagWithValue(option: string): string;
}

/**
 * Parses `--name value`, `--name=value`, `-h` and positionals, with `--` ending the options. Every
 * option must be declared: an unknown one is a usage error rather than being taken for a path.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], messages: UsageMessages): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec] as const));
  const byShort = new Map(specs.filter((spec) => spec.short !== undefined).map((spec) => [spec.short!, spec] as const));
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), lists: new Map() };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
      inline = equals < 0 ? undefined : arg.slice(equals + 1);
      spec = byName.get(name);
    } else if (arg.length === 2) {
      spec = byShort.get(arg.slice(1));
    }
    if (spec === undefined) throw new UsageError(messages.unknownOption(arg));
    const display = `--${spec.name}`;
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(messages.flagWithValue(display));
      parsed.flags.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[index + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(messages.missingValue(display));
      value = next;
      index++;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) throw new UsageError(messages.badChoice(display, value, spec.choices));
    if (spec.kind === 'value') parsed.values.set(spec.name, value);
    else parsed.lists.set(spec.name, [...(parsed.lists.get(spec.name) ?? []), value]);
  }
  return parsed;
}
