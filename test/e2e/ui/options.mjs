// What the UI suite's test file needs from the runner (folders, the installed extensions, where to
// publish screenshots). The runner fills this object before mocha loads the test file.
export const uiOptions = {
  repoRoot: '',
  userDataDir: '',
  extensionsDir: '',
  userSettings: {},
  /** A fresh folder for one code-server instance (config, log, browser profile). */
  home: (name) => name,
  /** Copies a screenshot to docs/images/ under `name` (when the runner is asked to). */
  publish: (_screenshot, _name) => undefined,
};
