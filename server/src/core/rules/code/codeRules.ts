import type { RuleMeta } from '../types';
import { codeAuthMissing } from './code-auth-missing';
import { codeCredentialsInUrl } from './code-credentials-in-url';
import { codeHardcodedSecret } from './code-hardcoded-secret';
import { codeHttpUrl } from './code-http-url';
import { codeTlsDisabled } from './code-tls-disabled';
import { codeUndocumentedOperation } from './code-undocumented-operation';
import { codeUnknownApi } from './code-unknown-api';
import type { CodeRule } from './codeRule';

/**
 * Section F of RULES.md, in catalogue order. This module imports nothing from the registry, so the
 * registry can import it statically without a cycle.
 */
export const CODE_RULES: readonly CodeRule[] = [codeHttpUrl, codeTlsDisabled, codeHardcodedSecret, codeCredentialsInUrl, codeUndocumentedOperation, codeAuthMissing, codeUnknownApi];

export const CODE_RULE_METAS: readonly RuleMeta[] = CODE_RULES.map((rule) => rule.meta);
