import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, mergeSettings, parseConfigFile, type ConfigProblem, type PartialSettings } from '../core/config/loadConfig';
import type { ApiGuardSettings } from '../core/config/settings';
import { defineMessages } from '../core/l10n/messages';
import { pathToUri } from './uri';

const messages = defineMessages({
  unreadable: {
    en: 'The configuration file could not be read ({reason}); the defaults are used',
    de: 'Die Konfigurationsdatei konnte nicht gelesen werden ({reason}); die Standardwerte werden verwendet',
  },
});

export interface FolderSettings {
  settings: ApiGuardSettings;
  /** The configuration file that was read, when there is one. */
  configUri?: string;
  configText?: string;
  /** Problems of the configuration file, by offsets in `configText`. */
  problems: ConfigProblem[];
}

/** Thrown when a configuration file named explicitly (CLI `--config`) cannot be read. */
export class ConfigFileUnreadableError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot read the configuration file ${path}: ${reason}`);
    this.name = 'ConfigFileUnreadableError';
  }
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error as Error).message;
}

/**
 * The effective settings of a workspace folder: defaults ← its configuration file
 * (`.api-guard.yaml`, `.yml` or `.json` at the folder root, or the file given explicitly) ← the
 * editor layer. A configuration file with problems still contributes its valid part. A missing
 * file means defaults; an explicitly named file that cannot be read throws ConfigFileUnreadableError.
 */
export function loadFolderSettings(folderPath: string, editorLayer: PartialSettings = {}, explicitConfigPath?: string): FolderSettings {
  if (explicitConfigPath !== undefined) {
    const path = resolve(explicitConfigPath);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigFileUnreadableError(path, errorCode(error));
    }
    return fromText(pathToUri(path), text, editorLayer);
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(folderPath, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      // The file is there but unreadable (permissions, a folder of that name): say so on the file.
      return {
        settings: mergeSettings(editorLayer),
        configUri: pathToUri(path),
        configText: '',
        problems: [{ message: messages.unreadable({ reason: errorCode(error) }), start: 0, end: 0 }],
      };
    }
    return fromText(pathToUri(path), text, editorLayer);
  }
  return { settings: mergeSettings(editorLayer), problems: [] };
}

function fromText(configUri: string, configText: string, editorLayer: PartialSettings): FolderSettings {
  const { settings, problems } = parseConfigFile(configUri, configText);
  return { settings: mergeSettings(settings, editorLayer), configUri, configText, problems };
}
