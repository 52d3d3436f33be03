import type { SpecRule } from '../types';

/** Section E of RULES.md, in catalogue order. */
export const SPEC_STRUCTURE_RULES: readonly SpecRule[] = [];
