import { registerCodeRuleMeta } from '../registry';
import { CODE_RULE_METAS, CODE_RULES } from './codeRules';

registerCodeRuleMeta(CODE_RULE_METAS);

export { CODE_RULE_METAS, CODE_RULES };
export type { CodeReport, CodeRule, CodeRuleContext } from './codeRule';
