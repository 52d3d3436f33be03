import { readFile, stat } from 'node:fs/promises';
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Tree } from 'web-tree-sitter';
import { CodeFolderAnalysis, type CodeFileResult, type CodeFolderOptions } from '../core/code/codeFolderAnalysis';
import { codeLanguageOf, type CodeLanguage } from '../core/code/languages';
import { SyntaxTreeCache, type TextChange, type TreeEdit } from '../core/code/syntaxTreeCache';
import type { Finding } from '../core/engine/finding';
import { defineMessages } from '../core/l10n/messages';
import type { ApiDescription } from '../core/openapi/types';
import { ensureTreeSitterConfigured } from '../node/treeSitterSetup';
import { uriToPath } from '../node/uri';
import { EditorDocument } from './editorDocument';

const messages = defineMessages({
  analysingCode: { en: 'Analysing code: {done} of {total} files…', de: 'Analysiere Code: {done} von {total} Dateien…' },
});

/** More queued edits than this for one document are dropped in favour of one full parse. */
const MAX_QUEUED_CHANGES = 500;

/** Whether a document is one the code analysis reads (by the editor's language id, else the extension). */
export function isCodeDocument(uri: string, languageId?: string): boolean {
  return codeLanguageOf(uri, languageId) !== undefined;
}

/**
 * The syntax trees of the open code documents and the edits that arrived since each was last
 * parsed. The server's `TextDocuments` is created with `configuration`, which records every
 * incremental change of a code document on its way in, so that the next analysis re-parses
 * only what changed (tree-sitter's edit + reparse) instead of the whole file.
 */
export class CodeDocuments {
  private readonly trees = new SyntaxTreeCache();
  private readonly changes = new Map<string, TextChange[]>();

  readonly configuration: TextDocumentsConfiguration<EditorDocument> = {
    create: (uri, languageId, version, content) => EditorDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      this.record(document.uri, changes);
      return EditorDocument.update(document, changes, version);
    },
  };

  /**
   * The tree of a document's current text: the cached tree edited with the queued changes and
   * re-parsed incrementally when they lead exactly to `text` (then with the edit, so that the
   * extraction can redo only the statements it touched), else a full parse.
   */
  async treeFor(uri: string, language: CodeLanguage, text: string): Promise<{ tree: Tree; edit?: TreeEdit }> {
    const queued = this.changes.get(uri) ?? [];
    this.changes.delete(uri);
    const cached = this.trees.get(uri);
    if (cached !== undefined && cached.language === language && cached.text !== text && queued.length > 0) {
      try {
        const tree = await this.trees.applyChanges(uri, queued);
        const edited = this.trees.get(uri);
        if (tree !== undefined && edited?.text === text) return { tree, edit: edited.edit };
      } catch {
        // Changes that do not fit the cached text (a lost notification): the full parse below is always right.
      }
    }
    return { tree: await this.trees.parse(uri, language, text) };
  }

  /** Frees a document's tree and queued changes (closed, or no longer analysed). */
  close(uri: string): void {
    this.changes.delete(uri);
    this.trees.close(uri);
  }

  /** Only documents with a cached tree need their edits: the others are parsed in full anyway. */
  private record(uri: string, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (this.trees.get(uri) === undefined) return;
    let queue = this.changes.get(uri);
    if (queue === undefined) this.changes.set(uri, (queue = []));
    for (const change of changes) queue.push('range' in change ? { range: change.range, text: change.text } : { text: change.text });
    if (queue.length > MAX_QUEUED_CHANGES) this.close(uri);
  }
}

/** What a slice of code analysis needs from the server. */
export interface CodeSliceHost {
  documents: CodeDocuments;
  /** The editor's buffer of an open document. */
  openDocument(uri: string): { getText(): string; languageId: string } | undefined;
  /** The APIs the calls are matched against: the folder's own first, then those of the other folders. */
  apis: readonly ApiDescription[];
  /** True when the work is superseded (settings changed, folder removed, shutdown): the slice stops. */
  shouldStop(): boolean;
  sliceMilliseconds: number;
  /** Files larger than this are not read from disk. */
  maxFileSizeBytes: number;
  reportProgress?(percentage: number, message: string): void;
  onFileError(uri: string, error: unknown): void;
}

/**
 * The code analysis of one workspace folder in the language server: which code files belong to
 * it (found by the workspace scan, or open in the editor), what is left to do, and the results.
 * The server's analysis loop calls `runSlice` while `hasPendingWork` says so; each slice does
 * about `sliceMilliseconds` of work (open documents first, then files from disk, then re-matching
 * after the APIs changed) and returns the documents whose diagnostics may have changed.
 */
