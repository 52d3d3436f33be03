import type { Finding } from '../engine/finding';
import type { Range } from '../model/lineIndex';
import type { ChecklistStepId, Severity } from '../rules/types';

/**
 * The API inventory: plain JSON that the language server returns for `apiGuard/inventory`, that
 * `api-guard inventory --format json` prints, and that the inventory view and the Markdown / CSV
 * reports are built from. It is versioned so that saved exports can be read back by later
 * releases; a breaking change of its shape raises `schemaVersion`.
 */
export const INVENTORY_SCHEMA_VERSION = 1;

export interface InventoryLocation {
  uri: string;
  range: Range;
}

export type SeverityCounts = Record<Severity, number>;

/**
 * How a server or a called URL is reached: `encrypted` (https / wss), `unencrypted` (http / ws,
 * or a Swagger 2.0 `schemes` list that offers http), `local` (a loopback host, where plain HTTP
 * never leaves the machine), `unknown` (relative URL, no scheme, or a templated scheme).
 */
export type TransportState = 'encrypted' | 'unencrypted' | 'local' | 'unknown';

export interface InventoryServer {
  /** The URL as written (3.x) or composed from scheme, host and basePath (2.0). */
  url: string;
  /** Every concrete URL the entry stands for (server variables expanded; 2.0: one per scheme). */
  expandedUrls: string[];
  level: 'root' | 'path' | 'operation';
  transport: TransportState;
  description?: string;
  /** The environment the description names, normalised: production, staging, test, development, sandbox … */
  environment?: string;
  /** Active findings on the server's URL (or on its key, without one). */
  findingCounts: SeverityCounts;
  location: InventoryLocation;
}

/** Where the credential of a scheme travels on a call (or, for OAuth2, where it is most exposed). */
export type CredentialLocation = 'header' | 'query' | 'cookie' | 'path' | 'body' | 'tls' | 'redirect';

export interface InventoryFlow {
  /** 3.x flow name (`authorizationCode`, `clientCredentials`, `implicit`, `password`, `deviceAuthorization`) or 2.0 `flow`. */
  type: string;
  scopes: string[];
}

export interface InventorySecurityScheme {
  name: string;
  /** `http`, `apiKey`, `oauth2`, `openIdConnect`, `mutualTLS`; 2.0: `basic`, `apiKey`, `oauth2`. */
  type?: string;
  /** The HTTP authentication scheme (`bearer`, `basic` …); 2.0 `basic` is reported as `basic` too. */
  scheme?: string;
  /** apiKey: where the key is sent, as written. */
  in?: string;
  /** apiKey: the header, query parameter or cookie name. */
  parameterName?: string;
  bearerFormat?: string;
  credentialLocation?: CredentialLocation;
  flows: InventoryFlow[];
  /** Operations whose effective security names this scheme. */
  operationCount: number;
  /** Active findings on the scheme's name (its key). */
  findingCounts: SeverityCounts;
  location: InventoryLocation;
}

export type SecurityState = 'required' | 'optional' | 'none';

export interface InventoryOperationSecurity {
  /**
   * `required`: every alternative needs a credential; `optional`: an alternative is `{}`;
   * `none`: no requirement at all (missing or `[]`).
   */
  state: SecurityState;
  /** Every scheme named by any alternative, in order of appearance. */
  schemes: string[];
  /** The alternatives as written: each is the list of schemes that must all be present (`[]` for `{}`). */
  alternatives: string[][];
  /** Every scope any alternative asks for. */
  scopes: string[];
  /** Where the effective requirement comes from. */
  source: 'operation' | 'root' | 'none';
  /** `x-api-guard-public: true` marks the operation as public on purpose. */
  intentionallyPublic: boolean;
}

/** What an operation's documentation lacks; stable identifiers the views translate. */
export type DocumentationGap =
  | 'description'
  | 'operationId'
  | 'responses'
  | 'successResponse'
  | 'errorResponse'
  | 'responseDescription'
  | 'parameterDescription';

export interface InventoryOperationDocumentation {
  /** `undocumented`: neither summary nor description; `partial`: something else is missing. */
  state: 'documented' | 'partial' | 'undocumented';
  missing: DocumentationGap[];
}

