import type { Node, Tree } from 'web-tree-sitter';
import { findIgnoreDirectives } from '../engine/suppressions';
import { LineIndex } from '../model/lineIndex';
import type { CallSite, ClientInstance, SourceSpan } from './callSite';
import type { CodeExtraction, CodeIgnoreDirective, SecretCandidate, UrlUse } from './codeExtraction';
import { carriesCredential, variableCarriesCredential } from './extract/credentials';
import { LANGUAGE_SUPPORT } from './extract/languageSupport';
import { joinTemplates } from './extract/nodeUtils';
import { BASE_URL_NAMES, type RecognisedCall, type RecognisedClient } from './extract/recognised';
import { SourceFile, type KeyLookups } from './extract/sourceFile';
import { StringTemplate } from './extract/stringTemplate';
import type { CallInfo, LiteralString, NamedValue } from './extract/syntax';
import { codeLanguageOf, type CodeLanguage } from './languages';
import type { TreeEdit } from './syntaxTreeCache';
import { parseCode } from './treeSitter';
import { isSecretName, mayBeGenericSecret, MIN_GENERIC_SECRET_LENGTH, providerFormatOf } from './secrets';
import { insecureScheme, isAbsoluteUrl, parseUrlTemplate } from './urlTemplate';

/**
 * Extracts call sites, clients, URLs, TLS settings and secret candidates from a parsed code file.
 * The result is plain data that depends only on the text, so callers cache it per text and redo
 * only the matching when the workspace's APIs change. Never throws on odd input: a construct that
 * cannot be understood is skipped.
 */
export function extractFromTree(uri: string, language: CodeLanguage, text: string, tree: Tree, onError?: (stage: string, error: unknown) => void): CodeExtraction {
  return extractIndexed(new SourceFile(uri, text, tree, LANGUAGE_SUPPORT[language].syntax), language, onError).extraction;
}

function extractIndexed(file: SourceFile, language: CodeLanguage, onError?: (stage: string, error: unknown) => void): { extraction: CodeExtraction; failed: boolean } {
  let failed = false;
  const detected = detect(file, language, (stage, error) => {
    failed = true;
    onError?.(stage, error);
  });
  return { extraction: { uri: file.uri, language, text: file.text, directives: ignoreDirectives(file.text, file.lines), ...detected }, failed };
}

/**
 * What the results of a file's extraction depend on beyond the top-level statement each one comes
 * from, so that an edit can redo only the statements it touched (`extractIncrementally`).
 */
export interface ExtractionDependencies {
  /** Keys of bindings, member uses and declared types that the detectors looked up (see `SourceFile`). */
  lookups: KeyLookups;
  /** Where the code those keys resolve to starts, in order (`SourceFile.definitionsOfLookups`). */
  definitionOffsets: readonly number[];
  /** The file's imports (local name → module), which the detectors consult for calls anywhere. */
  imports: ReadonlyMap<string, string>;
  /** Where the nodes that give the imports start, in order. */
  importOffsets: readonly number[];
}

export interface TrackedExtraction {
  extraction: CodeExtraction;
  /**
   * Absent when the results cannot be redone statement by statement: for languages whose
   * detectors have not been shown to look beyond a statement only through keyed lookups, when a
   * detector failed, or when the file creates clients (whose settings are gathered file-wide).
   */
  dependencies?: ExtractionDependencies;
}

/** `extractFromTree`, together with what its results depend on beyond each statement. */
export function extractWithDependencies(uri: string, language: CodeLanguage, text: string, tree: Tree, onError?: (stage: string, error: unknown) => void): TrackedExtraction {
  const support = LANGUAGE_SUPPORT[language];
  const file = new SourceFile(uri, text, tree, support.syntax);
  const { extraction, failed } = extractIndexed(file, language, onError);
  if (!support.statementLocal || failed || extraction.clients.length > 0) return { extraction };
  return { extraction, dependencies: { lookups: file.lookups, definitionOffsets: file.definitionsOfLookups(), imports: file.imports, importOffsets: file.importOffsets } };
}

/** What the detectors find in an indexed file (the whole file, or the statements of a scope). */
export type DetectedCode = Pick<CodeExtraction, 'callSites' | 'clients' | 'urls' | 'tlsSettings' | 'secretCandidates'>;

/**
 * Runs every detector on an indexed file. Each stage stands alone: a construct one detector does
 * not expect costs that detector's results for this file, never the others' (parsing and analysis
 * never throw).
 */
