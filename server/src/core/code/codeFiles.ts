/**
 * Which code files API Guard reads: sources yes; dependencies, minified bundles and generated
 * lock files never; tests only when `apiGuard.code.includeTests` is on (their fixtures are full of
 * fake credentials and local URLs on purpose).
 */
export type CodeFileKind = 'source' | 'test' | 'dependency' | 'minified';

const DEPENDENCY_FOLDERS = /\/(node_modules|bower_components|vendor|site-packages|\.venv|venv|\.tox|Pods|third_party)\//;
const TEST_FOLDERS = /\/(test|tests|__tests__|__mocks__|testing|spec|specs|fixtures|testdata|src\/test|e2e|cypress)\//i;
const TEST_FILE_NAMES = /(\.|_|-)(test|spec|tests)\.[a-z]+$|^test_[^/]*\.py$|^conftest\.py$|_test\.go$|Tests?\.(java|cs|php|kt)$/;

export function codeFileKind(uri: string, text?: string): CodeFileKind {
  const path = decodeURIComponent(uri.split(/[?#]/)[0]);
  if (DEPENDENCY_FOLDERS.test(path)) return 'dependency';
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.min\.(js|mjs|cjs)$/.test(name) || (text !== undefined && looksMinified(text))) return 'minified';
  if (TEST_FOLDERS.test(path) || TEST_FILE_NAMES.test(name)) return 'test';
  return 'source';
}

/** A bundle: long, with very long lines and few line breaks. */
function looksMinified(text: string): boolean {
  if (text.length < 5000) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.length / lines > 500;
}

/** Whether the code rules run on a file at all, under the given `includeTests` setting. */
export function isAnalysedCodeFile(uri: string, includeTests: boolean, text?: string): boolean {
  const kind = codeFileKind(uri, text);
  return kind === 'source' || (kind === 'test' && includeTests);
}
