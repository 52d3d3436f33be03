import { isObject } from '../../../model/ast';
import type { NodeRef } from '../../../openapi/types';

/** The status keys of a resolved `responses` object (extension keys left out). */
export function statusKeys(responses: NodeRef | undefined): string[] {
  if (responses === undefined || !isObject(responses.node)) return [];
  return [...responses.node.properties.keys()].filter((key) => !key.startsWith('x-'));
}

/** A success or redirect answer: `2xx`, `3xx`, a `2XX` / `3XX` range, or `default`. */
export function isSuccessOrRedirectStatus(status: string): boolean {
  return /^[23](\d\d|XX)$/i.test(status.trim()) || status.trim() === 'default';
}

/** A documented client error: `4xx`, the `4XX` range, or `default` (which covers them). */
export function isClientErrorStatus(status: string): boolean {
  return /^4(\d\d|XX)$/i.test(status.trim()) || status.trim() === 'default';
}
