import { defineMessages } from '../l10n/messages';
import { relativeUri } from '../engine/analyseApi';
import { UNRESOLVED_CONSUMER_KEY } from './buildInventory';
import type {
  ConsumedApi,
  DocumentationGap,
  Inventory,
  InventoryCallSite,
  InventoryOperation,
  InventoryOperationSecurity,
  InventorySecurityScheme,
  InventoryServer,
  ProvidedApi,
  SeverityCounts,
  TransportState,
} from './types';

const m = defineMessages({
  title: { en: 'API inventory', de: 'API-Inventar' },
  generatedAt: { en: 'Generated on {date}.', de: 'Erstellt am {date}.' },
  overview: {
    en: '{apis} provided APIs with {operations} operations ({unprotected} without authentication, {undocumented} undocumented), {servers} servers ({unencrypted} unencrypted), {consumers} consumed APIs with {calls} call sites.',
    de: '{apis} bereitgestellte APIs mit {operations} Operationen ({unprotected} ohne Authentifizierung, {undocumented} undokumentiert), {servers} Server ({unencrypted} unverschlüsselt), {consumers} genutzte APIs mit {calls} Aufrufstellen.',
  },
  findingsLine: { en: 'Open findings: {counts}.', de: 'Offene Befunde: {counts}.' },
  suppressedLine: { en: '{count} suppressed.', de: '{count} unterdrückt.' },
  providedApis: { en: 'Provided APIs', de: 'Bereitgestellte APIs' },
  noProvidedApis: { en: 'No OpenAPI documents were found.', de: 'Es wurden keine OpenAPI-Dokumente gefunden.' },
  untitled: { en: 'Untitled API', de: 'API ohne Titel' },
  rootFile: { en: 'Root file', de: 'Stammdatei' },
  files: { en: 'Files', de: 'Dateien' },
  specVersion: { en: 'Specification', de: 'Spezifikation' },
  description: { en: 'Description', de: 'Beschreibung' },
  present: { en: 'present', de: 'vorhanden' },
  absent: { en: 'missing', de: 'fehlt' },
  servers: { en: 'Servers', de: 'Server' },
  noServers: { en: 'No servers are declared.', de: 'Es sind keine Server angegeben.' },
  url: { en: 'URL', de: 'URL' },
  level: { en: 'Level', de: 'Ebene' },
  transport: { en: 'Transport', de: 'Übertragung' },
  environment: { en: 'Environment', de: 'Umgebung' },
  securitySchemes: { en: 'Security schemes', de: 'Sicherheitsschemata' },
  noSchemes: { en: 'No security schemes are defined.', de: 'Es sind keine Sicherheitsschemata definiert.' },
  name: { en: 'Name', de: 'Name' },
  type: { en: 'Type', de: 'Typ' },
  credentialLocation: { en: 'Credential travels in', de: 'Zugangsdaten übertragen im' },
  flows: { en: 'Flows (scopes)', de: 'Flows (Scopes)' },
  usedBy: { en: 'Operations', de: 'Operationen' },
  operations: { en: 'Operations', de: 'Operationen' },
  noOperations: { en: 'No operations are described.', de: 'Es sind keine Operationen beschrieben.' },
  method: { en: 'Method', de: 'Methode' },
  path: { en: 'Path', de: 'Pfad' },
  operationId: { en: 'Operation ID', de: 'Operation-ID' },
  authentication: { en: 'Authentication', de: 'Authentifizierung' },
  documentation: { en: 'Documentation', de: 'Dokumentation' },
  findings: { en: 'Findings (E/W/I/H)', de: 'Befunde (F/W/I/H)' },
  callSites: { en: 'Call sites', de: 'Aufrufstellen' },
  consumedApis: { en: 'Consumed APIs', de: 'Genutzte APIs' },
  noConsumedApis: { en: 'No API calls were found in the code of the workspace.', de: 'Im Code des Arbeitsbereichs wurden keine API-Aufrufe gefunden.' },
  unresolvedHost: { en: 'Calls with an unknown host', de: 'Aufrufe mit unbekanntem Host' },
  describedBy: { en: 'Described by', de: 'Beschrieben in' },
  notDescribed: { en: 'no workspace specification', de: 'keine Spezifikation im Arbeitsbereich' },
  call: { en: 'Call', de: 'Aufruf' },
  location: { en: 'Location', de: 'Ort' },
  match: { en: 'Match', de: 'Zuordnung' },
  line: { en: 'Line', de: 'Zeile' },
  kind: { en: 'Kind', de: 'Art' },
  api: { en: 'API', de: 'API' },
  file: { en: 'File', de: 'Datei' },
  schemes: { en: 'Schemes', de: 'Schemata' },
  missing: { en: 'Missing', de: 'Fehlt' },
  errors: { en: 'Errors', de: 'Fehler' },
  warnings: { en: 'Warnings', de: 'Warnungen' },
  infos: { en: 'Information', de: 'Informationen' },
  hints: { en: 'Hints', de: 'Hinweise' },
  host: { en: 'Host', de: 'Host' },
  library: { en: 'Library', de: 'Bibliothek' },
  countsErrorOne: { en: '1 error', de: '1 Fehler' },
  countsError: { en: '{count} errors', de: '{count} Fehler' },
  countsWarningOne: { en: '1 warning', de: '1 Warnung' },
  countsWarning: { en: '{count} warnings', de: '{count} Warnungen' },
  countsInfoOne: { en: '1 information', de: '1 Information' },
  countsInfo: { en: '{count} information', de: '{count} Informationen' },
  countsHintOne: { en: '1 hint', de: '1 Hinweis' },
  countsHint: { en: '{count} hints', de: '{count} Hinweise' },
  none: { en: 'none', de: 'keine' },
  securityRequired: { en: 'required: {schemes}', de: 'erforderlich: {schemes}' },
  securityOptional: { en: 'optional: {schemes}', de: 'optional: {schemes}' },
  securityNone: { en: 'no authentication', de: 'keine Authentifizierung' },
  securityPublic: { en: 'public on purpose', de: 'absichtlich öffentlich' },
  or: { en: ' or ', de: ' oder ' },
  docDocumented: { en: 'documented', de: 'dokumentiert' },
  docPartial: { en: 'partly documented', de: 'teilweise dokumentiert' },
  docUndocumented: { en: 'undocumented', de: 'undokumentiert' },
  gapDescription: { en: 'summary or description', de: 'Zusammenfassung oder Beschreibung' },
  gapOperationId: { en: 'operationId', de: 'operationId' },
  gapResponses: { en: 'responses', de: 'Antworten' },
  gapSuccessResponse: { en: 'success response', de: 'Erfolgsantwort' },
  gapErrorResponse: { en: '4xx response', de: '4xx-Antwort' },
  gapResponseDescription: { en: 'response description', de: 'Antwortbeschreibung' },
  gapParameterDescription: { en: 'parameter description', de: 'Parameterbeschreibung' },
  transportEncrypted: { en: 'encrypted', de: 'verschlüsselt' },
  transportUnencrypted: { en: 'UNENCRYPTED', de: 'UNVERSCHLÜSSELT' },
  transportLocal: { en: 'local', de: 'lokal' },
  transportUnknown: { en: 'unknown', de: 'unbekannt' },
  levelRoot: { en: 'API', de: 'API' },
  levelPath: { en: 'path', de: 'Pfad' },
  levelOperation: { en: 'operation', de: 'Operation' },
  matchMatched: { en: '{method} {path}', de: '{method} {path}' },
  matchPathNotDocumented: { en: 'path not documented', de: 'Pfad nicht dokumentiert' },
  matchMethodNotDocumented: { en: 'method not documented', de: 'Methode nicht dokumentiert' },
  matchExternal: { en: 'external API', de: 'externe API' },
  matchUnresolved: { en: 'URL unknown', de: 'URL unbekannt' },
});

