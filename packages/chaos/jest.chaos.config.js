import { integration } from '@khuyencong/presets/jest';

// The fault tests: real processes (the built API and worker, a redis-server and a PostgreSQL cluster of their
// own), one file at a time, minutes each. Run by `pnpm chaos` at the repo root, never by npm test.
export default integration('chaos', {
  testMatch: ['<rootDir>/test/**/*.chaos-spec.ts'],
  testTimeout: 600000,
});
