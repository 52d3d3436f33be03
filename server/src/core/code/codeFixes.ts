import type { Finding } from '../engine/finding';
import type { TextEdit } from '../fixes/textEdit';
import { defineMessages } from '../l10n/messages';
import type { Range } from '../model/lineIndex';
import type { FixProposal } from '../rules/types';
import type { CodeExtraction } from './codeExtraction';
import { linesOf } from './codeFolderAnalysis';
import type { CodeLanguage } from './languages';

const messages = defineMessages({
  useSecureScheme: { en: 'Use {secure}:// instead of {scheme}://', de: '{secure}:// statt {scheme}:// verwenden' },
  enableVerification: { en: 'Turn certificate verification back on', de: 'Zertifikatsprüfung wieder einschalten' },
  removeInsecureSetting: { en: 'Remove the setting that turns certificate verification off', de: 'Einstellung entfernen, die die Zertifikatsprüfung abschaltet' },
  readFromEnvironment: { en: 'Read the secret from the environment variable {name}', de: 'Das Geheimnis aus der Umgebungsvariablen {name} lesen' },
  ignoreHere: { en: 'Ignore {rule} here', de: '{rule} hier ignorieren' },
  ignoreFile: { en: 'Ignore {rule} in this file', de: '{rule} in dieser Datei ignorieren' },
});

/** A replacement as the code rules report it in `data.replacement`: an LSP range in the extracted text. */
interface ReportedReplacement {
  range: Range;
  newText: string;
}

function isPosition(value: unknown): value is Range['start'] {
  const position = value as { line?: unknown; character?: unknown } | undefined;
  return typeof position?.line === 'number' && typeof position.character === 'number';
}

function replacementOf(data: Record<string, unknown> | undefined): ReportedReplacement | undefined {
  const replacement = data?.replacement as { range?: { start?: unknown; end?: unknown }; newText?: unknown } | undefined;
  if (replacement === undefined || typeof replacement.newText !== 'string') return undefined;
  const range = replacement.range;
  if (range === undefined || !isPosition(range.start) || !isPosition(range.end)) return undefined;
  return { range: { start: range.start, end: range.end }, newText: replacement.newText };
}

/** The reported replacement as an offset edit of the file, when its range still lies inside the text. */
function editOf(extraction: CodeExtraction, replacement: ReportedReplacement): TextEdit | undefined {
  const lines = linesOf(extraction);
  const start = lines.offsetAt(replacement.range.start);
  const end = lines.offsetAt(replacement.range.end);
  if (end < start || end > extraction.text.length) return undefined;
  return { uri: extraction.uri, start, end, newText: replacement.newText };
}

/** The end-of-line sequence the file uses. */
function eolOfText(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text.charCodeAt(index - 1) === 13 ? '\r\n' : '\n';
}

