import { ALL_VERSIONS } from '../../openapi/types';
import type { DocumentRule } from '../types';

export const fileTooLarge: DocumentRule = {
  meta: {
    id: 'file-too-large',
    category: 'meta',
    severity: 'warning',
    title: 'The file is larger than `apiGuard.maxFileSizeMB` and is not analysed.',
    titleDe: 'Die Datei ist grösser als `apiGuard.maxFileSizeMB` und wird nicht analysiert.',
    description: [
      'Files over the size limit (default 25 MB) are skipped as a whole, never half-analysed, so',
      'that one huge generated file cannot exhaust the editor. Raise `maxFileSizeMB` in',
      '`.api-guard.yaml` (or the `apiGuard.maxFileSizeMB` setting) if the file is a real API description.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
  },
};
