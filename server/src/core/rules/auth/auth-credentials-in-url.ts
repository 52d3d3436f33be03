import { defineMessages } from '../../l10n/messages';
import { child, type AstNode } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { isCredentialName } from './support/credentialName';
import { operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';

const messages = defineMessages({
  query: {
    en: 'Query parameter "{name}" of {operation} carries a credential in the URL, where it ends up in logs, browser history and Referer headers',
    de: 'Der Query-Parameter "{name}" von {operation} trägt Anmeldedaten in der URL, wo sie in Logs, im Browserverlauf und in Referer-Headern landen',
  },
  path: {
    en: 'Path parameter "{name}" of {operation} carries a credential in the URL, where it ends up in logs, browser history and Referer headers',
    de: 'Der Pfadparameter "{name}" von {operation} trägt Anmeldedaten in der URL, wo sie in Logs, im Browserverlauf und in Referer-Headern landen',
  },
});

export const authCredentialsInUrl: SpecRule = {
  meta: {
    id: 'auth-credentials-in-url',
    category: 'auth',
    severity: 'error',
    title: 'A query or path parameter\'s name says that it carries a credential.',
    titleDe: 'Der Name eines Query- oder Pfadparameters sagt, dass er Anmeldedaten trägt.',
    description: [
      'Whatever is part of a URL is written to server, proxy and gateway logs, kept in browser',
      'history, sent on in `Referer` headers and captured by monitoring tools. A token, password or',
      `signature passed as a query or path parameter leaks through all of them (${OWASP_LINKS['API2:2023']}).`,
      'This rule finds such parameters even when no security scheme describes them.',
      '',
      '## What is flagged',
      '',
      'Every parameter with `in: query` or `in: path` (Swagger 2.0 and OpenAPI 3.0, 3.1, 3.2; path-',
      'and operation-level, also through `$ref`) whose name ends in a credential word. Names are split',
      'into words at `_`, `-`, `.` and camelCase boundaries and compared without regard to case:',
      '',
      '- `token`, `access_token`, `accessToken`, `auth_token`, `id_token`, `refresh_token`,',
      '  `api_token`;',
      '- `api_key`, `apikey`, `X-Api-Key`, `secret_key`, `private_key`, `auth_key`, `app_key`,',
      '  `client_key`, `subscription-key`;',
      '- `password`, `passwd`, `passphrase`, `secret`, `client_secret`;',
      '- `sig`, `signature`, `oauth_signature`, `X-Amz-Signature`.',
      '',
      'Not flagged:',
      '',
      '- pagination and sync cursors: any name with one of the words `page`, `next`, `prev`,',
      '  `continuation`, `cursor`, `sync`, `resume`, `marker`, `offset`, `start`, `after`,',
      '  `before` — `pageToken`, `nextPageToken`, `NextToken`, `continuationToken`, `syncToken`',
      '  are opaque positions in a list, not credentials;',
      '- names where the credential word is not the last word: `tokenId`, `token_type_hint`,',
      '  `signature_method`, `password_policy` describe or identify a credential without carrying it;',
      '- a bare `key` (object, sort and cache keys); API keys declared as an `apiKey` scheme in the',
      '  query are reported by `auth-apikey-in-url`;',
      '- `access_key`: in the S3 / AWS vocabulary that many APIs follow it is the public identifier',
      '  of a key pair, while the secret half (`secret_key`) is flagged.',
      '',
      'Header, cookie and form parameters are not part of the URL and are not flagged. Each parameter',
      'is reported once, on its `name`, even when several operations share it.',
      '',
      '## How to fix',
      '',
      'Move the credential to a header (`Authorization: Bearer …`, or an API key header described by',
      'an `apiKey` scheme with `in: header`) or to the request body of a POST. For signed URLs that must',
      'be shareable, keep their lifetime short and suppress the finding with that reason.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-credentials-in-url -- reason` above the parameter\'s `name`, or',
      'add `x-api-guard-ignore: [auth-credentials-in-url]` inside the parameter.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: 'paths:\n  /reports:\n    get:\n      parameters:\n        - name: access_token\n          in: query\n          schema: { type: string }\n',
      good: 'paths:\n  /reports:\n    get:\n      security:\n        - bearerAuth: []\n      parameters:\n        - name: pageToken\n          in: query\n          schema: { type: string }\n',
    },
  },
  check({ api, report }) {
    const seen = new Set<AstNode>();
    for (const operation of api.operations) {
      for (const parameter of operation.parameters) {
        if (seen.has(parameter.at.node)) continue;
        seen.add(parameter.at.node);
        const location = parameter.in;
        if ((location !== 'query' && location !== 'path') || parameter.name === undefined) continue;
        if (!isCredentialName(parameter.name)) continue;
        const nameNode = child(parameter.at.node, 'name');
        report({
          at: { doc: parameter.at.doc, node: nameNode ?? parameter.at.node },
          part: 'value',
          message: (location === 'path' ? messages.path : messages.query)({ name: parameter.name, operation: operationLabel(operation.method, operation.path) }),
          data: { name: parameter.name, in: location, method: operation.method, path: operation.path },
        });
      }
    }
  },
};
