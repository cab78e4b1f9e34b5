// Shared Jest presets. Tests run as native ESM: NODE_OPTIONS=--experimental-vm-modules.
// Each run writes a JSON result under test-results/ so the root test command can print one totals line.

const resultsReporter = new URL('./results-reporter.js', import.meta.url).pathname;

/** @param {string} name @param {string} kind @param {object} extra */
function base(name, kind, extra) {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
    },
    reporters: ['default', [resultsReporter, { file: `test-results/${kind}.json` }]],
    cacheDirectory: '<rootDir>/node_modules/.cache/jest',
    displayName: name,
    ...extra,
  };
}

/** Unit tests: `*.spec.ts` beside the code, no services. */
export function unit(name, extra = {}) {
  return base(name, 'unit', { testMatch: ['<rootDir>/src/**/*.spec.ts'], ...extra });
}

/** Integration tests: `test/**\/*.int-spec.ts`, against the real PostgreSQL and Redis. Serial per package. */
export function integration(name, extra = {}) {
  return base(name, 'integration', { testMatch: ['<rootDir>/test/**/*.int-spec.ts'], testTimeout: 60000, maxWorkers: 1, ...extra });
}

/** Browser tests: `e2e/**\/*.e2e-spec.ts`, Playwright driving Debian's Chromium against the real platform. */
export function e2e(name, extra = {}) {
  return base(name, 'e2e', { testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'], testTimeout: 120000, maxWorkers: 1, ...extra });
}
