import type { SpecRule } from '../types';

/** Section D of RULES.md, in catalogue order. */
export const LIMIT_RULES: readonly SpecRule[] = [];
