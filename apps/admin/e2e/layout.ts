// What the phone checks of the browser journeys share: the page fits the screen's width.
import { type Page } from 'playwright-core';

/**
 * No horizontal page scroll at this width, header included, once the layout has settled after a resize (antd's
 * responsive parts and tables re-measure on the next frames, through a ResizeObserver); a failure names the elements
 * that stick out. A page that stays wider than the screen for 5 s fails.
 */
export async function noPageScroll(page: Page, width: number): Promise<void> {
  await page.waitForLoadState('networkidle');
  const deadline = Date.now() + 5_000;
  while ((await page.evaluate(() => document.documentElement.scrollWidth)) > width && Date.now() < deadline) await page.waitForTimeout(200);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth <= width) return;
  const wider: string[] = await page.evaluate(
    (limit) =>
      Array.from(document.body.querySelectorAll('*'))
        .filter((element) => element.getBoundingClientRect().right > limit + 1)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`),
    width,
  );
  throw new Error(`the page is ${scrollWidth} px wide at ${width} px; sticking out: ${wider.join(', ')}`);
}
