import { MatchPattern } from '@webext-core/match-patterns';
import type { BuiltInSite, Site } from './types';

/**
 * Where each site adapter runs. The content-script entrypoints and the
 * background's sender check both read this, so they cannot drift apart.
 */
export const SITE_MATCHES: Record<BuiltInSite, string[]> = {
  zendesk: ['https://*.zendesk.com/agent/*'],
  salesforce: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
};

const compiled = Object.entries(SITE_MATCHES).map(
  ([site, patterns]) => [site as BuiltInSite, patterns.map((p) => new MatchPattern(p))] as const,
);

/** The site whose content script may run on this URL, or null. */
export function siteForUrl(url: string | undefined): Site | null {
  if (!url) return null;
  for (const [site, patterns] of compiled) {
    if (patterns.some((p) => p.includes(url))) return site;
  }
  return customPatterns.some((p) => p.includes(url)) ? 'custom' : null;
}

/** Sites a team lead configured; the background keeps this list in step with the settings. */
let customPatterns: MatchPattern[] = [];

export function setCustomSitePatterns(patterns: readonly string[]): void {
  customPatterns = patterns.flatMap((p) => {
    try {
      return [new MatchPattern(p)];
    } catch {
      return [];
    }
  });
}