export class CodeSession {
  private analysis: CodeFolderAnalysis | undefined;
  private optionsKey: string | undefined;
  private discovered = new Set<string>();
  private readonly open = new Set<string>();
  /** Open documents whose buffer changed since they were last analysed. */
  private readonly openToRead = new Set<string>();
  /** Files to read from disk and analyse. */
  private readonly diskToRead = new Set<string>();
  /** Files whose cached extraction must be matched again (APIs or settings changed). */
  private readonly toMatch = new Set<string>();
  /** Files whose findings went away without a slice noticing (removed, closed, excluded). */
  private readonly toPublish = new Set<string>();
  private progress = { done: 0, total: 0 };
  /** Matches changed since the client last refreshed its code lenses. */
  callSitesChanged = false;

  /** The folder's code analysis, once settings are known. */
  get folderAnalysis(): CodeFolderAnalysis | undefined {
    return this.analysis;
  }

  /**
   * Applies the folder's settings. A change of anything the code rules read (or `reset`, for
   * "Analyse workspace") re-checks every file; extractions are reused unless `reset` asks for
   * every file to be read again.
   */
  configure(options: CodeFolderOptions, reset = false): void {
    const key = JSON.stringify({ ...options.settings, diagnostics: undefined, folder: options.folderUri });
    if (this.analysis !== undefined && key === this.optionsKey && !reset) return;
    this.optionsKey = key;
    if (this.analysis === undefined || reset) {
      for (const uri of this.analysis?.uris() ?? []) this.toPublish.add(uri);
      this.analysis = new CodeFolderAnalysis(options);
    } else {
      this.analysis.setOptions(options);
    }
    if (!options.settings.code.enabled) {
      for (const uri of this.analysis.uris()) this.forget(uri);
      this.clearQueues();
      return;
    }
    for (const uri of this.known()) {
      if (this.open.has(uri)) this.openToRead.add(uri);
      else if (this.analysis.hasExtraction(uri)) this.toMatch.add(uri);
      else this.diskToRead.add(uri);
    }
    this.startProgress();
  }

  /** The code files the workspace scan found for this folder. */
  setDiscovered(uris: readonly string[]): void {
    const next = new Set(uris);
    for (const uri of this.discovered) if (!next.has(uri) && !this.open.has(uri)) this.forget(uri);
    for (const uri of next) if (!this.discovered.has(uri) && !this.open.has(uri)) this.diskToRead.add(uri);
    this.discovered = next;
    this.startProgress();
  }

  /** An open code document was opened or edited. */
  documentChanged(uri: string): void {
    this.open.add(uri);
    this.diskToRead.delete(uri);
    this.openToRead.add(uri);
  }

  /** An open code document was closed: the file on disk counts again, if it is part of the folder. */
  documentClosed(uri: string): void {
    if (!this.open.delete(uri)) return;
    this.openToRead.delete(uri);
    if (this.discovered.has(uri)) this.diskToRead.add(uri);
    else this.forget(uri);
  }

  /** The document now belongs to another folder (workspace folders changed). */
  release(uri: string): void {
    this.open.delete(uri);
    this.openToRead.delete(uri);
    if (!this.discovered.has(uri)) this.forget(uri);
  }

  /**
   * A code file changed on disk. Returns false for a file the folder does not know yet (created,
   * or newly un-ignored), for which the workspace scan decides whether it belongs.
   */
  fileChanged(uri: string, deleted: boolean): boolean {
    if (deleted) {
      this.discovered.delete(uri);
      if (!this.open.has(uri)) this.forget(uri);
      return true;
    }
    if (this.open.has(uri)) return true;
    if (!this.discovered.has(uri)) return false;
    this.diskToRead.add(uri);
    return true;
  }

  /** Whether there is work left; `apis` are the APIs the calls are to be matched against now. */
  hasPendingWork(apis: readonly ApiDescription[]): boolean {
    if (this.toPublish.size > 0) return true;
    if (this.analysis === undefined || !this.analysis.settings.code.enabled) return false;
    return this.openToRead.size > 0 || this.diskToRead.size > 0 || this.toMatch.size > 0 || !this.analysis.hasApis(apis);
  }

  /**
   * Whether the result of `uri` is that of its current text matched against the current set of
   * APIs (`apis`): nothing about it is queued. A file the folder does not analyse counts as current.
   */
  isUpToDate(uri: string, apis: readonly ApiDescription[]): boolean {
    if (this.analysis === undefined || !this.analysis.settings.code.enabled) return true;
    if (this.openToRead.has(uri) || this.diskToRead.has(uri) || this.toMatch.has(uri)) return false;
    return this.analysis.hasApis(apis);
  }

