/**
 * The one message protocol between content scripts, the background and the
 * extension pages. Every message is named here with its payload schema and the
 * kind of sender allowed to send it; nothing else in the code base builds
 * message objects by hand. Payloads are validated on arrival (a hostile page
 * can make a content script send anything), and the background checks the
 * sender of every message before it does privileged work.
 */
import { z } from 'zod';
import { browser, type Runtime } from './browser';
import type { CustomSite } from './adapters/configured';
import type { DiagnosticsReport } from './adapters/diagnostics';
import type { OutboundPreview } from './analysis/outbound';
import type { SettingsView } from './settings/catalogue';
import { siteForUrl } from './sites';
import { CHANNELS, ROLES, SITES, type TicketKey } from './types';
import { FEEDBACK_KINDS, GAP_REASONS, type Recommendation } from './knowledge/types';
import type { FlagView, GapClusterView, ImportOutcome, KnowledgeStatus } from './knowledge/views';

// ---------------------------------------------------------------- shapes
export const ticketKeySchema = z.object({
  site: z.enum(SITES),
  host: z.string().max(253),
  ticketId: z.string().min(1).max(64),
});

const messageSchema = z.object({
  id: z.string().max(200),
  role: z.enum(ROLES),
  author: z.string().max(500),
  at: z.string().max(64),
  text: z.string().max(200_000),
});

export const conversationSchema = z.object({
  key: ticketKeySchema,
  site: z.enum(SITES),
  channel: z.enum(CHANNELS),
  subject: z.string().max(2_000),
  requester: z.string().max(500),
  language: z.string().max(16),
  messages: z.array(messageSchema).max(5_000),
});

const readFailureSchema = z.object({
  adapter: z.enum(SITES),
  selector: z.string().max(200),
  detail: z.string().max(500),
});

/** What a helpdesk tab's content script reports about the ticket it shows. */
export const tabTicketStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), site: z.enum(SITES) }),
  z.object({ kind: z.literal('disabled'), site: z.enum(SITES) }),
  z.object({ kind: z.literal('ok'), conversation: conversationSchema }),
  z.object({ kind: z.literal('failed'), key: ticketKeySchema.nullable(), failure: readFailureSchema }),
]);
export type TabTicketState = z.infer<typeof tabTicketStateSchema>;

export const insertResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ticketId: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['other-ticket', 'no-composer', 'not-registered', 'no-helpdesk-tab', 'not-readable']),
    /** The ticket the open composer belongs to, when that is why it was refused. */
    composerTicketId: z.string().optional(),
  }),
]);
export type InsertResult = z.infer<typeof insertResultSchema>;

const settingsPatchSchema = z.record(z.string().max(100), z.unknown());

const gapFlagPayload = z.object({
  key: ticketKeySchema,
  /** The customer message the gap is about; null for the ticket as a whole. */
  messageId: z.string().max(200).nullable(),
  reason: z.enum(GAP_REASONS),
  note: z.string().max(2_000),
});

/** What a content script's same-origin helpdesk API call returns (the agent's own session). */
export const helpdeskFetchResultSchema = z.object({
  status: z.number().int(),
  json: z.unknown(),
  retryAfter: z.string().max(100).nullable(),
});
export type HelpdeskFetchResult = z.infer<typeof helpdeskFetchResultSchema>;


// ------------------------------------------------------- request catalogue
type SenderKind = 'content-script' | 'extension-page';