export function detect(file: SourceFile, language: CodeLanguage, onError: (stage: string, error: unknown) => void): DetectedCode {
  const support = LANGUAGE_SUPPORT[language];
  const guarded = <T>(stage: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      onError(stage, error);
      return fallback;
    }
  };
  const { callSites, clients, urls } = guarded('call sites', { callSites: [], clients: [], urls: [] } as ReturnType<typeof finaliseCalls>, () => {
    const recognised = support.recognise(file);
    return finaliseCalls(file, language, recognised.calls, recognised.clients);
  });
  urls.push(...guarded('URL literals', [], () => absoluteUrlLiterals(file, urls)));
  return {
    callSites,
    clients,
    urls,
    tlsSettings: guarded('TLS settings', [], () => support.tlsSettings(file)),
    secretCandidates: guarded('secrets', [], () => secretCandidates(file)),
  };
}

export function ignoreDirectives(text: string, lines: LineIndex): CodeIgnoreDirective[] {
  return findIgnoreDirectives(text).map((directive) => ({
    rules: directive.rules,
    reason: directive.reason,
    line: directive.line,
    fileWide: directive.fileWide,
    range: lines.rangeOf(directive.start, directive.end),
  }));
}

/** The extraction of a text that provably yields nothing but its suppression comments. */
function emptyExtraction(uri: string, language: CodeLanguage, text: string): CodeExtraction {
  return { uri, language, text, directives: ignoreDirectives(text, new LineIndex(text)), callSites: [], clients: [], urls: [], tlsSettings: [], secretCandidates: [] };
}

export interface ExtractInput {
  uri: string;
  text: string;
  /** The editor's language id; the file extension decides when it is absent or unknown. */
  languageId?: string;
  /** A tree of exactly this text (from a `SyntaxTreeCache`); parsed here when absent. */
  tree?: Tree;
  /**
   * How `tree` came from the previous text's tree (`SyntaxTreeCache.get(uri).edit`): given the
   * extraction of that text (`CodeExtractionCache`), only the statements the edit touched are
   * extracted again where that gives the same results.
   */
  edit?: TreeEdit;
  /** Receives errors of a detector stage; the other stages still produce their results. */
  onExtractionError?: (stage: string, error: unknown) => void;
}

/**
 * Parses (unless a tree is given) and extracts one code file. Returns undefined for files of
 * languages API Guard does not read. A tree parsed here is freed before returning. A text that
 * provably yields nothing (`LanguageSupport.mayHaveResults`) is not parsed at all.
 */
export async function extractCode(input: ExtractInput): Promise<CodeExtraction | undefined> {
  return (await extractCodeWithDependencies(input))?.extraction;
}

/** `extractCode`, with what the results depend on when they come from a given tree (the editor's case). */
export async function extractCodeWithDependencies(input: ExtractInput): Promise<TrackedExtraction | undefined> {
  const language = codeLanguageOf(input.uri, input.languageId);
  if (language === undefined) return undefined;
  if (input.tree !== undefined) return extractWithDependencies(input.uri, language, input.text, input.tree, input.onExtractionError);
  if (LANGUAGE_SUPPORT[language].mayHaveResults?.(input.text) === false) return { extraction: emptyExtraction(input.uri, language, input.text) };
  const tree = await parseCode(language, input.text);
  try {
    return { extraction: extractFromTree(input.uri, language, input.text, tree, input.onExtractionError) };
  } finally {
    tree.delete();
  }
}

function finaliseClients(file: SourceFile, recognisedClients: RecognisedClient[], requestCallIds: Set<number>): Map<string, { client: RecognisedClient; baseUrl?: StringTemplate; baseUrlNode?: Node; credential: boolean }> {
  const result = new Map<string, { client: RecognisedClient; baseUrl?: StringTemplate; baseUrlNode?: Node; credential: boolean }>();
  for (const client of recognisedClients) {
    if (result.has(client.key)) continue;
    let baseUrlNode = client.baseUrlNode;
    // A base URL set after creation: `api.defaults.baseURL = …`, `client.BaseAddress = new Uri(…)`.
    for (const named of file.namedValues) {
      if (named.objectKey === undefined || rootOfKey(named.objectKey) !== client.key) continue;
      if (BASE_URL_NAMES.has(named.name)) baseUrlNode = named.value;
    }
    // Credentials given at creation, or set afterwards: headers updated, an auth property assigned,
    // an interceptor or middleware registered, a token setter called. The client's own requests
    // do not count: a header on one request is that request's credential.
    const excluded = new Set(baseUrlNode === undefined ? [] : [baseUrlNode.id]);
    const credential =
      client.credentialScopes.some((scope) => carriesCredential(file, scope, excluded)) || variableCarriesCredential(file, client.key, client.creation, excluded, 0, requestCallIds);
    result.set(client.key, { client, baseUrlNode, baseUrl: baseUrlNode === undefined ? undefined : file.evaluate(baseUrlNode), credential });
  }
  return result;
}

