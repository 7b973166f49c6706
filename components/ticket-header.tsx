import type { Conversation } from '../lib/types';
import { usePanel } from './panel-context';

export function TicketHeader(props: { conversation: Conversation }) {
  const { t, pinned, togglePin } = usePanel();
  const c = props.conversation;
  const isPinned = pinned.value !== null;
  return (
    <header class="ticket-header" data-testid="ticket-header">
      <div class="ticket-title-row">
        <h1 data-testid="ticket-id">{t.value('ticket_heading', c.key.ticketId)}</h1>
        <span class={`chip chip-${c.channel}`} data-testid="ticket-channel">{t.value(`channel_${c.channel}`)}</span>
        <button type="button" class="pin" aria-pressed={isPinned} onClick={togglePin} data-testid="pin">
          {isPinned ? t.value('pin_off') : t.value('pin_on')}
        </button>
      </div>
      <p class="subject" data-testid="ticket-subject">{c.subject}</p>
      {c.requester && <p class="requester">{t.value('ticket_requester', c.requester)}</p>}
      {isPinned && <p class="pin-notice" role="status">{t.value('pin_notice', c.key.ticketId)}</p>}
    </header>
  );
}
