import { e2e } from '@khuyencong/presets/jest';

// The browser journeys and the screen audit (every screen × every role × laptop and phone, and progress on a slow line).
export default e2e('admin:e2e', { testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts', '<rootDir>/e2e/**/*.audit-spec.ts'] });
