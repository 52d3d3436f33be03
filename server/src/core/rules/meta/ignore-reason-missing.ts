import { ALL_VERSIONS } from '../../openapi/types';
import type { DocumentRule } from '../types';

export const ignoreReasonMissing: DocumentRule = {
  meta: {
    id: 'ignore-reason-missing',
    category: 'meta',
    severity: 'hint',
    title: 'An `api-guard-ignore` comment gives no reason.',
    titleDe: 'Ein `api-guard-ignore`-Kommentar nennt keinen Grund.',
    description: [
      'A suppression hides a finding from everyone on the team. Write why after ` -- `, e.g.',
      '`# api-guard-ignore auth-operation-unprotected -- health check used by the load balancer`,',
      'so that reviewers and the checklist (step 1.1) can tell a decision from a shortcut.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: '    # api-guard-ignore auth-operation-unprotected\n    get:\n',
      good: '    # api-guard-ignore auth-operation-unprotected -- health check for the load balancer\n    get:\n',
    },
  },
};
