import { defineMessages } from '../core/l10n/messages';

/** What `api-guard fix` prints, in English and German. */
export const fixMessages = defineMessages({
  fileFixed: { en: '{file}: {count} fix(es) ({rules})', de: '{file}: {count} Korrektur(en) ({rules})' },
  fileWouldFix: { en: '{file}: would apply {count} fix(es) ({rules})', de: '{file}: {count} Korrektur(en) würden angewendet ({rules})' },
  fileBroken: {
    en: '{file}: not changed, it has syntax errors (api-guard lint shows them; fix them first)',
    de: '{file}: nicht geändert, die Datei hat Syntaxfehler (api-guard lint zeigt sie; zuerst beheben)',
  },
  fileChangedOnDisk: {
    en: '{file}: not written, it changed on disk during the run or is not valid UTF-8',
    de: '{file}: nicht geschrieben, die Datei wurde während des Laufs geändert oder ist kein gültiges UTF-8',
  },
  fileUnwritable: { en: '{file}: cannot be written ({reason})', de: '{file}: kann nicht geschrieben werden ({reason})' },
  summaryFixed: {
    en: 'Fixed {fixes} problem(s) in {files} file(s); {remaining} problem(s) remain.',
    de: '{fixes} Problem(e) in {files} Datei(en) behoben; {remaining} Problem(e) bleiben.',
  },
  summaryWouldFix: {
    en: 'Would fix {fixes} problem(s) in {files} file(s); {remaining} problem(s) would remain. Nothing was written (--dry-run).',
    de: '{fixes} Problem(e) in {files} Datei(en) würden behoben; {remaining} Problem(e) würden bleiben. Nichts wurde geschrieben (--dry-run).',
  },
  summaryNothing: {
    en: 'Nothing to fix automatically; {remaining} problem(s) remain.',
    de: 'Nichts automatisch zu beheben; {remaining} Problem(e) bleiben.',
  },
  summaryNoFiles: {
    en: 'No OpenAPI documents found. Check the paths and the include/exclude settings.',
    de: 'Keine OpenAPI-Dokumente gefunden. Prüfen Sie die Pfade und die include/exclude-Einstellungen.',
  },
  helpFix: {
    en: `Usage: api-guard fix [paths...] [options]

Applies the safe quick fixes to the OpenAPI documents under the paths and writes the files: the
fixes that need no choice (the same as "Fix all auto-fixable API Guard problems" in the editor),
repeated until nothing more can be fixed. Each fix is a minimal edit; comments, key order, quoting,
indentation, line endings and a byte order mark stay as they are. A file with syntax errors is
never changed (it is reported). Findings that need a decision stay for "api-guard lint".

Options:
  --dry-run                             Print a unified diff of the changes and write nothing
                                        (the report then goes to standard error)
  --rule <id>                           Fix only this rule's findings; repeat for several
  --no-code                             Leave the source code out: its findings are neither read nor
                                        counted among the remaining ones
  --format <text|json>                  Report format (default: text)
  --fail-on <error|warning|info|never>  Exit with 1 when findings at or above this severity remain
                                        after the fixes (default: never)
  --config <file>                       Use this configuration file instead of .api-guard.yaml
  --lang <en|de>                        Language of the messages
  -h, --help                            Show this help

{paths}

Exit codes:
  0  the fixes were applied (or there was nothing to fix), and no finding at or above --fail-on remains
  1  findings at or above --fail-on remain after the fixes
  2  a usage error, a --config file that cannot be read, a named file that cannot be read (the
     others are still fixed), a file that cannot be written, or an internal error`,
    de: `Aufruf: api-guard fix [Pfade...] [Optionen]

Wendet die sicheren Schnellkorrekturen auf die OpenAPI-Dokumente unter den Pfaden an und schreibt die
Dateien: die Korrekturen, die keine Wahl brauchen (dieselben wie "Alle automatisch behebbaren
API-Guard-Probleme beheben" im Editor), wiederholt, bis nichts mehr zu beheben ist. Jede Korrektur ist
eine minimale Änderung; Kommentare, Reihenfolge der Schlüssel, Anführungszeichen, Einrückung,
Zeilenenden und eine Byte-Order-Mark bleiben erhalten. Eine Datei mit Syntaxfehlern wird nie geändert
(sie wird gemeldet). Befunde, die eine Entscheidung brauchen, bleiben für "api-guard lint".

Optionen:
  --dry-run                             Die Änderungen als Unified Diff ausgeben und nichts schreiben
                                        (der Bericht geht dann auf die Standardfehlerausgabe)
  --rule <ID>                           Nur Befunde dieser Regel beheben; für mehrere wiederholen
  --no-code                             Den Quellcode auslassen: seine Befunde werden weder gelesen noch
                                        zu den verbleibenden gezählt
  --format <text|json>                  Format des Berichts (Standard: text)
  --fail-on <error|warning|info|never>  Exit-Code 1, wenn nach den Korrekturen Befunde mit diesem
                                        Schweregrad oder höher bleiben (Standard: never)
  --config <Datei>                      Diese Konfigurationsdatei statt .api-guard.yaml verwenden
  --lang <en|de>                        Sprache der Meldungen
  -h, --help                            Diese Hilfe zeigen

{paths}

Exit-Codes:
  0  die Korrekturen wurden angewendet (oder es gab nichts zu beheben), und kein Befund mit --fail-on
     oder höher bleibt
  1  nach den Korrekturen bleiben Befunde mit --fail-on oder höher
  2  ein Aufruffehler, eine --config-Datei, die nicht gelesen werden kann, eine angegebene Datei,
     die nicht gelesen werden kann (die übrigen werden trotzdem korrigiert), eine Datei, die nicht
     geschrieben werden kann, oder ein interner Fehler`,
  },
});
