import { defineMessages } from '../../l10n/messages';
import { callSpan, type CodeRule } from './codeRule';

const messages = defineMessages({
  unknown: {
    en: 'This call goes to {host}, which no API description in the workspace describes',
    de: 'Dieser Aufruf geht an {host}, den keine API-Beschreibung im Arbeitsbereich beschreibt',
  },
});

export const codeUnknownApi: CodeRule = {
  meta: {
    id: 'code-unknown-api',
    category: 'code',
    severity: 'off',
    title: 'Code calls an external host that no API description in the workspace describes.',
    titleDe: 'Code ruft einen externen Host auf, den keine API-Beschreibung im Arbeitsbereich beschreibt.',
    description: [
      '## Why it matters',
      '',
      'Checklist step 1.2 asks for a list of every API in use. Calls to hosts that no description in the',
      'workspace covers are third-party or undocumented integrations; the inventory lists them either way.',
      '',
      '## What it flags',
      '',
      'A call whose URL has a literal host that matches no server of any workspace API. The rule is off by',
      'default (the inventory shows these calls); turn it on to review external integrations one by one.',
      '',
      '## How to fix it',
      '',
      'Add the API description of the external service to the workspace (or record the integration in',
      'your inventory), or suppress the finding with the reason.',
    ].join('\n'),
    versions: [],
    step: '1.2',
    owasp: ['API9:2023', 'API10:2023'],
    examples: {
      bad: "// No API description in the workspace covers api.partner.example\nawait fetch('https://api.partner.example/v2/rates');",
      good: "// partner-rates.yaml in the workspace has servers: [{ url: https://api.partner.example/v2 }]\nawait fetch('https://api.partner.example/v2/rates');",
    },
  },
  check({ extraction, matches, report }) {
    extraction.callSites.forEach((call, index) => {
      const match = matches[index];
      if (match?.outcome !== 'external' || match.host === undefined) return;
      report({ at: callSpan(call), message: messages.unknown({ host: match.host }), severity: 'info', data: { host: match.host }, discriminator: match.host });
    });
  },
};
