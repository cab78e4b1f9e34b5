import { unit } from '@khuyencong/presets/jest';

// Coverage is collected on every run and enforced: the engine is the rulebook, so untested rules fail the build.
export default unit('domain', {
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/testing/**'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { global: { lines: 95, branches: 95, statements: 95, functions: 95 } },
});
