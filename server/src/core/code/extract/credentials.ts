import type { Node } from 'web-tree-sitter';
import type { SourceFile } from './sourceFile';

/**
 * Names that say a value is a credential or carries one: headers (`Authorization`, `X-API-Key`),
 * options (`auth`, `token`, `bearer`), setters (`withToken`, `SetAuthToken`, `setBasicAuth`).
 * `author…` and cancellation tokens are not credentials.
 */
const CREDENTIAL_NAME = /authori[sz]ation|auth(?!or)|bearer|api[-_]?key|token|credential|password|passwd|pwd|secret|cookie|signature|x-[a-z-]*key/i;
const NOT_CREDENTIAL_NAME = /cancel|csrf|xsrf|tokeni[sz]e|nexttoken|pagetoken|continuationtoken/i;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !NOT_CREDENTIAL_NAME.test(name);
}

const MAX_BINDING_DEPTH = 2;

/**
 * Whether a variable holds or receives a credential: its value (`headers = { Authorization: … }`),
 * calls on it (`headers.setBearerAuth(…)`, `req.Header.Set("Authorization", …)`) or assignments to
 * its members (`req.Headers.Authorization = …`).
 */
export function variableCarriesCredential(file: SourceFile, key: string, origin: Node | undefined, excluded: ReadonlySet<number>, depth = 0, ignoredCalls: ReadonlySet<number> = new Set()): boolean {
  const value = file.singleValueOf(key);
  if (value !== undefined && value.id !== origin?.id && carriesCredential(file, value, excluded, depth)) return true;
  const uses = file.usesOf(key);
  for (const assignment of uses.assignments) {
    if (isCredentialName(assignment.name) || isCredentialName(assignment.objectKey ?? '')) return true;
    if (depth < MAX_BINDING_DEPTH && carriesCredential(file, assignment.value, excluded, depth + 1)) return true;
  }
  for (const call of uses.calls) {
    if (ignoredCalls.has(call.node.id) || excluded.has(call.node.id)) continue;
    if (isCredentialName(call.name)) return true;
    if (depth < MAX_BINDING_DEPTH && call.args.some((arg) => carriesCredential(file, arg, excluded, depth + 1))) return true;
  }
  return false;
}

/**
 * Whether a subtree visibly carries a credential: a key, identifier, setter or header name that
 * says so. Identifiers bound once in the file are followed (`headers` → `{ Authorization: … }`).
 * The URL argument is excluded, so that a path such as `/auth/login` does not count.
 */
export function carriesCredential(file: SourceFile, node: Node, excluded: ReadonlySet<number>, depth = 0): boolean {
  const pending: Node[] = [node];
  let visited = 0;
  while (pending.length > 0 && visited < 2000) {
    const current = pending.pop()!;
    visited++;
    if (excluded.has(current.id)) continue;
    const type = current.type;
    if (type.includes('comment')) continue;
    const literal = file.syntax.stringLiteral(current);
    if (literal !== undefined) {
      // Only short, header-like strings count: a URL or a sentence is no header name. A raw header
      // line (`Authorization: Bearer …`, curl and PHP streams) counts by its name.
      if (literal.value.length <= 40 && !/[\s/]/.test(literal.value) && isCredentialName(literal.value)) return true;
      const headerLine = /^([A-Za-z0-9-]{2,40})\s*:/.exec(literal.value);
      if (headerLine !== null && isCredentialName(headerLine[1])) return true;
      continue;
    }
    if (current.childCount === 0 || type === 'identifier' || type === 'property_identifier' || type === 'field_identifier' || type === 'name') {
      const text = current.text;
      if (current.isNamed && text.length <= 60 && isCredentialName(text)) return true;
      if (depth < MAX_BINDING_DEPTH && current.isNamed && (type === 'identifier' || type === 'name' || type === 'variable_name')) {
        const key = file.keyOf(current);
        if (key !== undefined && variableCarriesCredential(file, key, node, excluded, depth + 1)) return true;
      }
      if (current.childCount === 0) continue;
    }
    for (const child of current.children) if (child !== null) pending.push(child);
  }
  return false;
}
