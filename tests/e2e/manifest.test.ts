/**
 * What the built extensions ask for: the content scripts' sites and nothing
 * more, the same entrypoints in Chrome and Firefox.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_MATCHES } from '../../lib/sites';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (dir: string) => JSON.parse(readFileSync(resolve(ROOT, '.output', dir, 'manifest.json'), 'utf8'));
let chrome: Record<string, any>;
let chromeStore: Record<string, any>;
let firefox: Record<string, any>;

beforeAll(() => {
  chrome = read('chrome-mv3-dev'); // built by `npm run test:e2e`
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'ignore' });
  chromeStore = read('chrome-mv3');
  firefox = read('firefox-mv2');
}, 120_000);

describe('built manifests', () => {
  it('Chrome: MV3, side panel, managed schema, only the helpdesk sites', () => {
    for (const m of [chrome, chromeStore]) {
      expect(m.manifest_version).toBe(3);
      expect(m.permissions).toEqual(['storage', 'sidePanel', 'scripting', 'alarms']);
      expect(m.host_permissions ?? []).toEqual([]);
      // A configured helpdesk's host is requested at run time; nothing is granted at install.
      expect(m.optional_host_permissions).toEqual(['https://*/*']);
      expect(JSON.stringify(m)).not.toContain('<all_urls>');
      expect(m.side_panel.default_path).toBe('sidepanel.html');
      expect(m.storage.managed_schema).toBe('managed_schema.json');
      expect(m.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual(
        expect.arrayContaining([SITE_MATCHES.zendesk, SITE_MATCHES.salesforce]),
      );
      expect(m.content_scripts.flatMap((c: { matches: string[] }) => c.matches).sort()).toEqual(Object.values(SITE_MATCHES).flat().sort());
      expect(m.default_locale).toBe('en');
      expect(m.name).toBe('__MSG_extName__');
    }
  });

  it('the development key is in development builds only, never in the store build', () => {
    expect(chrome.key).toMatch(/^MIIBIjAN/);
    expect(chromeStore.key).toBeUndefined();
  });

  it('Firefox: the same entrypoints, with the sidebar and a gecko id', () => {
    expect(firefox.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(firefox.browser_specific_settings.gecko.id).toBe('deskmate@deskmate.dev');
    expect(firefox.permissions).toEqual(['storage', 'scripting', 'alarms']);
    expect(firefox.optional_permissions).toEqual(['https://*/*']);
    expect(firefox.content_scripts.flatMap((c: { matches: string[] }) => c.matches).sort()).toEqual(Object.values(SITE_MATCHES).flat().sort());
    expect(firefox.options_ui.page).toBe('options.html');
    expect(firefox.browser_action?.default_popup ?? firefox.action?.default_popup).toBe('popup.html');
  });
});
