import type { CodeLens, CodeLensParams, DefinitionParams, Location, LocationLink, ReferenceParams } from 'vscode-languageserver/node';
import { findCallSiteAt } from '../core/code/callSite';
import { linesOf, type MatchedCallSite } from '../core/code/codeFolderAnalysis';
import type { CallMatch } from '../core/code/matchCall';
import { offsetsOf, rangeOf } from '../core/engine/rangeOf';
import { defineMessages } from '../core/l10n/messages';
import { child, isObject } from '../core/model/ast';
import type { Range } from '../core/model/lineIndex';
import type { ApiDescription, NodeRef, OperationEntry } from '../core/openapi/types';
import { isCodeDocument } from './codeSession';
import type { FolderSession } from './folderSession';

const messages = defineMessages({
  callSites: { en: '{count} call sites', de: '{count} Aufrufstellen' },
  oneCallSite: { en: '1 call site', de: '1 Aufrufstelle' },
  noCallSites: { en: 'No call sites in the code', de: 'Keine Aufrufstellen im Code' },
});

/**
 * Client command behind the "N call sites" code lens: the extension turns its JSON arguments
 * (document URI, position, locations) into editor objects and opens the references peek view.
 */
export const SHOW_CALL_SITES_COMMAND = 'apiGuard.showCallSites';

/** What navigation needs from the server. */
export interface NavigationHost {
  /** Every folder session, the one that owns `uri` first. */
  sessionsFor(uri: string): FolderSession[];
  /** The text of the document open in the editor, when it is open. */
  openText(uri: string): string | undefined;
  /** The client accepts `LocationLink` answers to `textDocument/definition`. */
  definitionLinks: boolean;
}

/** The server capabilities navigation adds. */
export const NAVIGATION_CAPABILITIES = {
  definitionProvider: true,
  referencesProvider: true,
  codeLensProvider: { resolveProvider: false },
};

function locationOf(ref: NodeRef): Location {
  return { uri: ref.doc.uri, range: rangeOf(ref.doc, ref.node, 'key') };
}

/** Where "Go to definition" on a call leads: the matched operation, or the documented path that lacks the call's method. */
function definitionTarget(match: CallMatch): NodeRef | undefined {
  if (match.outcome === 'matched') return match.operation?.operation;
  if (match.outcome === 'method-not-documented' && match.api !== undefined) return match.api.operations.find((operation) => operation.path === match.documentedPath)?.pathItem;
  return undefined;
}

function selectionOf(ref: NodeRef): Range {
  if (ref.node.keyStart !== undefined) return rangeOf(ref.doc, ref.node, 'key');
  const start = ref.doc.lines.positionAt(ref.node.start);
  return { start, end: start };
}

/**
 * `textDocument/definition` on a code file: from the URL of an outbound call to the operation it
 * calls in the API description (or to the path item, when the path is documented without the
 * call's method). Answers after the folder has analysed the document's current text.
 */
export async function provideDefinition(host: NavigationHost, params: DefinitionParams): Promise<Location[] | LocationLink[] | null> {
  const uri = params.textDocument.uri;
  if (!isCodeDocument(uri)) return null;
  const [owner] = host.sessionsFor(uri);
  if (owner === undefined) return null;
  // This file's analysis must be current; the scan of the rest of the folder need not be done.
  if (!(await owner.whenCurrent(() => owner.codeIsCurrent(uri)))) return null;
  const result = owner.code.result(uri);
  if (result === undefined) return null;
  const open = host.openText(uri);
  if (open !== undefined && open !== result.extraction.text) return null;
  const index = findCallSiteAt(result.callSites, linesOf(result.extraction).offsetAt(params.position));
  if (index === undefined) return null;
  const target = definitionTarget(result.matches[index]);
  if (target === undefined) return null;
  if (!host.definitionLinks) return [locationOf(target)];
  const call = result.callSites[index];
  return [
    {
      originSelectionRange: call.urlRange ?? call.range,
      targetUri: target.doc.uri,
      targetRange: rangeOf(target.doc, target.node, 'entry'),
      targetSelectionRange: selectionOf(target),
    },
  ];
}

function contains(start: number | undefined, end: number | undefined, offset: number): boolean {
  return start !== undefined && end !== undefined && offset >= start && offset <= end;
}

/**
 * The operations a position in a spec file stands for: an operation's method key or its
 * `operationId` value (that operation), or a path key in `paths` (every operation of the path).
 */
function operationsAt(api: ApiDescription, uri: string, offset: number): OperationEntry[] {
  const found = new Set<OperationEntry>();
  const paths = api.pathsAt;
  for (const operation of api.operations) {
    const node = operation.operation.node;
    if (operation.operation.doc.uri === uri) {
      if (contains(node.keyStart, node.keyEnd, offset)) found.add(operation);
      const operationId = child(node, 'operationId');
      if (operationId !== undefined && contains(operationId.start, operationId.end, offset)) found.add(operation);
    }
    if (paths !== undefined && paths.doc.uri === uri && isObject(paths.node)) {
      const entry = paths.node.properties.get(operation.path);
      if (entry !== undefined && contains(entry.keyStart, entry.keyEnd, offset)) found.add(operation);
    }
  }
  return [...found];
}

