import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../core/engine/finding';
import { ruleFixes } from '../core/fixes/computeFixes';
import { fixAll, minimalEdit } from '../core/fixes/fixAll';
import { ignoreFixes } from '../core/fixes/ignoreFixes';
import type { TextEdit } from '../core/fixes/textEdit';
import { defineMessages } from '../core/l10n/messages';
import type { Range } from '../core/model/lineIndex';
import { ruleDocsUrl } from '../core/ruleDocs';
import type { DocumentStore } from '../core/workspace/documentStore';
import type { FolderAnalysis } from '../core/workspace/folderAnalysis';
import type { ClientFeatures } from './clientCapabilities';
import { provideCodeFileActions, type CodeFixHost } from './codeFixActions';
import { ruleIdOf } from './findingToDiagnostic';
import type { FolderSession } from './folderSession';
import type { Logger } from './logger';
import { SHOW_RULE_DOCUMENTATION_COMMAND } from './protocol';

/** The kind of "Fix all auto-fixable API Guard problems", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.apiGuard`;

/** The kinds the server declares in `codeActionProvider.codeActionKinds`. */
export const CODE_ACTION_KINDS: string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];

const messages = defineMessages({
  fixAll: { en: 'Fix all auto-fixable API Guard problems', de: 'Alle automatisch behebbaren API-Guard-Probleme beheben' },
  showDocumentation: { en: 'Show documentation for {rule}', de: 'Dokumentation zu {rule} anzeigen' },
});

/**
 * An edit during the analysis makes the server analyse again; a code action waits for that, slice
 * by slice of the analysis loop, but gives up after this many slices rather than answer from a
 * stale analysis while the document keeps changing.
 */
const MAX_WAITS_FOR_ANALYSIS = 50;

/** What the code actions need from the server: its documents, folders and client. */
export interface CodeActionHost {
  readonly store: DocumentStore;
  readonly logger: Logger;
  readonly features: ClientFeatures;
  /** Every folder session, the one that owns `uri` first. */
  sessionsFor(uri: string): FolderSession[];
  /** The version of the document open in the editor; undefined when it is not open. */
  openVersion(uri: string): number | undefined;
  /** The text of the document open in the editor; undefined when it is not open. */
  openText(uri: string): string | undefined;
}

/**
 * Whether the client asked for actions of `kind`: kinds are hierarchical, so asking for `source`
 * or `source.fixAll` includes `source.fixAll.apiGuard`. Without `only`, the client wants the
 * actions it shows at the cursor (`byDefault`): quick fixes, not source actions.
 */
