import { config } from '@khuyencong/presets/eslint';

export default config({ tsconfigRootDir: import.meta.dirname, ignores: ['src/generated/**', 'fixtures/**'] });
