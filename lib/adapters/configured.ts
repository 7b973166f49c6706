/**
 * A helpdesk Deskmate does not know, described by a team lead (settings or
 * managed policy): where it runs and which selectors find the parts of a
 * ticket. Validated with errors that name the field at fault, then turned
 * into the same SiteAdapter shape the built-in sites use.
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { z } from 'zod';
import { ROLES, type Message, type Role } from '../types';
import { channelFromLabel } from './channel';
import { blockText, first, required, stripQuotedTail, textOf } from './dom';
import type { ActiveTicket, SelectorSpec, SiteAdapter, TicketHeader } from './types';

/** True when `css` parses as a selector (checked in the page's own engine). */
function isSelector(css: string): boolean {
  try {
    globalThis.document?.createDocumentFragment().querySelector(css);
    return true;
  } catch {
    return false;
  }
}

function isMatchPattern(pattern: string): boolean {
  try {
    new MatchPattern(pattern);
    return /^https:\/\//.test(pattern) && !pattern.startsWith('https://*/');
  } catch {
    return false;
  }
}

const selector = z.string().min(1).max(500).refine(isSelector, { message: 'not a valid CSS selector' });

export const customSiteSchema = z.strictObject({
  /** Shown to agents: "Can't read this page (Acme CRM)". */
  name: z.string().min(1).max(80),
  /** A match pattern for the ticket pages, on one https host: https://crm.example.com/tickets/* */
  urlPattern: z.string().max(500).refine(isMatchPattern, { message: 'must be a match pattern on one https host, like https://crm.example.com/tickets/*' }),
  /** Where the ticket id is: a regular expression with one group over the URL path, or an element (and attribute) on the page. */
  ticketId: z.union([
    z.strictObject({ urlRegex: z.string().min(1).max(200).refine(isRegex, { message: 'not a valid regular expression with one capture group' }) }),
    z.strictObject({ selector, attribute: z.string().max(100).optional() }),
  ]),
  selectors: z.strictObject({
    /** The element holding the conversation (observed for changes); the document body when absent. */
    log: selector.optional(),
    message: selector,
    author: selector.optional(),
    time: selector.optional(),
    text: selector,
    composer: selector.optional(),
    subject: selector.optional(),
    requester: selector.optional(),
    channel: selector.optional(),
  }),
  /** Selectors a message element matches for each role, tried in this order; `default` for the rest. */
  roles: z
    .strictObject({
      customer: selector.optional(),
      agent: selector.optional(),
      bot: selector.optional(),
      internal: selector.optional(),
      system: selector.optional(),
      default: z.enum(ROLES).optional(),
    })
    .optional(),
  /** Messages shown newest first. */
  newestFirst: z.boolean().optional(),
});

function isRegex(source: string): boolean {
  try {
    return new RegExp(`${source}|`).exec('')!.length === 2;
  } catch {
    return false;
  }
}

export type CustomSite = z.infer<typeof customSiteSchema>;
export const customSitesSchema = z.array(customSiteSchema).max(20);

/** The sites, or errors naming each field at fault ("customSites[0].selectors.message: not a valid CSS selector"). */
export function validateCustomSites(value: unknown): { ok: true; sites: CustomSite[] } | { ok: false; errors: string[] } {
  const parsed = customSitesSchema.safeParse(value);
  if (parsed.success) return { ok: true, sites: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `customSites${path}: ${issue.message}`;
    }),
  };
}

/** The host permission a site needs: its origin, all paths. */
export function originPattern(urlPattern: string): string {
  return `${/^https:\/\/[^/]+/.exec(urlPattern)?.[0] ?? urlPattern}/*`;
}

export function hostOf(urlPattern: string): string {
  return /^https:\/\/([^/]+)/.exec(urlPattern)?.[1] ?? urlPattern;
}

/** The configured site whose pattern covers `url`. */
export function customSiteForUrl(sites: readonly CustomSite[], url: string): CustomSite | null {
  return sites.find((s) => new MatchPattern(s.urlPattern).includes(url)) ?? null;
}

const ROLE_ORDER = ['internal', 'bot', 'system', 'agent', 'customer'] as const;
const spec = (name: string, css: string | undefined): SelectorSpec => ({ name, css: css ? [css] : [] });

export function configuredAdapter(site: CustomSite): SiteAdapter {
  const sel = site.selectors;
  const S = {
    log: spec('log', sel.log ?? 'body'),
    message: spec('message', sel.message),
    author: spec('author', sel.author),
    time: spec('time', sel.time),
    text: spec('text', sel.text),
    composer: spec('composer', sel.composer),
    subject: spec('subject', sel.subject),
    requester: spec('requester', sel.requester),
    channel: spec('channel', sel.channel),
  };

  function ticketId(doc: Document): string | null {
    if ('urlRegex' in site.ticketId) return new RegExp(site.ticketId.urlRegex).exec(doc.location?.pathname ?? '')?.[1] ?? null;
    const el = doc.querySelector(site.ticketId.selector);
    const raw = site.ticketId.attribute ? el?.getAttribute(site.ticketId.attribute) : textOf(el);
    return raw?.trim().slice(0, 64) || null;
  }

  function roleOf(item: Element): Role {
    for (const role of ROLE_ORDER) {
      const css = site.roles?.[role];
      if (css && item.matches(css)) return role;
    }
    return site.roles?.default ?? 'customer';
  }

  return {
    id: 'custom',
    selectors: S,
    detect: (doc) => !!doc.querySelector(sel.message),
    activeTicket(doc): ActiveTicket | null {
      const id = ticketId(doc);
      return id && doc.body ? { ticketId: id, root: doc.body } : null;
    },
    header(root): TicketHeader {
      const subject = first(root, S.subject);
      return {
        channel: channelFromLabel(textOf(first(root, S.channel))),
        subject: subject?.tagName === 'INPUT' ? (subject as HTMLInputElement).value : textOf(subject),
        requester: textOf(first(root, S.requester)),
      };
    },
    log: (root) => (sel.log ? required('custom', root, S.log) : root),
    items: (log) => [...log.querySelectorAll(sel.message)],
    isItem: (el) => el.matches(sel.message),
    message(item, _header): Message | null {
      const body = first(item, S.text) ?? (item.matches(sel.text) ? item : null);
      if (!body) return null;
      const time = first(item, S.time);
      return {
        id: item.id || item.getAttribute('data-id') || `${textOf(first(item, S.author))}|${time?.getAttribute('datetime') ?? textOf(time)}|${textOf(body).slice(0, 40)}`,
        role: roleOf(item),
        author: textOf(first(item, S.author)),
        at: time?.getAttribute('datetime') ?? '',
        text: stripQuotedTail(blockText(body, ['blockquote', 'button'])),
      };
    },
    newestFirst: () => site.newestFirst ?? false,
    composer: (root) => first(root, S.composer),
  };
}
