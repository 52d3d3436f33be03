// Starts code-server on a free loopback port in its own process group, and stops the whole group
// (server, extension hosts, language servers) when a suite is done, even when the suite failed or
// the runner itself is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerEntry } from './paths.mjs';

/** Process groups that are still running, killed on exit so that no server outlives the runner. */
const liveGroups = new Set();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(130);
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export function installExtension(vsixPath, extensionsDir, userDataDir) {
  const result = spawnSync(
    process.execPath,
    [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsixPath, '--force'],
    { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' }, timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  return output.trim();
}

/**
 * Starts code-server for one suite. `home` is a fresh folder for its config and log, and by
 * default also for its user data and extensions (a suite that installs extensions first passes
 * its own folders). Resolves once /healthz answers.
 *
 * @param {{ home: string, openPath?: string, locale?: string, userDataDir?: string, extensionsDir?: string, userSettings?: object, logPath?: string }} options
 */
export async function startCodeServer({ home, openPath, locale, userDataDir: userData, extensionsDir, userSettings = {}, logPath = join(home, 'code-server.log') }) {
  installExitHooks();
  mkdirSync(home, { recursive: true });
  const userDataDir = userData ?? join(home, 'data');
  const extensions = extensionsDir ?? join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const settings = {
    // Nothing but the workbench itself: no welcome page, tips, update checks or trust prompts.
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    // In the browser VS Code saves edited files one second after the last change by default
    // ("afterDelay"); desktop VS Code does not. The suites edit buffers without saving and then
    // revert them, so an automatic save would write their edits to disk for every later test.
    'files.autoSave': 'off',
    // Steady screenshots: no blinking cursor, no sticky headers over the lines being shown.
    'editor.cursorBlinking': 'solid',
    'editor.stickyScroll.enabled': false,
    ...userSettings,
  };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const configPath = join(home, 'config.yaml');
  writeFileSync(configPath, 'auth: none\ncert: false\n');

  const port = await freePort();
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config', configPath,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensions,
  ];
  if (locale !== undefined) args.push('--locale', locale);
  // The language client writes the LSP trace only into an output channel whose log level is trace.
  if (process.env.E2E_TRACE) args.push('--log', 'trace');
  if (openPath !== undefined) args.push(openPath);

  const logFd = openSync(logPath, 'a');
  // detached: the server becomes the leader of a new process group (setsid), so one signal to the
  // group reaches the extension hosts and language servers it starts.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
  closeSync(logFd);
  liveGroups.add(child.pid);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const server = {
    url,
    port,
    home,
    pid: child.pid,
    logPath,
    userDataDir,
    extensionsDir: extensions,
    /** The last lines of the server log, for failure reports. */
    logTail(lines = 40) {
      try {
        return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    /** Stops the process group: SIGTERM, then SIGKILL for whatever is left after a grace period. */
    async stop() {
      if (!liveGroups.has(child.pid)) return;
      killGroup(child.pid, 'SIGTERM');
      const grace = new Promise((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([exitPromise, grace]);
      killGroup(child.pid, 'SIGKILL');
      liveGroups.delete(child.pid);
    },
  };

  try {
    await waitForHealth(url, () => exited, 60_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- code-server log ---\n${server.logTail()}`);
  }
  return server;
}

/** Polls /healthz until it answers, the process exits, or the deadline passes. */
async function waitForHealth(url, exitedState, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const exited = exitedState();
    if (exited !== null) throw new Error(`code-server exited during start-up (code ${exited.code}, signal ${exited.signal})`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s (${lastError})`);
}
