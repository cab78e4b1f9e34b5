import { e2e } from '@khuyencong/presets/jest';

export default e2e('admin:e2e');
