import type { TlsSetting } from '../codeExtraction';
import type { SourceFile } from './sourceFile';
import { entryNode, tlsSetting } from './tlsHelpers';

/** Callbacks that decide whether a server certificate is accepted. */
const VALIDATION_CALLBACKS = new Set(['ServerCertificateCustomValidationCallback', 'ServerCertificateValidationCallback', 'RemoteCertificateValidationCallback']);

/** C# patterns of CODE-PATTERNS.md section 2. */
export function csharpTlsSettings(file: SourceFile): TlsSetting[] {
  const found: TlsSetting[] = [];
  for (const named of file.namedValues) {
    if (!VALIDATION_CALLBACKS.has(named.name)) continue;
    const constant = file.syntax.returnedConstant(named.value);
    if (constant !== undefined && file.syntax.booleanOf(constant) === true) found.push(tlsSetting(file, `${named.name} that returns true`, entryNode(named)));
  }
  // A text gate spares the walk over every identifier of files that cannot contain the name.
  const identifiers = file.text.includes('DangerousAcceptAnyServerCertificateValidator') ? file.tree.rootNode.descendantsOfType('identifier') : [];
  for (const identifier of identifiers) {
    if (identifier?.text === 'DangerousAcceptAnyServerCertificateValidator') found.push(tlsSetting(file, 'HttpClientHandler.DangerousAcceptAnyServerCertificateValidator', identifier.parent ?? identifier));
  }
  return found;
}
