import type { SpecRule } from '../types';
import { docErrorResponses } from './doc-error-responses';
import { docInfo } from './doc-info';
import { docOperationDescription } from './doc-operation-description';
import { docOperationId } from './doc-operation-id';
import { docOperationIdUnique } from './doc-operation-id-unique';
import { docOperationTags } from './doc-operation-tags';
import { docParameterDescription } from './doc-parameter-description';
import { docResponseDescription } from './doc-response-description';
import { docResponseSuccess } from './doc-response-success';
import { docServerEnvironment } from './doc-server-environment';
import { docServerExample } from './doc-server-example';
import { docTagUndefined } from './doc-tag-undefined';

/** Section C of RULES.md, in catalogue order. */
export const DOC_RULES: readonly SpecRule[] = [
  docOperationDescription,
  docOperationId,
  docOperationIdUnique,
  docOperationTags,
  docTagUndefined,
  docParameterDescription,
  docResponseSuccess,
  docResponseDescription,
  docErrorResponses,
  docInfo,
  docServerExample,
  docServerEnvironment,
];
