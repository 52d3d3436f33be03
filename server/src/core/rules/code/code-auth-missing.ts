import { defineMessages } from '../../l10n/messages';
import { callSpan, operationLabel, operationRelated, type CodeRule } from './codeRule';

const messages = defineMessages({
  missing: {
    en: 'The call {method} {path} goes to the operation {operation}, which requires authentication ({schemes}), but no credential is visible at the call or on its client (headers, auth option, interceptor)',
    de: 'Der Aufruf {method} {path} geht an die Operation {operation}, die eine Authentifizierung verlangt ({schemes}), aber am Aufruf und an seinem Client ist kein Zugangsdatum zu sehen (Header, Auth-Option, Interceptor)',
  },
  related: {
    en: 'The operation and its security requirement',
    de: 'Die Operation und ihre Sicherheitsanforderung',
  },
});

export const codeAuthMissing: CodeRule = {
  meta: {
    id: 'code-auth-missing',
    category: 'code',
    severity: 'info',
    title: 'Code calls a protected operation without a visible credential.',
    titleDe: 'Code ruft eine geschützte Operation ohne sichtbares Zugangsdatum auf.',
    description: [
      '## Why it matters',
      '',
      'When the API description says an operation requires authentication but the calling code sends no',
      'credential, either the call fails in production, or the server does not enforce what its',
      'description promises. Both are worth a look during a review of API integrations.',
      '',
      '## What it flags',
      '',
      'A call matched to an operation whose effective security requires a credential (neither missing,',
      'empty nor optional, and not marked `x-api-guard-public: true`), when neither the call nor the client',
      'it goes through shows one: no `Authorization` / API key / cookie header, no `auth` option, no token',
      'setter (`withToken`, `SetAuthToken`, `setBearerAuth` …), no interceptor or middleware that sets one.',
      '',
      'Credentials added somewhere API Guard cannot see (a wrapper in another file, a proxy, a service mesh)',
      'cannot be detected, so the rule reports information, not a warning.',
      '',
      '## How to fix it',
      '',
      'Send the credential the operation requires, or suppress the finding with the reason where it is',
      'added elsewhere.',
    ].join('\n'),
    versions: [],
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: "// GET /orders requires bearerAuth in the API description\nconst orders = await fetch('https://api.shop.example/v1/orders');",
      good: "const orders = await fetch('https://api.shop.example/v1/orders', { headers: { Authorization: `Bearer ${token}` } });",
    },
  },
  check({ extraction, matches, report }) {
    extraction.callSites.forEach((call, index) => {
      const match = matches[index];
      const operation = match?.operation;
      if (match === undefined || match.outcome !== 'matched' || operation === undefined || !match.unambiguous) return;
      if (call.credentialVisible || operation.security.unprotected || operation.intentionallyPublic) return;
      const schemes = [...new Set(operation.security.requirements.flatMap((requirement) => [...requirement.schemes.keys()]))].join(', ');
      report({
        at: callSpan(call),
        message: messages.missing({ method: call.method, path: match.path ?? '/', operation: operationLabel(match), schemes }),
        related: operationRelated(match, messages.related()),
        data: { apiRootUri: match.api?.root.uri, operationPointer: operation.path, method: operation.method, schemes: schemes.split(', ') },
        discriminator: `${operation.method} ${operation.path}`,
      });
    });
  },
};
