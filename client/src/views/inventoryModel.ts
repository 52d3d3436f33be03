/**
 * Builds the inventory view's tree from the `apiGuard/inventory` answer: provided APIs (servers,
 * security schemes, operations grouped by tag or by path) and consumed APIs (hosts, call sites
 * grouped by matched operation, undocumented, external and unresolved calls, with their
 * findings). Free of `vscode` so that it is unit-tested; inventoryView.ts renders the nodes.
 */
import type {
  ConsumedApi,
  Inventory,
  InventoryCallSite,
  InventoryFindingRef,
  InventoryOperation,
  InventorySecurityScheme,
  InventoryServer,
  ProvidedApi,
  SeverityCounts,
  TransportState,
} from '../../../server/src/core/inventory/types';
import {
  addCounts,
  callCountText,
  countsText,
  credentialLocationText,
  documentationStateText,
  emptyCounts,
  escapeMarkdown,
  gapText,
  markdownCode,
  matchKindText,
  problemCount,
  securityText,
  severityText,
  transportText,
} from './labels';
import type { Localizer } from './localizer';
import { folderName, relativeToFolder, THEME_COLORS, type NodeIcon, type ViewNode } from './viewNode';

/**
 * The key under which the inventory groups calls whose host the code does not reveal. It mirrors
 * UNRESOLVED_CONSUMER_KEY of server/src/core/inventory/buildInventory.ts, which the client must
 * not import (it would bundle the engine); a unit test checks that both agree.
 */
export const UNRESOLVED_CONSUMER_KEY = 'unresolved';

/**
 * The `source` of API Guard's diagnostics. It mirrors DIAGNOSTIC_SOURCE of
 * server/src/lsp/findingToDiagnostic.ts, which imports the language-server library; a unit test
 * checks that both agree.
 */
export const DIAGNOSTIC_SOURCE = 'API Guard';

export type OperationGrouping = 'tag' | 'path';

export interface InventoryTreeOptions {
  groupBy: OperationGrouping;
  /** Keep only rows that have findings (errors, warnings, information) or lead to rows that do. */
  onlyProblems: boolean;
}

/** Why the tree is empty, so that the view can show the matching welcome text. */
export type EmptyInventoryReason = 'no-apis' | 'no-problems';

export interface InventoryTree {
  nodes: ViewNode[];
  /** Set when `nodes` is empty. */
  emptyReason?: EmptyInventoryReason;
  /** Error findings across every folder: the view's badge. */
  errorCount: number;
}

/** The total error findings of the inventories (the badge counts what the Problems panel shows as errors). */
export function errorCountOf(inventories: readonly Inventory[]): number {
  return inventories.reduce((sum, inventory) => sum + inventory.summary.findingCounts.error, 0);
}

export function buildInventoryTree(inventories: readonly Inventory[], options: InventoryTreeOptions, l10n: Localizer): InventoryTree {
  const errorCount = errorCountOf(inventories);
  const hasAnything = inventories.some((inventory) => inventory.providedApis.length > 0 || inventory.consumedApis.length > 0);
  if (!hasAnything) return { nodes: [], emptyReason: 'no-apis', errorCount };
  const builder = new InventoryTreeBuilder(options, l10n);
  let nodes: ViewNode[];
  if (inventories.length === 1) nodes = builder.folderContent(inventories[0], inventories[0].folderUri);
  else {
    nodes = inventories.flatMap((inventory) => {
      const id = inventory.folderUri;
      const children = builder.folderContent(inventory, id);
      const node: ViewNode = {
        id,
        label: folderName(inventory.folderUri),
        description: builder.countsDescription(inventory.summary.findingCounts),
        icon: { id: 'root-folder' },
        target: { folderUri: inventory.folderUri },
        contextValue: 'folder',
        children,
        expanded: true,
      };
      return builder.keep(node, false) ? [node] : [];
    });
  }
  if (nodes.length === 0) return { nodes, emptyReason: options.onlyProblems ? 'no-problems' : 'no-apis', errorCount };
  return { nodes, errorCount };
}

