import { closestName } from '../../config/closestName';
import { renameKey } from '../../fixes/structuralEdits';
import { defineMessages } from '../../l10n/messages';
import { isArray, isObject, stringValue } from '../../model/ast';
import { ALL_VERSIONS, type OperationEntry } from '../../openapi/types';
import type { SpecRule } from '../types';
import { introducesAdminSharing } from './support/adminSharing';
import { definedScopesOf, isOAuth2 } from './support/oauthFlows';
import { OWASP_LINKS } from '../support/owasp';
import { schemeDefinitionsReadable } from './support/schemeDefinitionsReadable';
import { schemeLocation } from './support/schemeLocation';
import { schemeUsesOf, securityListsOf } from './support/securityLists';

const messages = defineMessages({
  undefinedScheme: {
    en: 'Security requirement names "{name}", which is not a defined security scheme',
    de: 'Die Sicherheitsanforderung nennt "{name}", das kein definiertes Sicherheitsschema ist',
  },
  undefinedSchemeWithSuggestion: {
    en: 'Security requirement names "{name}", which is not a defined security scheme; did you mean "{suggestion}"?',
    de: 'Die Sicherheitsanforderung nennt "{name}", das kein definiertes Sicherheitsschema ist; ist "{suggestion}" gemeint?',
  },
  suggestionDefinedHere: {
    en: 'Security scheme "{suggestion}" is defined here',
    de: 'Das Sicherheitsschema "{suggestion}" ist hier definiert',
  },
  renameTo: {
    en: 'Rename "{name}" to "{suggestion}"',
    de: '"{name}" in "{suggestion}" umbenennen',
  },
});

export const authUndefinedScheme: SpecRule = {
  meta: {
    id: 'auth-undefined-scheme',
    category: 'auth',
    severity: 'error',
    title: 'A security requirement names a scheme that is not defined.',
    titleDe: 'Eine Sicherheitsanforderung nennt ein Schema, das nicht definiert ist.',
    description: [
      'A security requirement refers to a security scheme by name. When the name is not defined, the',
      'requirement describes no authentication at all: generators, gateways and documentation tools',
      'either fail or silently treat the operation as public. Typos here are easy to miss in review',
      `and lead straight to ${OWASP_LINKS['API2:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Every scheme name in the root `security` list and in each operation\'s own `security` list',
      'that is not a key of `components.securitySchemes` (OpenAPI 3.0, 3.1, 3.2) or of',
      '`securityDefinitions` (Swagger 2.0). Each list is checked once, however many operations',
      'inherit it. A scheme that is defined through a `$ref` counts as defined. When the container of',
      'the schemes is itself a `$ref` that cannot be resolved, the rule stays quiet and',
      '`ref-unresolved` reports the cause.',
      '',
      '## How to fix',
      '',
      'Rename the requirement to the scheme you meant. When a defined name is close (a different',
      'case, a missing or extra character), the message suggests it and the quick fix renames the',
      'requirement. Otherwise define the missing scheme.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-undefined-scheme -- reason` above the requirement, or add',
      '`x-api-guard-ignore: [auth-undefined-scheme]` to the operation (or the root for the root list).',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API2:2023'],
    fix: 'Renames the requirement to the closest defined scheme name (by edit distance) when one exists.',
    examples: {
      bad: [
        'openapi: 3.0.3',
        'info: { title: Shop, version: "1" }',
        'security:',
        '  - bearerAuht: []',
        'components:',
        '  securitySchemes:',
        '    bearerAuth: { type: http, scheme: bearer }',
        'paths: {}',
        '',
      ].join('\n'),
      good: [
        'openapi: 3.0.3',
        'info: { title: Shop, version: "1" }',
        'security:',
        '  - bearerAuth: []',
        'components:',
        '  securitySchemes:',
        '    bearerAuth: { type: http, scheme: bearer }',
        'paths: {}',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    if (!schemeDefinitionsReadable(api)) return;
    const defined = [...api.securitySchemes.keys()];
    for (const security of securityListsOf(api)) {
      for (const use of schemeUsesOf(security)) {
        if (api.securitySchemes.has(use.name)) continue;
        const suggestion = closestName(use.name, defined);
        const suggested = suggestion === undefined ? undefined : api.securitySchemes.get(suggestion);
        report({
          at: use.at,
          message:
            suggestion === undefined
              ? messages.undefinedScheme({ name: use.name })
              : messages.undefinedSchemeWithSuggestion({ name: use.name, suggestion }),
          data: suggestion === undefined ? { name: use.name, defined } : { name: use.name, suggestion, defined },
          related:
            suggested === undefined
              ? undefined
              : [{ at: schemeLocation(suggested).at, message: messages.suggestionDefinedHere({ suggestion: suggested.name }) }],
        });
      }
    }
  },
  fix({ api, finding, doc, node }) {
    const name = finding.data?.name;
    const suggestion = finding.data?.suggestion;
    if (typeof name !== 'string' || typeof suggestion !== 'string' || node === undefined) return [];
    const scheme = api.securitySchemes.get(suggestion);
    const requirement = node.parent;
    // Renaming onto a name the requirement already has would duplicate the key.
    if (scheme === undefined || !isObject(requirement) || requirement.properties.has(suggestion)) return [];
    // The scopes must exist in the scheme the requirement is renamed to, or the fix trades one error for another.
    if (isOAuth2(scheme) && isArray(node)) {
      const defined = definedScopesOf(api, scheme);
      const unknown = node.items.some((item) => {
        const scope = stringValue(item);
        return scope !== undefined && defined !== undefined && !defined.has(scope);
      });
      if (unknown) return [];
    }
    const renamed = (operation: OperationEntry) =>
      schemeUsesOf(operation.security).map((use) =>
        use.requirement.at.node === requirement && use.name === name ? { name: suggestion, scopes: use.scopes } : use,
      );
    if (introducesAdminSharing(api, renamed)) return [];
    const edit = renameKey(doc, node, suggestion);
    return edit === undefined ? [] : [{ title: messages.renameTo({ name, suggestion }), edits: [edit], isPreferred: true, safe: true }];
  },
};
