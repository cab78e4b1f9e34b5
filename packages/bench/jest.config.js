import { unit } from '@khuyencong/presets/jest';

export default unit('bench');
