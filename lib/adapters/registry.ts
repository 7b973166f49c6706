import type { BuiltInSite } from '../types';
import { salesforceAdapter } from './salesforce';
import type { SiteAdapter } from './types';
import { zendeskAdapter } from './zendesk';

/** Every site adapter, by id: looked up, never chosen by an if/else chain. */
export const ADAPTERS: Record<BuiltInSite, SiteAdapter> = {
  zendesk: zendeskAdapter,
  salesforce: salesforceAdapter,
};

/** The site whose structure this document has, or null. */
export function detectSite(doc: Document): BuiltInSite | null {
  return (Object.values(ADAPTERS).find((a) => a.detect(doc))?.id as BuiltInSite | undefined) ?? null;
}
