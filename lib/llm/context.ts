/**
 * What of a conversation goes into a prompt, and how it is wrapped so it stays data:
 * - redaction (pii.ts, plus the customer's names, as the outbound preview does) when redactPii is on;
 * - delimiter lookalikes neutralised, so text can neither close our blocks nor open a role
 *   (`</conversation>`, `<message …>`, `<|im_start|>`, `[INST]`, also full-width and &lt; spellings,
 *   and the invisible characters that could hide them);
 * - fitted to a token budget: the first customer message, the latest turns, and a summary of the
 *   middle (the model's, when the caller has one, or an extractive one made here);
 * - history off: only the latest customer message (and the subject).
 */
import { redact, type CustomPattern } from '../analysis/pii';
import { customerNamePattern } from '../analysis/outbound';
import type { Conversation, Message } from '../types';

export interface PrivacyOptions {
  /** Settings.redactPii; on unless said otherwise. */
  redactPii?: boolean;
  customPatterns?: readonly CustomPattern[];
}

/** Our block names: nothing in data may open or close one. */
export const BLOCK_TAGS = ['conversation', 'knowledge', 'message', 'summary', 'reply', 'text'] as const;

const INVISIBLE_RE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const TAG_RE = new RegExp(String.raw`(?:<|＜|﹤|&lt;|&#0*60;|&#x0*3c;)(\s*[/／]?\s*(?:${BLOCK_TAGS.join('|')})\b)`, 'gi');
const SPECIAL_TOKEN_RE = /<\||\|>|<<\/?SYS>>|\[\/?INST\]/gi;
/** The headers of our instruction section, at the start of a line. */
const SECTION_RE = /^([ \t]*)(task|reply language)([ \t]*)[:：]/gim;

/**
 * Text made safe to put inside a block: it can no longer read as one of our tags, a chat-template
 * token, or the start of our Task section. The words stay (the model still sees what the customer
 * wrote); only the punctuation that would make them structure changes.
 */
export function neutralise(text: string): string {
  return text
    .replace(INVISIBLE_RE, '')
    .replace(TAG_RE, '‹$1')
    .replace(SPECIAL_TOKEN_RE, (t) => t.replace(/</g, '‹').replace(/>/g, '›').replace(/\[/g, '(').replace(/\]/g, ')'))
    .replace(SECTION_RE, '$1$2$3 -');
}

const CJK_RE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

/** Rough token count: ~1 token per Chinese character, ~4 characters per token otherwise. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK_RE)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** The redaction every text of this conversation goes through: personal data, then the customer's names. */
export function redactorFor(conversation: Pick<Conversation, 'requester' | 'messages'>, options: PrivacyOptions): (text: string) => string {
  if (options.redactPii === false) return (t) => t;
  const nameRe = customerNamePattern(conversation);
  return (text) => {
    const r = redact(text, { custom: options.customPatterns }).text;
    return nameRe ? r.replace(nameRe, '[NAME]') : r;
  };
}

/** Who may appear in a prompt: internal notes and system lines stay in the helpdesk. */
const SENT_ROLES = new Set<Message['role']>(['customer', 'agent', 'bot']);

export type TranscriptItem = { kind: 'message'; role: Message['role']; text: string } | { kind: 'summary'; count: number; text: string };

export interface FitOptions {
  sendHistory: boolean;
  /** Tokens for the conversation block (default 3000). */
  budgetTokens?: number;
  /** A model-written summary of the middle, when the caller has one. */
  middleSummary?: string;
}

/** Keeps head and tail of one message that alone exceeds the budget. */
function clip(text: string, tokens: number): string {
  if (estimateTokens(text) <= tokens) return text;
  const ratio = tokens / estimateTokens(text);
  const keep = Math.max(40, Math.floor(text.length * ratio));
  return `${text.slice(0, Math.ceil(keep * 0.6))} … ${text.slice(text.length - Math.floor(keep * 0.4))}`;
}

const firstSentence = (t: string) => (t.split(/(?<=[.!?。！？])\s*/)[0] ?? t).trim();