class InventoryTreeBuilder {
  constructor(
    private readonly options: InventoryTreeOptions,
    private readonly l10n: Localizer,
  ) {}

  /** Whether a row stays under the current filter: it has problems itself or keeps a child. */
  keep(node: ViewNode, ownProblem: boolean): boolean {
    return !this.options.onlyProblems || ownProblem || node.children.length > 0;
  }

  /** `2 errors, 1 warning`, or nothing when there are no findings. */
  countsDescription(counts: SeverityCounts): string | undefined {
    const text = countsText(counts, this.l10n);
    return text === '' ? undefined : text;
  }

  folderContent(inventory: Inventory, idPrefix: string): ViewNode[] {
    const l10n = this.l10n;
    const callSitesByOperation = new Map<string, InventoryCallSite[]>();
    for (const consumer of inventory.consumedApis) {
      for (const group of consumer.operations) {
        const key = operationKey(group.apiId, group.method, group.path);
        callSitesByOperation.set(key, [...(callSitesByOperation.get(key) ?? []), ...group.callSites]);
      }
    }
    const provided: ViewNode = {
      id: `${idPrefix}|provided`,
      label: l10n.t('Provided APIs'),
      icon: { id: 'cloud' },
      contextValue: 'section',
      children: inventory.providedApis.flatMap((api) => this.providedApi(api, inventory, `${idPrefix}|provided`, callSitesByOperation)),
      expanded: true,
    };
    provided.description = String(provided.children.length);
    if (inventory.providedApis.length === 0 && !this.options.onlyProblems) {
      provided.description = undefined;
      provided.children.push({
        id: `${provided.id}|none`,
        label: l10n.t('No OpenAPI documents found'),
        description: l10n.t('create a starter file'),
        icon: { id: 'new-file' },
        action: { kind: 'create-starter-spec' },
        contextValue: 'message',
        children: [],
      });
    }
    const consumed: ViewNode = {
      id: `${idPrefix}|consumed`,
      label: l10n.t('Consumed APIs'),
      icon: { id: 'plug' },
      contextValue: 'section',
      children: inventory.consumedApis.flatMap((consumer) => this.consumedApi(consumer, inventory, `${idPrefix}|consumed`)),
      expanded: true,
    };
    consumed.description = String(consumed.children.length);
    if (inventory.consumedApis.length === 0 && !this.options.onlyProblems) {
      consumed.description = undefined;
      consumed.children.push({
        id: `${consumed.id}|none`,
        label: l10n.t('No API calls found in the code'),
        icon: { id: 'info' },
        contextValue: 'message',
        children: [],
      });
    }
    return [provided, consumed].filter((section) => this.keep(section, false));
  }

  // -------------------------------------------------------------------------------------------
  // Provided APIs

