import type { SpecRule } from '../types';

/** Section B of RULES.md, in catalogue order. */
export const TLS_RULES: readonly SpecRule[] = [];
