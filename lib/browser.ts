/**
 * The extension API, typed as webextension-polyfill. At run time `wxt/browser`
 * is the polyfill (the @wxt-dev/webextension-polyfill module) in builds and
 * WXT's fakeBrowser in unit tests, so every module imports the API from here.
 */
import { browser as wxtBrowser } from 'wxt/browser';
import type Browser from 'webextension-polyfill';

export type { Runtime, Tabs, Storage } from 'webextension-polyfill';
export const browser = wxtBrowser as unknown as Browser.Browser;
