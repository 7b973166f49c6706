import type { MessageKey, Translate } from '../lib/i18n';
import type { InsertStatus } from '../lib/ui/panel-store';
import type { TicketKey } from '../lib/types';
import { usePanel } from './panel-context';

function statusText(t: Translate, status: Extract<InsertStatus, { pending: false }>, key: TicketKey): string {
  const r = status.result;
  if (r.ok) return t('insert_done', r.ticketId);
  switch (r.reason) {
    case 'other-ticket':
      return r.composerTicketId ? t('insert_otherTicket', r.composerTicketId, key.ticketId) : t('insert_otherTicketUnknown', key.ticketId);
    case 'no-composer':
      return t('insert_noComposer', key.ticketId);
    case 'not-registered':
      return t('insert_notRegistered');
    case 'no-helpdesk-tab':
      return t('insert_noTab');
    case 'not-readable':
      return t('insert_notReadable');
    case 'error':
      return t('insert_error', r.detail);
  }
}

/** The agent's reply for the ticket shown; one draft per ticket, inserted only into that ticket. */
export function ReplyBox(props: { ticketKey: TicketKey; keyId: string; heading: string }) {
  const { t, draft, setDraft, insert, insertStatus, draftFindings } = usePanel();
  const status = insertStatus.value?.keyId === props.keyId ? insertStatus.value : null;
  const pending = status?.pending === true;
  return (
    <section class="reply">
      <label for="reply-text" class="section-title">{t.value('reply_label', props.heading)}</label>
      <textarea
        id="reply-text"
        data-testid="reply-text"
        rows={5}
        dir="auto"
        placeholder={t.value('reply_placeholder')}
        value={draft.value}
        onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {draftFindings.value.length > 0 && (
        <ul class="findings" data-testid="draft-findings" aria-label={t.value('draft_check_title')}>
          {draftFindings.value.map((f, i) => (
            <li key={i} data-code={f.code}>
              {t.value(`finding_${f.code}` as MessageKey)}
              {f.excerpt && <q>{f.excerpt}</q>}
              {f.measure && ` (${f.measure.count}/${f.measure.limit})`}
            </li>
          ))}
        </ul>
      )}
      <div class="reply-actions">
        <button type="button" class="primary" data-testid="insert" disabled={pending || !draft.value.trim()} onClick={() => void insert()}>
          {pending ? t.value('reply_inserting') : t.value('reply_insert')}
        </button>
      </div>
      {status && !status.pending && (
        <p class={status.result.ok ? 'insert-ok' : 'insert-refused'} role={status.result.ok ? 'status' : 'alert'} data-testid="insert-status" data-ok={String(status.result.ok)}>
          {statusText(t.value, status, props.ticketKey)}
        </p>
      )}
    </section>
  );
}
