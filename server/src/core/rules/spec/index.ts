import type { SpecRule } from '../types';
import { specInvalid } from './spec-invalid';

/** Section E of RULES.md, in catalogue order (spec-parse-error is a document rule, registered separately). */
export const SPEC_STRUCTURE_RULES: readonly SpecRule[] = [specInvalid];
