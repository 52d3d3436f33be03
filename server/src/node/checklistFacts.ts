import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CHECKLIST_STATE_PATH, parseChecklistState, type ParsedChecklistState } from '../core/checklist/checklistState';
import type { ChecklistFacts } from '../core/checklist/computeChecklist';
import { detectCiInvocation, isCiConfigPath, type CiConfigFile } from '../core/checklist/detectCiInvocation';
import { pathToUri, uriToPath } from './uri';

/** Names of an exported inventory report (the checklist's step 1.2 evidence), by preference. */
export const INVENTORY_EXPORT_NAMES: readonly string[] = ['api-inventory.md', 'api-inventory.csv', 'api-inventory.json'];

/** Folders, relative to the workspace folder, where an exported inventory is looked for. */
const INVENTORY_EXPORT_FOLDERS: readonly string[] = ['', 'docs'];

/** Folders where CI systems keep their configuration, besides the workspace folder itself. */
const CI_FOLDERS: readonly string[] = ['', '.github/workflows', '.circleci'];

function modifiedMs(path: string): number | undefined {
  try {
    const info = statSync(path);
    return info.isFile() ? info.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** The newest exported inventory report in the folder, if any. */
function findInventoryExport(folderPath: string): { uri: string; mtimeMs: number } | undefined {
  let newest: { uri: string; mtimeMs: number } | undefined;
  for (const folder of INVENTORY_EXPORT_FOLDERS) {
    for (const name of INVENTORY_EXPORT_NAMES) {
      const path = join(folderPath, folder, name);
      const mtimeMs = modifiedMs(path);
      if (mtimeMs !== undefined && (newest === undefined || mtimeMs > newest.mtimeMs)) newest = { uri: pathToUri(path), mtimeMs };
    }
  }
  return newest;
}

/** The CI configurations of the folder: the well-known places, plus any discovered file that is one. */
function ciConfigFiles(folderPath: string, discovered: readonly string[]): CiConfigFile[] {
  const paths = new Set<string>();
  for (const folder of CI_FOLDERS) {
    for (const name of filesIn(join(folderPath, folder))) {
      const relativePath = folder === '' ? name : `${folder}/${name}`;
      if (isCiConfigPath(relativePath)) paths.add(relativePath);
    }
  }
  for (const uri of discovered) {
    const path = uriToPath(uri);
    if (path === undefined) continue;
    const relativePath = relative(folderPath, path).split(sep).join('/');
    if (!relativePath.startsWith('..') && isCiConfigPath(relativePath)) paths.add(relativePath);
  }
  const files: CiConfigFile[] = [];
  for (const relativePath of [...paths].sort()) {
    try {
      files.push({ path: relativePath, text: readFileSync(join(folderPath, relativePath), 'utf8') });
    } catch {
      // A configuration that cannot be read is no evidence either way.
    }
  }
  return files;
}

/**
 * What the checklist needs to know about a folder beyond the findings: whether an exported
 * inventory exists and is newer than the files it lists, and whether CI runs the CLI.
 * `sourceUris` are the analysed specs and code files; `discovered` every file found in the folder.
 */
export function gatherChecklistFacts(folderPath: string, sourceUris: readonly string[], discovered: readonly string[], filesAnalysed: number): ChecklistFacts {
  let newestSourceChangeMs: number | undefined;
  for (const uri of sourceUris) {
    const path = uriToPath(uri);
    const mtimeMs = path === undefined ? undefined : modifiedMs(path);
    if (mtimeMs !== undefined && (newestSourceChangeMs === undefined || mtimeMs > newestSourceChangeMs)) newestSourceChangeMs = mtimeMs;
  }
  const facts: ChecklistFacts = { filesAnalysed };
  const inventoryExport = findInventoryExport(folderPath);
  if (inventoryExport !== undefined) facts.inventoryExport = inventoryExport;
  if (newestSourceChangeMs !== undefined) facts.newestSourceChangeMs = newestSourceChangeMs;
  const ci = detectCiInvocation(ciConfigFiles(folderPath, discovered));
  if (ci !== undefined) facts.ciInvokesApiGuard = { uri: pathToUri(join(folderPath, ci.path)) };
  return facts;
}

/** The team's checklist file of a folder (missing means an empty state), with its problems. */
export function readChecklistState(folderPath: string): ParsedChecklistState & { uri: string; text: string } {
  const path = join(folderPath, CHECKLIST_STATE_PATH);
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // No checklist file yet: every step starts unconfirmed.
  }
  return { ...parseChecklistState(text), uri: pathToUri(path), text };
}
