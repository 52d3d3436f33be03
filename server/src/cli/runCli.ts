import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { closestName } from '../core/config/closestName';
import { allRuleMeta } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { setLocale } from '../core/l10n/messages';
import { ConfigFileUnreadableError } from '../node/loadFolderSettings';
import { analyseTargets, type WorkspaceRun } from './analyseTargets';
import { runChecklistCommand } from './checklistCommand';
import { BASELINE_FILE_NAME, BaselineError, createBaseline, readBaseline } from './baselineFile';
import { cliMessages } from './cliMessages';
import { noteAnalysed } from './compileCacheHint';
import { debugRequested } from './debugSetting';
import { formatJson } from './formats/formatJson';
import { formatMarkdown } from './formats/formatMarkdown';
import { formatSarif } from './formats/formatSarif';
import { formatText } from './formats/formatText';
import { runFixCommand } from './fixCommand';
import { fixMessages } from './fixMessages';
import { runInventoryCommand } from './inventoryCommand';
import { buildLintReport, type FailOn } from './lintReport';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from './parseArgs';
import { resolveTargets } from './resolveTargets';
import { textPieces } from './textPieces';
import { CLI_VERSION } from './version';

/** The process around the CLI, passed in so that tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** The clock for baseline timestamps. */
  now?: () => Date;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const COMMON_OPTIONS: OptionSpec[] = [
  { name: 'help', kind: 'flag', short: 'h' },
  { name: 'lang', kind: 'value', choices: ['en', 'de'] },
  { name: 'config', kind: 'value' },
];

const COMMAND_OPTIONS: Record<string, OptionSpec[]> = {
  lint: [
    ...COMMON_OPTIONS,
    { name: 'format', kind: 'value', choices: ['text', 'json', 'sarif', 'markdown'] },
    { name: 'output', kind: 'value' },
    { name: 'fail-on', kind: 'value', choices: ['error', 'warning', 'info', 'never'] },
    { name: 'min-severity', kind: 'value', choices: ['error', 'warning', 'info', 'hint'] },
    { name: 'rule', kind: 'list' },
    { name: 'baseline', kind: 'value' },
    { name: 'no-code', kind: 'flag' },
    { name: 'no-color', kind: 'flag' },
    { name: 'quiet', kind: 'flag' },
  ],
  baseline: [...COMMON_OPTIONS, { name: 'output', kind: 'value' }, { name: 'rule', kind: 'list' }, { name: 'quiet', kind: 'flag' }, { name: 'no-code', kind: 'flag' }],
  inventory: [...COMMON_OPTIONS, { name: 'format', kind: 'value', choices: ['json', 'markdown', 'csv'] }, { name: 'output', kind: 'value' }, { name: 'no-code', kind: 'flag' }],
  checklist: [...COMMON_OPTIONS, { name: 'format', kind: 'value', choices: ['text', 'json', 'markdown'] }, { name: 'output', kind: 'value' }, { name: 'no-code', kind: 'flag' }],
  fix: [
    ...COMMON_OPTIONS,
    { name: 'format', kind: 'value', choices: ['text', 'json'] },
    { name: 'fail-on', kind: 'value', choices: ['error', 'warning', 'info', 'never'] },
    { name: 'rule', kind: 'list' },
    { name: 'dry-run', kind: 'flag' },
    { name: 'no-code', kind: 'flag' },
  ],
};

const COMMANDS = Object.keys(COMMAND_OPTIONS);

const usageMessages = {
  unknownOption: (option: string) => cliMessages.unknownOption({ option }),
  missingValue: (option: string) => cliMessages.missingValue({ option }),
  badChoice: (option: string, value: string, choices: readonly string[]) => cliMessages.badChoice({ option, value, choices: choices.join(', ') }),
  flagWithValue: (option: string) => cliMessages.flagWithValue({ option }),
};

/** The language: `--lang`, else the POSIX locale variables, else English. */
function chooseLocale(argv: readonly string[], env: Record<string, string | undefined>): void {
  let lang: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === '--lang') lang = argv[index + 1];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  });
  setLocale(lang ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined));
}

