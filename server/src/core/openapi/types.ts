import type { AstNode, ObjectNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';

export type SpecVersion = '2.0' | '3.0' | '3.1' | '3.2';
export const ALL_VERSIONS: readonly SpecVersion[] = ['2.0', '3.0', '3.1', '3.2'];

/** A node together with the document that holds it: the unit every location is made of. */
export interface NodeRef {
  doc: ParsedDocument;
  node: AstNode;
}

export type RefProblemKind = 'unresolved' | 'remote' | 'outside';

/** One `{ "$ref": "…" }` object met while walking an API. */
export interface RefSite {
  doc: ParsedDocument;
  /** The object that holds `$ref`. */
  node: ObjectNode;
  ref: string;
  /** Where it points, once resolved (one step, not following further refs). */
  target?: NodeRef;
  problem?: { kind: RefProblemKind; message: string };
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace' | 'query' | string;

export interface ServerEntry {
  /** The server object (3.x) or the document root (2.0, where host/basePath/schemes live). */
  at: NodeRef;
  /** The node that holds the URL text (3.x `url`, 2.0 `host`), for ranges and fixes. */
  urlAt?: NodeRef;
  /** The URL as written (3.x) or composed from scheme, host and basePath (2.0). */
  url: string;
  /** Every concrete URL the server can stand for: variables replaced by default and each enum value. */
  expandedUrls: string[];
  level: 'root' | 'path' | 'operation';
  description?: string;
}

export interface SecuritySchemeEntry {
  name: string;
  /** The resolved scheme object. */
  at: NodeRef;
  /** The scheme's entry as written in its container (may be a `$ref` object): its key is the name. */
  entryAt: NodeRef;
  type?: string;
}

export interface SecurityRequirementEntry {
  /** The requirement object, e.g. `{ oauth: [read, write] }`. */
  at: NodeRef;
  /** Scheme names with their scopes. An empty map is the `{}` that makes authentication optional. */
  schemes: Map<string, { scopes: string[]; at: NodeRef }>;
}

export interface EffectiveSecurity {
  /** Where the effective requirement list comes from. */
  source: 'operation' | 'root' | 'none';
  /** The `security` array node, when there is one. */
  at?: NodeRef;
  requirements: SecurityRequirementEntry[];
  /** True when missing, `[]`, or containing `{}`: the operation can be called without credentials. */
  unprotected: boolean;
}

export interface ParameterEntry {
  /** The resolved parameter object. */
  at: NodeRef;
  name?: string;
  in?: string;
  level: 'path' | 'operation';
}

export interface OperationEntry {
  method: HttpMethod;
  /** The path template as it is written in `paths`. */
  path: string;
  /** The resolved path item object. */
  pathItem: NodeRef;
  /** The resolved operation object. Its key in the path item is the method. */
  operation: NodeRef;
  operationId?: string;
  tags: string[];
  security: EffectiveSecurity;
  /** Path-level and operation-level parameters, resolved; operation-level ones win by name + in. */
  parameters: ParameterEntry[];
  /** The resolved `responses` object, when present. */
  responses?: NodeRef;
  /** Servers that apply to the operation (operation, else path item, else root). */
  servers: ServerEntry[];
  /** True when the operation is marked `x-api-guard-public: true`. */
  intentionallyPublic: boolean;
}

/** The normalised view of one API (a root document and the fragments it reaches through `$ref`). */
export interface ApiDescription {
  root: ParsedDocument;
  version: SpecVersion;
  /** The version as written (`3.0.3`, `2.0`, …). */
  versionText: string;
  /** The root first, then each fragment reached through `$ref`, each once. */
  documents: ParsedDocument[];
  /**
   * Files inside the workspace that a `$ref` points to but that could not be read (missing, a
   * folder, no permission): once one can be read, the API must be built again.
   */
  unreadDocuments?: readonly string[];
  refSites: RefSite[];
  title?: string;
  apiVersion?: string;
  info?: NodeRef;
  servers: ServerEntry[];
  /** `components.securitySchemes` (3.x) or `securityDefinitions` (2.0), resolved. */
  securitySchemesAt?: NodeRef;
  securitySchemes: Map<string, SecuritySchemeEntry>;
  /** The root `security` array, when present. */
  rootSecurityAt?: NodeRef;
  /** Root `tags` array, when present. */
  tagsAt?: NodeRef;
  declaredTags: Set<string>;
  /** The `paths` object, resolved. */
  pathsAt?: NodeRef;
  operations: OperationEntry[];
  /** Follows `$ref` chains from a node to the node they end at; returns the input when it is no ref. */
  resolve(ref: NodeRef): NodeRef;
}
