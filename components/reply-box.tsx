import type { MessageKey, Translate } from '../lib/i18n';
import type { DraftFinding } from '../lib/analysis/tone';
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

function Findings(props: { t: Translate; findings: DraftFinding[]; testId: string; label: string }) {
  const { t } = props;
  return (
    <ul class="findings" data-testid={props.testId} aria-label={props.label}>
      {props.findings.map((f, i) => (
        <li key={i} data-code={f.code}>
          {t(`finding_${f.code}` as MessageKey)}
          {f.excerpt && <q>{f.excerpt}</q>}
          {f.measure && ` (${f.measure.count}/${f.measure.limit})`}
        </li>
      ))}
    </ul>
  );
}

/** Tone findings on what the agent is typing in the helpdesk's own composer for the ticket shown. */
export function ComposerCheck() {
  const { t, composerText, composerFindings } = usePanel();
  if (!composerText.value.trim()) return null;
  const findings = composerFindings.value;
  return (
    <section class="composer-check" data-testid="composer-check" aria-live="polite">
      <h3 class="section-title">{t.value('composer_check_title')}</h3>
      {findings.length > 0 ? (
        <Findings t={t.value} findings={findings} testId="composer-findings" label={t.value('composer_check_title')} />
      ) : (
        <p class="muted" data-testid="composer-ok">{t.value('composer_check_ok')}</p>
      )}
    </section>
  );
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
      {draftFindings.value.length > 0 && <Findings t={t.value} findings={draftFindings.value} testId="draft-findings" label={t.value('draft_check_title')} />}
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
