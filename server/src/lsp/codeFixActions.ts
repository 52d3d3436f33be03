import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { addOperationFix } from '../core/code/addOperationFix';
import { codeFixes, codeIgnoreFixes } from '../core/code/codeFixes';
import { linesOf, type CodeFileResult } from '../core/code/codeFolderAnalysis';
import type { Finding } from '../core/engine/finding';
import type { TextEdit } from '../core/fixes/textEdit';
import type { LineIndex } from '../core/model/lineIndex';
import type { ParsedDocument } from '../core/model/parseDocument';
import type { ApiDescription } from '../core/openapi/types';
import type { FixProposal } from '../core/rules/types';
import { isCodeDocument } from './codeSession';
import { ruleIdOf } from './findingToDiagnostic';
import type { FolderSession } from './folderSession';

/** What the code-file quick fixes need from the server. */
export interface CodeFixHost {
  /** Every folder session, the one that owns `uri` first. */
  sessionsFor(uri: string): FolderSession[];
  /** The version and text of a document open in the editor; undefined when it is not open. */
  openVersion(uri: string): number | undefined;
  openText(uri: string): string | undefined;
  /** The client takes versioned `documentChanges` in workspace edits. */
  documentChanges: boolean;
  onError(message: string, error: unknown): void;
}

function sameStart(a: Finding['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The current finding a diagnostic stands for: same rule and fingerprint, else same rule and range. */
function findingOf(result: CodeFileResult, ruleId: string, diagnostic: Diagnostic): Finding | undefined {
  const fingerprint = (diagnostic.data as { fingerprint?: unknown } | undefined)?.fingerprint;
  const candidates = result.findings.filter((finding) => finding.ruleId === ruleId && (typeof fingerprint === 'string' ? finding.fingerprint === fingerprint : sameStart(finding.range, diagnostic.range)));
  return candidates.find((finding) => sameStart(finding.range, diagnostic.range)) ?? candidates[0];
}

/**
 * Offset edits as an LSP workspace edit: the code file's offsets through its extraction's line
 * index, a spec file's through the parsed document the fix was computed on. Undefined when a
 * document open in the editor no longer has the text the edit was computed on.
 */
function toWorkspaceEdit(host: CodeFixHost, result: CodeFileResult, apis: readonly ApiDescription[], edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const byUri = new Map<string, LspTextEdit[]>();
  const linesFor = (uri: string): { lines: LineIndex; text: string } | undefined => {
    if (uri === result.uri) return { lines: linesOf(result.extraction), text: result.extraction.text };
    const doc: ParsedDocument | undefined = apis.flatMap((api) => api.documents).find((candidate) => candidate.uri === uri);
    return doc === undefined ? undefined : { lines: doc.lines, text: doc.text };
  };
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const source = linesFor(edit.uri);
    if (source === undefined) return undefined;
    const open = host.openText(edit.uri);
    if (open !== undefined && open !== source.text) return undefined;
    let list = byUri.get(edit.uri);
    if (list === undefined) byUri.set(edit.uri, (list = []));
    list.push({ range: source.lines.rangeOf(edit.start, edit.end), newText: edit.newText });
  }
  if (byUri.size === 0) return undefined;
  if (host.documentChanges) {
    return { documentChanges: [...byUri].map(([uri, list]) => ({ textDocument: { uri, version: host.openVersion(uri) ?? null }, edits: list })) };
  }
  return { changes: Object.fromEntries(byUri) };
}

/**
 * The quick fixes of the API Guard diagnostics in a code file: each code rule's fixes (see
 * `codeFixes`), "Add operation to <spec file>" for an undocumented call (an edit of the API
 * description), then "Ignore <rule> here" and "Ignore <rule> in this file" as comments in the
 * language's syntax. Computed on the folder's analysis of the document's current text.
 */
export async function provideCodeFileActions(host: CodeFixHost, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  if (!isCodeDocument(uri)) return [];
  const diagnostics = params.context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
  if (diagnostics.length === 0) return [];
  const [owner] = host.sessionsFor(uri);
  if (owner === undefined) return [];
  // The file's own analysis must be current, not the whole folder's scan.
  if (!(await owner.whenCurrent(() => owner.codeIsCurrent(uri)))) return [];
  const result = owner.code.result(uri);
  if (result === undefined) return [];
  const apis = owner.codeApis();
  const fixes: CodeAction[] = [];
  const ignores: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const ruleId = ruleIdOf(diagnostic)!;
    const finding = findingOf(result, ruleId, diagnostic);
    if (finding === undefined) continue;
    let proposals: FixProposal[] = [];
    try {
      proposals = [...codeFixes(result.extraction, finding), ...(ruleId === 'code-undocumented-operation' ? addOperationFix(apis, finding.data) : [])];
    } catch (error) {
      host.onError(`Quick fix of ${ruleId} failed`, error);
    }
    const toAction = (proposal: FixProposal, list: CodeAction[]): void => {
      const key = `${proposal.title}|${JSON.stringify(proposal.edits)}`;
      if (seen.has(key)) return;
      const edit = toWorkspaceEdit(host, result, apis, proposal.edits);
      if (edit === undefined) return;
      seen.add(key);
      const action: CodeAction = { title: proposal.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
      if (proposal.isPreferred === true) action.isPreferred = true;
      list.push(action);
    };
    for (const proposal of proposals) toAction(proposal, fixes);
    for (const proposal of codeIgnoreFixes(result.extraction, finding)) toAction(proposal, ignores);
  }
  return [...fixes, ...ignores];
}
