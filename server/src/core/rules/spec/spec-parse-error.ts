import { ALL_VERSIONS } from '../../openapi/types';
import type { DocumentRule } from '../types';

export const specParseError: DocumentRule = {
  meta: {
    id: 'spec-parse-error',
    category: 'spec',
    severity: 'error',
    title: 'YAML or JSON syntax error.',
    titleDe: 'Syntaxfehler in YAML oder JSON.',
    description: [
      'The file is not valid YAML or JSON at the marked position. API Guard still analyses',
      'everything it could read before (and, for YAML, after) the error, so other findings stay',
      'visible while you fix it; but tools that load the whole document will reject it.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '1.1',
  },
};
