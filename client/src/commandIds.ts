/** Command ids contributed in package.json; views and other features refer to these names. */
export const COMMANDS = {
  restartServer: 'apiGuard.restartServer',
  showOutput: 'apiGuard.showOutput',
  analyseWorkspace: 'apiGuard.analyseWorkspace',
} as const;
