import type { SpecRule } from '../types';
import { docOperationDescription } from './doc-operation-description';
import { docOperationId } from './doc-operation-id';
import { docOperationIdUnique } from './doc-operation-id-unique';
import { docOperationTags } from './doc-operation-tags';
import { docTagUndefined } from './doc-tag-undefined';

/** Section C of RULES.md, in catalogue order. */
export const DOC_RULES: readonly SpecRule[] = [docOperationDescription, docOperationId, docOperationIdUnique, docOperationTags, docTagUndefined];
