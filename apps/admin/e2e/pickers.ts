// One way to choose in an antd Select, shared by the journeys.
import { type Locator, type Page } from 'playwright-core';

/**
 * Chooses an option of an antd Select by typing (a name or an e-mail), as a user does.
 *
 * A single select opens on a click on its box. A multiple select is clicked in its search box, which follows the
 * chosen names: a click on the box itself can land on a chosen name's × and drop it (seen under load). After the
 * choice a multiple select is checked to hold one more name than before, so a lost choice fails here, not later.
 */
export async function chooseOption(page: Page, select: Locator, typed: string, option: Locator | RegExp): Promise<void> {
  const multiple = await select.evaluate((element) => element.matches('.ant-select-multiple') || element.querySelector('.ant-select-multiple') !== null);
  const chosen = select.locator('.ant-select-selection-item');
  const before = multiple ? await chosen.count() : 0;
  const input = select.locator('input');
  const open = async () => {
    await (multiple ? input : select).click();
    // A select without search has a read-only box: the list is chosen from as it is.
    if (await input.isEditable()) {
      await input.fill(typed);
      // A searching select asks the server as the user types: its list is redrawn when the answer comes, and a click
      // on the list drawn before it can be lost. The choice is made once the network is quiet.
      await page.waitForLoadState('networkidle').catch(() => undefined);
    }
  };
  await open();
  // The options of this select's own list: another select's list may still be open or closing.
  const list = await input.getAttribute('aria-controls');
  const dropdown = list ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) }) : page.locator('.ant-select-dropdown:visible');
  const target = option instanceof RegExp ? dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first() : option;
  await target.waitFor();
  const wanted = ((await target.textContent()) ?? '').trim();
  await target.click();
  // A multiple select's click that was lost (the list redrawn under it) is given again, only while the choice is
  // still missing (a second click on a chosen option would drop it).
  for (let attempt = 0; multiple && attempt < 2; attempt += 1) {
    const settled = Date.now() + 2_000;
    while ((await chosen.count()) === before && Date.now() < settled) await page.waitForTimeout(50);
    if ((await chosen.count()) !== before) break;
    if (!(await target.isVisible())) await open();
    await target.waitFor();
    await target.click();
  }
  if (!multiple) {
    // A single select closes its list on the choice; a click taken during the list's animation can leave it open
    // over the form, so it is closed by hand if it stays — and then the choice may be missing: it is made once more.
    const shown = dropdown.locator('.ant-select-item-option').first();
    const close = async () => {
      try {
        await shown.waitFor({ state: 'hidden', timeout: 2_000 });
      } catch {
        await page.keyboard.press('Escape');
        await shown.waitFor({ state: 'hidden' });
      }
    };
    await close();
    if (wanted !== '' && !(await select.innerText()).includes(wanted)) {
      await open();
      await target.waitFor();
      await target.click();
      await close();
    }
  }
  if (multiple) {
    const deadline = Date.now() + 5_000;
    while ((await chosen.count()) !== before + 1) {
      if (Date.now() > deadline) throw new Error(`the select holds ${await chosen.count()} choices after choosing "${typed}", expected ${before + 1}`);
      await page.waitForTimeout(50);
    }
  }
}

/**
 * Presses a confirmation dialog's button (antd's Modal.confirm) and waits for the dialog to close. A click given while
 * the dialog was still opening can be lost — seen once under load: the dialog stayed, nothing was sent — so a dialog
 * still open with its button idle after a moment is pressed once more (its action was never started).
 */
export async function confirmDialog(page: Page, name: string): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  const button = dialog.getByRole('button', { name });
  await button.click();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await dialog.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch {
      const busy = await button.evaluate((element) => element.classList.contains('ant-btn-loading')).catch(() => true);
      if (!busy) await button.click();
    }
  }
  await dialog.waitFor({ state: 'hidden' });
}