function kindRequested(only: readonly string[] | undefined, kind: string, byDefault: boolean): boolean {
  if (only === undefined || only.length === 0) return byDefault;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function fingerprintOf(diagnostic: Diagnostic): string | undefined {
  const data = diagnostic.data as { fingerprint?: unknown } | undefined;
  return typeof data?.fingerprint === 'string' ? data.fingerprint : undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function isIdle(session: FolderSession): boolean {
  return !session.busy && !session.scheduled && !session.hasPendingWork();
}

/**
 * Whether a session may still change what it knows about `uri`: it has work left, and `uri` is a
 * file it analyses (or is about to) whose analysis is not up to date with the store. A scan of
 * the rest of the folder does not count: a quick fix needs the APIs that include `uri`, not all.
 */
function stillAnalysing(session: FolderSession, uri: string): boolean {
  return !isIdle(session) && !session.specIsCurrent(uri);
}

/**
 * The analyses that hold `uri`, once they have caught up with every change the server has
 * received: a quick fix reads the current documents, and the diagnostic it was asked for may be
 * older than the text. It waits slice by slice for the analysis loop, and only as long as the
 * APIs that include `uri` are behind, so a quick fix is not held up by the scan of a large
 * workspace. Undefined when the document keeps changing faster than it is analysed.
 */
async function currentAnalyses(host: CodeActionHost, uri: string): Promise<FolderAnalysis[] | undefined> {
  for (let round = 0; round < MAX_WAITS_FOR_ANALYSIS; round++) {
    const [owner, ...others] = host.sessionsFor(uri);
    const relevant = [owner, ...others.filter((session) => session.analysis.isAnalysed(uri))].filter((session) => session !== undefined && !session.disposed);
    const pending = relevant.filter((session) => stillAnalysing(session, uri));
    if (pending.length === 0) return relevant.filter((session) => session.analysis.isAnalysed(uri)).map((session) => session.analysis);
    await Promise.race(pending.map((session) => session.whenProgress()));
  }
  return undefined;
}

/**
 * The current finding a diagnostic stands for: same rule and fingerprint (the fingerprint
 * survives edits elsewhere in the file), preferring the one at the diagnostic's range. Without a
 * fingerprint (a client that drops `data`), the rule and the exact range must match.
 */
function matchFinding(analyses: readonly FolderAnalysis[], findingsOf: (analysis: FolderAnalysis) => readonly Finding[], ruleId: string, diagnostic: Diagnostic): { analysis: FolderAnalysis; finding: Finding } | undefined {
  const fingerprint = fingerprintOf(diagnostic);
  for (const analysis of analyses) {
    const candidates = findingsOf(analysis).filter(
      (finding) => finding.ruleId === ruleId && (fingerprint === undefined ? sameRange(finding.range, diagnostic.range) : finding.fingerprint === fingerprint),
    );
    if (candidates.length === 0) continue;
    return { analysis, finding: candidates.find((finding) => sameRange(finding.range, diagnostic.range)) ?? candidates[0] };
  }
  return undefined;
}

/**
 * Turns offset edits into an LSP workspace edit, converting each document's offsets with its own
 * line index. Versioned `documentChanges` let the editor refuse the edit if the document changed
 * after the action was computed; files that are not open carry no version. Undefined when a file
 * is unknown or its open version is not the text the edits were computed on.
 */
function toWorkspaceEdit(host: CodeActionHost, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const byUri = new Map<string, LspTextEdit[]>();
  const versions = new Map<string, number | null>();
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    let list = byUri.get(edit.uri);
    if (list === undefined) {
      const doc = host.store.get(edit.uri);
      if (doc === undefined) return undefined;
      const open = host.openVersion(edit.uri);
      if (open !== undefined && open !== doc.version) return undefined;
      versions.set(edit.uri, open ?? null);
      byUri.set(edit.uri, (list = []));
    }
    const doc = host.store.get(edit.uri)!;
    list.push({ range: doc.lines.rangeOf(edit.start, edit.end), newText: edit.newText });
  }
  if (byUri.size === 0) return undefined;
  if (host.features.documentChanges) {
    return { documentChanges: [...byUri].map(([uri, list]) => ({ textDocument: { uri, version: versions.get(uri) ?? null }, edits: list })) };
  }
  return { changes: Object.fromEntries(byUri) };
}

function hasSyntaxErrors(host: CodeActionHost, uri: string): boolean {
  const doc = host.store.get(uri);
  return doc === undefined || doc.errors.length > 0 || doc.root === undefined;
}

/**
 * The quick fixes for the API Guard diagnostics at the cursor: each rule's own fixes, then
 * "Ignore <rule> here" and "Ignore <rule> in this file", then "Show documentation for <rule>".
 * An action that several diagnostics share (the file-wide ignore, the documentation) appears once.
 */
function quickFixes(host: CodeActionHost, uri: string, diagnostics: readonly Diagnostic[], analyses: readonly FolderAnalysis[] | undefined): CodeAction[] {
  const ruleActions: CodeAction[] = [];
  const ignoreActions: CodeAction[] = [];
  const docsActions: CodeAction[] = [];
  const seen = new Set<string>();
  const findingsOf = (analysis: FolderAnalysis): readonly Finding[] => analysis.findingsFor(uri);
  for (const diagnostic of diagnostics) {
    const ruleId = ruleIdOf(diagnostic);
    if (ruleId === undefined) continue;
    const match = analyses === undefined ? undefined : matchFinding(analyses, findingsOf, ruleId, diagnostic);
    if (match !== undefined) {
      const onError = (error: unknown): void => host.logger.error(`Quick fix of ${ruleId} failed`, error);
      for (const proposal of ruleFixes(match.analysis, match.finding, onError)) {
        // A fix computed on a half-parsed document could land anywhere; the user fixes the syntax first.
        if (proposal.edits.some((edit) => hasSyntaxErrors(host, edit.uri))) continue;
        const edit = toWorkspaceEdit(host, proposal.edits);
        if (edit === undefined) continue;
        const action: CodeAction = { title: proposal.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
        if (proposal.isPreferred === true) action.isPreferred = true;
        ruleActions.push(action);
      }
      const doc = host.store.get(uri);
      // Comments are inserted by line and stay safe in broken YAML; a JSON key needs a sound tree.
      if (doc !== undefined && (doc.format === 'yaml' || !hasSyntaxErrors(host, uri))) {
        for (const proposal of ignoreFixes(doc, match.finding)) {
          const key = `${proposal.title}|${JSON.stringify(proposal.edits)}`;
          if (seen.has(key)) continue;
          const edit = toWorkspaceEdit(host, proposal.edits);
          if (edit === undefined) continue;
          seen.add(key);
          ignoreActions.push({ title: proposal.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
        }
      }
    }
    const title = messages.showDocumentation({ rule: ruleId });
    if (seen.has(title)) continue;
    seen.add(title);
    const url = diagnostic.codeDescription?.href ?? ruleDocsUrl(ruleId);
    docsActions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [url] } });
  }
  return [...ruleActions, ...ignoreActions, ...docsActions];
}

/**
 * "Fix all auto-fixable API Guard problems" in one document: every safe fix of its findings,
 * re-analysed until nothing is left, as one edit per changed file (a fix may edit the file that
 * defines what the document refers to). Only the APIs that include the document are analysed.
 */
function fixAllAction(host: CodeActionHost, uri: string, analyses: readonly FolderAnalysis[] | undefined): CodeAction | undefined {
  const analysis = analyses?.[0];
  if (analysis === undefined || hasSyntaxErrors(host, uri)) return undefined;
  const roots = [...new Set(analysis.apisIncluding(uri).map((api) => api.root.uri))];
  if (roots.length === 0) return undefined;
  const scoped = analysis.fork(host.store);
  scoped.setCandidates(roots);
  const result = fixAll(scoped, host.store, [uri]);
  if (result.texts.size === 0) return undefined;
  const edits = [...result.texts].map(([changed, text]) => minimalEdit(changed, host.store.get(changed)!.text, text));
  const edit = toWorkspaceEdit(host, edits);
  return edit === undefined ? undefined : { title: messages.fixAll(), kind: FIX_ALL_KIND, edit };
}

/** What the code-file quick fixes read, from the code action host. */
function codeFixHost(host: CodeActionHost): CodeFixHost {
  return {
    sessionsFor: (uri) => host.sessionsFor(uri),
    openVersion: (uri) => host.openVersion(uri),
    openText: (uri) => host.openText(uri),
    documentChanges: host.features.documentChanges,
    onError: (message, error) => host.logger.error(message, error),
  };
}

/** Answers `textDocument/codeAction` for one document. */
export async function provideCodeActions(host: CodeActionHost, params: CodeActionParams): Promise<CodeAction[]> {
  // Edits can only travel in CodeAction literals; a client without them gets nothing rather than commands it cannot run.
  if (!host.features.codeActionLiterals) return [];
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const diagnostics = params.context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
  const wantsQuickFixes = diagnostics.length > 0 && kindRequested(only, CodeActionKind.QuickFix, true);
  const wantsFixAll = kindRequested(only, FIX_ALL_KIND, false);
  if (!wantsQuickFixes && !wantsFixAll) return [];
  const analyses = await currentAnalyses(host, uri);
  const actions: CodeAction[] = [];
  if (wantsQuickFixes) {
    // Code files (issue 4): the code rules' fixes, "Add operation to <spec file>" and ignore comments.
    actions.push(...(await provideCodeFileActions(codeFixHost(host), params)));
    actions.push(...quickFixes(host, uri, diagnostics, analyses));
  }
  if (wantsFixAll) {
    const action = fixAllAction(host, uri, analyses);
    if (action !== undefined) actions.push(action);
  }
  return actions;
}
