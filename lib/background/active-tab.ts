import { browser } from '../browser';

/** The id of the active tab of a browser window, or null. */
export async function activeTabId(windowId: number): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, windowId });
  return tab?.id ?? null;
}
