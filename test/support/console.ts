import type { Page } from 'playwright-core';

/** Signs the page in to the hub's console with `token` (an operator's token without "Bearer ", or a department's key). */
export async function signInToConsole(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.fill('#token', token);
  // Signing in stores the token and reloads the page: wait for that load, or a later navigation races it.
  await Promise.all([page.waitForEvent('load'), page.click('#signin button[type=submit]')]);
}

/** Opens the console's 预警 page and waits until it has answered that there is no alert yet. */
export async function openEmptyAlertsPage(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/console#/alerts`);
  await page.waitForFunction(`(document.querySelector('main, #app')?.textContent ?? '').includes('暂无预警')`);
}
