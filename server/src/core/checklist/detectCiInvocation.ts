/**
 * Evidence for checklist step 4.1: does the workspace's CI run the `api-guard` CLI? The adapters
 * read the files that `isCiConfigPath` accepts and pass them here; nothing is executed.
 */

export interface CiConfigFile {
  /** Path relative to the workspace folder (or a URI); `/` or `\` separated. */
  path: string;
  text: string;
}

export interface CiInvocation {
  path: string;
  /** 0-based line of the first invocation. */
  line: number;
}

/** Whether a path names a CI configuration of a supported system. */
export function isCiConfigPath(path: string): boolean {
  const normalised = path.replace(/\\/g, '/');
  const name = normalised.slice(normalised.lastIndexOf('/') + 1);
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(normalised)) return true;
  if (/(^|\/)\.circleci\/config\.ya?ml$/.test(normalised)) return true;
  if (name === '.gitlab-ci.yml' || name.endsWith('.gitlab-ci.yml')) return true;
  if (name === 'Jenkinsfile' || name.startsWith('Jenkinsfile.')) return true;
  return /^(azure-pipelines|bitbucket-pipelines)\.ya?ml$/.test(name);
}

// `api-guard` as a command word: at the start, after whitespace, a quote, `/` (a path to the
// binary) or `=`; followed by the end, whitespace, a quote or a shell operator. This leaves out
// names like `api-guard.sarif` and `.api-guard.yaml` that merely contain the word.
const COMMAND = /(?:^|[\s"'`(/=])api-guard(?=$|[\s"'`);&|])/;
// A GitHub Action or a container image named after the tool.
const ACTION = /^\s*-?\s*(?:uses|image)\s*:\s*["']?[\w./-]*api-guard[\w./@:-]*/;

/** The first CI configuration that invokes the CLI, or undefined. */
export function detectCiInvocation(files: readonly CiConfigFile[]): CiInvocation | undefined {
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (!isCiConfigPath(file.path)) continue;
    const groovy = /Jenkinsfile/.test(file.path);
    const lines = file.text.split(/\r\n|\r|\n/);
    for (let line = 0; line < lines.length; line++) {
      const code = withoutComment(lines[line], groovy);
      if (COMMAND.test(code) || ACTION.test(code)) return { path: file.path, line };
    }
  }
  return undefined;
}

/**
 * A line without its comment, so that `# TODO: run api-guard here` is no evidence. YAML comments
 * start with `#` at the line start or after whitespace; Groovy (Jenkinsfile) ones with `//`.
 */
function withoutComment(line: string, groovy: boolean): string {
  if (groovy) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return '';
    const index = line.search(/\s\/\//);
    return index < 0 ? line : line.slice(0, index);
  }
  const index = line.search(/(^|\s)#/);
  return index < 0 ? line : line.slice(0, index);
}
