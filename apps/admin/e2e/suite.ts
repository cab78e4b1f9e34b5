// The set-up every browser suite shares: the platform (API, worker, admin on a fresh database) and one browser,
// started before the suite's tests and stopped after them.
import { type Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startPlatform, type Platform } from './platform.js';

/** Registers the suite's beforeAll/afterAll; `started` receives the platform and the browser once they run. */
export function withPlatform(started: (running: { platform: Platform; browser: Browser }) => void): void {
  let running: { platform?: Platform; browser?: Browser } = {};
  beforeAll(async () => {
    const platform = await startPlatform();
    running = { platform };
    const browser = await launchBrowser();
    running = { platform, browser };
    started({ platform, browser });
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.platform?.stop();
  });
}
