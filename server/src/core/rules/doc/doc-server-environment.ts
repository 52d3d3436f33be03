import { defineMessages } from '../../l10n/messages';
import { childString } from '../../model/ast';
import { declaredServers } from '../tls/support/serverObjects';
import type { SpecRule } from '../types';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  noDescription: {
    en: 'The server "{url}" has no description, so readers cannot tell which environment it is (production, staging, sandbox …)',
    de: 'Der Server "{url}" hat keine Beschreibung; Lesende erkennen nicht, welche Umgebung er ist (Produktion, Staging, Test …)',
  },
  noEnvironment: {
    en: 'The description of server "{url}" ("{description}") does not name its environment (production, staging, sandbox …)',
    de: 'Die Beschreibung des Servers "{url}" ("{description}") nennt seine Umgebung nicht (Produktion, Staging, Test …)',
  },
});

/**
 * Words that name a deployment environment, in English and German. German compounds
 * ("Produktionsumgebung", "Testsystem", "Entwicklungsserver") are matched by their first part.
 */
const ENVIRONMENT_WORD = new RegExp(
  '\\b(' +
    [
      'prod',
      'production',
      'productive',
      'live',
      'staging',
      'stage',
      'test\\w*',
      'dev',
      'devel',
      'development',
      'sandbox',
      'qa',
      'uat',
      'local',
      'localhost',
      'preview',
      'demo',
      'mock',
      'beta',
      'canary',
      'integration',
      'pre-?prod',
      'pre-?production',
      'produktion\\w*',
      'produktiv\\w*',
      'entwicklung\\w*',
      'abnahme\\w*',
      'integrations\\w*',
      'vorproduktion\\w*',
      'lokal\\w*',
    ].join('|') +
    ')\\b',
  'i',
);

/** Whether a text names a deployment environment. */
export function namesEnvironment(text: string): boolean {
  return ENVIRONMENT_WORD.test(text);
}

export const docServerEnvironment: SpecRule = {
  meta: {
    id: 'doc-server-environment',
    category: 'doc',
    severity: 'info',
    title: 'An OpenAPI 3.x server has no description naming its environment (production, staging, test …).',
    titleDe: 'Ein OpenAPI-3.x-Server hat keine Beschreibung, die seine Umgebung nennt (Produktion, Staging, Test …).',
    description: [
      '## Why it matters',
      '',
      'When a description lists several servers, people and tools need to know which one is the',
      'production system and which are staging, test or sandbox environments. Otherwise test data',
      'ends up in production, or "try it out" calls hit live customer data; and forgotten test or',
      'preview environments — often with weaker protection — stay reachable long after anyone',
      `remembers them. Documenting every host with its environment is the heart of ${OWASP_API9}.`,
      '',
      '## What it flags',
      '',
      'Each OpenAPI 3.0, 3.1 or 3.2 server (at the root, on a path item or on an operation; each',
      'server object once) whose `description` is missing or does not contain a word naming an',
      'environment. Recognised words are English and German: production, prod, live, staging, stage,',
      'test, testing, development, dev, sandbox, qa, uat, local, preview, demo, mock, beta, canary,',
      'integration, pre-production; Produktion, Produktiv-, Test-, Entwicklung, Abnahme, Integration,',
      'Vorproduktion, lokal — compounds such as "Produktionsumgebung" or "Testsystem" count. In 3.2 the',
      'server\'s `name` counts as well. Swagger 2.0 has a single host and no server descriptions, so',
      'the rule does not apply to it.',
      '',
      '## How to fix it',
      '',
      'Give every server a `description` such as "Production", "Staging (data reset nightly)" or',
      '"Sandbox for partners".',
      '',
      suppressionSection('doc-server-environment', '  - url: https://api.shop.test', 'single-environment internal service'),
    ].join('\n'),
    versions: ['3.0', '3.1', '3.2'],
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.shop.test/v1\n  - url: https://api-2.shop.test/v1\npaths: {}\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.shop.test/v1\n    description: Production\n  - url: https://staging.shop.test/v1\n    description: Staging (data reset nightly)\npaths: {}\n',
    },
  },
  check({ api, report }) {
    for (const server of declaredServers(api)) {
      if (server.urlAt === undefined) continue;
      const name = api.version === '3.2' ? childString(server.at.node, 'name') : undefined;
      const description = server.description?.trim() ?? '';
      if (namesEnvironment(description) || (name !== undefined && namesEnvironment(name))) continue;
      const message =
        description === ''
          ? messages.noDescription({ url: server.url })
          : messages.noEnvironment({ url: server.url, description: description.length > 60 ? `${description.slice(0, 57)}…` : description });
      report({ at: server.urlAt, part: 'value', message, data: { url: server.url } });
    }
  },
};
