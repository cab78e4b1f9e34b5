import { integration } from '@khuyencong/presets/jest';

export default integration('workflow:integration');
