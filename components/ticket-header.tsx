import { intentLabel } from '../lib/analysis/intents-default';
import type { MessageKey } from '../lib/i18n';
import type { Conversation } from '../lib/types';
import { EmotionCurve } from './emotion-curve';
import { usePanel } from './panel-context';

/** Zendesk numbers tickets; Salesforce shows a case number or a messaging session's name. */
export function headingKey(c: Conversation): MessageKey {
  if (c.site === 'zendesk') return 'ticket_heading';
  return /^\d+$/.test(c.key.ticketId) ? 'ticket_heading_case' : 'ticket_heading_session';
}

const LANGUAGE_KEYS: Record<string, MessageKey> = {
  en: 'language_en',
  'zh-Hans': 'language_zhHans',
  'zh-Hant': 'language_zhHant',
  other: 'language_other',
};

export function TicketHeader(props: { conversation: Conversation }) {
  const { t, locale, settings, pinned, togglePin } = usePanel();
  const c = props.conversation;
  const isPinned = pinned.value !== null;
  // The shipped intents have display names per language; a team's own intents are shown as the team named them.
  const teamIntents = (settings.value?.settings.intents.length ?? 0) > 0;
  const intent = c.insight?.intent;
  return (
    <header class="ticket-header" data-testid="ticket-header">
      <div class="ticket-title-row">
        <h1 data-testid="ticket-id">{t.value(headingKey(c), c.key.ticketId)}</h1>
        <span class={`chip chip-${c.channel}`} data-testid="ticket-channel">{t.value(`channel_${c.channel}`)}</span>
        <button type="button" class="pin" aria-pressed={isPinned} onClick={togglePin} data-testid="pin">
          {isPinned ? t.value('pin_off') : t.value('pin_on')}
        </button>
      </div>
      <div class="subject-row">
        <p class="subject" data-testid="ticket-subject">{c.subject}</p>
        <EmotionCurve conversation={c} />
      </div>
      {c.requester && <p class="requester">{t.value('ticket_requester', c.requester)}</p>}
      {LANGUAGE_KEYS[c.language] && (
        <p class="requester" data-testid="ticket-language" data-language={c.language}>
          {t.value('language_label', t.value(LANGUAGE_KEYS[c.language]!))}
        </p>
      )}
      {intent && (
        <p class="requester" data-testid="ticket-intent" data-intent={intent.name}>
          {t.value('intent_label', teamIntents ? intent.name : intentLabel(intent.name, locale.value), Math.round(intent.confidence * 100))}
        </p>
      )}
      {c.insight && c.insight.escalation.level !== 'low' && (
        <p class={`escalation escalation-${c.insight.escalation.level}`} role="status" data-testid="escalation" data-level={c.insight.escalation.level}>
          <strong>{t.value(c.insight.escalation.level === 'high' ? 'escalation_high' : 'escalation_medium')}</strong>
          {c.insight.escalation.codes.length > 0 && `: ${c.insight.escalation.codes.map((code) => t.value(`reason_${code}`)).join(', ')}`}
        </p>
      )}
      {isPinned && <p class="pin-notice" role="status">{t.value('pin_notice', c.key.ticketId)}</p>}
    </header>
  );
}
