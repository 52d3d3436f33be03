import type { SpecRule } from '../types';

/** Section C of RULES.md, in catalogue order. */
export const DOC_RULES: readonly SpecRule[] = [];
