import * as path from 'node:path';
import { analyseCodeFile, type CodeAnalysis } from '../../../server/src/core/code/analyseCodeFile';
import { grammarFilesIn } from '../../../server/src/core/code/grammarFiles';
import { configureTreeSitter } from '../../../server/src/core/code/treeSitter';
import { defaultSettings, type ApiGuardSettings } from '../../../server/src/core/config/settings';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

const root = path.resolve(__dirname, '../../..');

/** Points the engine at the wasm files in node_modules (the bundle uses dist/ instead). */
export function useNodeModulesGrammars(): void {
  configureTreeSitter(grammarFilesIn(path.join(root, 'node_modules/web-tree-sitter'), path.join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm')));
}

useNodeModulesGrammars();

/** The APIs of in-memory spec files, built by the same folder analysis the server uses. */
export function apisOf(files: Record<string, string>): ApiDescription[] {
  if (Object.keys(files).length === 0) return [];
  return lintFiles(files).analysis.allApis();
}

export function codeSettings(overrides: Partial<ApiGuardSettings> = {}): ApiGuardSettings {
  return { ...defaultSettings(), ...overrides };
}

/** Analyses one code file of the test workspace (`file:///ws/<path>`). */
export function analyse(pathInWorkspace: string, text: string, options: { specs?: Record<string, string>; apis?: ApiDescription[]; settings?: ApiGuardSettings; only?: string[] } = {}): Promise<CodeAnalysis> {
  return analyseCodeFile({
    uri: `${TEST_FOLDER}/${pathInWorkspace}`,
    text,
    apis: options.apis ?? apisOf(options.specs ?? {}),
    settings: options.settings ?? codeSettings(),
    folderUri: TEST_FOLDER,
    only: options.only === undefined ? undefined : new Set(options.only),
    onRuleError: (ruleId, error) => {
      throw new Error(`rule ${ruleId} threw: ${(error as Error).stack}`);
    },
    onExtractionError: (stage, error) => {
      throw new Error(`extraction stage "${stage}" threw: ${(error as Error).stack}`);
    },
  });
}

export { TEST_FOLDER };
