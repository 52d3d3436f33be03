import { configProblemFindings } from '../core/config/configProblemFindings';
import type { ApiGuardSettings } from '../core/config/settings';
import { compareFindings, type Finding } from '../core/engine/finding';
import { configInvalid } from '../core/rules/meta/config-invalid';
import { CodeScan, type LintCodeResult } from '../node/lintCode';
import { lintFolder, type LintFolderResult } from '../node/lintFolder';
import { loadFolderSettings } from '../node/loadFolderSettings';
import { pathToUri } from '../node/uri';
import { cliMessages, unreadableReason } from './cliMessages';
import { codeMessages } from './codeMessages';
import { displayPath } from './lintReport';
import type { AnalysisTarget } from './resolveTargets';

export interface TargetResult {
  target: AnalysisTarget;
  rootUri: string;
  settings: ApiGuardSettings;
  /** The folder's analysis; its findings include those of the code files. */
  lint: LintFolderResult;
  /** The code analysis (call sites for the inventory); absent with `--no-code`. */
  code?: LintCodeResult;
}

export interface WorkspaceRun {
  targets: TargetResult[];
  /** Active findings of every target (configuration problems included), sorted. */
  findings: Finding[];
  suppressed: Finding[];
  /** Documents that were analysed (roots, fragments, broken OpenAPI files). */
  filesAnalysed: number;
  apis: number;
}

export interface AnalyseTargetsOptions {
  /** `--config`: one configuration file for every target instead of each root's own. */
  configPath?: string;
  /** `--rule`: only these rules run. */
  only?: ReadonlySet<string>;
  /** Receives warnings (a rule that failed) for standard error. */
  warn: (message: string) => void;
  debug: boolean;
  /** Analyse the source files too (default); false for `--no-code`. */
  code?: boolean;
  /** The folder paths are shown relative to this one in warnings (default: absolute). */
  cwd?: string;
}

/**
 * Analyses each workspace root with its own settings: defaults ← its configuration file (or the
 * one given with `--config`). Problems in a configuration file become `config-invalid` findings
 * on that file, so they show up and count like any other finding while the valid part applies.
 */
export async function analyseTargets(targets: readonly AnalysisTarget[], options: AnalyseTargetsOptions): Promise<WorkspaceRun> {
  const run: WorkspaceRun = { targets: [], findings: [], suppressed: [], filesAnalysed: 0, apis: 0 };
  // A file given with --config serves every target; its problems are reported once.
  const reportedConfigs = new Set<string>();
  for (const target of targets) {
    const folderSettings = loadFolderSettings(target.rootPath, {}, options.configPath);
    const settings = folderSettings.settings;
    const rootUri = pathToUri(target.rootPath);
    const reasonOf = (error: unknown): string => (options.debug && error instanceof Error ? (error.stack ?? error.message) : String((error as Error)?.message ?? error));
    const onRuleError = (ruleId: string, error: unknown): void => options.warn(cliMessages.ruleFailed({ rule: ruleId, reason: reasonOf(error) }));
    const onFileError = (uri: string, error: unknown): void => options.warn(codeMessages.codeFileFailed({ file: displayPath(uri, options.cwd ?? target.rootPath), reason: reasonOf(error) }));
    // The code files are extracted while discovery goes on; matching them waits for the APIs.
    const codeScan = options.code !== false ? new CodeScan(rootUri, settings, { only: options.only, onRuleError, onFileError }) : undefined;
    let lint: LintFolderResult;
    try {
      lint = await lintFolder(target.rootPath, settings, {
        only: options.only,
        files: target.whole ? undefined : target.files,
        folders: target.whole ? undefined : target.folders,
        onRuleError,
        onReadError: (uri, error) => options.warn(cliMessages.pathUnreadable({ path: displayPath(uri, options.cwd ?? target.rootPath), reason: unreadableReason(error, reasonOf) })),
        onCodeFile: codeScan === undefined ? undefined : (uri) => codeScan.offer(uri),
      });
    } catch (error) {
      await codeScan?.close();
      throw error;
    }
    let code: LintCodeResult | undefined;
    if (codeScan !== undefined) {
      code = await codeScan.finish(lint.files.code, lint.analysis.allApis());
      // Code findings join the folder's, so that every format, the baseline, the inventory and the checklist count them.
      lint.findings = [...lint.findings, ...code.findings].sort(compareFindings);
      lint.suppressed = [...lint.suppressed, ...code.suppressed].sort(compareFindings);
      run.filesAnalysed += code.filesAnalysed;
    }
    run.targets.push({ target, rootUri, settings, lint, ...(code !== undefined && { code }) });
    run.findings.push(...lint.findings);
    run.suppressed.push(...lint.suppressed);
    run.filesAnalysed += lint.analysedUris.length;
    run.apis += lint.analysis.allApis().length;
    const wantsConfigFindings = options.only === undefined || options.only.has(configInvalid.meta.id);
    const configUri = folderSettings.configUri;
    if (wantsConfigFindings && configUri !== undefined && !reportedConfigs.has(configUri) && folderSettings.problems.length > 0) {
      reportedConfigs.add(configUri);
      const findings = configProblemFindings(configUri, folderSettings.configText ?? '', folderSettings.problems, settings, rootUri);
      for (const finding of findings) (finding.suppressed === undefined ? run.findings : run.suppressed).push(finding);
    }
  }
  run.findings.sort(compareFindings);
  run.suppressed.sort(compareFindings);
  return run;
}
