import { defineMessages } from '../core/l10n/messages';

/** What the language server itself says to the user (progress, warnings), in English and German. */
export const serverMessages = defineMessages({
  progressTitle: {
    en: 'API Guard',
    de: 'API Guard',
  },
  discovering: {
    en: 'Looking for OpenAPI files in {folder}…',
    de: 'Suche OpenAPI-Dateien in {folder}…',
  },
  analysing: {
    en: 'Analysing {count} files…',
    de: 'Analysiere {count} Dateien…',
  },
  editorSettingsProblem: {
    en: 'API Guard: {problem}',
    de: 'API Guard: {problem}',
  },
  untrustedIgnored: {
    en: 'API Guard: the workspace is not trusted, so these settings are ignored in {folder}: {settings}',
    de: 'API Guard: Der Arbeitsbereich ist nicht vertrauenswürdig, daher werden diese Einstellungen in {folder} ignoriert: {settings}',
  },
  findingsNotShown: {
    en: 'API Guard shows {shown} of the {total} findings of this file here: the editor shows at most {limit} problems per file. Errors and warnings come first, then the findings nearest to where you last edited or looked. Run `api-guard lint` for the complete list.',
    de: 'API Guard zeigt hier {shown} der {total} Befunde dieser Datei: Der Editor zeigt höchstens {limit} Probleme pro Datei. Fehler und Warnungen kommen zuerst, dann die Befunde nahe der Stelle, die Sie zuletzt bearbeitet oder angesehen haben. `api-guard lint` listet alle auf.',
  },
});
