import { stepsOfFinding, CHECKLIST_STEP_IDS } from '../checklist/steps';
import { relativeUri } from '../engine/analyseApi';
import type { Finding } from '../engine/finding';
import { rangeOf } from '../engine/rangeOf';
import { child, childString, isObject, type AstNode } from '../model/ast';
import type { Position, Range } from '../model/lineIndex';
import type { ApiDescription, NodeRef, OperationEntry, SecuritySchemeEntry, ServerEntry } from '../openapi/types';
import type { ChecklistStepId, Severity } from '../rules/types';
import { classifyUrl, combineTransport, environmentOf, hostOfUrl, originOfUrl } from './transport';
import {
  INVENTORY_SCHEMA_VERSION,
  type ConsumedApi,
  type CredentialLocation,
  type DocumentationGap,
  type Inventory,
  type InventoryCallSite,
  type InventoryCallSiteInput,
  type InventoryFindingRef,
  type InventoryFlow,
  type InventoryLocation,
  type InventoryOperation,
  type InventoryOperationDocumentation,
  type InventoryOperationSecurity,
  type InventorySecurityScheme,
  type InventoryServer,
  type ProvidedApi,
  type SeverityCounts,
} from './types';

export interface BuildInventoryInput {
  folderUri: string;
  apis: ApiDescription[];
  /** Active findings of the folder (spec and code). */
  findings: Finding[];
  /** Findings that a suppression hides. */
  suppressed: Finding[];
  /** Call sites from the code analysis; without them the consumed APIs are empty. */
  callSites?: InventoryCallSiteInput[];
  /**
   * The call sites that count for the provided operations (`callSiteCount`), when they are more
   * than `callSites`: in a multi-root workspace those of every folder's code, since a client in one
   * folder may call the API described in another. `callSites` when absent.
   */
  providedCallSites?: InventoryCallSiteInput[];
}

/** Key under which consumed calls without a known host are grouped. */
export const UNRESOLVED_CONSUMER_KEY = 'unresolved';

/**
 * Builds the inventory of one workspace folder from the analysed APIs, their findings and the
 * call sites of the code analysis. Every location comes from the document model (rangeOf) or
 * from the findings and call sites themselves; nothing here computes a position.
 */