  private providedApi(api: ProvidedApi, inventory: Inventory, parentId: string, callSitesByOperation: Map<string, InventoryCallSite[]>): ViewNode[] {
    const l10n = this.l10n;
    const id = `${parentId}|${api.id}`;
    const title = api.title ?? l10n.t('Untitled API');
    const serverRows = api.servers.flatMap((server, index) => this.server(server, `${id}|servers`, index));
    const servers = this.section(`${id}|servers`, l10n.t('Servers'), 'server-environment', serverRows, serverRows.length, api.servers.length);
    const schemeRows = api.securitySchemes.flatMap((scheme) => this.scheme(scheme, `${id}|schemes`));
    const schemes = this.section(`${id}|schemes`, l10n.t('Security schemes'), 'key', schemeRows, schemeRows.length, api.securitySchemes.length);
    const operationRows =
      this.options.groupBy === 'tag' ? this.operationsByTag(api, `${id}|operations`, callSitesByOperation) : this.operationsByPath(api, `${id}|operations`, callSitesByOperation);
    const shownOperations = this.options.onlyProblems ? api.operations.filter((operation) => problemCount(operation.findingCounts) > 0).length : api.operations.length;
    const operations = this.section(`${id}|operations`, l10n.t('Operations'), 'symbol-method', operationRows, shownOperations, api.operations.length);
    const specVersion = api.specVersion === '2.0' ? 'Swagger 2.0' : `OpenAPI ${api.specVersion}`;
    const tooltip = [
      `**${escapeMarkdown(title)}**${api.version !== undefined ? ` ${escapeMarkdown(api.version)}` : ''}`,
      '',
      `- ${l10n.t('Specification: {0}', specVersion)}`,
      `- ${l10n.t('Root file: {0}', markdownCode(api.rootFile))}`,
      ...(api.files.length > 1 ? [`- ${l10n.t('Files: {0}', api.files.map(markdownCode).join(', '))}`] : []),
      `- ${api.hasDescription ? l10n.t('Has a description (info.description)') : l10n.t('No description (info.description is missing)')}`,
      `- ${l10n.t('Findings: {0}', countsText(api.findingCounts, l10n) || l10n.t('none'))}`,
      ...(api.suppressedCount > 0 ? [`- ${l10n.t('Suppressed: {0}', api.suppressedCount)}`] : []),
    ].join('\n');
    const node: ViewNode = {
      id,
      label: title,
      description: joinParts([api.version, api.rootFile, this.countsDescription(api.findingCounts)]),
      tooltip,
      icon: problemCount(api.findingCounts) > 0 ? severityIcon(api.findingCounts) : { id: 'symbol-interface' },
      location: api.location,
      contextValue: 'api',
      children: [servers, schemes, operations].filter((section): section is ViewNode => section !== undefined),
      expanded: inventory.providedApis.length === 1,
    };
    return this.keep(node, problemCount(api.findingCounts) > 0) ? [node] : [];
  }

  /**
   * A group row (Servers, Security schemes, Operations) that tells how many items it holds, or how
   * many of them the filter shows; left out when the filter empties it.
   */
  private section(id: string, label: string, icon: string, children: ViewNode[], shown: number, total: number): ViewNode | undefined {
    if (this.options.onlyProblems && children.length === 0) return undefined;
    const description = shown !== total ? this.l10n.t('{0} of {1}', shown, total) : String(total);
    return { id, label, description, icon: { id: icon }, contextValue: 'section', children };
  }

  private server(server: InventoryServer, parentId: string, index: number): ViewNode[] {
    const l10n = this.l10n;
    const counts = server.findingCounts;
    const level = server.level === 'path' ? l10n.t('path level') : server.level === 'operation' ? l10n.t('operation level') : undefined;
    const tooltip = [
      markdownCode(server.url),
      '',
      `- ${l10n.t('Transport: {0}', transportText(server.transport, l10n))}`,
      ...(server.environment !== undefined ? [`- ${l10n.t('Environment: {0}', escapeMarkdown(server.environment))}`] : []),
      ...(level !== undefined ? [`- ${escapeMarkdown(level)}`] : []),
      ...(server.description !== undefined ? [`- ${escapeMarkdown(server.description)}`] : []),
      ...(server.expandedUrls.length > 1 ? [`- ${l10n.t('Stands for: {0}', server.expandedUrls.map(markdownCode).join(', '))}`] : []),
      ...(problemCount(counts) > 0 ? [`- ${l10n.t('Findings: {0}', countsText(counts, l10n))}`] : []),
    ].join('\n');
    const node: ViewNode = {
      id: `${parentId}|${index}|${server.url}`,
      label: server.url,
      description: joinParts([server.environment, level, transportText(server.transport, l10n), this.countsDescription(counts)]),
      tooltip,
      icon: transportIcon(server.transport),
      location: server.location,
      contextValue: `server-${server.transport}`,
      children: [],
    };
    return this.keep(node, problemCount(counts) > 0) ? [node] : [];
  }

