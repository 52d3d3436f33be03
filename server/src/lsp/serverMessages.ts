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
});