function rootOfKey(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key : key.slice(0, dot);
}

function finaliseCalls(
  file: SourceFile,
  language: CodeLanguage,
  recognisedCalls: RecognisedCall[],
  recognisedClients: RecognisedClient[],
): { callSites: CallSite[]; clients: ClientInstance[]; urls: UrlUse[] } {
  const requestCallIds = new Set(recognisedCalls.flatMap((call) => (call.sender === undefined ? [call.call.node.id] : [call.call.node.id, call.sender.id])));
  const clientStates = finaliseClients(file, recognisedClients, requestCallIds);
  const callSites: CallSite[] = [];
  const urls: UrlUse[] = [];
  const seenCallNodes = new Set<number>();
  // Calls first, standalone URL constructions last: a URL a call consumed is no call of its own.
  const ordered = [...recognisedCalls.filter((call) => !call.standaloneOnly), ...recognisedCalls.filter((call) => call.standaloneOnly)];
  for (const recognised of ordered) {
    if (seenCallNodes.has(recognised.call.node.id)) continue;
    if (recognised.standaloneOnly && file.consumedNodeIds.has(recognised.call.node.id)) continue;
    if (recognised.standaloneOnly) {
      // Evaluate the construction itself, not as a URL consumed by someone else.
      file.consumedNodeIds.delete(recognised.call.node.id);
    }
    seenCallNodes.add(recognised.call.node.id);
    const url = recognised.url ?? (recognised.urlNode === undefined ? StringTemplate.hole() : file.evaluate(recognised.urlNode));
    if (recognised.standaloneOnly && !isAbsoluteUrl(url.text)) continue;
    const state = recognised.clientKey === undefined ? undefined : clientStates.get(recognised.clientKey);
    const baseNode = recognised.baseUrlNode ?? state?.baseUrlNode;
    const base = recognised.baseUrlNode !== undefined ? file.evaluate(recognised.baseUrlNode) : state?.baseUrl;
    const absolute = isAbsoluteUrl(url.text);
    const resolved = absolute ? url : base !== undefined && !base.isEmpty ? joinTemplates(base, url) : url;
    const excluded = new Set<number>();
    if (recognised.urlNode !== undefined) excluded.add(recognised.urlNode.id);
    if (baseNode !== undefined) excluded.add(baseNode.id);
    const credentialVisible = (state?.credential ?? false) || recognised.credentialScopes.some((scope) => carriesCredential(file, scope, excluded));
    const span = file.span(recognised.call.node);
    const urlNode = recognised.urlNode ?? undefined;
    const resolvedText = resolved.text;
    const parts = parseUrlTemplate(resolvedText);
    const site: CallSite = {
      uri: file.uri,
      language,
      library: recognised.library,
      method: recognised.method,
      urlTemplate: url.text,
      credentialVisible,
      range: span.range,
      context: span.context,
      offsets: { start: span.start, end: span.end },
      statementLine: span.statementLine,
    };
    if (base !== undefined && !absolute) site.baseUrl = base.text;
    if (isAbsoluteUrl(resolvedText)) {
      site.resolvedUrl = resolvedText;
      if (parts.host !== undefined && !parts.host.includes('{')) site.host = parts.host;
    }
    if (urlNode !== undefined) {
      site.urlRange = file.lines.rangeOf(urlNode.startIndex, urlNode.endIndex);
      site.offsets.urlStart = urlNode.startIndex;
      site.offsets.urlEnd = urlNode.endIndex;
    }
    if (state !== undefined) site.client = state.client.key;
    const index = callSites.push(site) - 1;
    if (absolute) urls.push(urlUse(file, 'call', url, urlNode ?? recognised.call.node, { callIndex: index }));
    else if (recognised.baseUrlNode !== undefined && base !== undefined && isAbsoluteUrl(base.text)) {
      // A base given at the call itself (`Http::baseUrl(…)->get(…)`) is that call's own URL prefix.
      urls.push(urlUse(file, 'base-url', base, recognised.baseUrlNode, { callIndex: index }));
    }
  }
  const clients: ClientInstance[] = [];
  for (const state of clientStates.values()) {
    const creation = file.span(state.client.creation);
    const client: ClientInstance = { name: state.client.key, library: state.client.library, credentialVisible: state.credential, range: creation.range };
    if (state.baseUrl !== undefined && state.baseUrlNode !== undefined) {
      client.baseUrl = state.baseUrl.text;
      const use = urlUse(file, 'base-url', state.baseUrl, state.baseUrlNode, { client: state.client.key });
      client.baseUrlAt = use.span;
      if (isAbsoluteUrl(state.baseUrl.text)) urls.push(use);
    }
    clients.push(client);
  }
  // Source order for the caller; URL uses follow their calls to the new positions.
  const order = callSites.map((_, index) => index).sort((a, b) => callSites[a].offsets.start - callSites[b].offsets.start);
  const positionOf = new Map(order.map((previous, position) => [previous, position]));
  for (const use of urls) if (use.callIndex !== undefined) use.callIndex = positionOf.get(use.callIndex);
  return { callSites: order.map((index) => callSites[index]), clients, urls };
}