function helpOf(command: string): string {
  const paths = cliMessages.helpPaths();
  switch (command) {
    case 'lint':
      return cliMessages.helpLint({ paths });
    case 'baseline':
      return cliMessages.helpBaseline({ paths });
    case 'inventory':
      return cliMessages.helpInventory({ paths });
    case 'checklist':
      return cliMessages.helpChecklist({ paths });
    case 'fix':
      return fixMessages.helpFix({ paths });
    default:
      return cliMessages.helpMain({ version: CLI_VERSION });
  }
}

/** Context each command needs: the parsed options and a way to print. */
export interface CommandContext {
  io: CliIo;
  args: ParsedArgs;
  debug: boolean;
  warn(message: string): void;
  /** The paths named on the command line that could not be read (filled by `analyse`). */
  skipped: string[];
  /** Writes a report, given whole or in consecutive parts, to `--output` (creating folders) or to standard output. */
  emit(text: string | readonly string[]): void;
  analyse(): Promise<WorkspaceRun>;
}

/**
 * Runs the command line and returns the exit code. It never throws: usage mistakes, unreadable
 * files and internal errors become a clear message on standard error (a stack trace only with
 * API_GUARD_DEBUG=1) and exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = debugRequested(io.env);
  chooseLocale(argv, io.env);
  const [first, ...rest] = argv;
  let command: string | undefined = first;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' && rest[0] !== undefined && COMMANDS.includes(rest[0]) ? rest[0] : 'main';
      // Without a command the help goes to standard error: the call was a usage mistake.
      (first === undefined ? io.stderr : io.stdout).write(helpOf(topic) + '\n');
      return first === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(CLI_VERSION + '\n');
      return EXIT_OK;
    }
    if (!COMMANDS.includes(first)) {
      if (first.startsWith('-')) throw new UsageError(cliMessages.unknownOption({ option: first }));
      const match = closestName(first, COMMANDS);
      command = undefined;
      throw new UsageError(cliMessages.unknownCommand({ command: first, suggestion: match === undefined ? '' : cliMessages.didYouMean({ name: match }) }));
    }
    const args = parseArgs(rest, COMMAND_OPTIONS[first], usageMessages);
    if (args.flags.has('help')) {
      io.stdout.write(helpOf(first) + '\n');
      return EXIT_OK;
    }
    const context = createContext(io, args, debug);
    const code = await runCommand(first, context);
    // A named file that could not be read leaves the report incomplete: a CI gate must not pass.
    if (context.skipped.length > 0) {
      io.stderr.write(`api-guard: ${cliMessages.runIncomplete({ count: context.skipped.length })}\n`);
      return EXIT_USAGE;
    }
    return code;
  } catch (error) {
    return reportError(error, io, debug, command);
  }
}

function runCommand(command: string, context: CommandContext): Promise<number> {
  switch (command) {
    case 'lint':
      return runLint(context);
    case 'baseline':
      return runBaseline(context);
    case 'inventory':
      return runInventoryCommand(context);
    case 'fix':
      return runFixCommand(context);
    default:
      return runChecklistCommand(context);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean, command: string | undefined): number {
  if (error instanceof UsageError) {
    io.stderr.write(`api-guard: ${error.message}\n`);
    io.stderr.write(command !== undefined && COMMANDS.includes(command) ? cliMessages.seeHelp({ command }) + '\n' : '');
  } else if (error instanceof ConfigFileUnreadableError) {
    io.stderr.write(`api-guard: ${cliMessages.configUnreadable({ path: error.path, reason: error.reason })}\n`);
  } else if (error instanceof BaselineError || error instanceof OutputError) {
    io.stderr.write(`api-guard: ${error.message}\n`);
  } else {
    io.stderr.write(`api-guard: ${cliMessages.internalError({ reason: error instanceof Error ? error.message : String(error) })}\n`);
  }
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(error.stack + '\n');
  return EXIT_USAGE;
}

/** A report that cannot be written where `--output` says. */
class OutputError extends Error {}

