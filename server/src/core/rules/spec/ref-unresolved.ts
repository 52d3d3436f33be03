import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS, type ApiDescription, type RefSite } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { refValueAt } from './support/refLocation';

const messages = defineMessages({
  invalid: { en: 'The reference "{ref}" is not a valid URI reference', de: 'Die Referenz „{ref}“ ist keine gültige URI-Referenz' },
  badPointer: {
    en: 'The reference "{ref}" has a fragment that is not a JSON pointer (it must start with "/")',
    de: 'Die Referenz „{ref}“ hat ein Fragment, das kein JSON-Pointer ist (es muss mit „/“ beginnen)',
  },
  missingFile: {
    en: 'The reference "{ref}" points to {file}, which does not exist or cannot be read',
    de: 'Die Referenz „{ref}“ verweist auf {file}; die Datei existiert nicht oder kann nicht gelesen werden',
  },
  tooLarge: {
    en: 'The reference "{ref}" points to {file}, which is too large to analyse (apiGuard.maxFileSizeMB)',
    de: 'Die Referenz „{ref}“ verweist auf {file}; die Datei ist zu groß für die Analyse (apiGuard.maxFileSizeMB)',
  },
  unparsable: {
    en: 'The reference "{ref}" points to {file}, which could not be parsed',
    de: 'Die Referenz „{ref}“ verweist auf {file}; die Datei konnte nicht gelesen werden (Syntaxfehler)',
  },
  missingPointer: {
    en: 'The reference "{ref}" points to nothing: {file} has no {pointer}',
    de: 'Die Referenz „{ref}“ verweist ins Leere: {file} enthält kein {pointer}',
  },
  missingLocalPointer: {
    en: 'The reference "{ref}" points to nothing: this document has no {pointer}',
    de: 'Die Referenz „{ref}“ verweist ins Leere: dieses Dokument enthält kein {pointer}',
  },
});

/** The localised explanation of why a reference could not be resolved, worked out from what the API loaded. */
function explain(api: ApiDescription, site: RefSite): string {
  const ref = site.ref;
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  let uri = site.doc.uri;
  if (file !== '') {
    try {
      const url = new URL(file, site.doc.uri);
      url.hash = '';
      uri = url.href;
    } catch {
      return messages.invalid({ ref });
    }
  }
  const target = api.documents.find((doc) => doc.uri === uri);
  if (target === undefined) return messages.missingFile({ ref, file });
  if (target.skippedReason !== undefined) return messages.tooLarge({ ref, file });
  if (target.root === undefined) return messages.unparsable({ ref, file });
  if (pointer !== '' && !pointer.startsWith('/')) return messages.badPointer({ ref });
  return file === '' ? messages.missingLocalPointer({ ref, pointer: `#${pointer}` }) : messages.missingPointer({ ref, file, pointer: `#${pointer}` });
}

export const refUnresolved: SpecRule = {
  meta: {
    id: 'ref-unresolved',
    category: 'spec',
    severity: 'error',
    title: 'A $ref points to a file or location that does not exist.',
    titleDe: 'Ein $ref verweist auf eine Datei oder Stelle, die es nicht gibt.',
    description: [
      '## Why it matters',
      '',
      'A broken reference leaves a hole in the API description: the schema, parameter, response or',
      'security scheme it should bring in is simply missing. Generators and gateways either refuse',
      'the document or silently drop the part, and every check that depends on it (validation',
      'limits, authentication) is gone with it. API Guard cannot analyse what it cannot find either.',
      '',
      '## What it flags',
      '',
      'Every `$ref` (in the root document and in every file it references, in Swagger 2.0 and OpenAPI',
      '3.0, 3.1, 3.2) whose target cannot be found: the file does not exist or cannot be read, it is',
      'too large to analyse or has syntax errors, the JSON pointer after `#` names no node, the',
      'fragment is not a JSON pointer, or the reference is not a valid URI. The finding is on the',
      '`$ref` value and says which of these applies. References to remote URLs and to files outside',
      'the workspace are reported by `ref-remote-blocked` and `ref-outside-workspace` instead.',
      '',
      '## How to fix it',
      '',
      'Correct the path or pointer (pointers are case-sensitive; `/` inside a key is written `~1`,',
      '`~` as `~0`), or add the missing definition.',
      '',
      suppressionSection('ref-unresolved', '        $ref: "./generated/schemas.yaml#/Order"', 'generated during the build before publishing'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      $ref: "#/components/schemas/Ordr"\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      type: object\n',
    },
  },
  check({ api, report }) {
    for (const site of api.refSites) {
      if (site.problem?.kind !== 'unresolved') continue;
      report({ at: refValueAt(site), part: 'value', message: explain(api, site) });
    }
  },
};