export interface FormatInventoryOptions {
  /** Printed under the title, so that an audit can tell when the export was made. */
  generatedAt?: Date;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** An audit-ready Markdown report of the inventory, in the current locale. */
export function formatInventoryMarkdown(inventory: Inventory, options: FormatInventoryOptions = {}): string {
  const out: string[] = [`# ${m.title()}`, ''];
  if (options.generatedAt !== undefined) out.push(m.generatedAt({ date: options.generatedAt.toISOString().slice(0, 10) }), '');
  const summary = inventory.summary;
  out.push(
    m.overview({
      apis: summary.apis,
      operations: summary.operations,
      unprotected: summary.operationsWithoutAuthentication,
      undocumented: summary.undocumentedOperations,
      servers: summary.servers,
      unencrypted: summary.unencryptedServers,
      consumers: summary.consumedApis,
      calls: summary.callSites,
    }),
    '',
    `${m.findingsLine({ counts: countsText(summary.findingCounts) })}${summary.suppressedCount > 0 ? ' ' + m.suppressedLine({ count: summary.suppressedCount }) : ''}`,
    '',
    `## ${m.providedApis()}`,
    '',
  );
  if (inventory.providedApis.length === 0) out.push(m.noProvidedApis(), '');
  for (const api of inventory.providedApis) out.push(...providedApiMarkdown(api));
  out.push(`## ${m.consumedApis()}`, '');
  if (inventory.consumedApis.length === 0) out.push(m.noConsumedApis(), '');
  for (const consumer of inventory.consumedApis) out.push(...consumedApiMarkdown(consumer, inventory));
  return out.join('\n').replace(/\n+$/, '\n');
}

function providedApiMarkdown(api: ProvidedApi): string[] {
  const heading = [api.title ?? m.untitled(), api.version].filter((part) => part !== undefined).join(' ');
  const out: string[] = [`### ${escapeInline(heading)}`, ''];
  out.push(
    `- ${m.rootFile()}: \`${api.rootFile}\``,
    `- ${m.specVersion()}: ${api.specVersion === '2.0' ? 'Swagger 2.0' : `OpenAPI ${api.specVersion}`}`,
    `- ${m.files()}: ${api.files.map((file) => `\`${file}\``).join(', ')}`,
    `- ${m.description()}: ${api.hasDescription ? m.present() : m.absent()}`,
    `- ${m.findingsLine({ counts: countsText(api.findingCounts) })}`,
    '',
  );
  out.push(`#### ${m.servers()}`, '');
  if (api.servers.length === 0) out.push(m.noServers(), '');
  else {
    out.push(...table([m.url(), m.level(), m.transport(), m.environment()], api.servers.map(serverRow)), '');
  }
  out.push(`#### ${m.securitySchemes()}`, '');
  if (api.securitySchemes.length === 0) out.push(m.noSchemes(), '');
  else {
    out.push(...table([m.name(), m.type(), m.credentialLocation(), m.flows(), m.usedBy()], api.securitySchemes.map(schemeRow)), '');
  }
  out.push(`#### ${m.operations()}`, '');
  if (api.operations.length === 0) out.push(m.noOperations(), '');
  else {
    out.push(
      ...table(
        [m.method(), m.path(), m.operationId(), m.authentication(), m.documentation(), m.findings(), m.callSites()],
        api.operations.map(operationRow),
      ),
      '',
    );
  }
  return out;
}

