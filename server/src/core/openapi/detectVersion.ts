import { child, type AstNode } from '../model/ast';
import type { SpecVersion } from './types';

export interface DetectedVersion {
  version: SpecVersion;
  text: string;
  /** The `openapi` / `swagger` key's value node. */
  node: AstNode;
}

/**
 * Tells whether a document root is an OpenAPI / Swagger root and which version it is. Anything
 * with an `openapi` or `swagger` key at its top counts as a root; unknown versions return
 * undefined so that no rule fires on a construct it does not understand.
 */
export function detectVersion(root: AstNode | undefined): DetectedVersion | undefined {
  const swagger = child(root, 'swagger');
  if (swagger !== undefined) {
    if (swagger.type === 'object' || swagger.type === 'array') return undefined;
    const text = String(swagger.value ?? '');
    return text === '2.0' || text === '2' ? { version: '2.0', text, node: swagger } : undefined;
  }
  const openapi = child(root, 'openapi');
  if (openapi === undefined || openapi.type === 'object' || openapi.type === 'array') return undefined;
  const text = String(openapi.value ?? '');
  const match = /^3\.(\d+)(?:\.|$)/.exec(text);
  if (match === null) return undefined;
  const minor = Number(match[1]);
  if (minor === 0) return { version: '3.0', text, node: openapi };
  if (minor === 1) return { version: '3.1', text, node: openapi };
  if (minor === 2) return { version: '3.2', text, node: openapi };
  return undefined;
}

/** True when a document declares itself an OpenAPI root (`openapi:` or `swagger:` at the top). */
export function isRootDocument(root: AstNode | undefined): boolean {
  return child(root, 'swagger') !== undefined || child(root, 'openapi') !== undefined;
}

/**
 * A cheap text test for files that look like OpenAPI roots, used before parsing (to pick files
 * from a workspace) and for files whose syntax is broken (to still report their parse errors).
 */
export function looksLikeOpenApiText(text: string): boolean {
  return /(^|[\n{,])\s*["']?(openapi|swagger)["']?\s*:/.test(text);
}
