import { useState } from 'preact/hooks';
import type { MessageKey } from '../lib/i18n';
import { FEEDBACK_KINDS, GAP_REASONS, type FeedbackKind, type GapReason, type Recommendation } from '../lib/knowledge/types';
import type { FlagView } from '../lib/knowledge/views';
import { usePanel } from './panel-context';

function FeedbackRow(props: { hit: Recommendation }) {
  const { t, knowledge } = usePanel();
  const tr = t.value;
  const given = knowledge.feedbackFor(props.hit.articleId);
  const [noteFor, setNoteFor] = useState<FeedbackKind | null>(null);
  const [note, setNote] = useState('');
  if (given && given.state !== 'error') {
    return (
      <p class="kb-feedback-done" role="status" data-testid="kb-feedback-done">
        {given.state === 'sending' ? tr('kb_feedback_sending') : tr('kb_feedback_thanks', tr(`kb_feedback_${given.kind}` as MessageKey))}
      </p>
    );
  }
  return (
    <div class="kb-feedback" role="group" aria-label={tr('kb_feedback_label')}>
      {FEEDBACK_KINDS.map((kind) => (
        <button
          type="button"
          key={kind}
          class="kb-feedback-button"
          aria-pressed={noteFor === kind}
          data-testid={`kb-feedback-${kind}`}
          onClick={() => (kind === 'helpful' ? void knowledge.giveFeedback(props.hit.articleId, kind) : setNoteFor(noteFor === kind ? null : kind))}
        >
          {tr(`kb_feedback_${kind}` as MessageKey)}
        </button>
      ))}
      {given?.state === 'error' && <span class="insert-refused">{tr('kb_feedback_failed')}</span>}
      {noteFor && (
        <form
          class="kb-note"
          onSubmit={(e) => {
            e.preventDefault();
            void knowledge.giveFeedback(props.hit.articleId, noteFor, note);
            setNoteFor(null);
          }}
        >
          <input type="text" value={note} maxLength={2000} placeholder={tr('kb_feedback_note')} aria-label={tr('kb_feedback_note')} onInput={(e) => setNote(e.currentTarget.value)} data-testid="kb-feedback-note" />
          <button type="submit" data-testid="kb-feedback-send">{tr('kb_feedback_send')}</button>
        </form>
      )}
    </div>
  );
}

function HitList(props: { hits: Recommendation[]; testId: string }) {
  const { t } = usePanel();
  return (
    <ol class="kb-hits" data-testid={props.testId}>
      {props.hits.map((hit, i) => (
        <li key={hit.articleId} class="kb-hit" data-testid="kb-hit" data-article-id={hit.articleId}>
          <div class="kb-hit-title">
            <span class="kb-rank">[{i + 1}]</span>{' '}
            {hit.url ? (
              <a href={hit.url} target="_blank" rel="noopener noreferrer" dir="auto">{hit.title}</a>
            ) : (
              <span dir="auto">{hit.title}</span>
            )}
            <span class="chip">{hit.locale}</span>
          </div>
          {/* Article text is data: shown as text. */}
          <p class="kb-passage" dir="auto" data-testid="kb-passage" title={t.value('kb_passage_title')}>{hit.passage}</p>
          <FeedbackRow hit={hit} />
        </li>
      ))}
    </ol>
  );
}

function GapForm(props: { onDone: () => void; articleId: string | null }) {
  const { t, knowledge } = usePanel();
  const tr = t.value;
  const [reason, setReason] = useState<GapReason>(props.articleId ? 'outdated' : 'missing');
  const [note, setNote] = useState('');
  return (
    <form
      class="kb-gap-form"
      data-testid="gap-form"
      onSubmit={(e) => {
        e.preventDefault();
        void knowledge.flagGap({ reason, note, articleId: props.articleId }).then(props.onDone);
      }}
    >
      <label>
        {tr('gap_reason_label')}
        <select value={reason} onChange={(e) => setReason(e.currentTarget.value as GapReason)} data-testid="gap-reason">
          {GAP_REASONS.map((r) => (
            <option value={r} key={r}>{tr(`gap_reason_${r}` as MessageKey)}</option>
          ))}
        </select>
      </label>
      <label>
        {tr('gap_note_label')}
        <textarea rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="gap-note" />
      </label>
      <p class="muted">{tr('gap_form_note')}</p>
      <div class="row">
        <button type="submit" class="primary" data-testid="gap-send">{tr('gap_send')}</button>
        <button type="button" onClick={props.onDone}>{tr('gap_cancel')}</button>
      </div>
    </form>
  );
}