/** Locates a URL at the literal that writes its start (for fixes), else at the expression. */
function urlUse(file: SourceFile, kind: UrlUse['kind'], template: StringTemplate, fallback: Node, extra: Partial<UrlUse>): UrlUse {
  const first = template.pieces[0];
  const start = first?.kind === 'text' ? first.start : undefined;
  const literal = start === undefined ? undefined : literalAt(file, start);
  const span: SourceSpan = literal !== undefined ? file.span(literal.node) : file.span(fallback);
  const use: UrlUse = { kind, template: template.text, span, ...extra };
  if (first?.kind === 'text' && first.start !== undefined && first.verbatimLength !== undefined && first.verbatimLength > 0) {
    use.verbatimStart = first.start;
    use.verbatimLength = first.verbatimLength;
  }
  addSchemeFix(file, use);
  return use;
}

/** `http://…` → `https://…` as an edit of the literal, when the scheme is written there verbatim. */
function addSchemeFix(file: SourceFile, use: UrlUse): void {
  const insecure = insecureScheme(use.template);
  if (insecure === undefined || use.verbatimStart === undefined || (use.verbatimLength ?? 0) < insecure.scheme.length + 3) return;
  const start = use.verbatimStart;
  const end = start + insecure.scheme.length;
  if (file.text.slice(start, end).toLowerCase() !== insecure.scheme) return;
  use.schemeFix = { start, end, range: file.lines.rangeOf(start, end), newText: insecure.secure };
}

function literalAt(file: SourceFile, offset: number): LiteralString | undefined {
  const found = file.literalContaining(offset);
  if (found !== undefined) return found;
  // Interpolated strings are no plain literals; find the string node around the offset instead.
  const node = file.tree.rootNode.descendantForIndex(offset, offset);
  for (let current: Node | null = node; current !== null; current = current.parent) {
    if (/string/.test(current.type) && !/content|fragment/.test(current.type)) return { node: current, value: current.text, contentStart: offset, verbatim: false };
  }
  return undefined;
}

/** Absolute URL literals not already covered by a call or client (for credentials in URLs). */
function absoluteUrlLiterals(file: SourceFile, known: UrlUse[]): UrlUse[] {
  const covered = new Set(known.map((use) => use.span.start));
  const found: UrlUse[] = [];
  for (const literal of file.literals) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(literal.value) || covered.has(literal.node.startIndex)) continue;
    const span = file.span(literal.node);
    const use: UrlUse = { kind: 'literal', template: literal.value, span };
    if (literal.verbatim) {
      use.verbatimStart = literal.contentStart;
      use.verbatimLength = literal.value.length;
    }
    addSchemeFix(file, use);
    found.push(use);
  }
  return found;
}