function serverRow(server: InventoryServer): string[] {
  const urls = server.expandedUrls.length > 1 ? server.expandedUrls : [server.url];
  return [urls.map((url) => `\`${url}\``).join('<br>'), levelText(server.level), transportText(server.transport), server.environment ?? ''];
}

function schemeRow(scheme: InventorySecurityScheme): string[] {
  const type = [scheme.type, scheme.scheme !== undefined && scheme.scheme !== scheme.type ? scheme.scheme : undefined, scheme.bearerFormat]
    .filter((part) => part !== undefined)
    .join(' / ');
  const where = [scheme.credentialLocation, scheme.parameterName === undefined ? undefined : `\`${scheme.parameterName}\``].filter((part) => part !== undefined).join(' ');
  const flows = scheme.flows.map((flow) => (flow.scopes.length > 0 ? `${flow.type} (${flow.scopes.join(', ')})` : flow.type)).join('; ');
  return [`\`${scheme.name}\``, type, where, flows, String(scheme.operationCount)];
}

function operationRow(operation: InventoryOperation): string[] {
  return [
    operation.method.toUpperCase(),
    `\`${operation.path}\``,
    operation.operationId === undefined ? '' : `\`${operation.operationId}\``,
    securityText(operation.security),
    documentationText(operation),
    shortCounts(operation.findingCounts),
    String(operation.callSiteCount),
  ];
}

