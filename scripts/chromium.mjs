import { existsSync } from 'node:fs';

/** Debian's Chromium (never a downloaded browser). CHROMIUM_PATH overrides. */
export function findChromium(env = process.env) {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path) => path && existsSync(path));
}