function deliveryText(tr: (k: MessageKey, ...s: (string | number)[]) => string, flag: FlagView): string {
  if (flag.deliveries.length === 0) return tr('gap_status_local');
  return flag.deliveries
    .map((d) => {
      const target = tr(`gap_target_${d.target}` as MessageKey);
      if (d.status === 'delivered') return tr('gap_status_delivered', target);
      if (d.status === 'failed') return tr('gap_status_failed', target, d.lastError);
      return d.attempts > 0 ? tr('gap_status_retrying', target, d.attempts, d.lastError) : tr('gap_status_pending', target);
    })
    .join(' · ');
}

function FlagList() {
  const { t, knowledge } = usePanel();
  const tr = t.value;
  const f = knowledge.flags.value;
  if (f?.keyId !== knowledge.keyId.value || f?.state !== 'ready' || f.value.length === 0) return null;
  return (
    <ul class="kb-flags" data-testid="gap-flags" aria-label={tr('gap_flags_title')}>
      {f.value.map((flag) => (
        <li key={flag.id} data-testid="gap-flag" data-status={flag.deliveries.map((d) => d.status).join(',') || 'local'}>
          <span class="chip">{tr(`gap_reason_${flag.reason}` as MessageKey)}</span> {deliveryText(tr, flag)}
          {flag.deliveries.some((d) => d.status === 'failed') && (
            <button type="button" class="link" onClick={() => void knowledge.retryFlag(flag.id)} data-testid="gap-retry">{tr('gap_retry')}</button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Knowledge that answers the customer, with feedback and a one-click gap flag. */
export function KnowledgeBox() {
  const { t, knowledge } = usePanel();
  const tr = t.value;
  const [query, setQuery] = useState('');
  const [flagging, setFlagging] = useState<{ articleId: string | null } | null>(null);
  const keyId = knowledge.keyId.value;
  const rec = knowledge.recommendations.value?.keyId === keyId ? knowledge.recommendations.value : null;
  const search = knowledge.search.value?.keyId === keyId ? knowledge.search.value : null;
  const status = knowledge.flagStatus.value?.keyId === keyId ? knowledge.flagStatus.value : null;
  return (
    <section class="knowledge" aria-label={tr('kb_title')} data-testid="knowledge">
      <div class="kb-head">
        <h2 class="section-title">{tr('kb_title')}</h2>
        <button type="button" class="link" onClick={() => setFlagging(flagging ? null : { articleId: null })} data-testid="gap-open">
          ⚑ {tr('gap_flag_button')}
        </button>
      </div>
      {flagging && <GapForm articleId={flagging.articleId} onDone={() => setFlagging(null)} />}
      {status?.state === 'sent' && !flagging && <p class="insert-ok" role="status" data-testid="gap-sent">{tr('gap_flagged')}</p>}
      {status?.state === 'error' && <p class="insert-refused" role="alert">{tr('gap_failed_panel', status.detail ?? '')}</p>}
      <FlagList />
      <form
        class="kb-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void knowledge.runSearch(query);
        }}
      >
        <input type="search" value={query} placeholder={tr('kb_search_placeholder')} aria-label={tr('kb_search_placeholder')} onInput={(e) => setQuery(e.currentTarget.value)} data-testid="kb-search" />
        <button type="submit">{tr('kb_search')}</button>
      </form>
      {search && (
        <div class="kb-results">
          {search.result.state === 'loading' && <p class="muted">{tr('kb_loading')}</p>}
          {search.result.state === 'error' && <p class="insert-refused" role="alert">{tr('kb_error', search.result.detail)}</p>}
          {search.result.state === 'ready' &&
            (search.result.value.length ? <HitList hits={search.result.value} testId="kb-search-results" /> : <p class="muted">{tr('kb_search_none', search.query)}</p>)}
        </div>
      )}
      {!search && (
        <>
          {(!rec || rec.state === 'loading') && <p class="muted" data-testid="kb-loading">{tr('kb_loading')}</p>}
          {rec?.state === 'error' && <p class="insert-refused" role="alert" data-testid="kb-error">{tr('kb_error', rec.detail)}</p>}
          {rec?.state === 'ready' && rec.value.articles === 0 && <p class="muted" data-testid="kb-empty">{tr('kb_empty')}</p>}
          {rec?.state === 'ready' && rec.value.articles > 0 && rec.value.hits.length === 0 && (
            <p class="muted" data-testid="kb-nomatch">{tr('kb_nomatch')}</p>
          )}
          {rec?.state === 'ready' && rec.value.hits.length > 0 && <HitList hits={rec.value.hits} testId="kb-recommendations" />}
        </>
      )}
    </section>
  );
}
