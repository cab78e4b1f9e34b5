import { unit } from '@khuyencong/presets/jest';

// Rendering embeds a TrueType font and the tests rasterise a page with poppler: seconds of CPU on a busy 2-core
// machine, so allow 30 s.
export default unit('certificates', { testTimeout: 30_000 });
