import type { TlsSetting } from '../codeExtraction';
import type { SourceFile } from './sourceFile';
import { booleanSettings, chainedCallRemoval, entryNode, tlsSetting } from './tlsHelpers';

export const VERIFICATION_FLAGS = new Set(['rejectUnauthorized', 'strictSSL']);

/** JS / TS patterns of CODE-PATTERNS.md section 2. */
export function javascriptTlsSettings(file: SourceFile): TlsSetting[] {
  const found = booleanSettings(file, VERIFICATION_FLAGS, false, 'true');
  for (const named of file.namedValues) {
    if (named.name !== 'NODE_TLS_REJECT_UNAUTHORIZED') continue;
    // Only an assignment to `process.env` (or an `env` object handed to a child process) counts.
    if (named.kind === 'assignment' && named.objectKey !== 'process.env') continue;
    const value = file.syntax.unwrap(named.value);
    const literal = file.syntax.stringLiteral(value)?.value ?? (value.type === 'number' ? value.text : undefined);
    if (literal !== '0') continue;
    const quote = value.type === 'number' ? '' : value.text[0];
    found.push(tlsSetting(file, 'NODE_TLS_REJECT_UNAUTHORIZED=0', entryNode(named), { node: value, newText: `${quote}1${quote}` }));
  }
  for (const call of file.calls) {
    if (call.name === 'disableTLSCerts' && call.receiver !== undefined) {
      found.push(tlsSetting(file, '.disableTLSCerts()', call.node, chainedCallRemoval(call.node, call.receiver)));
    }
  }
  return found;
}
