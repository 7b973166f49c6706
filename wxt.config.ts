import { defineConfig } from 'wxt';
import { DEV_PUBLIC_KEY } from './lib/dev-key';

// One set of entrypoints builds Chrome/Edge (MV3) and Firefox. WXT turns
// entrypoints/sidepanel into Chrome's `side_panel` and Firefox's `sidebar_action`.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and per-tab ticket state; sidePanel: the agent's panel (Chrome);
    // scripting: content scripts for helpdesks a team lead configures (registered at run time);
    // alarms: wakes the worker to retry knowledge-gap deliveries that wait.
    // No host permissions at install: the built-in content scripts' matches are the only
    // sites touched; a configured helpdesk's host is asked for at run time, one at a time.
    permissions: browser === 'firefox' ? ['storage', 'scripting', 'alarms'] : ['storage', 'sidePanel', 'scripting', 'alarms'],
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : { optional_host_permissions: ['https://*/*'] }),
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'deskmate@deskmate.dev', strict_min_version: '128.0' },
          },
        }
      : {
          // Team leads lock settings through enterprise policy (storage.managed).
          storage: { managed_schema: 'managed_schema.json' },
          // A fixed public key gives a stable extension id in development and tests.
          // Store builds (mode "production") are signed by the store and must not carry it.
          ...(mode === 'production' ? {} : { key: DEV_PUBLIC_KEY }),
        }),
  }),
});
