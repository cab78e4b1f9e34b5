// The browser tests' knobs, read in one place.
/** Set UPDATE_SCREENSHOTS=1 to refresh the committed docs/screenshots; otherwise they go to test-results/. */
export const updateDocScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