/** Requests handled by the background. */
export const backgroundRequests = {
  /** A content script reports the ticket its tab shows (on load, on change, on switch). */
  'ticket.report': { from: 'content-script', payload: z.object({ state: tabTicketStateSchema }) },
  /**
   * New messages at the end of the ticket the tab last reported, instead of
   * the whole conversation again: `count` and `lastId` say what the background
   * must already have; if it has something else it answers `resync`.
   */
  'ticket.append': {
    from: 'content-script',
    payload: z.object({
      key: ticketKeySchema,
      count: z.number().int().min(0),
      lastId: z.string().max(200).nullable(),
      messages: z.array(messageSchema).min(1).max(200),
    }),
  },
  /** The side panel asks to insert text into the composer of the ticket `key`. */
  'composer.insert': {
    from: 'extension-page',
    payload: z.object({ windowId: z.number().int(), key: ticketKeySchema, text: z.string().min(1).max(50_000) }),
  },
  /**
   * What the agent has typed in the helpdesk's own composer of ticket `key` ('' when emptied), for the
   * side panel's tone check. Kept in the background's memory only.
   */
  'composer.draft': { from: 'content-script', payload: z.object({ key: ticketKeySchema, text: z.string().max(20_000) }) },
  /** The side panel asks the active helpdesk tab of its window for a structure-only diagnostics report. */
  'ticket.diagnose': { from: 'extension-page', payload: z.object({ windowId: z.number().int() }) },
  /** The side panel asks for exactly what would leave the browser for a ticket (redacted). */
  'ticket.preview': { from: 'extension-page', payload: z.object({ key: ticketKeySchema }) },
  /** A configured helpdesk's content script asks for its site's configuration. */
  'custom.config': { from: 'content-script', payload: z.object({}) },
  'settings.get': { from: 'extension-page', payload: z.object({}) },
  'settings.set': { from: 'extension-page', payload: z.object({ patch: settingsPatchSchema }) },
  /** Knowledge for the ticket shown, from its latest customer messages. */
  'kb.recommend': { from: 'extension-page', payload: z.object({ key: ticketKeySchema }) },
  /** The agent searches by hand. */
  'kb.search': { from: 'extension-page', payload: z.object({ query: z.string().max(500), key: ticketKeySchema.nullable() }) },
  'kb.feedback': {
    from: 'extension-page',
    payload: z.object({ key: ticketKeySchema, articleId: z.string().min(1).max(500), kind: z.enum(FEEDBACK_KINDS), note: z.string().max(2_000) }),
  },
  /** A knowledge gap flagged in the side panel (about a message, an article, or the ticket). */
  'gap.flag': { from: 'extension-page', payload: gapFlagPayload.extend({ draft: z.string().max(20_000), articleId: z.string().max(500).nullable() }) },
  /** A knowledge gap flagged on the helpdesk page, on a customer message. */
  'gap.flagFromPage': { from: 'content-script', payload: gapFlagPayload },
  'gap.list': { from: 'extension-page', payload: z.object({ key: ticketKeySchema.nullable() }) },
  'gap.retry': { from: 'extension-page', payload: z.object({ flagId: z.string().min(1).max(100) }) },
  'kb.status': { from: 'extension-page', payload: z.object({}) },
  'kb.sync': { from: 'extension-page', payload: z.object({}) },
  'kb.import': {
    from: 'extension-page',
    payload: z.object({
      files: z
        // Extension messages are JSON: a zip travels as base64, other files as text.
        .array(z.object({ name: z.string().min(1).max(500), encoding: z.enum(['text', 'base64']), data: z.string().max(30_000_000) }))
        .min(1)
        .max(2_000),
    }),
  },
  'kb.export': { from: 'extension-page', payload: z.object({ what: z.enum(['flags', 'feedback']), format: z.enum(['csv', 'json']) }) },
  'kb.teamGaps': { from: 'extension-page', payload: z.object({}) },
  /** Wrap-up: adds text to the ticket as an internal note (Zendesk, with the agent's session). */
  'ticket.note': { from: 'extension-page', payload: z.object({ key: ticketKeySchema, text: z.string().min(1).max(20_000) }) },
  /** Options page: try the configured endpoint (lists its models or explains the failure). */
  'llm.test': { from: 'extension-page', payload: z.object({}) },
  /** Exactly what a model request for this ticket would send (redacted), before sending it. */
  'llm.preview': { from: 'extension-page', payload: z.object({ key: ticketKeySchema, task: z.enum(['draft', 'summary']) }) },
} as const satisfies Record<string, { from: SenderKind; payload: z.ZodType }>;

