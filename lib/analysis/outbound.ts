/**
 * Exactly what would leave the browser for a conversation: each turn by role,
 * with personal data redacted (and the customer's name replaced), so the agent
 * can see it before any model is asked anything.
 */
import type { Conversation } from '../types';
import { redact, type CustomPattern } from './pii';

export interface OutboundPreview {
  text: string;
  /** How many spans were replaced. */
  redactions: number;
  redacted: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The customer's names as they appear (the requester, customer authors, their first names), as one pattern; null when none. */
export function customerNamePattern(conversation: Pick<Conversation, 'requester' | 'messages'>): RegExp | null {
  const names = new Set<string>();
  for (const name of [conversation.requester, ...conversation.messages.filter((m) => m.role === 'customer').map((m) => m.author)]) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    names.add(trimmed);
    const first = trimmed.split(/\s+/)[0]!;
    if (first.length >= 3 && first !== trimmed) names.add(first);
  }
  if (names.size === 0) return null;
  return new RegExp([...names].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
}

function nameReplacer(conversation: Conversation): ((text: string) => [string, number]) | null {
  const re = customerNamePattern(conversation);
  if (!re) return null;
  return (text) => {
    let count = 0;
    const out = text.replace(re, () => {
      count++;
      return '[NAME]';
    });
    return [out, count];
  };
}

export function outboundPreview(conversation: Conversation, options: { redactPii: boolean; custom?: readonly CustomPattern[] }): OutboundPreview {
  const names = options.redactPii ? nameReplacer(conversation) : null;
  let redactions = 0;
  const lines = conversation.messages.map((m) => {
    let text = m.text;
    if (options.redactPii) {
      const r = redact(text, { custom: options.custom });
      redactions += r.spans.length;
      text = r.text;
      if (names) {
        const [out, n] = names(text);
        redactions += n;
        text = out;
      }
    }
    return `${m.role}: ${text}`;
  });
  return { text: lines.join('\n\n'), redactions, redacted: options.redactPii };
}
