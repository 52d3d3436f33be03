import type { TlsSetting } from '../codeExtraction';
import { field } from './nodeUtils';
import type { SourceFile } from './sourceFile';
import { booleanSettings, entryNode, tlsSetting } from './tlsHelpers';

/** `verify=False` (requests, httpx, sessions), `ssl=False` / `verify_ssl=False` (aiohttp), `check_hostname = False`. */
const VERIFICATION_FLAGS = new Set(['verify', 'ssl', 'verify_ssl', 'check_hostname']);
const CERT_REQUIREMENT_NAMES = new Set(['cert_reqs', 'verify_mode']);

/** Python patterns of CODE-PATTERNS.md section 2. */
export function pythonTlsSettings(file: SourceFile): TlsSetting[] {
  const found = booleanSettings(file, VERIFICATION_FLAGS, false, 'True', (name) => (name === 'check_hostname' ? 'check_hostname = False' : `${name}=False`));
  for (const named of file.namedValues) {
    if (!CERT_REQUIREMENT_NAMES.has(named.name)) continue;
    const value = file.syntax.unwrap(named.value);
    const literal = file.syntax.stringLiteral(value);
    if (literal?.value === 'CERT_NONE') {
      found.push(tlsSetting(file, `${named.name}='CERT_NONE'`, entryNode(named), { start: literal.contentStart, end: literal.contentStart + 'CERT_NONE'.length, newText: 'CERT_REQUIRED' }));
    } else if (value.type === 'attribute' && field(value, 'attribute')?.text === 'CERT_NONE') {
      const attribute = field(value, 'attribute')!;
      found.push(tlsSetting(file, `${named.name}=ssl.CERT_NONE`, entryNode(named), { node: attribute, newText: 'CERT_REQUIRED' }));
    }
  }
  // `ssl._create_unverified_context()` and `ssl._create_default_https_context = ssl._create_unverified_context`.
  // A text gate spares the walk over every attribute of files that cannot contain the name.
  const attributes = file.text.includes('_create_unverified_context') ? file.tree.rootNode.descendantsOfType('attribute') : [];
  for (const literalOrName of attributes) {
    if (literalOrName === null) continue;
    const attribute = field(literalOrName, 'attribute');
    if (attribute?.text !== '_create_unverified_context') continue;
    const isCalled = literalOrName.parent?.type === 'call' && field(literalOrName.parent, 'function')?.id === literalOrName.id;
    found.push(tlsSetting(file, 'ssl._create_unverified_context', isCalled ? literalOrName.parent! : literalOrName, isCalled ? { node: attribute, newText: 'create_default_context' } : undefined));
  }
  return found;
}