  /** The result of a file: its call sites, matches and findings. */
  result(uri: string): CodeFileResult | undefined {
    return this.analysis?.result(uri);
  }

  findingsFor(uri: string): Finding[] {
    return this.analysis?.result(uri)?.findings ?? [];
  }

  /** Whether the folder has any analysed code file (code lenses are shown only then). */
  hasCode(): boolean {
    return (this.analysis?.uris().length ?? 0) > 0;
  }

  /** Does one slice of the pending work; returns the documents whose findings may have changed. */
  async runSlice(host: CodeSliceHost): Promise<Set<string>> {
    const touched = new Set(this.toPublish);
    this.toPublish.clear();
    const analysis = this.analysis;
    if (analysis === undefined || !analysis.settings.code.enabled) return touched;
    if (analysis.setApis(host.apis)) {
      // New APIs: every file is matched again, from its cached extraction.
      for (const uri of analysis.extractedUris()) if (this.isKnown(uri) && !this.openToRead.has(uri) && !this.diskToRead.has(uri)) this.toMatch.add(uri);
      this.callSitesChanged = true;
    }
    if (this.openToRead.size + this.diskToRead.size > 0) ensureTreeSitterConfigured();
    const started = Date.now();
    while (!host.shouldStop()) {
      const uri = first(this.openToRead) ?? first(this.diskToRead) ?? first(this.toMatch);
      if (uri === undefined) break;
      try {
        if (this.openToRead.delete(uri)) await this.analyseOpen(uri, host);
        else if (this.diskToRead.delete(uri)) await this.analyseDisk(uri, host);
        else if (this.toMatch.delete(uri)) analysis.rematch(uri);
      } catch (error) {
        host.onFileError(uri, error);
        analysis.remove(uri);
      }
      touched.add(uri);
      this.callSitesChanged = true;
      this.progress.done++;
      if (Date.now() - started >= host.sliceMilliseconds) break;
    }
    const total = this.progress.total;
    if (total > 0 && host.reportProgress !== undefined) {
      const done = Math.min(this.progress.done, total);
      host.reportProgress(Math.floor((done * 100) / total), messages.analysingCode({ done, total }));
    }
    if (this.openToRead.size + this.diskToRead.size === 0) this.progress = { done: 0, total: 0 };
    return touched;
  }

  private async analyseOpen(uri: string, host: CodeSliceHost): Promise<void> {
    const analysis = this.analysis!;
    const document = host.openDocument(uri);
    if (document === undefined) {
      // Closed before its turn came: what counts now is the file on disk.
      this.documentClosed(uri);
      return;
    }
    const text = document.getText();
    const language = codeLanguageOf(uri, document.languageId);
    if (language === undefined || !analysis.accepts(uri, text)) {
      host.documents.close(uri);
      this.forget(uri);
      return;
    }
    const { tree, edit } = await host.documents.treeFor(uri, language, text);
    await analysis.analyse(uri, text, { languageId: document.languageId, tree, edit });
  }

  private async analyseDisk(uri: string, host: CodeSliceHost): Promise<void> {
    const analysis = this.analysis!;
    const path = uriToPath(uri);
    if (path === undefined || !analysis.accepts(uri)) {
      this.forget(uri);
      return;
    }
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile() || info.size > host.maxFileSizeBytes) {
      this.forget(uri);
      return;
    }
    await analysis.analyse(uri, await readFile(path, 'utf8'));
  }

  private known(): Set<string> {
    return new Set([...this.discovered, ...this.open]);
  }

  private isKnown(uri: string): boolean {
    return this.discovered.has(uri) || this.open.has(uri);
  }

  private forget(uri: string): void {
    this.openToRead.delete(uri);
    this.diskToRead.delete(uri);
    this.toMatch.delete(uri);
    if (this.analysis?.remove(uri)) {
      this.toPublish.add(uri);
      this.callSitesChanged = true;
    }
  }

  private clearQueues(): void {
    this.openToRead.clear();
    this.diskToRead.clear();
    this.toMatch.clear();
    this.progress = { done: 0, total: 0 };
  }

  /** Progress counts the files queued for reading when a scan starts or grows. */
  private startProgress(): void {
    const queued = this.openToRead.size + this.diskToRead.size + this.toMatch.size;
    this.progress = { done: 0, total: queued };
  }
}

function first<T>(set: Set<T>): T | undefined {
  const next = set.values().next();
  return next.done === true ? undefined : next.value;
}