export function buildInventory(input: BuildInventoryInput): Inventory {
  const callSites = input.callSites ?? [];
  const providedApis = input.apis
    .map((api) => describeApi(api, input, input.providedCallSites ?? callSites))
    .sort((a, b) => compareText(a.rootFile, b.rootFile) || compareText(a.id, b.id));
  const consumedApis = describeConsumers(callSites, input.folderUri);

  const operations = providedApis.flatMap((api) => api.operations);
  const servers = providedApis.flatMap((api) => api.servers);
  const findingsByStep = Object.fromEntries(CHECKLIST_STEP_IDS.map((id) => [id, 0])) as Record<ChecklistStepId, number>;
  for (const finding of input.findings) for (const step of stepsOfFinding(finding)) findingsByStep[step]++;

  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    folderUri: input.folderUri,
    providedApis,
    consumedApis,
    summary: {
      apis: providedApis.length,
      operations: operations.length,
      operationsWithoutAuthentication: operations.filter((operation) => operation.security.state === 'none').length,
      operationsWithOptionalAuthentication: operations.filter((operation) => operation.security.state === 'optional').length,
      undocumentedOperations: operations.filter((operation) => operation.documentation.state === 'undocumented').length,
      partiallyDocumentedOperations: operations.filter((operation) => operation.documentation.state === 'partial').length,
      servers: servers.length,
      unencryptedServers: servers.filter((server) => server.transport === 'unencrypted').length,
      securitySchemes: providedApis.reduce((sum, api) => sum + api.securitySchemes.length, 0),
      consumedApis: consumedApis.filter((consumer) => consumer.key !== UNRESOLVED_CONSUMER_KEY).length,
      callSites: callSites.length,
      undocumentedCalls: callSites.filter((site) => site.match.kind === 'path-not-documented' || site.match.kind === 'method-not-documented').length,
      findingCounts: countSeverities(input.findings),
      suppressedCount: input.suppressed.length,
      findingsByStep,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Provided APIs

function describeApi(api: ApiDescription, input: BuildInventoryInput, callSites: InventoryCallSiteInput[]): ProvidedApi {
  const uris = new Set(api.documents.map((doc) => doc.uri));
  const findings = input.findings.filter((finding) => uris.has(finding.uri));
  const suppressed = input.suppressed.filter((finding) => uris.has(finding.uri));
  const attribution = attributeToOperations(api.operations, findings, suppressed);
  const operations = api.operations.map((operation, index) =>
    describeOperation(api, operation, attribution.active[index], attribution.suppressed[index], callSites),
  );
  const rootNode = api.root.root!;
  const anchor = api.info ?? { doc: api.root, node: child(rootNode, 'openapi') ?? child(rootNode, 'swagger') ?? rootNode };
  return {
    id: api.root.uri,
    ...(api.title !== undefined && { title: api.title }),
    ...(api.apiVersion !== undefined && { version: api.apiVersion }),
    specVersion: api.versionText,
    rootFile: relativeUri(api.root.uri, input.folderUri),
    files: api.documents.map((doc) => relativeUri(doc.uri, input.folderUri)),
    hasDescription: (childString(api.info?.node, 'description') ?? '').trim() !== '',
    servers: collectServers(api).map((server) => describeServer(server, findings)),
    securitySchemes: [...api.securitySchemes.values()].map((entry) => describeScheme(api, entry, findings)),
    operations,
    findingCounts: countSeverities(findings),
    suppressedCount: suppressed.length,
    location: locationOf(anchor),
  };
}

/** Root servers first, then each path- or operation-level server once. */
function collectServers(api: ApiDescription): ServerEntry[] {
  const seen = new Set<AstNode>();
  const servers: ServerEntry[] = [];
  const add = (server: ServerEntry): void => {
    if (seen.has(server.at.node)) return;
    seen.add(server.at.node);
    servers.push(server);
  };
  api.servers.forEach(add);
  for (const operation of api.operations) for (const server of operation.servers) if (server.level !== 'root') add(server);
  return servers;
}

function describeServer(server: ServerEntry, findings: readonly Finding[]): InventoryServer {
  const environment = environmentOf(server.description, server.expandedUrls[0] ?? server.url);
  const location = locationOf(server.urlAt ?? server.at, server.urlAt === undefined ? 'key' : 'value');
  return {
    url: server.url,
    expandedUrls: [...server.expandedUrls],
    level: server.level,
    transport: combineTransport(server.expandedUrls.map(classifyUrl)),
    ...(server.description !== undefined && { description: server.description }),
    ...(environment !== undefined && { environment }),
    findingCounts: countsWithin(location, findings),
    location,
  };
}

/** The active findings that lie inside a location (a server's URL, a scheme's key). */
function countsWithin(location: InventoryLocation, findings: readonly Finding[]): SeverityCounts {
  return countSeverities(findings.filter((finding) => contains(location, finding)));
}

function describeScheme(api: ApiDescription, entry: SecuritySchemeEntry, findings: readonly Finding[]): InventorySecurityScheme {
  const node = entry.at.node;
  const type = entry.type ?? childString(node, 'type');
  const flows = flowsOf(api, entry.at);
  const httpScheme = type === 'basic' ? 'basic' : type === 'http' ? childString(node, 'scheme')?.toLowerCase() : undefined;
  const keyLocation = type === 'apiKey' ? childString(node, 'in') : undefined;
  const parameterName = type === 'apiKey' ? childString(node, 'name') : undefined;
  const bearerFormat = childString(node, 'bearerFormat');
  const credentialLocation = credentialLocationOf(type, keyLocation, flows);
  const location = locationOf(entry.entryAt);
  return {
    name: entry.name,
    ...(type !== undefined && { type }),
    ...(httpScheme !== undefined && { scheme: httpScheme }),
    ...(keyLocation !== undefined && { in: keyLocation }),
    ...(parameterName !== undefined && { parameterName }),
    ...(bearerFormat !== undefined && { bearerFormat }),
    ...(credentialLocation !== undefined && { credentialLocation }),
    flows,
    operationCount: api.operations.filter((operation) => requiredSchemeNames(operation).includes(entry.name)).length,
    findingCounts: countsWithin(location, findings),
    location,
  };
}

function flowsOf(api: ApiDescription, scheme: NodeRef): InventoryFlow[] {
  const node = scheme.node;
  if (api.version === '2.0') {
    const flow = childString(node, 'flow');
    return flow === undefined ? [] : [{ type: flow, scopes: scopeNames(child(node, 'scopes')) }];
  }
  const flowsNode = child(node, 'flows');
  if (!isObject(flowsNode)) return [];
  return [...flowsNode.properties.entries()]
    .filter(([name]) => !name.startsWith('x-'))
    .map(([name, flowNode]) => ({ type: name, scopes: scopeNames(child(api.resolve({ doc: scheme.doc, node: flowNode }).node, 'scopes')) }));
}

function scopeNames(node: AstNode | undefined): string[] {
  return isObject(node) ? [...node.properties.keys()].filter((name) => !name.startsWith('x-')) : [];
}

const API_KEY_LOCATIONS: ReadonlySet<string> = new Set(['header', 'query', 'cookie', 'path']);

/**
 * Where the credential travels. OAuth2 schemes send the token in the Authorization header,
 * except that an implicit-only scheme receives it in the redirect URL (browser history, logs)
 * and a password-only scheme has the user's password posted in a request body by the client:
 * the audit wants the place where the credential is most exposed.
 */
function credentialLocationOf(type: string | undefined, location: string | undefined, flows: InventoryFlow[]): CredentialLocation | undefined {
  switch (type) {
    case 'apiKey':
      return location !== undefined && API_KEY_LOCATIONS.has(location) ? (location as CredentialLocation) : undefined;
    case 'http':
    case 'basic':
    case 'openIdConnect':
      return 'header';
    case 'mutualTLS':
      return 'tls';
    case 'oauth2': {
      const types = new Set(flows.map((flow) => flow.type));
      if (types.size === 1 && types.has('implicit')) return 'redirect';
      if (types.size === 1 && types.has('password')) return 'body';
      return 'header';
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

function requiredSchemeNames(operation: OperationEntry): string[] {
  const names: string[] = [];
  for (const requirement of operation.security.requirements) for (const name of requirement.schemes.keys()) if (!names.includes(name)) names.push(name);
  return names;
}

function describeOperation(
  api: ApiDescription,
  operation: OperationEntry,
  findings: Finding[],
  suppressed: Finding[],
  callSites: InventoryCallSiteInput[],
): InventoryOperation {
  const summary = childString(operation.operation.node, 'summary');
  return {
    method: operation.method,
    path: operation.path,
    ...(operation.operationId !== undefined && { operationId: operation.operationId }),
    ...(summary !== undefined && { summary }),
    tags: [...operation.tags],
    security: securityOf(operation),
    documentation: documentationOf(api, operation),
    findingCounts: countSeverities(findings),
    suppressedCount: suppressed.length,
    callSiteCount: callSites.filter((site) => callsOperation(site, api.root.uri, operation)).length,
    location: locationOf(operation.operation),
  };
}

function callsOperation(site: InventoryCallSiteInput, apiId: string, operation: OperationEntry): boolean {
  const target = site.match.operation;
  return (
    site.match.kind === 'matched' &&
    site.match.apiId === apiId &&
    target !== undefined &&
    target.path === operation.path &&
    target.method.toLowerCase() === operation.method.toLowerCase()
  );
}

function securityOf(operation: OperationEntry): InventoryOperationSecurity {
  const requirements = operation.security.requirements;
  const alternatives = requirements.map((requirement) => [...requirement.schemes.keys()]);
  const scopes: string[] = [];
  for (const requirement of requirements) {
    for (const { scopes: list } of requirement.schemes.values()) for (const scope of list) if (!scopes.includes(scope)) scopes.push(scope);
  }
  const hasAnonymous = alternatives.some((alternative) => alternative.length === 0);
  const hasCredentials = alternatives.some((alternative) => alternative.length > 0);
  return {
    state: !hasCredentials ? 'none' : hasAnonymous ? 'optional' : 'required',
    schemes: requiredSchemeNames(operation),
    alternatives,
    scopes,
    source: operation.security.source,
    intentionallyPublic: operation.intentionallyPublic,
  };
}

const SUCCESS_STATUS = /^([23]\d\d|[23]XX|default)$/i;
const ERROR_STATUS = /^(4\d\d|4XX|default)$/i;

function documentationOf(api: ApiDescription, operation: OperationEntry): InventoryOperationDocumentation {
  const node = operation.operation.node;
  const missing: DocumentationGap[] = [];
  const hasText = (key: string): boolean => (childString(node, key) ?? '').trim() !== '';
  if (!hasText('summary') && !hasText('description')) missing.push('description');
  if (operation.operationId === undefined || operation.operationId.trim() === '') missing.push('operationId');
  const responsesNode = operation.responses?.node;
  if (operation.responses === undefined || !isObject(responsesNode)) missing.push('responses');
  else {
    const responsesDoc = operation.responses.doc;
    const codes = [...responsesNode.properties.keys()].filter((code) => !code.startsWith('x-'));
    if (!codes.some((code) => SUCCESS_STATUS.test(code))) missing.push('successResponse');
    if (!codes.some((code) => ERROR_STATUS.test(code))) missing.push('errorResponse');
    const undescribed = codes.some((code) => {
      const response = api.resolve({ doc: responsesDoc, node: responsesNode.properties.get(code)! });
      return isObject(response.node) && child(response.node, '$ref') === undefined && (childString(response.node, 'description') ?? '') === '';
    });
    if (undescribed) missing.push('responseDescription');
  }
  const parameterWithoutDescription = operation.parameters.some(
    (parameter) => isObject(parameter.at.node) && child(parameter.at.node, '$ref') === undefined && (childString(parameter.at.node, 'description') ?? '').trim() === '',
  );
  if (parameterWithoutDescription) missing.push('parameterDescription');
  const state = missing.includes('description') ? 'undocumented' : missing.length > 0 ? 'partial' : 'documented';
  return { state, missing };
}

/**
 * Assigns each finding of an API to the operations it concerns: a finding inside an operation
 * belongs to that operation; one inside a path item but outside its operations (a path-level
 * parameter, a path-level server) concerns every operation of that path item.
 */
function attributeToOperations(
  operations: OperationEntry[],
  findings: Finding[],
  suppressed: Finding[],
): { active: Finding[][]; suppressed: Finding[][] } {
  const operationRanges = operations.map((operation) => ({ uri: operation.operation.doc.uri, range: rangeOf(operation.operation.doc, operation.operation.node, 'entry') }));
  const pathItemRanges = operations.map((operation) => ({ uri: operation.pathItem.doc.uri, range: rangeOf(operation.pathItem.doc, operation.pathItem.node, 'entry') }));
  const assign = (list: Finding[]): Finding[][] => {
    const out = operations.map((): Finding[] => []);
    for (const finding of list) {
      const owners = operationRanges.flatMap((location, index) => (contains(location, finding) ? [index] : []));
      const targets = owners.length > 0 ? owners : pathItemRanges.flatMap((location, index) => (contains(location, finding) ? [index] : []));
      for (const index of targets) out[index].push(finding);
    }
    return out;
  };
  return { active: assign(findings), suppressed: assign(suppressed) };
}

function contains(location: { uri: string; range: Range }, finding: Finding): boolean {
  return (
    location.uri === finding.uri &&
    comparePositions(location.range.start, finding.range.start) <= 0 &&
    comparePositions(finding.range.end, location.range.end) <= 0
  );
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

// ---------------------------------------------------------------------------------------------
// Consumed APIs

function describeConsumers(callSites: InventoryCallSiteInput[], folderUri: string): ConsumedApi[] {
  const groups = new Map<string, ConsumedApi>();
  const urls = new Map<string, string[]>();
  for (const site of callSites) {
    const url = site.resolvedUrl ?? (/^[a-z][a-z0-9+.-]*:\/\//i.test(site.urlTemplate) ? site.urlTemplate : undefined);
    const host = site.host?.toLowerCase() ?? (url === undefined ? undefined : hostOfUrl(url));
    const key = (url === undefined ? undefined : originOfUrl(url)) ?? host ?? UNRESOLVED_CONSUMER_KEY;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        key,
        ...(host !== undefined && { host }),
        transport: 'unknown',
        apiIds: [],
        operations: [],
        undocumented: [],
        external: [],
        unresolved: [],
        callSiteCount: 0,
        findingCounts: emptyCounts(),
      };
      groups.set(key, group);
      urls.set(key, []);
    }
    if (url !== undefined) urls.get(key)!.push(url);
    const described = describeCallSite(site, url, folderUri);
    group.callSiteCount++;
    addCounts(group.findingCounts, described.findingCounts);
    if (site.match.apiId !== undefined && !group.apiIds.includes(site.match.apiId)) group.apiIds.push(site.match.apiId);
    switch (site.match.kind) {
      case 'matched': {
        const target = site.match.operation;
        if (target === undefined || site.match.apiId === undefined) {
          group.unresolved.push(described);
          break;
        }
        let operation = group.operations.find(
          (candidate) => candidate.apiId === site.match.apiId && candidate.path === target.path && candidate.method === target.method.toLowerCase(),
        );
        if (operation === undefined) {
          operation = { apiId: site.match.apiId, method: target.method.toLowerCase(), path: target.path, callSites: [] };
          group.operations.push(operation);
        }
        operation.callSites.push(described);
        break;
      }
      case 'path-not-documented':
      case 'method-not-documented':
        group.undocumented.push(described);
        break;
      case 'external':
        group.external.push(described);
        break;
      default:
        group.unresolved.push(described);
    }
  }
  for (const group of groups.values()) {
    group.transport = combineTransport(urls.get(group.key)!.map(classifyUrl));
    group.operations.sort((a, b) => compareText(a.path, b.path) || compareText(a.method, b.method));
    for (const operation of group.operations) operation.callSites.sort(compareCallSites);
    group.undocumented.sort(compareCallSites);
    group.external.sort(compareCallSites);
    group.unresolved.sort(compareCallSites);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.key === UNRESOLVED_CONSUMER_KEY || b.key === UNRESOLVED_CONSUMER_KEY) return a.key === UNRESOLVED_CONSUMER_KEY ? (b.key === UNRESOLVED_CONSUMER_KEY ? 0 : 1) : -1;
    return compareText(a.key, b.key);
  });
}

function describeCallSite(site: InventoryCallSiteInput, url: string | undefined, folderUri: string): InventoryCallSite {
  const active = site.findings.filter((finding) => finding.suppressed === undefined);
  return {
    file: relativeUri(site.uri, folderUri),
    language: site.language,
    library: site.library,
    method: site.method.toLowerCase(),
    urlTemplate: site.urlTemplate,
    ...(site.resolvedUrl !== undefined && { resolvedUrl: site.resolvedUrl }),
    transport: url === undefined ? 'unknown' : classifyUrl(url),
    match: site.match,
    findings: active.map(findingRef),
    findingCounts: countSeverities(active),
    location: { uri: site.uri, range: site.range },
  };
}

function findingRef(finding: Finding): InventoryFindingRef {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fingerprint: finding.fingerprint,
    location: { uri: finding.uri, range: finding.range },
  };
}

function compareCallSites(a: InventoryCallSite, b: InventoryCallSite): number {
  return (
    compareText(a.location.uri, b.location.uri) ||
    a.location.range.start.line - b.location.range.start.line ||
    a.location.range.start.character - b.location.range.start.character
  );
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function locationOf(ref: NodeRef, part: 'key' | 'value' = 'key'): InventoryLocation {
  return { uri: ref.doc.uri, range: rangeOf(ref.doc, ref.node, part) };
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

export function countSeverities(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = emptyCounts();
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function addCounts(target: SeverityCounts, source: SeverityCounts): void {
  for (const severity of Object.keys(target) as Severity[]) target[severity] += source[severity];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
