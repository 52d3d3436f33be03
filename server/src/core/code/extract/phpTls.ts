import type { Node } from 'web-tree-sitter';
import type { TlsSetting } from '../codeExtraction';
import type { SourceFile } from './sourceFile';
import { chainedCallRemoval, entryNode, tlsSetting } from './tlsHelpers';

/** Options whose falsy value turns verification off, with the value that turns it back on. */
const VERIFY_OPTIONS: Record<string, string> = {
  CURLOPT_SSL_VERIFYPEER: 'true',
  CURLOPT_SSL_VERIFYHOST: '2',
  verify: 'true',
  verify_peer: 'true',
  verify_peer_name: 'true',
};

function isOff(file: SourceFile, value: Node): boolean {
  const target = file.syntax.unwrap(value);
  return file.syntax.booleanOf(target) === false || (target.type === 'integer' && target.text === '0');
}

/** PHP patterns of CODE-PATTERNS.md section 2. */
export function phpTlsSettings(file: SourceFile): TlsSetting[] {
  const found: TlsSetting[] = [];
  for (const named of file.namedValues) {
    const restore = VERIFY_OPTIONS[named.name];
    if (restore === undefined || named.kind !== 'entry' || !isOff(file, named.value)) continue;
    found.push(tlsSetting(file, `${named.name} => ${file.syntax.unwrap(named.value).text}`, entryNode(named), { node: file.syntax.unwrap(named.value), newText: restore }));
  }
  for (const call of file.calls) {
    if (call.name === 'curl_setopt' && call.args.length >= 3) {
      const option = call.args[1].text.replace(/^.*::/, '');
      const restore = VERIFY_OPTIONS[option];
      if (restore !== undefined && option.startsWith('CURLOPT_') && isOff(file, call.args[2])) {
        found.push(tlsSetting(file, `curl_setopt(${option}, ${file.syntax.unwrap(call.args[2]).text})`, call.node, { node: file.syntax.unwrap(call.args[2]), newText: restore }));
      }
    } else if (call.name === 'withoutVerifying') {
      const removal = call.receiver !== undefined ? chainedCallRemoval(call.node, call.receiver) : undefined;
      found.push(tlsSetting(file, 'withoutVerifying()', call.node, removal));
    }
  }
  return found;
}
