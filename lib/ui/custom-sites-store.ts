/**
 * The options page's editor for configured helpdesks: parse, validate with
 * errors naming the field, save through the background, and ask the browser
 * for each site's host permission (only the page the agent clicks in may ask).
 */
import { signal } from '@preact/signals';
import { originPattern, validateCustomSites, type CustomSite } from '../adapters/configured';

export { hostOf } from '../adapters/configured';
import { browser } from '../browser';

export type ParseResult = { ok: true; sites: CustomSite[] } | { ok: false; json: string } | { ok: false; errors: string[] };

export function parseCustomSites(text: string): ParseResult {
  let value: unknown;
  try {
    value = text.trim() ? JSON.parse(text) : [];
  } catch (error) {
    return { ok: false, json: error instanceof Error ? error.message : String(error) };
  }
  return validateCustomSites(value);
}

export function createCustomSitesStore() {
  const access = signal<Record<string, boolean>>({});
  return {
    access,
    async refreshAccess(sites: readonly CustomSite[]) {
      const entries = await Promise.all(
        sites.map(async (s) => [s.urlPattern, await browser.permissions.contains({ origins: [originPattern(s.urlPattern)] })] as const),
      );
      access.value = Object.fromEntries(entries);
    },
    async grant(site: CustomSite) {
      await browser.permissions.request({ origins: [originPattern(site.urlPattern)] });
      access.value = { ...access.value, [site.urlPattern]: await browser.permissions.contains({ origins: [originPattern(site.urlPattern)] }) };
    },
  };
}

export type CustomSitesStore = ReturnType<typeof createCustomSitesStore>;
