import type { TlsSetting } from '../codeExtraction';
import type { CodeLanguage } from '../languages';
import { recogniseJavascript } from './javascriptCalls';
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
}

const javascript: Omit<LanguageSupport, 'syntax'> = { recognise: recogniseJavascript, tlsSettings: javascriptTlsSettings };

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
