import type { SpecRule } from '../types';
import { refCircular } from './ref-circular';
import { refOutsideWorkspace } from './ref-outside-workspace';
import { refRemoteBlocked } from './ref-remote-blocked';
import { refUnresolved } from './ref-unresolved';
import { specInvalid } from './spec-invalid';

/** Section E of RULES.md, in catalogue order (spec-parse-error is a document rule, registered separately). */
export const SPEC_STRUCTURE_RULES: readonly SpecRule[] = [specInvalid, refUnresolved, refRemoteBlocked, refOutsideWorkspace, refCircular];