/** The helpdesk API paths a content script may call for the background. */
export const HELPDESK_API_PATH = /^(?!.*(\.\.|\/\/|\\|%2[eEfF]|%5[cC]))\/(api\/v2\/(help_center\/[\w\-./?=&%,]*|tickets(\/\d+)?\.json|tickets\/\d+\/comments\.json(\?[\w=&]*)?|users\/me\.json)|services\/data\/[\w\-./?=&%,'+ ]*)$/;

/** Requests the background sends to a helpdesk tab's content script. */
export const contentRequests = {
  'ticket.read': { payload: z.object({}) },
  'ticket.diagnose': { payload: z.object({}) },
  'composer.insert': { payload: z.object({ key: ticketKeySchema, text: z.string().min(1).max(50_000) }) },
  /**
   * A helpdesk API call with the agent's session (same origin as the page):
   * only the Help Center and ticket endpoints, checked again by the page.
   */
  'helpdesk.fetch': {
    payload: z.object({
      method: z.enum(['GET', 'POST', 'PUT']),
      path: z.string().max(2_000).regex(HELPDESK_API_PATH),
      body: z.unknown().optional(),
      /** Zendesk dedupes writes that carry one. */
      idempotencyKey: z.string().regex(/^[\w-]{1,100}$/).optional(),
    }),
  },
} as const satisfies Record<string, { payload: z.ZodType }>;

export interface BackgroundResponses {
  'ticket.report': void;
  'ticket.append': { resync: boolean };
  'composer.insert': InsertResult;
  'composer.draft': void;
  'ticket.diagnose': DiagnosticsReport;
  'custom.config': CustomSite | null;
  'ticket.preview': OutboundPreview | null;
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'kb.recommend': { hits: Recommendation[]; articles: number };
  'kb.search': Recommendation[];
  'kb.feedback': void;
  'gap.flag': { flagId: string };
  'gap.flagFromPage': { flagId: string };
  'gap.list': FlagView[];
  'gap.retry': void;
  'kb.status': KnowledgeStatus;
  'kb.sync': KnowledgeStatus;
  'kb.import': ImportOutcome;
  'kb.export': string;
  'kb.teamGaps': GapClusterView[];
  'ticket.note': { ok: true } | { ok: false; reason: 'unsupported' | 'no-helpdesk-tab' | 'refused'; status?: number };
  'llm.test': { ok: true; models: string[]; modelFound: boolean } | { ok: false; fault: AssistFault };
  'llm.preview': { text: string; configured: boolean };
}
export interface ContentResponses {
  'ticket.read': TabTicketState;
  'ticket.diagnose': DiagnosticsReport;
  'composer.insert': InsertResult;
  'helpdesk.fetch': HelpdeskFetchResult;
}

export type BackgroundRequestName = keyof typeof backgroundRequests;
export type ContentRequestName = keyof typeof contentRequests;
type PayloadOf<T> = T extends { payload: infer S extends z.ZodType } ? z.infer<S> : never;
export type BackgroundPayload<N extends BackgroundRequestName> = PayloadOf<(typeof backgroundRequests)[N]>;
export type ContentPayload<N extends ContentRequestName> = PayloadOf<(typeof contentRequests)[N]>;

// ------------------------------------------------------------- envelopes
const ENVELOPE = 'deskmate/1';
interface Envelope {
  protocol: typeof ENVELOPE;
  name: string;
  payload: unknown;
}
type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export class ProtocolError extends Error {}

function envelope(name: string, payload: unknown): Envelope {
  return { protocol: ENVELOPE, name, payload };
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).protocol === ENVELOPE &&
    typeof (message as Envelope).name === 'string'
  );
}

function unwrap<T>(reply: unknown, name: string): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new ProtocolError(`no answer to ${name}`);
  }
  const r = reply as Reply<T>;
  if (!r.ok) throw new ProtocolError(r.error);
  return r.value;
}

// ------------------------------------------------------------ sender checks
/** The kind of our own context a message came from, or null for anything else. */
export function senderKind(sender: Runtime.MessageSender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  const extensionOrigin = browser.runtime.getURL('/');
  if (url.startsWith(extensionOrigin)) return 'extension-page';
  // A content script: in a tab, in the top frame, on a page one of our adapters matches.
  if (sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0 && siteForUrl(url)) return 'content-script';
  return null;
}

// ------------------------------------------------------------ senders
export async function requestBackground<N extends BackgroundRequestName>(
  name: N,
  payload: BackgroundPayload<N>,
): Promise<BackgroundResponses[N]> {
  const reply = await browser.runtime.sendMessage(envelope(name, payload));
  return unwrap<BackgroundResponses[N]>(reply, name);
}

export async function requestTab<N extends ContentRequestName>(
  tabId: number,
  name: N,
  payload: ContentPayload<N>,
): Promise<ContentResponses[N]> {
  const reply = await browser.tabs.sendMessage(tabId, envelope(name, payload), { frameId: 0 });
  return unwrap<ContentResponses[N]>(reply, name);
}

// ------------------------------------------------------------ handlers
export type BackgroundHandlers = {
  [N in BackgroundRequestName]: (
    payload: BackgroundPayload<N>,
    sender: Runtime.MessageSender,
  ) => Promise<BackgroundResponses[N]> | BackgroundResponses[N];
};

export type ContentHandlers = {
  [N in ContentRequestName]: (payload: ContentPayload<N>) => Promise<ContentResponses[N]> | ContentResponses[N];
};

