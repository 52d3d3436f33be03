import { defineMessages } from '../core/l10n/messages';

/** What the CLI says about the code analysis, in English and German. */
export const codeMessages = defineMessages({
  codeFileFailed: {
    en: 'The code file {file} could not be analysed: {reason}',
    de: 'Die Code-Datei {file} konnte nicht analysiert werden: {reason}',
  },
});
