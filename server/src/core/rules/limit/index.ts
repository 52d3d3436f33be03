import type { SpecRule } from '../types';
import { corsOriginUndefined } from './cors-origin-undefined';
import { limitAdditionalProperties } from './limit-additional-properties';
import { limitArrayItems } from './limit-array-items';
import { limitIntegerRange } from './limit-integer-range';
import { limitNumericId } from './limit-numeric-id';
import { limitRateLimitHeaders } from './limit-rate-limit-headers';
import { limitRateLimitResponse } from './limit-rate-limit-response';
import { limitRetryAfter } from './limit-retry-after';
import { limitStringLength } from './limit-string-length';
import { ssrfUrlParameter } from './ssrf-url-parameter';

/** Section D of RULES.md, in catalogue order. */
export const LIMIT_RULES: readonly SpecRule[] = [
  limitRateLimitResponse,
  limitRateLimitHeaders,
  limitRetryAfter,
  limitStringLength,
  limitArrayItems,
  limitIntegerRange,
  limitAdditionalProperties,
  limitNumericId,
  corsOriginUndefined,
  ssrfUrlParameter,
];
