import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { findRefCycles, prepareRefCyclesSteps } from './support/refCycles';
import { refValueAt } from './support/refLocation';

const messages = defineMessages({
  recursive: {
    en: 'Reference cycle: {chain}. Recursive definitions are valid, but tools that inline references (some code generators and bundlers) cannot expand them',
    de: 'Referenzzyklus: {chain}. Rekursive Definitionen sind gültig, aber Werkzeuge, die Referenzen einsetzen (manche Code-Generatoren und Bundler), können sie nicht auflösen',
  },
  direct: {
    en: 'References point at each other and never reach a definition: {chain}',
    de: 'Referenzen verweisen aufeinander und erreichen nie eine Definition: {chain}',
  },
  group: {
    en: ' ({count} references take part in this cycle)',
    de: ' ({count} Referenzen sind an diesem Zyklus beteiligt)',
  },
  member: { en: 'Part of the reference cycle', de: 'Teil des Referenzzyklus' },
});

/** References shown in a message before it is shortened with "…". */
const MAX_CHAIN_SHOWN = 8;

export const refCircular: SpecRule = {
  meta: {
    id: 'ref-circular',
    category: 'spec',
    severity: 'info',
    title: 'References form a cycle.',
    titleDe: 'Referenzen bilden einen Zyklus.',
    description: [
      '## Why it matters',
      '',
      'A `$ref` that, directly or through other references, leads back to itself is either a',
      'recursive data model (a tree node whose `children` are tree nodes, valid and common) or a',
      'mistake: references that point at each other without ever reaching a definition describe',
      'nothing at all. Both matter to tools: code generators, mock servers and bundlers that inline',
      'references may loop or give up on recursive schemas, so it is worth knowing where they are.',
      'API Guard itself follows every reference once and always terminates.',
      '',
      '## What it flags',
      '',
      'Each group of references that lead back to themselves (a strongly connected component of the',
      'reference graph, across all files of the API, in every version) once, on the first `$ref` of',
      'the group in document order. A reference leads to every reference inside the part of the',
      'document it points at. The message shows one concrete cycle, says how many references the',
      'group has, and lists the other references of the cycle as related locations. A cycle of',
      'references that only point at other `$ref` objects is described as never reaching a definition.',
      '',
      '## How to fix it',
      '',
      'For a mistake, point one of the references at the real definition. A recursive data model is',
      'fine as it is; if a tool you use cannot handle it, bound the recursion (for example a fixed',
      'number of levels) or suppress the finding with the reason.',
      '',
      suppressionSection('ref-circular', '            $ref: "#/components/schemas/Category"', 'category tree, recursion is intended'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      $ref: "#/components/schemas/Purchase"\n    Purchase:\n      $ref: "#/components/schemas/Order"\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      $ref: "#/components/schemas/Purchase"\n    Purchase:\n      type: object\n',
    },
  },
  prepareSteps(api) {
    return prepareRefCyclesSteps(api);
  },
  check({ api, report }) {
    for (const cycle of findRefCycles(api)) {
      const refs = cycle.chain.map((site) => site.ref);
      const shown = refs.length > MAX_CHAIN_SHOWN ? [...refs.slice(0, MAX_CHAIN_SHOWN), '…'] : [...refs, refs[0]];
      const chain = shown.join(' → ');
      let message = cycle.direct ? messages.direct({ chain }) : messages.recursive({ chain });
      if (cycle.sites.length > cycle.chain.length) message += messages.group({ count: cycle.sites.length });
      const first = cycle.chain[0];
      report({
        at: refValueAt(first),
        part: 'value',
        message,
        related: cycle.chain.slice(1, 1 + MAX_CHAIN_SHOWN).map((site) => ({ at: refValueAt(site), message: messages.member() })),
        data: { references: cycle.sites.length },
      });
    }
  },
};