function consumedApiMarkdown(consumer: ConsumedApi, inventory: Inventory): string[] {
  const heading = consumer.key === UNRESOLVED_CONSUMER_KEY ? m.unresolvedHost() : consumer.key;
  const out: string[] = [`### ${escapeInline(heading)}`, ''];
  if (consumer.key !== UNRESOLVED_CONSUMER_KEY) out.push(`- ${m.transport()}: ${transportText(consumer.transport)}`);
  const described = consumer.apiIds.map((id) => {
    const api = inventory.providedApis.find((candidate) => candidate.id === id);
    return api === undefined ? relativeUri(id, inventory.folderUri) : `${api.title ?? m.untitled()} (\`${api.rootFile}\`)`;
  });
  out.push(`- ${m.describedBy()}: ${described.length > 0 ? described.join(', ') : m.notDescribed()}`);
  out.push(`- ${m.findingsLine({ counts: countsText(consumer.findingCounts) })}`, '');
  const sites = [...consumer.operations.flatMap((group) => group.callSites), ...consumer.undocumented, ...consumer.external, ...consumer.unresolved];
  out.push(...table([m.call(), m.location(), m.match(), m.findings()], sites.map(callSiteRow)), '');
  return out;
}

function callSiteRow(site: InventoryCallSite): string[] {
  return [
    `${site.method.toUpperCase()} \`${site.resolvedUrl ?? site.urlTemplate}\``,
    `\`${site.file}:${site.location.range.start.line + 1}\` (${site.library})`,
    matchText(site),
    shortCounts(site.findingCounts),
  ];
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

function escapeCell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
}