  private scheme(scheme: InventorySecurityScheme, parentId: string): ViewNode[] {
    const l10n = this.l10n;
    const counts = scheme.findingCounts;
    const type = joinParts([scheme.type, scheme.scheme !== undefined && scheme.scheme !== scheme.type ? scheme.scheme : undefined, scheme.bearerFormat], ' / ');
    const where =
      scheme.credentialLocation === undefined
        ? undefined
        : scheme.parameterName !== undefined
          ? `${credentialLocationText(scheme.credentialLocation, l10n)} (${scheme.parameterName})`
          : credentialLocationText(scheme.credentialLocation, l10n);
    const flows = scheme.flows.map((flow) => flow.type).join(', ');
    const id = `${parentId}|${scheme.name}`;
    const flowNodes: ViewNode[] = this.options.onlyProblems
      ? []
      : scheme.flows.map((flow) => ({
          id: `${id}|${flow.type}`,
          label: flow.type,
          description: flow.scopes.length > 0 ? flow.scopes.join(', ') : l10n.t('no scopes'),
          icon: { id: 'arrow-swap' },
          location: scheme.location,
          contextValue: 'flow',
          children: [],
        }));
    const tooltip = [
      `**${escapeMarkdown(scheme.name)}**${type !== undefined ? ` (${escapeMarkdown(type)})` : ''}`,
      '',
      ...(where !== undefined ? [`- ${l10n.t('The credential travels {0}.', escapeMarkdown(where))}`] : []),
      ...scheme.flows.map((flow) =>
        flow.scopes.length > 0 ? `- ${l10n.t('Flow {0} with scopes {1}', markdownCode(flow.type), flow.scopes.map(markdownCode).join(', '))}` : `- ${l10n.t('Flow {0} without scopes', markdownCode(flow.type))}`,
      ),
      `- ${scheme.operationCount === 1 ? l10n.t('Required by 1 operation') : l10n.t('Required by {0} operations', scheme.operationCount)}`,
      ...(problemCount(counts) > 0 ? [`- ${l10n.t('Findings: {0}', countsText(counts, l10n))}`] : []),
    ].join('\n');
    const node: ViewNode = {
      id,
      label: scheme.name,
      description: joinParts([type, where, flows === '' ? undefined : flows, this.countsDescription(counts)]),
      tooltip,
      icon: problemCount(counts) > 0 ? severityIcon(counts) : { id: 'key' },
      location: scheme.location,
      contextValue: 'scheme',
      children: flowNodes,
    };
    return this.keep(node, problemCount(counts) > 0) ? [node] : [];
  }

  private operationsByTag(api: ProvidedApi, parentId: string, callSites: Map<string, InventoryCallSite[]>): ViewNode[] {
    const groups = new Map<string, InventoryOperation[]>();
    const untagged: InventoryOperation[] = [];
    for (const operation of api.operations) {
      if (operation.tags.length === 0) untagged.push(operation);
      for (const tag of new Set(operation.tags)) groups.set(tag, [...(groups.get(tag) ?? []), operation]);
    }
    const nodes = [...groups].map(([tag, operations]) => this.operationGroup(`${parentId}|tag:${tag}`, tag, 'tag', operations, api, callSites, 'full'));
    if (untagged.length > 0) nodes.push(this.operationGroup(`${parentId}|untagged`, this.l10n.t('Without tag'), 'tag', untagged, api, callSites, 'full'));
    return nodes.filter((node): node is ViewNode => node !== undefined);
  }

  private operationsByPath(api: ProvidedApi, parentId: string, callSites: Map<string, InventoryCallSite[]>): ViewNode[] {
    const groups = new Map<string, InventoryOperation[]>();
    for (const operation of api.operations) groups.set(operation.path, [...(groups.get(operation.path) ?? []), operation]);
    return [...groups]
      .map(([path, operations]) => this.operationGroup(`${parentId}|path:${path}`, path, 'symbol-folder', operations, api, callSites, 'method'))
      .filter((node): node is ViewNode => node !== undefined);
  }

