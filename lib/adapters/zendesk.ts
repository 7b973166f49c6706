/**
 * Zendesk Agent Workspace. Selectors follow ../shared/research/helpdesk-dom.md:
 * data-test-id attributes first (reliability A), component classes second.
 * Zendesk keeps every open ticket's pane mounted in main#main_panes, so every
 * query is scoped to the pane in front.
 */
import type { Message, Role } from '../types';
import { channelFromLabel } from './channel';
import { all, blockText, first, required, stripQuotedTail, textOf } from './dom';
import { AdapterError, type ActiveTicket, type SelectorSpec, type SiteAdapter, type TicketHeader } from './types';

export const zendeskSelectors = {
  panes: { name: 'ticket-pane', css: ['main#main_panes > [data-ticket-id]', 'main#main_panes > *'] },
  selectedTab: {
    name: 'header-tab-selected',
    css: [
      '[data-test-id="header-tab"][aria-current="page"]',
      '[data-test-id="header-tab"][data-entity-is-selected="true"]',
    ],
  },
  // One evidenced selector only: a guessed fallback here could read the wrong list.
  log: { name: 'omni-log-container', css: ['[data-test-id="omni-log-container"]'] },
  item: {
    name: 'omni-log-comment-item',
    css: ['article[data-test-id="omni-log-comment-item"]', '[data-test-id="omni-log-comment-item"]'],
  },
  itemMessage: { name: 'omni-log-item-message', css: ['[data-test-id="omni-log-item-message"]', '[type][mode="standalone"]'] },
  body: {
    name: 'omni-log-message-content',
    css: ['[data-test-id="omni-log-message-content"] .zd-comment', '[data-test-id="omni-log-message-content"]', '.zd-comment'],
  },
  sender: {
    name: 'omni-log-item-sender',
    css: ['[data-test-id="omni-log-item-sender"] strong', '[data-test-id="omni-log-item-sender"]', '[data-test-id="omni-log-comment-user-link"]'],
  },
  time: { name: 'timestamp', css: ['time[data-test-id^="timestamp"][datetime]', 'time[datetime]'] },
  internalTag: { name: 'omni-log-internal-note-tag', css: ['[data-test-id="omni-log-internal-note-tag"]', '[data-test-id*="internal-note-tag"]'] },
  agentBadge: { name: 'avatar-agent-badge', css: ['[data-test-id="omni-log-avatar-badge-AgentBadge"]', '[data-test-id$="AgentBadge"]'] },
  // Inferred, not captured: how Zendesk marks bot turns in the log is not public.
  botBadge: { name: 'avatar-bot-badge', css: ['[data-test-id="omni-log-avatar-badge-BotBadge"]', '[data-test-id="omni-log-avatar-badge-AIAgentBadge"]'] },
  itemVia: { name: 'omni-log-item-via', css: ['[data-test-id="omni-log-item-via"]', '[data-test-id$="-item-via"]'] },
  headerVia: { name: 'omni-header-via-label', css: ['[data-test-id="omni-header-via-label"]', '[data-test-id$="via-label"]'] },
  subject: { name: 'omni-header-subject', css: ['input[data-test-id="omni-header-subject"]', 'input[data-test-id="ticket-pane-subject"]'] },
  requester: {
    name: 'requester',
    css: ['[data-test-id="ticket-system-field-requester-select"]', '[data-test-id="tooltip-requester-name"]', '[data-test-id="requester-field"]'],
  },
  composer: {
    name: 'omnicomposer',
    css: [
      '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
      '[data-test-id="omnicomposer-plain-text-ckeditor"][contenteditable="true"]',
      '[data-test-id="editor-view"] [contenteditable="true"][role="textbox"]',
    ],
  },
} as const satisfies Record<string, SelectorSpec>;

const S = zendeskSelectors;

/** Parts of a message body that are not what the person wrote this time. */
const BODY_NOISE = [
  'blockquote',
  '.gmail_quote',
  '.signature',
  '[data-test-id="convo-log-item-read-indicator"]',
  '[data-test-id="convo-log-item-delivered-indicator"]',
  '[data-zes-id]',
  'button',
];

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const view = el.ownerDocument.defaultView;
  const style = view ? view.getComputedStyle(el) : null;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

const IDENTITY = '[data-ticket-id], [data-side-conversations-anchor-id]';

/** The ticket a pane says it is: the first numeric id it carries, on itself or inside. */
function ticketIdOf(pane: Element): string | null {
  const candidates = [
    pane.getAttribute('data-ticket-id'),
    pane.getAttribute('data-side-conversations-anchor-id'),
    pane.querySelector('[data-ticket-id]')?.getAttribute('data-ticket-id'),
    pane.querySelector('[data-side-conversations-anchor-id]')?.getAttribute('data-side-conversations-anchor-id'),
  ];
  return candidates.find((id): id is string => !!id && /^\d+$/.test(id)) ?? null;
}