function escapeInline(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/([\\`*_[\]#<>])/g, '\\$1');
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One row per operation and one per call site (RFC 4180: CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled). Headers follow the locale;
 * values are the inventory's own identifiers so that a spreadsheet filter works in any language.
 */
export function formatInventoryCsv(inventory: Inventory): string {
  const header = [
    m.kind(),
    m.api(),
    m.specVersion(),
    m.file(),
    m.line(),
    m.method(),
    m.path(),
    m.operationId(),
    m.authentication(),
    m.schemes(),
    m.documentation(),
    m.missing(),
    m.errors(),
    m.warnings(),
    m.infos(),
    m.hints(),
    m.callSites(),
    m.host(),
    m.url(),
    m.library(),
    m.match(),
  ];
  const rows: (string | number)[][] = [header];
  for (const api of inventory.providedApis) {
    for (const operation of api.operations) {
      rows.push([
        'operation',
        api.title ?? '',
        api.specVersion,
        relativeUri(operation.location.uri, inventory.folderUri),
        operation.location.range.start.line + 1,
        operation.method.toUpperCase(),
        operation.path,
        operation.operationId ?? '',
        operation.security.state,
        operation.security.schemes.join(' '),
        operation.documentation.state,
        operation.documentation.missing.join(' '),
        operation.findingCounts.error,
        operation.findingCounts.warning,
        operation.findingCounts.info,
        operation.findingCounts.hint,
        operation.callSiteCount,
        '',
        '',
        '',
        '',
      ]);
    }
  }
  for (const consumer of inventory.consumedApis) {
    const sites = [...consumer.operations.flatMap((group) => group.callSites), ...consumer.undocumented, ...consumer.external, ...consumer.unresolved];
    for (const site of sites) {
      const api = inventory.providedApis.find((candidate) => candidate.id === site.match.apiId);
      rows.push([
        'call-site',
        api?.title ?? '',
        api?.specVersion ?? '',
        site.file,
        site.location.range.start.line + 1,
        site.method.toUpperCase(),
        site.match.operation?.path ?? '',
        '',
        '',
        '',
        '',
        '',
        site.findingCounts.error,
        site.findingCounts.warning,
        site.findingCounts.info,
        site.findingCounts.hint,
        '',
        consumer.host ?? '',
        site.resolvedUrl ?? site.urlTemplate,
        site.library,
        site.match.kind,
      ]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------
// Labels shared with the views

export function transportText(transport: TransportState): string {
  switch (transport) {
    case 'encrypted':
      return m.transportEncrypted();
    case 'unencrypted':
      return m.transportUnencrypted();
    case 'local':
      return m.transportLocal();
    default:
      return m.transportUnknown();
  }
}

function levelText(level: InventoryServer['level']): string {
  return level === 'root' ? m.levelRoot() : level === 'path' ? m.levelPath() : m.levelOperation();
}

export function securityText(security: InventoryOperationSecurity): string {
  const alternatives = security.alternatives.filter((alternative) => alternative.length > 0).map((alternative) => alternative.join(' + '));
  const schemes = alternatives.join(m.or());
  switch (security.state) {
    case 'required':
      return m.securityRequired({ schemes });
    case 'optional':
      return m.securityOptional({ schemes });
    default:
      return security.intentionallyPublic ? `${m.securityNone()} (${m.securityPublic()})` : m.securityNone();
  }
}

export function documentationText(operation: Pick<InventoryOperation, 'documentation'>): string {
  const { state, missing } = operation.documentation;
  const label = state === 'documented' ? m.docDocumented() : state === 'partial' ? m.docPartial() : m.docUndocumented();
  return missing.length === 0 ? label : `${label} (${m.missing().toLowerCase()}: ${missing.map(gapText).join(', ')})`;
}

export function gapText(gap: DocumentationGap): string {
  switch (gap) {
    case 'description':
      return m.gapDescription();
    case 'operationId':
      return m.gapOperationId();
    case 'responses':
      return m.gapResponses();
    case 'successResponse':
      return m.gapSuccessResponse();
    case 'errorResponse':
      return m.gapErrorResponse();
    case 'responseDescription':
      return m.gapResponseDescription();
    case 'parameterDescription':
      return m.gapParameterDescription();
  }
}

export function matchText(site: Pick<InventoryCallSite, 'match'>): string {
  switch (site.match.kind) {
    case 'matched':
      return site.match.operation === undefined
        ? m.matchUnresolved()
        : m.matchMatched({ method: site.match.operation.method.toUpperCase(), path: `\`${site.match.operation.path}\`` });
    case 'path-not-documented':
      return m.matchPathNotDocumented();
    case 'method-not-documented':
      return m.matchMethodNotDocumented();
    case 'external':
      return m.matchExternal();
    default:
      return m.matchUnresolved();
  }
}

/** `2 errors, 1 warnings` — only the severities that occur, or "none". */
export function countsText(counts: SeverityCounts): string {
  const parts: string[] = [];
  const add = (count: number, one: () => string, many: (args: { count: number }) => string): void => {
    if (count === 1) parts.push(one());
    else if (count > 1) parts.push(many({ count }));
  };
  add(counts.error, m.countsErrorOne, m.countsError);
  add(counts.warning, m.countsWarningOne, m.countsWarning);
  add(counts.info, m.countsInfoOne, m.countsInfo);
  add(counts.hint, m.countsHintOne, m.countsHint);
  return parts.length > 0 ? parts.join(', ') : m.none();
}

function shortCounts(counts: SeverityCounts): string {
  return `${counts.error}/${counts.warning}/${counts.info}/${counts.hint}`;
}
