import { defineMessages } from '../core/l10n/messages';
import { SpecialFileError } from '../node/nodeFileReader';

/** Every text the command line prints, in English and German. */
export const cliMessages = defineMessages({
  unknownOption: { en: 'Unknown option {option}', de: 'Unbekannte Option {option}' },
  missingValue: { en: 'Option {option} needs a value', de: 'Die Option {option} braucht einen Wert' },
  badChoice: {
    en: '"{value}" is not a valid value for {option}; use one of: {choices}',
    de: '"{value}" ist kein gültiger Wert für {option}; erlaubt sind: {choices}',
  },
  flagWithValue: { en: 'Option {option} takes no value', de: 'Die Option {option} nimmt keinen Wert' },
  unknownCommand: {
    en: 'Unknown command "{command}"{suggestion}. Commands: lint, fix, baseline, inventory, checklist',
    de: 'Unbekannter Befehl "{command}"{suggestion}. Befehle: lint, fix, baseline, inventory, checklist',
  },
  didYouMean: { en: ' (did you mean "{name}"?)', de: ' (meinten Sie "{name}"?)' },
  unknownRule: { en: 'Unknown rule "{id}"{suggestion}', de: 'Unbekannte Regel "{id}"{suggestion}' },
  pathMissing: { en: 'Path not found: {path}', de: 'Pfad nicht gefunden: {path}' },
  pathUnreadable: { en: 'Cannot read {path} ({reason}); it is skipped', de: '{path} kann nicht gelesen werden ({reason}); die Datei wird übersprungen' },
  namedPipe: { en: 'a named pipe, not a regular file', de: 'eine Named Pipe, keine reguläre Datei' },
  device: { en: 'a device, not a regular file', de: 'ein Gerät, keine reguläre Datei' },
  socket: { en: 'a socket, not a regular file', de: 'ein Socket, keine reguläre Datei' },
  runIncomplete: {
    en: 'The run is incomplete: {count} of the named files could not be read, so the exit code is 2',
    de: 'Der Lauf ist unvollständig: {count} der angegebenen Dateien konnten nicht gelesen werden, daher ist der Exit-Code 2',
  },
  tooManyPositionals: { en: 'The {command} command takes no paths', de: 'Der Befehl {command} nimmt keine Pfade' },
  seeHelp: { en: 'Run "api-guard {command} --help" for the options.', de: 'Mit "api-guard {command} --help" werden die Optionen angezeigt.' },
  configUnreadable: { en: 'Cannot read the configuration file {path} ({reason})', de: 'Die Konfigurationsdatei {path} kann nicht gelesen werden ({reason})' },
  baselineUnreadable: { en: 'Cannot read the baseline file {path} ({reason})', de: 'Die Baseline-Datei {path} kann nicht gelesen werden ({reason})' },
  baselineInvalid: {
    en: 'The baseline file {path} is not a valid API Guard baseline: {reason}',
    de: 'Die Baseline-Datei {path} ist keine gültige API-Guard-Baseline: {reason}',
  },
  baselineNotAList: { en: '"fingerprints" must be a list', de: '"fingerprints" muss eine Liste sein' },
  baselineVersion: { en: 'unsupported version {version}', de: 'nicht unterstützte Version {version}' },
  baselineEntry: { en: 'an entry has no "fingerprint"', de: 'ein Eintrag hat keinen "fingerprint"' },
  outputUnwritable: { en: 'Cannot write {path} ({reason})', de: '{path} kann nicht geschrieben werden ({reason})' },
  ruleFailed: {
    en: 'Rule {rule} failed and was skipped for one API: {reason}',
    de: 'Die Regel {rule} ist fehlgeschlagen und wurde für eine API übersprungen: {reason}',
  },
  internalError: {
    en: 'Internal error: {reason}. Set API_GUARD_DEBUG=1 to see the details, and please report it.',
    de: 'Interner Fehler: {reason}. Mit API_GUARD_DEBUG=1 werden die Einzelheiten angezeigt; bitte melden Sie den Fehler.',
  },
  reportWritten: { en: 'Report written to {path}', de: 'Bericht geschrieben nach {path}' },
  baselineWritten: {
    en: 'Baseline with {count} finding(s) written to {path}. Use it with: api-guard lint --baseline {path}',
    de: 'Baseline mit {count} Befund(en) geschrieben nach {path}. Verwendung: api-guard lint --baseline {path}',
  },
  moduleMissing: {
    en: 'The {command} command is not available in this build ({reason})',
    de: 'Der Befehl {command} ist in diesem Build nicht verfügbar ({reason})',
  },

  severityError: { en: 'error', de: 'Fehler' },
  severityWarning: { en: 'warning', de: 'Warnung' },
  severityInfo: { en: 'info', de: 'Info' },
  severityHint: { en: 'hint', de: 'Hinweis' },

  summaryClean: { en: 'No problems found in {files} file(s).', de: 'Keine Probleme in {files} Datei(en) gefunden.' },
  summaryProblems: {
    en: '{total} problem(s) in {files} file(s): {counts}.',
    de: '{total} Problem(e) in {files} Datei(en): {counts}.',
  },
  summaryCount: { en: '{count} {severity}', de: '{count} {severity}' },
  summaryHidden: {
    en: '{count} finding(s) below {severity} not shown (--min-severity hint shows them).',
    de: '{count} Befund(e) unter {severity} nicht angezeigt (--min-severity hint zeigt sie).',
  },
  summarySuppressed: { en: '{count} suppressed in the source.', de: '{count} im Quelltext unterdrückt.' },
  summaryBaselined: { en: '{count} known from the baseline.', de: '{count} aus der Baseline bekannt.' },
  summaryNoFiles: {
    en: 'No OpenAPI documents found. Check the paths and the include/exclude settings.',
    de: 'Keine OpenAPI-Dokumente gefunden. Prüfen Sie die Pfade und die include/exclude-Einstellungen.',
  },

  markdownTitle: { en: 'API Guard report', de: 'API-Guard-Bericht' },
  markdownSeverity: { en: 'Severity', de: 'Schweregrad' },
  markdownCount: { en: 'Count', de: 'Anzahl' },
  markdownLine: { en: 'Line', de: 'Zeile' },
  markdownRule: { en: 'Rule', de: 'Regel' },
  markdownMessage: { en: 'Message', de: 'Meldung' },
  markdownTotals: {
    en: '{files} file(s) analysed, {apis} API(s); {suppressed} suppressed, {baselined} from the baseline, {hidden} below the minimum severity.',
    de: '{files} Datei(en) analysiert, {apis} API(s); {suppressed} unterdrückt, {baselined} aus der Baseline, {hidden} unter dem Mindest-Schweregrad.',
  },
  markdownClean: { en: 'No findings.', de: 'Keine Befunde.' },

  helpMain: {
    en: `API Guard {version}: checks OpenAPI documents (Swagger 2.0, OpenAPI 3.0-3.2) and API-calling code for security gaps.

Usage: api-guard <command> [paths...] [options]

Commands:
  lint [paths...]        Print the findings and exit with 1 when some reach --fail-on
  fix [paths...]         Apply the safe quick fixes to the files (--dry-run prints a diff)
  baseline [paths...]    Record today's findings so that lint --baseline reports only new ones
  inventory [paths...]   List the APIs: servers, security schemes, operations and their state
  checklist [paths...]   Show the security checklist (the 4-week plan) with its automatic status

Options for every command:
  -h, --help             Show the help of a command (api-guard lint --help)
  --version              Print the version
  --lang <en|de>         Language of the output (default: from LC_ALL, LC_MESSAGES or LANG)

Paths default to the current folder. Set API_GUARD_DEBUG=1 to see stack traces of internal errors
and the V8 options set for a short run.`,
    de: `API Guard {version}: prüft OpenAPI-Dokumente (Swagger 2.0, OpenAPI 3.0-3.2) und API-aufrufenden Code auf Sicherheitslücken.

Aufruf: api-guard <Befehl> [Pfade...] [Optionen]

Befehle:
  lint [Pfade...]        Befunde ausgeben; Exit-Code 1, wenn welche --fail-on erreichen
  fix [Pfade...]         Die sicheren Schnellkorrekturen in die Dateien schreiben (--dry-run zeigt einen Diff)
  baseline [Pfade...]    Heutige Befunde festhalten, damit lint --baseline nur neue meldet
  inventory [Pfade...]   Die APIs auflisten: Server, Sicherheitsschemas, Operationen und ihr Zustand
  checklist [Pfade...]   Die Sicherheits-Checkliste (den 4-Wochen-Plan) mit automatischem Status zeigen

Optionen für jeden Befehl:
  -h, --help             Hilfe zu einem Befehl zeigen (api-guard lint --help)
  --version              Version ausgeben
  --lang <en|de>         Sprache der Ausgabe (Standard: aus LC_ALL, LC_MESSAGES oder LANG)

Pfade sind standardmässig der aktuelle Ordner. API_GUARD_DEBUG=1 zeigt Stacktraces interner Fehler
und die für einen kurzen Lauf gesetzten V8-Optionen.`,
  },
  helpPaths: {
    en: `Paths: folders or single files; default the current folder. Each path is analysed within its
workspace root: the nearest folder, from the path up to the current folder, that has an
.api-guard.yaml (or .yml/.json), else the current folder; a path outside the current folder is its
own root. The root's configuration applies, $refs may reach anywhere inside the root, and
fingerprints are relative to it. Folders honour the include/exclude settings and .gitignore;
files named explicitly are always analysed.`,
    de: `Pfade: Ordner oder einzelne Dateien; Standard ist der aktuelle Ordner. Jeder Pfad wird in seiner
Arbeitsbereichswurzel analysiert: dem nächsten Ordner vom Pfad aufwärts bis zum aktuellen Ordner, der
eine .api-guard.yaml (oder .yml/.json) enthält, sonst dem aktuellen Ordner; ein Pfad ausserhalb des
aktuellen Ordners ist seine eigene Wurzel. Es gilt die Konfiguration der Wurzel, $refs dürfen überall
in der Wurzel hinzeigen, und Fingerabdrücke sind relativ zu ihr. In Ordnern gelten include/exclude und
.gitignore; ausdrücklich genannte Dateien werden immer analysiert.`,
  },
  helpLint: {
    en: `Usage: api-guard lint [paths...] [options]

Checks the OpenAPI documents under the paths, and the code that calls APIs, and prints the findings.

Options:
  --format <text|json|sarif|markdown>      Output format (default: text)
  --output <file>                          Write the report to a file instead of standard output
  --config <file>                          Use this configuration file instead of .api-guard.yaml
  --fail-on <error|warning|info|never>     Lowest severity that makes the exit code 1 (default: error).
                                           It counts every finding, also those --min-severity hides
  --min-severity <error|warning|info|hint> Lowest severity printed (default: warning for text,
                                           hint for json, sarif and markdown)
  --rule <id>                              Run only this rule; repeat for several
  --baseline <file>                        Leave out findings recorded in this baseline file
  --no-code                                Check the OpenAPI documents only, not the source code
  --no-color                               No colours in text output (also: NO_COLOR=1)
  --quiet                                  Print only the findings, without summary and notes
  --lang <en|de>                           Language of the messages
  -h, --help                               Show this help

{paths}

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  a usage error, a --config or --baseline file that cannot be read, a named file that cannot
     be read (the others are still reported), a report that cannot be written, or an internal
     error. Mistakes inside a configuration file do not stop the run: each one is reported as a finding
     of rule config-invalid (severity error, so it fails the default --fail-on) on the exact
     place in the file, and only the wrong entry falls back to its default.`,
    de: `Aufruf: api-guard lint [Pfade...] [Optionen]

Prüft die OpenAPI-Dokumente unter den Pfaden und den Code, der APIs aufruft, und gibt die Befunde aus.

Optionen:
  --format <text|json|sarif|markdown>      Ausgabeformat (Standard: text)
  --output <Datei>                         Bericht in eine Datei statt auf die Standardausgabe schreiben
  --config <Datei>                         Diese Konfigurationsdatei statt .api-guard.yaml verwenden
  --fail-on <error|warning|info|never>     Niedrigster Schweregrad, der Exit-Code 1 ergibt (Standard:
                                           error). Zählt alle Befunde, auch die von --min-severity verborgenen
  --min-severity <error|warning|info|hint> Niedrigster ausgegebener Schweregrad (Standard: warning bei
                                           text, hint bei json, sarif und markdown)
  --rule <ID>                              Nur diese Regel ausführen; für mehrere wiederholen
  --baseline <Datei>                       Befunde aus dieser Baseline-Datei weglassen
  --no-color                               Keine Farben in der Textausgabe (auch: NO_COLOR=1)
  --quiet                                  Nur die Befunde ausgeben, ohne Zusammenfassung und Hinweise
  --lang <en|de>                           Sprache der Meldungen
  -h, --help                               Diese Hilfe zeigen

{paths}

Exit-Codes:
  0  kein Befund mit --fail-on oder höher
  1  mindestens ein Befund mit --fail-on oder höher
  2  ein Aufruffehler, eine --config- oder --baseline-Datei, die nicht gelesen werden kann, eine
     angegebene Datei, die nicht gelesen werden kann (die übrigen werden trotzdem gemeldet), ein
     Bericht, der nicht geschrieben werden kann, oder ein interner Fehler. Fehler in einer
     Konfigurationsdatei halten den Lauf nicht an: jeder wird als Befund der Regel config-invalid
     (Schweregrad error, also scheitert das Standard---fail-on) an der genauen Stelle der Datei
     gemeldet, und nur der falsche Eintrag fällt auf seinen Standard zurück.`,
  },
  helpBaseline: {
    en: `Usage: api-guard baseline [paths...] [options]

Records the current findings in a baseline file, so that "api-guard lint --baseline <file>" reports
only findings that are new since then. Commit the file. A finding is recognised by its fingerprint
(rule, file relative to the workspace root, and the JSON pointer of the node), which survives
unrelated edits such as lines inserted above it.

Options:
  --output <file>        Where to write the baseline (default: .api-guard-baseline.json)
  --config <file>        Use this configuration file instead of .api-guard.yaml
  --rule <id>            Record only this rule; repeat for several
  --no-code              Record findings of the OpenAPI documents only, not of the source code
  --quiet                Print nothing on success
  --lang <en|de>         Language of the messages
  -h, --help             Show this help

{paths}

Exit codes: 0 written, 2 a usage error or a file that cannot be read or written.`,
    de: `Aufruf: api-guard baseline [Pfade...] [Optionen]

Hält die aktuellen Befunde in einer Baseline-Datei fest, damit "api-guard lint --baseline <Datei>" nur
seither neue Befunde meldet. Die Datei wird eingecheckt. Ein Befund wird an seinem Fingerabdruck
erkannt (Regel, Datei relativ zur Arbeitsbereichswurzel und JSON-Pointer des Knotens), der
unabhängige Änderungen wie darüber eingefügte Zeilen übersteht.

Optionen:
  --output <Datei>       Ziel der Baseline (Standard: .api-guard-baseline.json)
  --config <Datei>       Diese Konfigurationsdatei statt .api-guard.yaml verwenden
  --rule <ID>            Nur diese Regel festhalten; für mehrere wiederholen
  --no-code              Nur Befunde der OpenAPI-Dokumente festhalten, nicht des Quellcodes
  --quiet                Bei Erfolg nichts ausgeben
  --lang <en|de>         Sprache der Meldungen
  -h, --help             Diese Hilfe zeigen

{paths}

Exit-Codes: 0 geschrieben, 2 ein Aufruffehler oder eine Datei, die nicht gelesen oder geschrieben werden kann.`,
  },
  helpInventory: {
    en: `Usage: api-guard inventory [paths...] [options]

Lists the APIs of the workspace: each API with its servers (and whether they are encrypted), its
security schemes, and its operations with method, path, effective security, documentation state
and findings per checklist step; and the APIs the code consumes: its call sites grouped by host and
by matched operation, with their findings. The JSON is the same data the editor's inventory view shows.

Options:
  --format <json|markdown|csv>   Output format (default: json)
  --output <file>                Write to a file instead of standard output
  --config <file>                Use this configuration file instead of .api-guard.yaml
  --no-code                      Leave out the source code (no consumed APIs)
  --lang <en|de>                 Language of the labels
  -h, --help                     Show this help

{paths}

Exit codes: 0 printed, 2 a usage error or a file that cannot be read or written.`,
    de: `Aufruf: api-guard inventory [Pfade...] [Optionen]

Listet die APIs des Arbeitsbereichs: jede API mit ihren Servern (und ob sie verschlüsselt sind), ihren
Sicherheitsschemas und ihren Operationen mit Methode, Pfad, wirksamer Sicherheit, Dokumentationsstand
und Befunden je Checklisten-Schritt; dazu die APIs, die der Code nutzt: seine Aufrufstellen nach Host und
nach zugeordneter Operation gruppiert, mit ihren Befunden. Das JSON enthält dieselben Daten wie die
Inventar-Ansicht im Editor.

Optionen:
  --format <json|markdown|csv>   Ausgabeformat (Standard: json)
  --output <Datei>               In eine Datei statt auf die Standardausgabe schreiben
  --config <Datei>               Diese Konfigurationsdatei statt .api-guard.yaml verwenden
  --no-code                      Den Quellcode auslassen (keine genutzten APIs)
  --lang <en|de>                 Sprache der Beschriftungen
  -h, --help                     Diese Hilfe zeigen

{paths}

Exit-Codes: 0 ausgegeben, 2 ein Aufruffehler oder eine Datei, die nicht gelesen oder geschrieben werden kann.`,
  },
  helpChecklist: {
    en: `Usage: api-guard checklist [paths...] [options]

Shows the security checklist (four weeks, eight steps) with the status computed from the
analysis and the team's confirmations stored in .api-guard/checklist.json. An exported inventory
(api-inventory.md, .csv or .json at the root or in docs/) and a CI configuration that runs
api-guard count as evidence for steps 1.2 and 4.1.

Options:
  --format <text|json|markdown>  Output format (default: text)
  --output <file>                Write to a file instead of standard output
  --config <file>                Use this configuration file instead of .api-guard.yaml
  --no-code                      Leave out the findings of the source code
  --lang <en|de>                 Language of the step titles
  -h, --help                     Show this help

{paths}

Exit codes: 0 printed, 2 a usage error or a file that cannot be read or written.`,
    de: `Aufruf: api-guard checklist [Pfade...] [Optionen]

Zeigt die Sicherheits-Checkliste (vier Wochen, acht Schritte) mit dem aus der Analyse berechneten
Status und den in .api-guard/checklist.json gespeicherten Bestätigungen des Teams. Ein exportiertes
Inventar (api-inventory.md, .csv oder .json im Wurzelordner oder in docs/) und eine CI-Konfiguration,
die api-guard ausführt, zählen als Nachweis für die Schritte 1.2 und 4.1.

Optionen:
  --format <text|json|markdown>  Ausgabeformat (Standard: text)
  --output <Datei>               In eine Datei statt auf die Standardausgabe schreiben
  --config <Datei>               Diese Konfigurationsdatei statt .api-guard.yaml verwenden
  --no-code                      Die Befunde des Quellcodes auslassen
  --lang <en|de>                 Sprache der Schritt-Titel
  -h, --help                     Diese Hilfe zeigen

{paths}

Exit-Codes: 0 ausgegeben, 2 ein Aufruffehler oder eine Datei, die nicht gelesen oder geschrieben werden kann.`,
  },
});

/** The reason a path was not read, for `pathUnreadable`: a special file in the user's language, else the error's code or message. */
export function unreadableReason(error: unknown, detail: (error: unknown) => string = (other) => String((other as Error)?.message ?? other)): string {
  if (error instanceof SpecialFileError) return error.kind === 'named pipe' ? cliMessages.namedPipe() : error.kind === 'device' ? cliMessages.device() : cliMessages.socket();
  return (error as NodeJS.ErrnoException)?.code ?? detail(error);
}
