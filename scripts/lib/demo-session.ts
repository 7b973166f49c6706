/**
 * A browser with Deskmate loaded on the demo helpdesk: the helpdesk tabs in one
 * window, and Deskmate's side panel page following that window. Chrome opens a
 * real side panel only on a user gesture, so the same page is opened in a
 * window of its own with `?windowId=`, where it behaves as the docked panel does.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { routeDemoHelpdesk, type DemoPace } from '../demo/serve';
import { launchWithExtension, type Launched, type LaunchOptions } from './chromium';

// Functions passed to worker.evaluate run in the extension's service worker, where `chrome` is the API.
declare const chrome: Browser;

export interface DemoSession extends Launched {
  windowId: number;
  /** Opens a helpdesk URL in a new tab of the helpdesk window (it becomes the active tab). */
  openTab(url: string): Promise<Page>;
  /** Makes this tab the active tab of the helpdesk window. */
  activate(page: Page): Promise<void>;
  /** The side panel page, following the helpdesk window. */
  openPanel(size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startDemoSession(options: LaunchOptions & { pace: DemoPace; firstUrl: string }): Promise<DemoSession> {
  const launched = await launchWithExtension(options);
  const { context, worker, extensionId } = launched;
  await routeDemoHelpdesk(context, options.pace);
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(options.firstUrl);
  const windowId = await worker.evaluate(async () => {
    const [win] = await chrome.windows.getAll();
    return win!.id!;
  });

  async function pageOpenedBy(action: () => Promise<unknown>): Promise<Page> {
    const [page] = await Promise.all([context.waitForEvent('page'), action()]);
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  return {
    ...launched,
    windowId,
    openTab(url) {
      return pageOpenedBy(() => worker.evaluate(([w, u]) => chrome.tabs.create({ windowId: w, url: u, active: true }), [windowId, url] as const));
    },
    async activate(page) {
      await page.bringToFront();
    },
    openPanel(size = { width: 420, height: 900 }) {
      const url = `chrome-extension://${extensionId}/sidepanel.html?windowId=${windowId}`;
      return pageOpenedBy(() =>
        worker.evaluate(([u, s]) => chrome.windows.create({ url: u, type: 'popup', width: s.width, height: s.height, focused: false }), [url, size] as const),
      );
    },
    close: () => launched.close(),
  };
}