/**
 * An extractive summary: each middle message's first sentence, in order. When they don't all fit,
 * an evenly spaced selection, so the whole middle is covered rather than just its start.
 */
export function extractiveSummary(messages: readonly Pick<Message, 'role' | 'text'>[], budgetTokens: number): string {
  const lines = messages.map((m) => {
    const s = firstSentence(m.text.replace(/\s+/g, ' '));
    return `${m.role}: ${s.length > 160 ? `${s.slice(0, 159)}…` : s}`;
  });
  const total = lines.reduce((n, l) => n + estimateTokens(l), 0);
  if (total <= budgetTokens) return lines.join('\n');
  const keep = Math.max(1, Math.floor((lines.length * budgetTokens) / total) - 1);
  const picked = Array.from({ length: keep }, (_, i) => lines[Math.floor((i * lines.length) / keep)]!);
  return [...picked, `(${lines.length - keep} more messages not shown)`].join('\n');
}

/** The transcript items to send, redacted and fitted; texts are not yet neutralised. */
export function fitConversation(conversation: Conversation, options: FitOptions & PrivacyOptions): TranscriptItem[] {
  const scrub = redactorFor(conversation, options);
  const budget = options.budgetTokens ?? 3000;
  const all = conversation.messages.filter((m) => SENT_ROLES.has(m.role) && m.text.trim());
  const latestCustomer = all.findLastIndex((m) => m.role === 'customer');
  const item = (m: Message, tokens = budget): TranscriptItem => ({ kind: 'message', role: m.role, text: clip(scrub(m.text), tokens) });

  if (!options.sendHistory) {
    const m = all[latestCustomer] ?? all.at(-1);
    return m ? [item(m)] : [];
  }
  const items = all.map((m) => item(m));
  const cost = (it: TranscriptItem) => estimateTokens(it.text) + 8;
  if (items.reduce((n, it) => n + cost(it), 0) <= budget) return items;

  // Over budget: the first customer message, the latest turns back from the end, a summary between.
  // Everything from the latest customer message on always goes, clipped if it must.
  const first = Math.max(0, all.findIndex((m) => m.role === 'customer'));
  const forcedFrom = latestCustomer > first ? latestCustomer : all.length - 1;
  const summaryBudget = Math.min(400, Math.floor(budget * 0.2));
  const head = item(all[first]!, Math.floor(budget * (first === latestCustomer ? 0.5 : 0.25)));
  let used = cost(head) + summaryBudget;
  let from = all.length;
  while (from - 1 > first) {
    const i = from - 1;
    let it = items[i]!;
    if (used + cost(it) > budget) {
      if (i < forcedFrom) break;
      it = item(all[i]!, Math.max(100, budget - used - 8));
    }
    used += cost(it);
    items[i] = it;
    from = i;
  }
  const middle = all.slice(first + 1, from);
  const out: TranscriptItem[] = [head];
  if (middle.length) {
    const text = options.middleSummary ? clip(options.middleSummary, summaryBudget) : extractiveSummary(middle.map((m) => ({ role: m.role, text: scrub(m.text) })), summaryBudget);
    out.push({ kind: 'summary', count: middle.length, text });
  }
  return out.concat(items.slice(from));
}

/** The <conversation> block: subject, then each item in its own tag; every text neutralised. */
export function conversationBlock(conversation: Conversation, items: readonly TranscriptItem[], options: PrivacyOptions): string {
  const scrub = redactorFor(conversation, options);
  const lines = ['<conversation>'];
  if (conversation.subject.trim()) lines.push(`Subject: ${neutralise(scrub(conversation.subject.trim()))}`);
  for (const it of items) {
    if (it.kind === 'summary') lines.push(`<summary of="${it.count} earlier messages">`, neutralise(it.text), '</summary>');
    else lines.push(`<message from="${it.role}">`, neutralise(it.text), '</message>');
  }
  lines.push('</conversation>');
  return lines.join('\n');
}
