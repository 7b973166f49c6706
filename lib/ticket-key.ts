import type { TicketKey } from './types';

/** A stable string form, for maps and storage. */
export function ticketKeyId(key: TicketKey): string {
  return `${key.site}:${key.host}:${key.ticketId}`;
}

export function sameTicket(a: TicketKey | null | undefined, b: TicketKey | null | undefined): boolean {
  return !!a && !!b && a.site === b.site && a.host === b.host && a.ticketId === b.ticketId;
}
