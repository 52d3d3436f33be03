/**
 * Runs mocha inside the VS Code extension host. The suites are bundled into one CommonJS file per
 * workspace layout, so test files cannot be loaded by path; instead each test module exports a
 * function that declares its tests with the BDD functions mocha hands out for a file.
 *
 * Output goes through console.log, which both code-server (through `codeAutomationLog`) and
 * @vscode/test-electron (through the extension host's stdout) pass on to the runner. The last line
 * is a machine-readable summary that the runner turns into its closing `N passed, N failed` line.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

/** The mocha functions a test module uses to declare its tests. */
export interface Bdd {
  describe: Mocha.SuiteFunction;
  it: Mocha.TestFunction;
  before: Mocha.HookFunction;
  after: Mocha.HookFunction;
  beforeEach: Mocha.HookFunction;
  afterEach: Mocha.HookFunction;
}

export type TestModule = (bdd: Bdd) => void;

/** The prefix of every line the suites print, so the runner can tell them from workbench logs. */
export const LINE_PREFIX = '[e2e]';
/** The summary line: prefix, this marker, then JSON `{ suite, passed, failed, failures: [{ title, error }] }`. */
export const RESULT_MARKER = 'suite-result';
/**
 * The line a suite prints instead of running when the workbench did not give it the workspace it
 * was opened with: prefix, this marker, then JSON `{ suite, reason }`. The runner then starts the
 * suite again in a new window (see runHostSuite in test/e2e/lib/hostSuites.mjs).
 */
export const UNREADY_MARKER = 'suite-unready';
/**
 * When set (by test/e2e/electron.mjs through `extensionTestsEnv`), the summary is also written to
 * this file, because @vscode/test-electron passes the host's output straight to the terminal.
 */
export const RESULT_FILE_VARIABLE = 'API_GUARD_E2E_RESULT_FILE';

function print(text: string): void {
  for (const line of text.split('\n')) console.log(`${LINE_PREFIX} ${line}`);
}

interface FailureRecord {
  title: string;
  error: string;
}

/**
 * A compact reporter: one line per test, the error with its stack under a failed test, and the
 * summary line at the end. (Mocha's own reporters write to process.stdout, which code-server's
 * extension host does not forward.)
 */
function createReporter(suiteName: string, failures: FailureRecord[]) {
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_SUITE_BEGIN, EVENT_RUN_END } = Mocha.Runner.constants;
  return class LineReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let passed = 0;
      runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
        if (suite.title !== '') print(`${'  '.repeat(Math.max(0, suite.titlePath().length - 1))}${suite.title}`);
      });
      runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
        passed += 1;
        print(`${'  '.repeat(test.titlePath().length - 1)}✔ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) => {
        const title = test.fullTitle();
        const detail = error?.stack ?? String(error);
        failures.push({ title, error: detail });
        print(`${'  '.repeat(Math.max(0, test.titlePath().length - 1))}✘ ${test.title}`);
        print(detail.split('\n').map((line) => `      ${line}`).join('\n'));
      });
      runner.once(EVENT_RUN_END, () => {
        print(`${suiteName}: ${passed} passed, ${failures.length} failed`);
        const summary = JSON.stringify({ suite: suiteName, passed, failed: failures.length, failures });
        console.log(`${LINE_PREFIX} ${RESULT_MARKER} ${summary}`);
        const resultFile = process.env[RESULT_FILE_VARIABLE];
        if (resultFile !== undefined && resultFile !== '') writeFileSync(resultFile, summary);
      });
    }
  };
}

/**
 * What the workbench must have set up before a suite's tests mean anything: resolves with
 * undefined once it holds, or with why it does not after a bounded, event-driven wait.
 */
export type WorkbenchPrecondition = () => Promise<string | undefined>;

/**
 * Declares the modules' tests and runs them; rejects when a test failed (the host then exits
 * non-zero). When `precondition` reports that the workbench is not ready, no test runs: the suite
 * prints the unready line and rejects.
 */
export async function runMochaSuite(suiteName: string, modules: TestModule[], timeoutMs = 120_000, precondition?: WorkbenchPrecondition): Promise<void> {
  const unready = precondition === undefined ? undefined : await precondition();
  if (unready !== undefined) {
    print(`${suiteName}: the workbench is not ready: ${unready}`);
    console.log(`${LINE_PREFIX} ${UNREADY_MARKER} ${JSON.stringify({ suite: suiteName, reason: unready })}`);
    throw new Error(`${suiteName}: the workbench is not ready: ${unready}`);
  }
  const failures: FailureRecord[] = [];
  const mocha = new Mocha({ ui: 'bdd', timeout: timeoutMs, color: false, reporter: createReporter(suiteName, failures) });
  const context = {} as Bdd;
  // The same event mocha emits before it requires a test file: it fills `context` with the BDD
  // functions bound to the root suite.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, context, suiteName, mocha);
  for (const declare of modules) declare(context);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failed) => (failed > 0 ? reject(new Error(`${failed} end-to-end test(s) failed in ${suiteName}`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