export interface InventoryOperation {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  security: InventoryOperationSecurity;
  documentation: InventoryOperationDocumentation;
  /** Active findings inside the operation (and on its path item's shared parts). */
  findingCounts: SeverityCounts;
  suppressedCount: number;
  /** Call sites in the workspace's code matched to this operation. */
  callSiteCount: number;
  location: InventoryLocation;
}

export interface ProvidedApi {
  /** The root document's URI: the API's identity everywhere (views, call-site matches). */
  id: string;
  title?: string;
  /** `info.version`. */
  version?: string;
  /** The OpenAPI / Swagger version as written (`2.0`, `3.0.3`, `3.1.0`, `3.2.0`). */
  specVersion: string;
  /** Root file, relative to the workspace folder. */
  rootFile: string;
  /** Every file of the API (root first), relative to the workspace folder. */
  files: string[];
  hasDescription: boolean;
  servers: InventoryServer[];
  securitySchemes: InventorySecurityScheme[];
  operations: InventoryOperation[];
  /** Active findings in any file of the API. */
  findingCounts: SeverityCounts;
  suppressedCount: number;
  /** `info` (or the document start when there is none). */
  location: InventoryLocation;
}

export type CallMatchKind = 'matched' | 'path-not-documented' | 'method-not-documented' | 'external' | 'unresolved';

/** One call site of the code analysis, as the inventory receives it (issue 4 produces these). */
export interface InventoryCallSiteInput {
  uri: string;
  range: Range;
  language: string;
  /** The client library the call was recognised by (`fetch`, `axios`, `requests`, `net/http` …). */
  library: string;
  /** Upper- or lower-case HTTP method; `unknown` when the code does not say. */
  method: string;
  /** The URL with dynamic parts as `{…}` templates, as far as the code shows it. */
  urlTemplate: string;
  /** The absolute URL after applying the client's base URL, when known. */
  resolvedUrl?: string;
  host?: string;
  match: {
    kind: CallMatchKind;
    apiId?: string;
    operation?: { method: string; path: string };
  };
  findings: Finding[];
}

export interface InventoryFindingRef {
  ruleId: string;
  severity: Severity;
  message: string;
  fingerprint: string;
  location: InventoryLocation;
}

export interface InventoryCallSite {
  file: string;
  language: string;
  library: string;
  method: string;
  urlTemplate: string;
  resolvedUrl?: string;
  transport: TransportState;
  match: InventoryCallSiteInput['match'];
  findings: InventoryFindingRef[];
  findingCounts: SeverityCounts;
  location: InventoryLocation;
}

export interface ConsumedOperationGroup {
  apiId: string;
  method: string;
  path: string;
  callSites: InventoryCallSite[];
}

export interface ConsumedApi {
  /** `scheme://host[:port]` of the calls, the bare host, or `unresolved` when the code does not tell. */
  key: string;
  host?: string;
  transport: TransportState;
  /** The workspace APIs whose servers these calls matched. */
  apiIds: string[];
  /** Calls matched to a documented operation, one group per operation. */
  operations: ConsumedOperationGroup[];
  /** Calls to a described API whose path or method the spec lacks. */
  undocumented: InventoryCallSite[];
  /** Calls to hosts that no workspace spec describes. */
  external: InventoryCallSite[];
  /** Calls whose URL could not be worked out from the code. */
  unresolved: InventoryCallSite[];
  callSiteCount: number;
  findingCounts: SeverityCounts;
}

export interface InventorySummary {
  apis: number;
  operations: number;
  operationsWithoutAuthentication: number;
  operationsWithOptionalAuthentication: number;
  undocumentedOperations: number;
  partiallyDocumentedOperations: number;
  servers: number;
  unencryptedServers: number;
  securitySchemes: number;
  consumedApis: number;
  callSites: number;
  undocumentedCalls: number;
  findingCounts: SeverityCounts;
  suppressedCount: number;
  /** Active findings that are evidence of each checklist step (CHECKLIST.md). */
  findingsByStep: Record<ChecklistStepId, number>;
}

export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  folderUri: string;
  providedApis: ProvidedApi[];
  consumedApis: ConsumedApi[];
  summary: InventorySummary;
}
