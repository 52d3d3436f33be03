import { defaultSettings, type ApiGuardSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';

export const TEST_FOLDER = 'file:///ws';

export interface LintOutcome {
  findings: Finding[];
  suppressed: Finding[];
  analysis: FolderAnalysis;
  store: DocumentStore;
  /** URI of a file given by its relative path. */
  uri(path: string): string;
}

/**
 * Lints in-memory files as one workspace folder (`file:///ws/<path>`). A plain string is a single
 * file named `api.yaml` (or `api.json` when it starts with `{`).
 */
export function lintFiles(
  files: Record<string, string> | string,
  options: { settings?: Partial<ApiGuardSettings>; only?: string[] } = {},
): LintOutcome {
  const map = typeof files === 'string' ? { [files.trimStart().startsWith('{') ? 'api.json' : 'api.yaml']: files } : files;
  const uri = (path: string): string => `${TEST_FOLDER}/${path}`;
  const texts = new Map(Object.entries(map).map(([path, text]) => [uri(path), text] as const));
  const store = new DocumentStore({ read: (target) => texts.get(target) });
  const settings = { ...defaultSettings(), ...options.settings };
  const analysis = new FolderAnalysis(store, {
    folderUri: TEST_FOLDER,
    settings,
    policy: { allowedFolders: [TEST_FOLDER], allowedRemoteHosts: settings.allowedRemoteRefHosts },
    only: options.only === undefined ? undefined : new Set(options.only),
    onRuleError: (ruleId, error) => {
      throw new Error(`rule ${ruleId} threw: ${(error as Error).stack}`);
    },
  });
  analysis.setCandidates(texts.keys());
  analysis.update();
  const findings = [...analysis.findingsByUri().values()].flat();
  const suppressed = [...analysis.suppressedByUri().values()].flat();
  return { findings, suppressed, analysis, store, uri };
}