async function dispatch(
  spec: { payload: z.ZodType } | undefined,
  handler: ((payload: never, sender: Runtime.MessageSender) => unknown) | undefined,
  message: Envelope,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  if (!spec || !handler) return { ok: false, error: `unknown request ${message.name}` };
  const parsed = spec.payload.safeParse(message.payload);
  if (!parsed.success) return { ok: false, error: `invalid ${message.name}: ${parsed.error.issues[0]?.path.join('.')}` };
  try {
    return { ok: true, value: await handler(parsed.data as never, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Background side: checks the sender kind of every request before dispatching. Returns an unsubscribe. */
export function handleBackgroundRequests(handlers: BackgroundHandlers): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message)) return undefined;
    if (!Object.hasOwn(backgroundRequests, message.name)) return undefined;
    const spec = (backgroundRequests as Record<string, { from: SenderKind; payload: z.ZodType }>)[message.name]!;
    if (senderKind(sender) !== spec.from) {
      return Promise.resolve<Reply<never>>({ ok: false, error: `sender not allowed for ${message.name}` });
    }
    const handler = handlers[message.name as BackgroundRequestName] as never;
    return dispatch(spec, handler, message, sender);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Content-script side: only the background (no tab, our own id) may ask. */
export function handleContentRequests(handlers: ContentHandlers): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message)) return undefined;
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const known = Object.hasOwn(contentRequests, message.name);
    const spec = known ? (contentRequests as Record<string, { payload: z.ZodType }>)[message.name] : undefined;
    const handler = known ? (handlers[message.name as ContentRequestName] as never) : undefined;
    return dispatch(spec, handler, message, sender);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

// ------------------------------------------------------------ panel port
/** The side panel's long-lived channel: it says which window it watches; the background streams state. */
export const PANEL_PORT = 'deskmate.panel';

export const panelToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('watch'), windowId: z.number().int() }),
  z.object({ type: z.literal('pin'), key: ticketKeySchema.nullable() }),
]);
export type PanelToBackground = z.infer<typeof panelToBackgroundSchema>;

export type PanelTicketState = TabTicketState | { kind: 'no-helpdesk' };

// ------------------------------------------------------------ assist port
/**
 * One port per model request from the side panel: the request goes in, the
 * draft streams back; disconnecting cancels it (a newer request, a ticket
 * switch, a closed panel).
 */
export const ASSIST_PORT = 'deskmate.assist';

export const REWRITE_KINDS = ['shorter', 'expand', 'friendlier', 'formal', 'empathetic', 'grammar', 'translate', 'custom'] as const;
export type RewriteKind = (typeof REWRITE_KINDS)[number];
export const REVIEW_CRITERIA = ['greeting', 'empathy', 'accuracy', 'clarity', 'next_step', 'closing', 'tone'] as const;

export const assistRequestSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('draft'), key: ticketKeySchema, variants: z.number().int().min(1).max(2) }),
  z.object({
    task: z.literal('rewrite'),
    key: ticketKeySchema,
    kind: z.enum(REWRITE_KINDS),
    text: z.string().min(1).max(20_000),
    instruction: z.string().max(1_000),
  }),
  z.object({ task: z.literal('summary'), key: ticketKeySchema }),
  z.object({ task: z.literal('review'), key: ticketKeySchema, text: z.string().min(1).max(20_000) }),
]);
export type AssistRequest = z.infer<typeof assistRequestSchema>;

/** Why a model request failed, in codes the interface translates (never the key, never customer text). */
export interface AssistFault {
  code: string;
  detail: string;
  retryAfterMs?: number;
  /** An i18n key with what to do about it for this kind of endpoint (llm_hint_…). */
  hint?: string;
}

export interface ReviewResult {
  scores: { criterion: (typeof REVIEW_CRITERIA)[number]; score: number; suggestion: string }[];
  summary: string;
}

export type AssistEvent =
  /** Text appended to a variant's draft. */
  | { type: 'delta'; variant: number; text: string }
  /** A variant ended: `complete` false keeps a partial text (a stream cut halfway). */
  | { type: 'done'; variant: number; text: string; complete: boolean; fault: AssistFault | null; citations: { n: number; articleId: string; title: string; url: string }[] }
  | { type: 'review'; review: ReviewResult }
  /** Nothing could be produced. */
  | { type: 'failed'; fault: AssistFault };

export type BackgroundToPanel =
  /** `pinned` is the ticket the panel is pinned to, as the background applies it: the panel follows it. */
  | { type: 'ticket'; tabId: number | null; pinned: TicketKey | null; state: PanelTicketState }
  | { type: 'settings'; view: SettingsView }
  /** Knowledge-gap flags were made or changed delivery state: panels ask again for their ticket's. */
  | { type: 'flags' }
  /** The text in the helpdesk's own composer of ticket `key`, for the tone check ('' when emptied). */
  | { type: 'composerDraft'; key: TicketKey; text: string };