  private operationGroup(
    id: string,
    label: string,
    icon: string,
    operations: InventoryOperation[],
    api: ProvidedApi,
    callSites: Map<string, InventoryCallSite[]>,
    labelStyle: 'full' | 'method',
  ): ViewNode | undefined {
    const children = operations.flatMap((operation) => this.operation(operation, api, id, callSites, labelStyle));
    if (this.options.onlyProblems && children.length === 0) return undefined;
    const counts = operations.reduce((sum, operation) => addCounts(sum, operation.findingCounts), emptyCounts());
    const size = this.options.onlyProblems && children.length !== operations.length ? this.l10n.t('{0} of {1}', children.length, operations.length) : String(operations.length);
    return {
      id,
      label,
      description: joinParts([size, this.countsDescription(counts)]),
      icon: { id: icon },
      contextValue: 'operation-group',
      children,
    };
  }

  private operation(
    operation: InventoryOperation,
    api: ProvidedApi,
    parentId: string,
    callSitesByOperation: Map<string, InventoryCallSite[]>,
    labelStyle: 'full' | 'method',
  ): ViewNode[] {
    const l10n = this.l10n;
    const method = operation.method.toUpperCase();
    const security = securityText(operation.security, l10n);
    const id = `${parentId}|${method} ${operation.path}`;
    const calls = (callSitesByOperation.get(operationKey(api.id, operation.method, operation.path)) ?? []).flatMap((site, index) =>
      this.callSite(site, `${id}|call`, index, api.id),
    );
    const documentation =
      operation.documentation.missing.length === 0
        ? documentationStateText(operation.documentation, l10n)
        : l10n.t('{0} (missing: {1})', documentationStateText(operation.documentation, l10n), operation.documentation.missing.map((gap) => gapText(gap, l10n)).join(', '));
    const tooltip = [
      `**${escapeMarkdown(`${method} ${operation.path}`)}**${operation.summary !== undefined ? ` — ${escapeMarkdown(operation.summary)}` : ''}`,
      '',
      ...(operation.operationId !== undefined ? [`- ${l10n.t('Operation ID: {0}', markdownCode(operation.operationId))}`] : []),
      `- ${l10n.t('Authentication: {0}', operation.security.state === 'none' && !operation.security.intentionallyPublic ? `**${escapeMarkdown(security)}**` : escapeMarkdown(security))}`,
      ...(operation.security.scopes.length > 0 ? [`- ${l10n.t('Scopes: {0}', operation.security.scopes.map(markdownCode).join(', '))}`] : []),
      ...(operation.security.source === 'root' ? [`- ${l10n.t('Security is inherited from the API root.')}`] : []),
      `- ${l10n.t('Documentation: {0}', escapeMarkdown(documentation))}`,
      `- ${l10n.t('Findings: {0}', countsText(operation.findingCounts, l10n) || l10n.t('none'))}`,
      ...(operation.suppressedCount > 0 ? [`- ${l10n.t('Suppressed: {0}', operation.suppressedCount)}`] : []),
      `- ${l10n.t('Call sites in the code: {0}', operation.callSiteCount)}`,
    ].join('\n');
    const node: ViewNode = {
      id,
      label: labelStyle === 'full' ? `${method} ${operation.path}` : method,
      description: joinParts([
        labelStyle === 'method' ? operation.summary : undefined,
        security,
        operation.documentation.state === 'documented' ? undefined : documentationStateText(operation.documentation, l10n),
        this.countsDescription(operation.findingCounts),
        operation.callSiteCount > 0 ? callCountText(operation.callSiteCount, l10n) : undefined,
      ]),
      tooltip,
      icon: securityIcon(operation),
      location: operation.location,
      contextValue: `operation-${operation.security.state}`,
      children: calls,
    };
    return this.keep(node, problemCount(operation.findingCounts) > 0) ? [node] : [];
  }

  // -------------------------------------------------------------------------------------------
  // Consumed APIs