/** True when a Python module already binds the name `os` to the module (`import os`, `import sys, os`, `import os.path`). */
function importsPythonOs(text: string): boolean {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^import\s+([^#]+)/.exec(line);
    if (match === null) continue;
    if (match[1].split(',').some((part) => /^os(\.[\w.]+)?$/.test(part.trim()))) return true;
  }
  return false;
}

/**
 * Where `import os` goes in a Python module: before the first top-level import that sorts after
 * it among the leading imports, else after the last of them; without any import, after the
 * shebang, encoding line, comments and module docstring at the top.
 */
function pythonImportEdit(extraction: CodeExtraction): TextEdit {
  const text = extraction.text;
  const eol = eolOfText(text);
  const lines = linesOf(extraction);
  const lineCount = lines.lineCount;
  const lineText = (line: number): string => text.slice(lines.lineStart(line), lines.lineEnd(line));
  let firstImport: number | undefined;
  let lastImport: number | undefined;
  for (let line = 0; line < lineCount; line++) {
    const current = lineText(line);
    if (/^(import|from)\s/.test(current)) {
      if (current.startsWith('from __future__')) {
        lastImport = line;
        continue;
      }
      firstImport ??= line;
      lastImport = line;
      const module = /^(?:import|from)\s+([\w.]+)/.exec(current)?.[1] ?? '';
      if (module > 'os') return { uri: extraction.uri, start: lines.lineStart(line), end: lines.lineStart(line), newText: `import os${eol}` };
      continue;
    }
    // Past the import block: the first line of real code ends the search.
    if (firstImport !== undefined && current.trim() !== '' && !current.startsWith('#')) break;
  }
  if (lastImport !== undefined) {
    const at = lines.lineEnd(lastImport);
    return { uri: extraction.uri, start: at, end: at, newText: `${eol}import os` };
  }
  // No import yet: after the header (shebang, comments, blank lines) and the docstring.
  let line = 0;
  while (line < lineCount && /^\s*(#.*)?$/.test(lineText(line))) line++;
  const docstring = line < lineCount ? /^[rRuU]?("""|''')/.exec(lineText(line)) : null;
  if (docstring !== null) {
    const quote = docstring[1];
    const opening = lineText(line);
    const closesOnSameLine = opening.indexOf(quote, docstring[0].length) !== -1;
    if (!closesOnSameLine) while (line + 1 < lineCount && !lineText(line + 1).includes(quote)) line++;
    line = closesOnSameLine ? line : line + 1;
    const at = lines.lineEnd(Math.min(line, lineCount - 1));
    return { uri: extraction.uri, start: at, end: at, newText: `${eol}${eol}import os` };
  }
  const at = line < lineCount ? lines.lineStart(line) : text.length;
  return { uri: extraction.uri, start: at, end: at, newText: `import os${eol}${eol}` };
}

/** The comment syntax for a suppression directive in each language. */
function lineComment(language: CodeLanguage): string {
  return language === 'python' ? '#' : '//';
}

/**
 * "Ignore <rule> here" (a comment on its own line above the finding's line, indented like it)
 * and "Ignore <rule> in this file" (a file-wide comment at the top, below a shebang or a PHP
 * open tag). The reason after ` -- ` is left for the author to write.
 */
export function codeIgnoreFixes(extraction: CodeExtraction, finding: Pick<Finding, 'ruleId' | 'range'>): FixProposal[] {
  const text = extraction.text;
  const eol = eolOfText(text);
  const lines = linesOf(extraction);
  const comment = lineComment(extraction.language);
  const rule = finding.ruleId;
  const line = Math.min(finding.range.start.line, lines.lineCount - 1);
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))![0];
  let top = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLine = text.slice(top, lines.lineEnd(0));
  if (firstLine.startsWith('#!') || /^<\?php\b/.test(firstLine)) top = lines.lineCount > 1 ? lines.lineStart(1) : text.length;
  const prefixAtEnd = top === text.length && top > 0 ? eol : '';
  return [
    { title: messages.ignoreHere({ rule }), edits: [{ uri: extraction.uri, start: lineStart, end: lineStart, newText: `${indent}${comment} api-guard-ignore ${rule} -- ${eol}` }] },
    { title: messages.ignoreFile({ rule }), edits: [{ uri: extraction.uri, start: top, end: top, newText: `${prefixAtEnd}${comment} api-guard-ignore-file ${rule} -- ${eol}` }] },
  ];
}

/**
 * The rule fixes of a code finding (RULES.md section F), computed on the extraction the finding
 * came from: `http`→`https` in the literal, a TLS-off literal inverted or removed, a literal
 * secret replaced by an environment read (JS/TS `process.env.NAME`, Python `os.environ["NAME"]`
 * with `import os` added when the module lacks it). "Add operation" lives in `addOperationFix`,
 * because it edits the API description instead of the code.
 */
export function codeFixes(extraction: CodeExtraction, finding: Pick<Finding, 'ruleId' | 'uri' | 'severity' | 'data'>): FixProposal[] {
  if (finding.uri !== extraction.uri) return [];
  const replacement = replacementOf(finding.data);
  if (replacement === undefined) return [];
  const edit = editOf(extraction, replacement);
  if (edit === undefined) return [];
  switch (finding.ruleId) {
    case 'code-http-url': {
      const scheme = typeof finding.data?.scheme === 'string' ? finding.data.scheme : 'http';
      const secure = typeof finding.data?.secure === 'string' ? finding.data.secure : 'https';
      // An allowlisted host (a hint) may well have no HTTPS endpoint: offered, never applied unasked.
      const allowlisted = finding.severity === 'hint';
      return [{ title: messages.useSecureScheme({ scheme, secure }), edits: [edit], isPreferred: !allowlisted, safe: !allowlisted }];
    }
    case 'code-tls-disabled': {
      const title = edit.newText === '' ? messages.removeInsecureSetting() : messages.enableVerification();
      return [{ title, edits: [edit], isPreferred: true, safe: true }];
    }
    case 'code-hardcoded-secret': {
      const name = typeof finding.data?.environmentName === 'string' ? finding.data.environmentName : undefined;
      if (name === undefined) return [];
      const edits = [edit];
      if (finding.data?.requiresImport === 'os' && extraction.language === 'python' && !importsPythonOs(extraction.text)) edits.push(pythonImportEdit(extraction));
      // The value must be provided in every environment before the code runs: never applied unasked.
      return [{ title: messages.readFromEnvironment({ name }), edits, isPreferred: true, safe: false }];
    }
    default:
      return [];
  }
}