/** Wrappers a secret literal may sit in before reaching its name: tuples, lists, argument nodes. */
const CONTAINERS = /^(argument|arguments|argument_list|parenthesized_expression|tuple|list|array|expression_list|literal_element|literal_value|array_element_initializer|array_creation_expression|initializer_expression|as_expression|satisfies_expression|collection_expression)$/;
const ENVIRONMENT_READERS = /^(getenv|get_env|env|GetEnvironmentVariable|Getenv|LookupEnv|getProperty|setdefault|get)$/;

/**
 * String literals that may be credentials, with the name they are written under. The rule
 * decides with the configured entropy threshold; here only cheap, settings-free filters apply.
 */
function secretCandidates(file: SourceFile): SecretCandidate[] {
  // Which named value owns which value node is worked out once, and only when a literal needs its
  // name: building the map reads every value's node type, a crossing into WebAssembly each.
  let valueOwners: Map<number, NamedValue> | undefined;
  const candidates: SecretCandidate[] = [];
  for (const literal of file.literals) {
    const value = literal.value;
    if (value.length < 8) continue;
    // A value shorter than a generic secret counts only in a provider's format (an AWS secret key,
    // the one format that depends on the name, is longer), so its name is not needed.
    if (value.length < MIN_GENERIC_SECRET_LENGTH && providerFormatOf(value) === undefined) continue;
    valueOwners ??= namedValueOwners(file);
    const name = nameOfLiteral(file, literal.node, valueOwners);
    const provider = providerFormatOf(value, name);
    // A literal no entropy threshold could make a credential is no candidate (see `mayBeGenericSecret`).
    if (provider === undefined && (name === undefined || !isSecretName(name) || !mayBeGenericSecret(value))) continue;
    const node = literal.node;
    const candidate: SecretCandidate = {
      value,
      span: file.span(node),
      valueStart: literal.contentStart,
      valueEnd: literal.contentStart + (literal.verbatim ? value.length : node.endIndex - 1 - literal.contentStart),
      literal: { start: node.startIndex, end: node.endIndex, range: file.lines.rangeOf(node.startIndex, node.endIndex) },
    };
    if (name !== undefined) {
      candidate.name = name;
      const environmentName = name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toUpperCase();
      if (/^[A-Z][A-Z0-9_]*$/.test(environmentName)) candidate.environmentName = environmentName;
    }
    candidates.push(candidate);
  }
  return candidates;
}

/** The named value whose value (unwrapped) is a node, by node id; a later one wins. */
function namedValueOwners(file: SourceFile): Map<number, NamedValue> {
  const owners = new Map<number, NamedValue>();
  for (const named of file.namedValues) owners.set(file.syntax.unwrap(named.value).id, named);
  return owners;
}

function nameOfLiteral(file: SourceFile, literal: Node, valueOwners: Map<number, NamedValue>): string | undefined {
  let current: Node | null = literal;
  for (let level = 0; current !== null && level < 5; level++) {
    const owner = valueOwners.get(current.id);
    if (owner !== undefined) return owner.name;
    const argument = file.argumentPositionOf(current);
    if (argument !== undefined) return nameFromCall(file, argument.call, argument.index);
    if (level > 0 && !CONTAINERS.test(current.type) && !/^binary_(expression|operator)$/.test(current.type)) return undefined;
    current = current.parent;
  }
  return undefined;
}

/**
 * The name a call gives a literal argument: the header or key before it
 * (`headers.set('Authorization', '…')`, `curl_setopt($ch, CURLOPT_USERPWD, '…')`), else a
 * secret-like setter name (`withToken('…')`, `setApiKey('…')`). Environment lookups with a
 * default (`os.getenv('TOKEN', 'dev')`) name no secret: the real value comes from outside.
 */
function nameFromCall(file: SourceFile, call: CallInfo, index: number): string | undefined {
  const environmentLookup = ENVIRONMENT_READERS.test(call.name) && (call.name !== 'get' || /env/i.test(call.receiver?.text ?? ''));
  if (environmentLookup) return undefined;
  if (index > 0) {
    const previous = file.syntax.unwrap(call.args[index - 1]);
    const literal = file.syntax.stringLiteral(previous);
    if (literal !== undefined && literal.value.length <= 60) return literal.value;
    if (/^(identifier|name|constant|field_access|member_access_expression|selector_expression|qualified_name)$/.test(previous.type) && previous.text.length <= 60) {
      const text = previous.text.replace(/^.*[.:>\\]/, '');
      if (isSecretName(text)) return text;
    }
  }
  if (isSecretName(call.name)) return call.name;
  return undefined;
}
