import { browser } from '../browser';

/** Opens Deskmate's panel in this window: Chrome's side panel, or Firefox's sidebar. */
export async function openPanel(): Promise<void> {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> } } }).chrome?.sidePanel;
  if (chromeSidePanel) {
    const win = await browser.windows.getCurrent();
    if (win.id !== undefined) await chromeSidePanel.open({ windowId: win.id });
  } else {
    await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  }
  window.close();
}

export function openOptions(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
