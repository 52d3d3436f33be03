import { computeChecklist, type ChecklistReport } from '../core/checklist/computeChecklist';
import { formatChecklistMarkdown, formatChecklistText } from '../core/checklist/formatChecklist';
import { LineIndex } from '../core/model/lineIndex';
import { gatherChecklistFacts, readChecklistState } from '../node/checklistFacts';
import { displayPath } from './lintReport';
import type { CommandContext } from './runCli';

/**
 * `api-guard checklist`: the security checklist of each workspace root, computed from the same
 * analysis as `lint`, the team's checklist file and the facts of the folder (exported inventory,
 * CI configuration). Problems of the checklist file are printed as warnings; its valid part counts.
 */
export async function runChecklistCommand(context: CommandContext): Promise<number> {
  const { io, args } = context;
  const run = await context.analyse();
  const now = (io.now ?? (() => new Date()))();
  const reports: { report: ChecklistReport; rootUri: string }[] = [];
  for (const result of run.targets) {
    const stored = readChecklistState(result.target.rootPath);
    const lines = new LineIndex(stored.text);
    for (const problem of stored.problems) {
      const position = lines.positionAt(problem.start);
      context.warn(`${displayPath(stored.uri, io.cwd)}:${position.line + 1}:${position.character + 1}: ${problem.message}`);
    }
    const analysedDocuments = result.lint.analysedUris;
    const facts = gatherChecklistFacts(
      result.target.rootPath,
      [...analysedDocuments, ...result.lint.files.code],
      [...result.lint.files.specs, ...result.lint.files.code],
      analysedDocuments.length,
    );
    const report = computeChecklist({
      findings: result.lint.findings,
      suppressed: result.lint.suppressed,
      apis: result.lint.analysis.allApis(),
      state: stored.state,
      now,
      facts,
    });
    reports.push({ report, rootUri: result.rootUri });
  }
  const format = args.values.get('format') ?? 'text';
  if (format === 'json') {
    const data = reports.map((entry) => entry.report);
    context.emit(JSON.stringify(data.length === 1 ? data[0] : data, null, 2) + '\n');
  } else {
    const formatReport = format === 'markdown' ? formatChecklistMarkdown : formatChecklistText;
    context.emit(reports.map((entry) => formatReport(entry.report, { folderUri: entry.rootUri })).join('\n'));
  }
  return 0;
}