/** The sessions whose analysis includes a spec file, each once they have caught up with pending work. */
async function sessionsAnalysing(host: NavigationHost, uri: string): Promise<FolderSession[]> {
  const sessions = host.sessionsFor(uri).filter((session) => !session.disposed);
  await Promise.all(sessions.map((session) => session.whenIdle()));
  return sessions.filter((session) => session.analysis.isAnalysed(uri));
}

/**
 * The call sites of an operation in the code of every folder: a client in one folder of a
 * multi-root workspace may call the API described in another. A code file belongs to one folder.
 */
function callSitesOf(sessions: readonly FolderSession[], api: ApiDescription, operation: OperationEntry): MatchedCallSite[] {
  const sites: MatchedCallSite[] = [];
  for (const session of sessions) {
    if (session.disposed) continue;
    for (const site of session.code.folderAnalysis?.callSitesOf(api.root.uri, operation.method, operation.path) ?? []) sites.push(site);
  }
  return sites;
}

function callLocation(site: MatchedCallSite): Location {
  return { uri: site.uri, range: site.callSite.urlRange ?? site.callSite.range };
}

/**
 * `textDocument/references` on a spec file: on an operation (its method key or operationId) or
 * a path key, the call sites in the code of every folder that call it; with `includeDeclaration`, the
 * operations themselves come first.
 */
export async function provideReferences(host: NavigationHost, params: ReferenceParams): Promise<Location[] | null> {
  const uri = params.textDocument.uri;
  if (isCodeDocument(uri)) return null;
  const locations: Location[] = [];
  const seen = new Set<string>();
  const add = (location: Location): void => {
    const key = `${location.uri}|${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    locations.push(location);
  };
  const everyFolder = host.sessionsFor(uri);
  for (const session of await sessionsAnalysing(host, uri)) {
    for (const api of session.analysis.apisIncluding(uri)) {
      const doc = api.documents.find((candidate) => candidate.uri === uri);
      if (doc === undefined) continue;
      const operations = operationsAt(api, uri, doc.lines.offsetAt(params.position));
      if (params.context.includeDeclaration) for (const operation of operations) add(locationOf(operation.operation));
      for (const operation of operations) for (const site of callSitesOf(everyFolder, api, operation)) add(callLocation(site));
    }
  }
  return locations.length === 0 && !params.context.includeDeclaration ? [] : locations;
}

function lensTitle(count: number): string {
  if (count === 0) return messages.noCallSites();
  return count === 1 ? messages.oneCallSite() : messages.callSites({ count });
}

/**
 * `textDocument/codeLens` on a spec file: above each operation written in it, how many call
 * sites in the code of every folder call it; a click lists them. Off with `apiGuard.code.codeLens:
 * false`, and absent while no folder has analysed code (every lens would say "no call sites").
 */
export async function provideCodeLenses(host: NavigationHost, params: CodeLensParams): Promise<CodeLens[]> {
  const uri = params.textDocument.uri;
  if (isCodeDocument(uri)) return [];
  const lenses: CodeLens[] = [];
  const seen = new Set<unknown>();
  // The lenses sit on the file's current operations; their counts are what the code scan has
  // found so far, and the client is asked to refresh them when call sites change.
  const sessions = host.sessionsFor(uri).filter((session) => !session.disposed);
  await Promise.all(sessions.map((session) => session.whenCurrent(() => session.specIsCurrent(uri))));
  // The code of any folder may call this file's operations.
  const anyCode = sessions.some((session) => session.code.hasCode());
  for (const session of sessions.filter((candidate) => candidate.analysis.isAnalysed(uri))) {
    const settings = session.settings;
    if (settings === undefined || !settings.code.enabled || !settings.code.codeLens || !anyCode) continue;
    for (const api of session.analysis.apisIncluding(uri)) {
      for (const operation of api.operations) {
        const ref = operation.operation;
        if (ref.doc.uri !== uri || seen.has(ref.node)) continue;
        seen.add(ref.node);
        const sites = callSitesOf(sessions, api, operation);
        const [start] = offsetsOf(ref.node, 'key');
        const position = ref.doc.lines.positionAt(start);
        const range = { start: position, end: position };
        const title = lensTitle(sites.length);
        lenses.push({
          range,
          command: sites.length === 0 ? { title, command: '' } : { title, command: SHOW_CALL_SITES_COMMAND, arguments: [uri, position, sites.map(callLocation)] },
        });
      }
    }
  }
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
