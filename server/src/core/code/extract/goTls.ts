import type { TlsSetting } from '../codeExtraction';
import type { SourceFile } from './sourceFile';
import { booleanSettings, tlsSetting } from './tlsHelpers';

/** Go patterns of CODE-PATTERNS.md section 2. */
export function goTlsSettings(file: SourceFile): TlsSetting[] {
  const found = booleanSettings(file, new Set(['InsecureSkipVerify']), true, 'false');
  for (const call of file.calls) {
    if (call.name === 'WithInsecure' && call.receiver !== undefined && file.imports.get(file.syntax.unwrap(call.receiver).text) === 'google.golang.org/grpc') {
      found.push(tlsSetting(file, 'grpc.WithInsecure()', call.node));
    }
  }
  return found;
}
