/**
 * Keeps the content scripts of configured helpdesks registered: one per site
 * whose host permission the agent (or the browser's policy) has granted. The
 * list follows the settings and the permissions as they change.
 */
import { originPattern, type CustomSite } from '../adapters/configured';
import { browser } from '../browser';
import { setCustomSitePatterns } from '../sites';

const PREFIX = 'deskmate-custom-';
export const CUSTOM_SCRIPT = 'content-scripts/custom.js';

interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: string; persistAcrossSessions: boolean }[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

function scripting(): ScriptingApi | undefined {
  return (browser as unknown as { scripting?: ScriptingApi }).scripting;
}

export async function syncCustomSites(sites: readonly CustomSite[]): Promise<{ registered: string[] }> {
  setCustomSitePatterns(sites.map((s) => s.urlPattern));
  const api = scripting();
  if (!api) return { registered: [] };
  const existing = (await api.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX)).map((s) => s.id);
  if (existing.length) await api.unregisterContentScripts({ ids: existing });
  const granted: CustomSite[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [originPattern(site.urlPattern)] })) granted.push(site);
  }
  const scripts = granted.map((site, i) => ({
    id: `${PREFIX}${i}`,
    matches: [site.urlPattern],
    js: [CUSTOM_SCRIPT],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  }));
  if (scripts.length) await api.registerContentScripts(scripts);
  return { registered: scripts.map((s) => s.matches[0]!) };
}