  private consumedApi(consumer: ConsumedApi, inventory: Inventory, parentId: string): ViewNode[] {
    const l10n = this.l10n;
    const id = `${parentId}|${consumer.key}`;
    const unresolved = consumer.key === UNRESOLVED_CONSUMER_KEY;
    const apiTitle = (apiId: string): string => {
      const api = inventory.providedApis.find((candidate) => candidate.id === apiId);
      return api === undefined ? relativeToFolder(apiId, inventory.folderUri) : (api.title ?? api.rootFile);
    };
    const children: ViewNode[] = [];
    for (const group of consumer.operations) {
      const groupId = `${id}|op|${group.apiId}|${group.method} ${group.path}`;
      const sites = group.callSites.flatMap((site, index) => this.callSite(site, groupId, index, undefined));
      if (this.options.onlyProblems && sites.length === 0) continue;
      const counts = group.callSites.reduce((sum, site) => addCounts(sum, site.findingCounts), emptyCounts());
      children.push({
        id: groupId,
        label: `${group.method.toUpperCase()} ${group.path}`,
        description: joinParts([apiTitle(group.apiId), callCountText(group.callSites.length, l10n), this.countsDescription(counts)]),
        tooltip: l10n.t('Calls matched to {0} of {1}', markdownCode(`${group.method.toUpperCase()} ${group.path}`), escapeMarkdown(apiTitle(group.apiId))),
        icon: { id: 'symbol-method' },
        contextValue: 'consumed-operation',
        children: sites,
      });
    }
    const bucket = (key: string, label: string, icon: NodeIcon, sites: InventoryCallSite[], tooltip: string): void => {
      if (sites.length === 0) return;
      const bucketId = `${id}|${key}`;
      const rows = sites.flatMap((site, index) => this.callSite(site, bucketId, index, undefined));
      if (this.options.onlyProblems && rows.length === 0) return;
      children.push({ id: bucketId, label, description: callCountText(sites.length, l10n), tooltip, icon, contextValue: `consumed-${key}`, children: rows });
    };
    bucket('undocumented', l10n.t('Undocumented calls'), { id: 'warning', color: THEME_COLORS.warning }, consumer.undocumented, l10n.t('Calls to a described API whose path or method the specification lacks.'));
    bucket('external', l10n.t('Calls to APIs without a specification'), { id: 'link-external' }, consumer.external, l10n.t('Calls to hosts that no OpenAPI document of the workspace describes.'));
    bucket('unresolved', l10n.t('Unresolved calls'), { id: 'question' }, consumer.unresolved, l10n.t('Calls whose URL could not be worked out from the code.'));

    const described = consumer.apiIds.map(apiTitle);
    const tooltip = [
      `**${escapeMarkdown(unresolved ? l10n.t('Calls with an unknown host') : consumer.key)}**`,
      '',
      ...(unresolved ? [] : [`- ${l10n.t('Transport: {0}', transportText(consumer.transport, l10n))}`]),
      `- ${described.length > 0 ? l10n.t('Described by: {0}', described.map(escapeMarkdown).join(', ')) : l10n.t('No OpenAPI document of the workspace describes this host.')}`,
      `- ${l10n.t('Call sites: {0}', consumer.callSiteCount)}`,
      `- ${l10n.t('Findings: {0}', countsText(consumer.findingCounts, l10n) || l10n.t('none'))}`,
    ].join('\n');
    const node: ViewNode = {
      id,
      label: unresolved ? l10n.t('Calls with an unknown host') : consumer.key,
      description: joinParts([
        unresolved ? undefined : transportText(consumer.transport, l10n),
        described.length > 0 ? described.join(', ') : undefined,
        callCountText(consumer.callSiteCount, l10n),
        this.countsDescription(consumer.findingCounts),
      ]),
      tooltip,
      icon: unresolved ? { id: 'question' } : transportIcon(consumer.transport),
      contextValue: `consumer-${consumer.transport}`,
      children,
    };
    return this.keep(node, false) ? [node] : [];
  }

