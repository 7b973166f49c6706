import { useEffect, useRef } from 'preact/hooks';
import { langTag } from '../lib/i18n';
import type { ConversationInsight, Message, MessageInsight } from '../lib/types';
import { usePanel } from './panel-context';

function InsightLine(props: { insight: MessageInsight }) {
  const { t } = usePanel();
  const i = props.insight;
  const tone = i.score <= -0.1 ? 'negative' : i.score >= 0.1 ? 'positive' : 'neutral';
  return (
    <p class={`insight insight-${tone}`} data-testid="message-insight" data-emotion={i.emotion} data-score={i.score.toFixed(2)}>
      <span class="emotion">{t.value(`emotion_${i.emotion}`)}</span>
      {i.drivers.length > 0 && <span class="drivers"> · {t.value('insight_because', i.drivers.slice(0, 4).join(', '))}</span>}
    </p>
  );
}

/** The model's reading of this message, when a model is configured and has answered. */
function RefinedLine(props: { refined: NonNullable<ConversationInsight['refined']> }) {
  const { t } = usePanel();
  const r = props.refined;
  return (
    <p class="insight insight-model" data-testid="message-refined" data-emotion={r.emotion} data-intent={r.intent ?? ''}>
      {t.value('refined_line', t.value(`emotion_${r.emotion}`), r.intent ? r.intent.replace(/_/g, ' ') : t.value('refined_noIntent'), Math.round(r.confidence * 100))}
    </p>
  );
}

function MessageItem(props: { message: Message; timeFormat: Intl.DateTimeFormat; insight?: MessageInsight; refined?: ConversationInsight['refined'] }) {
  const { t } = usePanel();
  const m = props.message;
  const date = m.at ? new Date(m.at) : null;
  return (
    <li class={`message role-${m.role}`} data-testid="message" data-role={m.role} data-message-id={m.id}>
      <div class="message-meta">
        <span class="role">{t.value(`role_${m.role}`)}</span>
        <span class="author">{m.author}</span>
        {date && !Number.isNaN(date.getTime()) && (
          <time dateTime={m.at}>{props.timeFormat.format(date)}</time>
        )}
      </div>
      {/* Customer text is data: rendered as text, never as HTML. */}
      <p class="message-text" dir="auto" data-testid="message-text">{m.text}</p>
      {props.insight && <InsightLine insight={props.insight} />}
      {props.refined && props.refined.messageId === m.id && <RefinedLine refined={props.refined} />}
    </li>
  );
}

export function ConversationView(props: { messages: Message[]; insight?: ConversationInsight }) {
  const { t, locale } = usePanel();
  const listRef = useRef<HTMLOListElement>(null);
  const timeFormat = new Intl.DateTimeFormat(langTag(locale.value), { dateStyle: 'medium', timeStyle: 'short' });
  const count = props.messages.length;
  // Follow the newest message, as the helpdesk does.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);
  return (
    <section class="conversation" aria-label={t.value('conversation_title')}>
      <h2 class="section-title">
        {t.value('conversation_title')} <span class="count" data-testid="message-count">{t.value('conversation_count', count)}</span>
      </h2>
      {count === 0 ? (
        <p class="empty">{t.value('conversation_empty')}</p>
      ) : (
        <ol class="messages" ref={listRef} aria-live="polite">
          {props.messages.map((m) => (
            <MessageItem key={m.id} message={m} timeFormat={timeFormat} insight={props.insight?.messages[m.id]} refined={props.insight?.refined} />
          ))}
        </ol>
      )}
    </section>
  );
}
