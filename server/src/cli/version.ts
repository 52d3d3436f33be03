import { version } from '../../../package.json';

/** The version of the package, printed by `--version` and recorded in SARIF and baselines. */
export const CLI_VERSION: string = version;
