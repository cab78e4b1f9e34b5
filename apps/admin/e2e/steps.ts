// What the browser journeys share around their steps: a named step that keeps a screenshot of what the user saw when
// it fails, and reading a result back through the API to assert on it.
import { type Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';

/**
 * The `step` of one suite: runs a named step; on failure keeps a screenshot (`test-results/screenshots/failed-<suite>-<name>`)
 * and, when `seen` is given, adds what the screen showed to the failure's message.
 */
export function stepper(suite: string, seen?: (page: Page) => Promise<string>) {
  return async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await screenshot(page, `failed-${suite}-${name}`);
      if (seen && error instanceof Error) error.message = `${error.message}\n[${name}] ${await seen(page).catch(() => 'page closed')}`;
      throw error;
    }
  };
}

/** A GET through the API as one of the demo users: the journeys' read-back (a non-2xx answer fails the test). */
export async function apiGet<T>(platform: Platform, email: string, path: string): Promise<T> {
  const token = await apiToken(platform.apiUrl, email);
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
