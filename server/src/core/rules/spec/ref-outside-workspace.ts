import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { refValueAt } from './support/refLocation';

const messages = defineMessages({
  outside: {
    en: 'The reference "{ref}" leads outside the workspace folder; the file is not read and its content is not analysed',
    de: 'Die Referenz „{ref}“ führt aus dem Arbeitsbereichsordner hinaus; die Datei wird nicht gelesen und ihr Inhalt nicht analysiert',
  },
});

export const refOutsideWorkspace: SpecRule = {
  meta: {
    id: 'ref-outside-workspace',
    category: 'spec',
    severity: 'error',
    title: 'A relative $ref leaves the workspace folder; the file is never read.',
    titleDe: 'Ein relativer $ref verlässt den Arbeitsbereichsordner; die Datei wird nie gelesen.',
    description: [
      '## Why it matters',
      '',
      'A reference such as `../../shared/schemas.yaml` works only on a machine with the same folder',
      'layout: in CI, in a fresh clone or for a colleague the file is missing and the description is',
      'incomplete. It also lets opening a document read arbitrary files of the machine. API Guard',
      'reads nothing outside the workspace folder, so the referenced part is missing from the',
      'analysis.',
      '',
      '## What it flags',
      '',
      'Every `$ref` to a relative path or `file:` URI that resolves outside the workspace folder the',
      'API belongs to, in any file of the API and in every version. The finding is on the `$ref` value.',
      '',
      '## How to fix it',
      '',
      'Move or copy the referenced file into the repository (or add its folder to the VS Code',
      'workspace) and reference it from there.',
      '',
      suppressionSection('ref-outside-workspace', '        $ref: "../../shared/money.yaml"', 'monorepo checkout, the shared folder is always present'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Money:\n      $ref: "../../../shared/money.yaml"\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Money:\n      $ref: "./schemas/money.yaml"\n',
    },
  },
  check({ api, report }) {
    for (const site of api.refSites) {
      if (site.problem?.kind !== 'outside') continue;
      report({ at: refValueAt(site), part: 'value', message: messages.outside({ ref: site.ref }) });
    }
  },
};
