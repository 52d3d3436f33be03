import type { Node } from 'web-tree-sitter';
import type { TlsSetting } from '../codeExtraction';
import { field, namedChildrenOf } from './nodeUtils';
import type { SourceFile } from './sourceFile';
import { tlsSetting } from './tlsHelpers';

/** Classes whose mere use accepts every certificate or host name. */
const TRUST_ALL_TYPES = new Set(['NoopHostnameVerifier', 'AllowAllHostnameVerifier', 'TrustAllStrategy', 'InsecureTrustManagerFactory']);
const HOSTNAME_VERIFIER_SETTERS = new Set(['setHostnameVerifier', 'setDefaultHostnameVerifier', 'hostnameVerifier', 'setSSLHostnameVerifier']);

function bodyStatements(method: Node): Node[] | undefined {
  const body = field(method, 'body');
  return body === undefined ? undefined : namedChildrenOf(body);
}

function returnsLiteral(method: Node, type: 'true' | 'null_literal'): boolean {
  const statements = bodyStatements(method);
  if (statements?.length !== 1 || statements[0].type !== 'return_statement') return false;
  return namedChildrenOf(statements[0])[0]?.type === type;
}

function isInsideImport(node: Node): boolean {
  for (let current: Node | null = node.parent; current !== null; current = current.parent) {
    if (current.type === 'import_declaration') return true;
  }
  return false;
}

/** Java patterns of CODE-PATTERNS.md section 2. */
export function javaTlsSettings(file: SourceFile): TlsSetting[] {
  const found: TlsSetting[] = [];
  // The text gates below only spare tree walks in files that cannot contain the pattern; the
  // detection itself is on the syntax tree.
  const text = file.text;
  const methods = /checkServerTrusted|getAcceptedIssuers|SSLSession/.test(text) ? file.tree.rootNode.descendantsOfType('method_declaration') : [];
  for (const method of methods) {
    if (method === null) continue;
    const name = field(method, 'name')?.text;
    if (name === 'checkServerTrusted' && bodyStatements(method)?.length === 0) {
      found.push(tlsSetting(file, 'X509TrustManager.checkServerTrusted with an empty body', method));
    } else if (name === 'getAcceptedIssuers' && returnsLiteral(method, 'null_literal')) {
      found.push(tlsSetting(file, 'X509TrustManager.getAcceptedIssuers returning null', method));
    } else if (name === 'verify' && namedChildrenOf(field(method, 'parameters')).length === 2 && /SSLSession/.test(field(method, 'parameters')?.text ?? '') && returnsLiteral(method, 'true')) {
      found.push(tlsSetting(file, 'HostnameVerifier.verify returning true', method));
    }
  }
  for (const call of file.calls) {
    if (call.isConstructor) continue;
    const lambda = call.args.find((arg) => file.syntax.unwrap(arg).type === 'lambda_expression');
    if (lambda === undefined) continue;
    const constant = file.syntax.returnedConstant(lambda);
    if (constant?.type !== 'true') continue;
    if (HOSTNAME_VERIFIER_SETTERS.has(call.name)) found.push(tlsSetting(file, 'a HostnameVerifier that accepts every host', lambda));
    else if (call.name === 'loadTrustMaterial') found.push(tlsSetting(file, 'a TrustStrategy that trusts every certificate', lambda));
  }
  for (const named of file.namedValues) {
    const constant = file.syntax.returnedConstant(named.value);
    if (constant?.type === 'true' && named.declaredType !== undefined && /^(TrustStrategy|HostnameVerifier)$/.test(named.declaredType)) {
      found.push(tlsSetting(file, `a ${named.declaredType} that accepts everything`, named.value));
    }
  }
  const names = [...TRUST_ALL_TYPES].some((name) => text.includes(name)) ? file.tree.rootNode.descendantsOfType(['identifier', 'type_identifier']) : [];
  for (const identifier of names) {
    if (identifier === null || !TRUST_ALL_TYPES.has(identifier.text) || isInsideImport(identifier)) continue;
    // `NoopHostnameVerifier.INSTANCE`: report the use once, on the class name.
    found.push(tlsSetting(file, identifier.text, identifier));
  }
  return found;
}
