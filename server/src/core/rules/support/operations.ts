/** How messages name an operation: `POST /orders`. */
export function operationLabel(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * Safe methods in the sense of RFC 9110 §9.2.1 (plus QUERY from OAS 3.2): they only read, so an
 * unprotected one leaks data but cannot change it. Every other method, including the custom ones
 * of OAS 3.2 `additionalOperations`, is treated as one that changes state.
 */
const SAFE_METHODS = new Set(['get', 'head', 'options', 'trace', 'query']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toLowerCase());
}
