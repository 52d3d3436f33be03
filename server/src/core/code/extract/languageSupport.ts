import type { TlsSetting } from '../codeExtraction';
import type { CodeLanguage } from '../languages';
import { recogniseJavascript } from './javascriptCalls';
import { javascriptMayHaveResults } from './javascriptMayHaveResults';
import { javascriptSyntax } from './javascriptSyntax';
import { javascriptTlsSettings } from './javascriptTls';
import { recognisePython } from './pythonCalls';
import { pythonSyntax } from './pythonSyntax';
import { pythonTlsSettings } from './pythonTls';
import { recogniseJava } from './javaCalls';
import { javaSyntax } from './javaSyntax';
import { javaTlsSettings } from './javaTls';
import { recogniseCsharp } from './csharpCalls';
import { csharpSyntax } from './csharpSyntax';
import { csharpTlsSettings } from './csharpTls';
import { recogniseGo } from './goCalls';
import { goSyntax } from './goSyntax';
import { goTlsSettings } from './goTls';
import { recognisePhp } from './phpCalls';
import { phpSyntax } from './phpSyntax';
import { phpTlsSettings } from './phpTls';
import type { Recognised } from './recognised';
import type { SourceFile } from './sourceFile';
import type { LanguageSyntax } from './syntax';

/** What each language contributes: its syntax adapter, its library recognisers, its TLS patterns. */
export interface LanguageSupport {
  syntax: LanguageSyntax;
  recognise(file: SourceFile): Recognised;
  tlsSettings(file: SourceFile): TlsSetting[];
  /**
   * False when a text provably yields nothing (no call, client, URL, TLS setting or secret), so
   * that it need not be parsed; languages without such a test are always parsed.
   */
  mayHaveResults?(text: string): boolean;
  /**
   * True when the detectors look beyond the top-level statement they report from only through the
   * file index's keyed lookups (`valuesOf`, `usesOf` …), its imports and the clients of the file:
   * then an edit redoes only the statements it touched (`extractIncrementally`). The JavaScript
   * detectors are written so; the others have not been checked and are always run on the whole file.
   */
  statementLocal?: boolean;
}

const javascript: Omit<LanguageSupport, 'syntax'> = { recognise: recogniseJavascript, tlsSettings: javascriptTlsSettings, mayHaveResults: javascriptMayHaveResults, statementLocal: true };

export const LANGUAGE_SUPPORT: Record<CodeLanguage, LanguageSupport> = {
  javascript: { syntax: javascriptSyntax('javascript'), ...javascript },
  typescript: { syntax: javascriptSyntax('typescript'), ...javascript },
  tsx: { syntax: javascriptSyntax('tsx'), ...javascript },
  python: { syntax: pythonSyntax, recognise: recognisePython, tlsSettings: pythonTlsSettings },
  java: { syntax: javaSyntax, recognise: recogniseJava, tlsSettings: javaTlsSettings },
  csharp: { syntax: csharpSyntax, recognise: recogniseCsharp, tlsSettings: csharpTlsSettings },
  go: { syntax: goSyntax, recognise: recogniseGo, tlsSettings: goTlsSettings },
  php: { syntax: phpSyntax, recognise: recognisePhp, tlsSettings: phpTlsSettings },
};
