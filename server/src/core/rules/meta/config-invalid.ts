import { ALL_VERSIONS } from '../../openapi/types';
import type { DocumentRule } from '../types';

export const configInvalid: DocumentRule = {
  meta: {
    id: 'config-invalid',
    category: 'meta',
    severity: 'error',
    title: 'A key or value in `.api-guard.yaml` or the `apiGuard.*` settings is not valid.',
    titleDe: 'Ein Schlüssel oder Wert in `.api-guard.yaml` oder den `apiGuard.*`-Einstellungen ist ungültig.',
    description: [
      'API Guard reads the team\'s configuration from `.api-guard.yaml` (or `.api-guard.yml` /',
      '`.api-guard.json`) at the root of a workspace folder and from the `apiGuard.*` settings.',
      'A key it does not know, a misspelt rule id or a value of the wrong type is reported on the',
      'exact place in the file. Only that part is ignored: everything else in the configuration',
      'still applies, and the ignored part falls back to its default, so a typo never silently',
      'switches the whole configuration off. Misspelt rule ids come with the closest known id.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    examples: {
      bad: 'rules:\n  auth-operation-unprotectd: warning\nmaxFileSizeMB: big\n',
      good: 'rules:\n  auth-operation-unprotected: warning\nmaxFileSizeMB: 50\n',
    },
  },
};
