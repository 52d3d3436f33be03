import assert from 'node:assert/strict';
import { LspTestClient, type StartOptions } from './lspTestClient';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

/**
 * Runs a protocol test against a fresh server on a fresh temporary workspace folder, and always
 * cleans up: on success the server must shut down cleanly (shutdown + exit, code 0) without having
 * logged an error; on failure it is killed and the folder removed.
 */
export async function withServer(
  files: Record<string, string>,
  options: Omit<StartOptions, 'folders'> & {
    noFolder?: boolean;
    /** Subfolders (relative paths) that are the workspace folders, for multi-root tests; default the temporary folder itself. */
    folders?: string[];
    allowLoggedErrors?: boolean;
  },
  test: (client: LspTestClient, workspace: TempWorkspace) => Promise<void>,
): Promise<void> {
  const workspace = tempWorkspace(files);
  let client: LspTestClient | undefined;
  try {
    const folders = options.noFolder
      ? []
      : options.folders === undefined
        ? [{ uri: workspace.uri, name: workspace.name }]
        : options.folders.map((folder) => ({ uri: workspace.uriOf(folder), name: folder }));
    client = await LspTestClient.start({ ...options, folders });
    await test(client, workspace);
    if (!options.allowLoggedErrors) assert.deepEqual(client.loggedErrors(), [], `the server logged errors:${client.transcript()}`);
    const exitCode = await client.shutdown();
    assert.equal(exitCode, 0, 'the server exits with code 0 after shutdown + exit');
    client = undefined;
  } finally {
    client?.kill();
    workspace.remove();
  }
}

/** The diagnostic codes of a list, sorted, for readable assertions. */
export function codesOf(diagnostics: readonly { code?: number | string }[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

export function hasCode(code: string): (diagnostics: readonly { code?: number | string }[]) => boolean {
  return (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === code);
}

export function lacksCode(code: string): (diagnostics: readonly { code?: number | string }[]) => boolean {
  return (diagnostics) => !diagnostics.some((diagnostic) => diagnostic.code === code);
}

/** A diagnostic's message as text (LSP 3.18 also allows Markdown content, which this server never sends). */
export function messageOf(diagnostic: { message: string | { value: string } }): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
