import type { SpecRule } from '../types';
import { corsOriginUndefined } from './cors-origin-undefined';
import { limitRateLimitHeaders } from './limit-rate-limit-headers';
import { limitRateLimitResponse } from './limit-rate-limit-response';
import { limitRetryAfter } from './limit-retry-after';

/** Section D of RULES.md, in catalogue order. */
export const LIMIT_RULES: readonly SpecRule[] = [limitRateLimitResponse, limitRateLimitHeaders, limitRetryAfter, corsOriginUndefined];
