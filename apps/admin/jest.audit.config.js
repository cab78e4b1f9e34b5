import { e2e } from '@khuyencong/presets/jest';

// The screen audit of issue 15 alone (every screen × every role × laptop and phone: width, axe-core, console, failed
// requests, raw codes; progress within 300 ms on a slow line). `test:e2e` runs it too, with the journeys.
// `AUDIT_ROLES=a@…,b@…` narrows it to some accounts. Its results file is the e2e one: run it on its own, not beside test:e2e.
export default e2e('admin:audit', { testMatch: ['<rootDir>/e2e/**/*.audit-spec.ts'], testTimeout: 300000 });