  /** A call site; under an operation of a provided API (`apiId` set) the match is implied. */
  private callSite(site: InventoryCallSite, parentId: string, index: number, apiId: string | undefined): ViewNode[] {
    const l10n = this.l10n;
    const id = `${parentId}|${index}|${site.file}:${site.location.range.start.line}:${site.location.range.start.character}`;
    const findings = site.findings.map((finding, findingIndex) => this.finding(finding, `${id}|f`, findingIndex));
    const where = `${site.file}:${site.location.range.start.line + 1}`;
    const tooltip = [
      `**${escapeMarkdown(`${site.method.toUpperCase()} ${site.resolvedUrl ?? site.urlTemplate}`)}**`,
      '',
      `- ${l10n.t('Location: {0}', markdownCode(where))}`,
      `- ${l10n.t('Library: {0}', markdownCode(site.library))}`,
      ...(apiId === undefined ? [`- ${l10n.t('Match: {0}', escapeMarkdown(matchKindText(site, l10n)))}`] : []),
      `- ${l10n.t('Transport: {0}', transportText(site.transport, l10n))}`,
      `- ${l10n.t('Findings: {0}', countsText(site.findingCounts, l10n) || l10n.t('none'))}`,
    ].join('\n');
    const node: ViewNode = {
      id,
      label: `${site.method === 'unknown' ? '?' : site.method.toUpperCase()} ${site.resolvedUrl ?? site.urlTemplate}`,
      description: joinParts([where, site.library, this.countsDescription(site.findingCounts)]),
      tooltip,
      icon: problemCount(site.findingCounts) > 0 ? severityIcon(site.findingCounts) : { id: 'call-outgoing' },
      location: site.location,
      contextValue: 'call-site',
      children: findings,
    };
    return this.keep(node, problemCount(site.findingCounts) > 0) ? [node] : [];
  }

  private finding(finding: InventoryFindingRef, parentId: string, index: number): ViewNode {
    return {
      id: `${parentId}|${index}|${finding.fingerprint}`,
      label: finding.message,
      description: finding.ruleId,
      tooltip: `${escapeMarkdown(finding.message)}\n\n${markdownCode(finding.ruleId)} · ${escapeMarkdown(severityText(finding.severity, this.l10n))}`,
      icon: findingIcon(finding.severity),
      location: finding.location,
      contextValue: 'finding',
      children: [],
    };
  }
}

function operationKey(apiId: string, method: string, path: string): string {
  return `${apiId} ${method.toLowerCase()} ${path}`;
}

function joinParts(parts: ReadonlyArray<string | undefined | false>, separator = ' · '): string | undefined {
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return present.length === 0 ? undefined : present.join(separator);
}

/** Encrypted: a lock; unencrypted: an open lock in the warning color; local: a house. */
export function transportIcon(transport: TransportState): NodeIcon {
  switch (transport) {
    case 'encrypted':
      return { id: 'lock', color: THEME_COLORS.success };
    case 'unencrypted':
      return { id: 'unlock', color: THEME_COLORS.warning };
    case 'local':
      return { id: 'home' };
    case 'unknown':
      return { id: 'question' };
  }
}

/**
 * The operation's icon tells its effective security at a glance: an operation anyone can call
 * stands out in the error color, an optional credential in the warning color.
 */
export function securityIcon(operation: Pick<InventoryOperation, 'security'>): NodeIcon {
  switch (operation.security.state) {
    case 'required':
      return { id: 'lock' };
    case 'optional':
      return { id: 'unlock', color: THEME_COLORS.warning };
    case 'none':
      return operation.security.intentionallyPublic ? { id: 'globe' } : { id: 'unlock', color: THEME_COLORS.error };
  }
}

function severityIcon(counts: SeverityCounts): NodeIcon {
  if (counts.error > 0) return { id: 'error', color: THEME_COLORS.error };
  if (counts.warning > 0) return { id: 'warning', color: THEME_COLORS.warning };
  return { id: 'info', color: THEME_COLORS.info };
}

export function findingIcon(severity: InventoryFindingRef['severity']): NodeIcon {
  switch (severity) {
    case 'error':
      return { id: 'error', color: THEME_COLORS.error };
    case 'warning':
      return { id: 'warning', color: THEME_COLORS.warning };
    case 'info':
      return { id: 'info', color: THEME_COLORS.info };
    case 'hint':
      return { id: 'lightbulb' };
  }
}
