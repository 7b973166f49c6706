/**
 * A whole page to the diagnostic JSON that `npm run eval -- read` prints:
 * the same adapter code the content scripts run, on a saved page.
 */
import type { BuiltInSite, Site } from '../types';
import { ADAPTERS, detectSite } from './registry';
import { AdapterError, readConversation } from './types';

export interface PageReading {
  site: Site;
  ticketId: string;
  channel: string;
  subject: string;
  requester: string;
  messages: { role: string; author: string; at: string; text: string }[];
}

export type PageReadResult =
  | { ok: true; reading: PageReading }
  | { ok: false; error: string; adapter?: Site; selector?: string };

export function readPage(doc: Document, site?: BuiltInSite): PageReadResult {
  const id = site ?? detectSite(doc);
  if (!id) return { ok: false, error: `no adapter recognises this page (known: ${Object.keys(ADAPTERS).join(', ')}); try --site` };
  try {
    const c = readConversation(ADAPTERS[id], doc, doc.location?.host ?? '');
    if (!c) return { ok: false, error: 'no ticket is open in front on this page', adapter: id };
    return {
      ok: true,
      reading: {
        site: id,
        ticketId: c.key.ticketId,
        channel: c.channel,
        subject: c.subject,
        requester: c.requester,
        messages: c.messages.map(({ role, author, at, text }) => ({ role, author, at, text })),
      },
    };
  } catch (error) {
    if (error instanceof AdapterError) return { ok: false, error: error.message, adapter: error.adapter, selector: error.selector };
    throw error;
  }
}
