import type { Range } from '../model/lineIndex';
import type { CallSite, ClientInstance, SourceSpan } from './callSite';
import type { CodeLanguage } from './languages';

/** A URL the code requests or configures as a client base, located where it is written. */
export interface UrlUse {
  kind: 'call' | 'base-url' | 'literal';
  /** The URL template (`{*}` for unknown parts). */
  template: string;
  /** Where the URL is written: the literal holding its start, else the expression at the call. */
  span: SourceSpan;
  /** Source offset of the template's first character, when a literal writes the start verbatim. */
  verbatimStart?: number;
  /** How many characters from `verbatimStart` are verbatim. */
  verbatimLength?: number;
  /** The edit that turns `http`/`ws` into `https`/`wss` in the literal, when the scheme is written verbatim. */
  schemeFix?: CodeEdit;
  /** Index into `callSites` for `call`; the client name for `base-url`. */
  callIndex?: number;
  client?: string;
}

/** A text edit in code, for quick fixes: offsets and the LSP range of the same span. */
export interface CodeEdit {
  start: number;
  end: number;
  range: Range;
  newText: string;
}

/** Certificate verification turned off (CODE-PATTERNS.md section 2). */
export interface TlsSetting {
  /** Which pattern: `rejectUnauthorized: false`, `verify=False`, `InsecureSkipVerify: true` … */
  pattern: string;
  span: SourceSpan;
  /** The edit that removes or inverts the setting, when it is a literal. */
  fix?: CodeEdit;
}

/** A string literal that may be a credential: a provider format, or a value under a secret-like name. */
export interface SecretCandidate {
  value: string;
  /** The name it is assigned to or passed as (variable, key, header, parameter, setter). */
  name?: string;
  span: SourceSpan;
  /** Where the value (without quotes) starts and ends, for the "move to an environment variable" fix. */
  valueStart: number;
  valueEnd: number;
  /** The whole literal including quotes and prefixes (the fix replaces it). */
  literal: { start: number; end: number; range: Range };
  /** The name as an environment variable (`API_TOKEN`), when it can be derived. */
  environmentName?: string;
}

/** An `api-guard-ignore` comment of a code file, with the range of the comment itself. */
export interface CodeIgnoreDirective {
  rules: string[];
  reason?: string;
  /** The 0-based line it applies to; -1 for the whole file. */
  line: number;
  fileWide: boolean;
  range: Range;
}

/** Everything extracted from one code file: plain data, independent of settings and specs. */
export interface CodeExtraction {
  uri: string;
  language: CodeLanguage;
  /** The text the extraction was made from (callers compare it to reuse an extraction). */
  text: string;
  directives: CodeIgnoreDirective[];
  callSites: CallSite[];
  clients: ClientInstance[];
  urls: UrlUse[];
  tlsSettings: TlsSetting[];
  secretCandidates: SecretCandidate[];
}