function createContext(io: CliIo, args: ParsedArgs, debug: boolean): CommandContext {
  const warn = (message: string): void => {
    io.stderr.write(`api-guard: ${message}\n`);
  };
  const only = args.lists.get('rule');
  if (only !== undefined) {
    const known = allRuleMeta().map((meta) => meta.id);
    for (const id of only) {
      if (known.includes(id)) continue;
      const match = closestName(id, known);
      throw new UsageError(cliMessages.unknownRule({ id, suggestion: match === undefined ? '' : cliMessages.didYouMean({ name: match }) }));
    }
  }
  const configValue = args.values.get('config');
  const configPath = configValue === undefined ? undefined : resolve(io.cwd, configValue);
  const skipped: string[] = [];
  return {
    io,
    args,
    debug,
    warn,
    skipped,
    emit(text: string | readonly string[]): void {
      const parts = typeof text === 'string' ? [text] : text;
      const output = args.values.get('output');
      if (output === undefined) {
        for (const part of parts) for (const piece of textPieces(part)) io.stdout.write(piece);
        return;
      }
      const path = resolve(io.cwd, output);
      try {
        mkdirSync(dirname(path), { recursive: true });
        const fd = openSync(path, 'w');
        try {
          for (const part of parts) for (const piece of textPieces(part)) writeSync(fd, piece);
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        throw new OutputError(cliMessages.outputUnwritable({ path: output, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
      }
    },
    analyse(): Promise<WorkspaceRun> {
      const targets = resolveTargets(args.positionals, io.cwd, warn, (path) => skipped.push(path));
      // `--no-code` leaves the source files out; commands without the option analyse them too.
      const code = !args.flags.has('no-code');
      return analyseTargets(targets, { configPath, only: only === undefined ? undefined : new Set(only), warn, debug, code, cwd: io.cwd }).then((run) => {
        noteAnalysed();
        return run;
      });
    },
  };
}

async function runLint(context: CommandContext): Promise<number> {
  const { args, io } = context;
  const format = args.values.get('format') ?? 'text';
  const baselinePath = args.values.get('baseline');
  // The baseline is read first, so that a wrong path fails fast before a long analysis.
  const baseline = baselinePath === undefined ? undefined : readBaseline(resolve(io.cwd, baselinePath));
  const run = await context.analyse();
  const minSeverity = (args.values.get('min-severity') ?? (format === 'text' ? 'warning' : 'hint')) as Severity;
  const report = buildLintReport({
    cwd: io.cwd,
    findings: run.findings,
    suppressed: run.suppressed,
    baseline,
    minSeverity,
    failOn: (args.values.get('fail-on') ?? 'error') as FailOn,
    filesAnalysed: run.filesAnalysed,
    apis: run.apis,
  });
  const toFile = args.values.has('output');
  switch (format) {
    case 'json':
      context.emit(formatJson(report));
      break;
    case 'sarif':
      context.emit(formatSarif(report, CLI_VERSION));
      break;
    case 'markdown':
      context.emit(formatMarkdown(report));
      break;
    default: {
      const colour = !toFile && io.stdout.isTTY === true && !args.flags.has('no-color') && !io.env.NO_COLOR;
      context.emit(formatText(report, { colour, quiet: args.flags.has('quiet') }));
    }
  }
  if (toFile && !args.flags.has('quiet')) io.stderr.write(cliMessages.reportWritten({ path: args.values.get('output')! }) + '\n');
  return report.failed ? EXIT_FINDINGS : EXIT_OK;
}

async function runBaseline(context: CommandContext): Promise<number> {
  const { args, io } = context;
  const run = await context.analyse();
  const output = args.values.get('output') ?? BASELINE_FILE_NAME;
  const baseline = createBaseline(run.findings, io.cwd, `api-guard ${CLI_VERSION}`, (io.now ?? (() => new Date()))());
  const path = resolve(io.cwd, output);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(baseline, null, 2) + '\n');
  } catch (error) {
    throw new OutputError(cliMessages.outputUnwritable({ path: output, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
  }
  if (!args.flags.has('quiet')) io.stdout.write(cliMessages.baselineWritten({ count: baseline.fingerprints.length, path: output }) + '\n');
  return EXIT_OK;
}