/** Whether a pane carries any ticket identity at all (readable or not). */
function hasIdentity(el: Element): boolean {
  return el.matches(IDENTITY) || !!el.querySelector(IDENTITY);
}

/**
 * A pane that names itself in a way we can't read is not named after the URL
 * or the selected tab instead: Zendesk pushes the URL before it swaps panes,
 * so that would put one ticket's messages under another's id.
 */
function unreadable(): never {
  throw new AdapterError('zendesk', 'ticket-pane-id', 'the ticket in front carries no readable ticket id');
}

/**
 * A page without the pane container (a saved page, an older layout): when it
 * holds exactly one conversation log, that ticket is the one in front, named
 * by the pane around it, or (when nothing around it names a ticket) by the
 * selected header tab or the URL.
 */
function singleTicket(doc: Document, urlId: string | null, tabId: string | null): ActiveTicket | null {
  const logs = all(doc, S.log);
  if (logs.length !== 1) return null;
  const log = logs[0]!;
  const enclosing = log.closest(IDENTITY);
  const pane = log.closest('[data-ticket-id]') ?? enclosing;
  const ticketId = enclosing ? (ticketIdOf(enclosing) ?? (pane && ticketIdOf(pane)) ?? unreadable()) : (tabId ?? urlId);
  const root = pane ?? doc.body;
  return ticketId && /^\d+$/.test(ticketId) && root ? { ticketId, root } : null;
}

function ticketIdFromUrl(doc: Document): string | null {
  return /\/agent\/tickets\/(\d+)/.exec(doc.location?.pathname ?? '')?.[1] ?? null;
}

function roleOf(item: Element, messageEl: Element | null): Role {
  if (first(item, S.internalTag)) return 'internal';
  if (first(item, S.botBadge)) return 'bot';
  // The `type` attribute is the discriminator Zendesk itself renders from.
  switch (messageEl?.getAttribute('type')) {
    case 'end-user':
      return 'customer';
    case 'agent':
      return 'agent';
    case 'internal':
      return 'internal';
    case 'system':
    case 'trigger':
      return 'system';
  }
  return first(item, S.agentBadge) ? 'agent' : 'customer';
}

export const zendeskAdapter: SiteAdapter = {
  id: 'zendesk',
  selectors: zendeskSelectors,

  detect(doc) {
    return !!doc.querySelector('main#main_panes') || !!doc.querySelector('[data-test-id="header-tablist"]');
  },

  activeTicket(doc): ActiveTicket | null {
    const panes = all(doc, S.panes);
    const urlId = ticketIdFromUrl(doc);
    const tabId = first(doc, S.selectedTab)?.getAttribute('data-entity-id') ?? null;
    if (panes.length === 0) return singleTicket(doc, urlId, tabId);
    const visible = panes.filter((p) => !isHidden(p));
    // One visible pane is the strongest signal; when that is ambiguous, the URL,
    // then the selected header tab, name the ticket in front.
    const pane =
      (visible.length === 1 ? visible[0] : undefined) ??
      visible.find((p) => ticketIdOf(p) === urlId) ??
      visible.find((p) => ticketIdOf(p) === tabId);
    if (!pane) return null;
    const ticketId = ticketIdOf(pane) ?? (hasIdentity(pane) ? unreadable() : visible.length === 1 ? urlId : null);
    return ticketId ? { ticketId, root: pane } : null;
  },

  header(root): TicketHeader {
    const subjectEl = first(root, S.subject);
    const subject = subjectEl?.tagName === 'INPUT' ? (subjectEl as HTMLInputElement).value : textOf(subjectEl);
    const via = textOf(first(root, S.headerVia)) || textOf(first(root, S.itemVia));
    return {
      channel: channelFromLabel(via),
      subject: subject.trim(),
      requester: textOf(first(root, S.requester)),
    };
  },

  log(root) {
    return required('zendesk', root, S.log);
  },

  items(log) {
    return all(log, S.item);
  },

  isItem(el) {
    return el.matches(S.item.css.join(', '));
  },

  message(item): Message | null {
    const messageEl = first(item, S.itemMessage);
    if (messageEl?.getAttribute('aria-hidden') === 'true') return null;
    const body = first(item, S.body);
    if (!body) return null;
    const id = item.getAttribute('data-comment-id') ?? item.id.replace(/^comment-/, '');
    const text = stripQuotedTail(blockText(body, BODY_NOISE));
    return {
      id,
      role: roleOf(item, messageEl),
      author: textOf(first(item, S.sender)),
      at: first(item, S.time)?.getAttribute('datetime') ?? '',
      text,
    };
  },

  composer(root) {
    return first(root, S.composer);
  },
};
