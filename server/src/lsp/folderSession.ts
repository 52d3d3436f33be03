import type { ApiGuardSettings } from '../core/config/settings';
import type { Finding } from '../core/engine/finding';
import type { ApiDescription } from '../core/openapi/types';
import type { FolderAnalysis } from '../core/workspace/folderAnalysis';
import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { CodeSession } from './codeSession';
import type { FolderSettingsSnapshot } from './folderSettings';

/**
 * Everything the server keeps for one workspace folder (or for the loose files outside every
 * folder): its analysis, which files the workspace scan found, its settings, and what work is
 * pending. The server's analysis loop reads and clears the pending flags; event handlers only
 * set them, so that a burst of events costs one analysis.
 */
export class FolderSession {
  /** OpenAPI candidates the workspace scan found. */
  discovered = new Set<string>();
  /** Source files the scan found for the code analysis (used for the checklist's facts until code is analysed here). */
  discoveredCode: string[] = [];
  /** Open documents that look like OpenAPI but were not found by the scan (new, unsaved, excluded). */
  readonly openCandidates = new Set<string>();
  /** Active findings per URI after the last analysis. */
  findings: ReadonlyMap<string, readonly Finding[]> = new Map<string, Finding[]>();
  /** The analysis of the folder's code files (issue 4): call sites matched to the APIs, code findings. */
  readonly code = new CodeSession();
  /** Findings on the configuration file (rule `config-invalid`). */
  configFindings: { uri: string; findings: Finding[] } | undefined;
  snapshot: FolderSettingsSnapshot | undefined;
  /** Documents to publish after the next analysis even if their findings did not change (opened, closed, removed). */
  readonly republish = new Set<string>();
  /** Findings changed since the client views were last told (`apiGuard/analysisChanged`). */
  changedSinceNotification = false;
  /** The next discovery or scan reports progress (first scan, settings changed), not only a quiet rescan. */
  showProgress = true;
  /** The progress report of the scan in flight, ended when the analysis loop has nothing left to do. */
  progress: WorkDoneProgressReporter | undefined;

  /** The next settings reload re-analyses everything even if the settings are unchanged ("Analyse workspace"). */
  forceReset = false;
  /** The settings must be pulled again (editor settings or the configuration file changed). */
  settingsStale = true;
  /** The settings are being pulled: what the folder knows may be about to change. */
  settingsLoading = false;
  /** The file set must be discovered again (first scan, include/exclude changed, files created). */
  needsDiscovery: boolean;
  /** Discovered candidates are waiting to be added to the analysis (and analysed) in slices. */
  needsCandidateSync = false;
  /** Documents changed; one `FolderAnalysis.update()` brings everything up to date. */
  needsUpdate = false;
  /** The analysis loop is running or scheduled. */
  busy = false;
  scheduled = false;
  /** Aborted when the session's current discovery or scan is superseded (settings changed, folder removed). */
  scanAbort = new AbortController();
  scansCompleted = 0;
  disposed = false;
  private idleWaiters: (() => void)[] = [];
  private progressWaiters: (() => void)[] = [];

  constructor(
    readonly folderUri: string,
    /** File-system path of the folder; undefined for the loose-files session. */
    readonly folderPath: string | undefined,
    readonly name: string,
    readonly analysis: FolderAnalysis,
    /**
     * The APIs this folder's code is matched against: its own first, then those of the other
     * folders (a client in one folder of a multi-root workspace often calls the API described in
     * another). By default only its own.
     */
    readonly codeApis: () => readonly ApiDescription[] = () => analysis.allApis(),
  ) {
    this.needsDiscovery = folderPath !== undefined;
  }

  get settings(): ApiGuardSettings | undefined {
    return this.snapshot?.settings;
  }

  get isLoose(): boolean {
    return this.folderPath === undefined;
  }

  hasPendingWork(): boolean {
    return !this.disposed && (this.settingsStale || this.needsDiscovery || this.needsCandidateSync || this.needsUpdate || this.code.hasPendingWork(this.codeApis()));
  }

  /** Resolves once no analysis is pending or running. */
  whenIdle(): Promise<void> {
    if (!this.busy && !this.scheduled && !this.hasPendingWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
    this.notifyProgress();
  }

  /**
   * Resolves when the analysis loop next hands the event loop back (after a slice of a scan, a
   * step of the loop, or when it goes idle), so that a request can check again whether what it
   * needs is analysed without waiting for the whole scan.
   */
  whenProgress(): Promise<void> {
    if (!this.busy && !this.scheduled && !this.hasPendingWork()) return Promise.resolve();
    return new Promise((resolve) => this.progressWaiters.push(resolve));
  }

  /**
   * Resolves once `isCurrent()` holds (what a request needs is analysed) or the analysis loop is
   * idle, checking again after each slice of the loop, so that a request about one file does not
   * wait for the scan of the whole folder. Resolves false when it gave up after `maxSlices`
   * slices (the file keeps changing faster than it is analysed).
   */
  async whenCurrent(isCurrent: () => boolean, maxSlices = 50): Promise<boolean> {
    for (let slice = 0; slice < maxSlices; slice++) {
      if (this.disposed || isCurrent() || (!this.busy && !this.scheduled && !this.hasPendingWork())) return true;
      await this.whenProgress();
    }
    return false;
  }

  /** Whether the findings of a spec file are those of its current text (or the folder does not analyse it). */
  specIsCurrent(uri: string): boolean {
    if (this.settingsStale || this.settingsLoading) return false;
    const analysis = this.analysis;
    if (analysis.hasCandidate(uri) || analysis.isAnalysed(uri)) return analysis.isUpToDate(uri);
    // Not (yet) a candidate: current unless the scan has still to find or add it.
    return !this.needsDiscovery && !this.discovered.has(uri);
  }

  /** Whether the result of a code file is that of its current text, matched against up-to-date APIs. */
  codeIsCurrent(uri: string): boolean {
    return !this.needsUpdate && !this.needsCandidateSync && !this.settingsStale && !this.settingsLoading && this.code.isUpToDate(uri, this.codeApis());
  }

  notifyProgress(): void {
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Stops a running discovery or scan so that the next one starts from the new state. */
  interruptScan(): void {
    this.scanAbort.abort();
    this.scanAbort = new AbortController();
  }
}
