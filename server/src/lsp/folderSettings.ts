import { mergeSettings, readEditorSettings, type ConfigProblem, type PartialSettings } from '../core/config/loadConfig';
import { defaultSettings, type ApiGuardSettings } from '../core/config/settings';
import { loadFolderSettings } from '../node/loadFolderSettings';
import type { Logger } from './logger';
import { serverMessages } from './serverMessages';
import { restrictUntrustedSettings } from './workspaceTrust';

/** The effective settings of one folder and where they came from. */
export interface FolderSettingsSnapshot {
  settings: ApiGuardSettings;
  /** The folder's configuration file, when it has one: its text as read and what is wrong in it. */
  config?: { uri: string; text: string; problems: ConfigProblem[] };
}

/** A folder as the settings cache sees it; `path` is absent for files outside every folder. */
export interface SettingsScope {
  uri: string;
  path?: string;
}

export interface FolderSettingsOptions {
  /** Reads the editor's `apiGuard` section for a scope (a folder URI, or undefined for global). */
  readEditorSection(scopeUri: string | undefined): Promise<unknown>;
  /** False in an untrusted workspace (read on every load: the client tells it at initialize). */
  isTrusted(): boolean;
  logger: Logger;
  /** Shows a warning to the user (window/showWarningMessage). */
  showWarning(message: string): void;
}

/**
 * Settings per workspace folder: defaults ← the folder's `.api-guard.yaml` ← the editor settings
 * pulled for that folder. Each folder's result is cached until `invalidate`, so that settings are
 * pulled once per change rather than once per analysis, and are never kept in globals.
 */
export class FolderSettingsCache {
  private readonly cache = new Map<string, Promise<FolderSettingsSnapshot>>();
  /** Problems already shown to the user; each is shown once per session, not on every reload. */
  private readonly shownProblems = new Set<string>();
  private readonly loggedTrustNotes = new Set<string>();

  constructor(private readonly options: FolderSettingsOptions) {}

  get(scope: SettingsScope): Promise<FolderSettingsSnapshot> {
    let snapshot = this.cache.get(scope.uri);
    if (snapshot === undefined) {
      snapshot = this.load(scope);
      this.cache.set(scope.uri, snapshot);
    }
    return snapshot;
  }

  invalidate(folderUri: string): void {
    this.cache.delete(folderUri);
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  private async load(scope: SettingsScope): Promise<FolderSettingsSnapshot> {
    const editorLayer = await this.editorLayer(scope);
    let snapshot: FolderSettingsSnapshot;
    try {
      snapshot = scope.path === undefined ? { settings: mergeSettings(editorLayer) } : this.loadFolder(scope.path, editorLayer);
    } catch (error) {
      this.options.logger.error(`Reading the settings of ${scope.uri} failed; the defaults apply`, error);
      snapshot = { settings: defaultSettings() };
    }
    if (!this.options.isTrusted()) {
      const restricted = restrictUntrustedSettings(snapshot.settings);
      snapshot = { ...snapshot, settings: restricted.settings };
      if (restricted.ignored.length > 0) this.noteUntrusted(scope.uri, restricted.ignored);
    }
    return snapshot;
  }

  private loadFolder(folderPath: string, editorLayer: PartialSettings): FolderSettingsSnapshot {
    const loaded = loadFolderSettings(folderPath, editorLayer);
    if (loaded.configUri === undefined || loaded.configText === undefined) return { settings: loaded.settings };
    return { settings: loaded.settings, config: { uri: loaded.configUri, text: loaded.configText, problems: loaded.problems } };
  }

  /** The editor's layer; a malformed section is reported and the valid rest still applies. */
  private async editorLayer(scope: SettingsScope): Promise<PartialSettings> {
    let section: unknown;
    try {
      section = await this.options.readEditorSection(scope.path === undefined ? undefined : scope.uri);
    } catch (error) {
      this.options.logger.error(`Reading the editor settings for ${scope.uri} failed; they are ignored`, error);
      return {};
    }
    const { settings, problems } = readEditorSettings(section);
    for (const problem of problems) {
      this.options.logger.warn(`Editor settings (${scope.path === undefined ? 'files outside the workspace folders' : scope.uri}): ${problem}`);
      if (this.shownProblems.has(problem)) continue;
      this.shownProblems.add(problem);
      this.options.showWarning(serverMessages.editorSettingsProblem({ problem }));
    }
    return settings;
  }

  private noteUntrusted(folderUri: string, ignored: string[]): void {
    const note = serverMessages.untrustedIgnored({ folder: folderUri, settings: ignored.join('; ') });
    if (this.loggedTrustNotes.has(note)) return;
    this.loggedTrustNotes.add(note);
    this.options.logger.warn(note);
  }
}
