import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../../server/src/cli/runCli';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with the given working folder; environment variables default to none. */
export async function cli(cwd: string, argv: string[], options: { env?: Record<string, string>; tty?: boolean; now?: Date } = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    now: options.now === undefined ? undefined : () => options.now!,
  });
  return { code, stdout, stderr };
}

/** A temporary workspace folder with the given files; its real path, so that relative paths are stable. */
export function workspace(files: Record<string, string>): { path: string; write(relativePath: string, text: string): void; remove(): void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'api-guard-cli-')));
  const write = (relativePath: string, text: string): void => {
    mkdirSync(dirname(join(path, relativePath)), { recursive: true });
    writeFileSync(join(path, relativePath), text);
  };
  for (const [relativePath, text] of Object.entries(files)) write(relativePath, text);
  return { path, write, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** An API with an unprotected write operation and a plain-http server, plus an unprotected GET. */
export const SHOP_API = [
  'openapi: 3.1.0',
  'info: { title: Shop, version: "1" }',
  'servers:',
  '  - url: http://api.example.com',
  'paths:',
  '  /orders:',
  '    get:',
  '      responses:',
  '        "200": { description: OK }',
  '    post:',
  '      responses:',
  '        "200": { description: OK }',
  '',
].join('\n');

/** A protected API whose only finding is informational or lower under the default rules. */
export const CLEAN_API = [
  'openapi: 3.1.0',
  'info: { title: Clean, version: "1", description: A clean API }',
  'servers:',
  '  - url: https://api.example.com',
  'security:',
  '  - bearer: []',
  'components:',
  '  securitySchemes:',
  '    bearer: { type: http, scheme: bearer, bearerFormat: JWT }',
  'paths: {}',
  '',
].join('\n');
