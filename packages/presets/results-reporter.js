// Writes this run's totals to test-results/<kind>.json; the root test command sums them over all packages
// into the one line CI reads. Turbo restores the file when it replays a cached test task.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export default class ResultsReporter {
  constructor(globalConfig, options) {
    this.file = resolve(globalConfig.rootDir, options.file);
  }

  onRunComplete(_contexts, results) {
    mkdirSync(dirname(this.file), { recursive: true });
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    writeFileSync(
      this.file,
      JSON.stringify({
        passed: results.numPassedTests,
        // A suite that failed to run counts as a failure even when it reported no test.
        failed: results.numFailedTests + (results.numFailedTests === 0 ? failedSuites : 0),
        total: results.numTotalTests,
        suites: results.numTotalTestSuites,
      }) + '\n',
    );
  }
}
