import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/**
 * Who confirms a checklist step: the name the team knows from the commits (`git config
 * user.name`, asked in the workspace folder so that a repository's own setting wins), else the
 * operating-system account. Free of `vscode` so that the fallbacks are unit-tested.
 */
export interface ConfirmerSources {
  /** `git config user.name` in the folder, or undefined when git is missing or has no name. */
  gitUserName(folderPath: string): Promise<string | undefined>;
  /** The operating-system account name, or undefined when it cannot be read. */
  osUserName(): string | undefined;
}

export const SYSTEM_CONFIRMER_SOURCES: ConfirmerSources = {
  gitUserName: (folderPath) =>
    new Promise((resolve) => {
      execFile('git', ['config', 'user.name'], { cwd: folderPath, timeout: 5000, windowsHide: true }, (error, stdout) => {
        resolve(error === null ? stdout.trim() || undefined : undefined);
      });
    }),
  osUserName: () => {
    try {
      return userInfo().username.trim() || undefined;
    } catch {
      // Some containers have no passwd entry for the current user.
      return process.env.USER?.trim() || process.env.USERNAME?.trim() || undefined;
    }
  },
};

export interface ConfirmerOptions {
  /** The workspace folder on disk; without one git is not asked. */
  folderPath: string | undefined;
  /**
   * Whether git may run in the folder. In an untrusted workspace it does not: a repository's
   * configuration is the workspace's content, and the editor runs nothing of it before trust.
   */
  mayRunGit: boolean;
  /** The name used when no source knows one. */
  fallback: string;
}

export async function confirmerName(options: ConfirmerOptions, sources: ConfirmerSources = SYSTEM_CONFIRMER_SOURCES): Promise<string> {
  if (options.mayRunGit && options.folderPath !== undefined) {
    const name = await sources.gitUserName(options.folderPath);
    if (name !== undefined && name.trim() !== '') return name.trim();
  }
  return sources.osUserName() ?? options.fallback;
}
