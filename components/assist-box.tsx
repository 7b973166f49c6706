import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../lib/i18n';
import { REWRITE_KINDS, type AssistFault, type RewriteKind } from '../lib/messaging';
import type { AssistResult, Variant } from '../lib/ui/assist-store';
import { usePanel } from './panel-context';

function faultText(tr: Translate, fault: AssistFault): string {
  const text = tr(`fault_${fault.code}` as MessageKey) || tr('fault_unknown', fault.detail);
  return fault.hint ? `${text} ${tr(fault.hint as MessageKey)}` : text;
}

function VariantView(props: { variant: Variant; index: number; count: number; stale: boolean }) {
  const { t, setDraft } = usePanel();
  const tr = t.value;
  const v = props.variant;
  return (
    <div class={`assist-variant state-${v.state}`} data-testid="assist-variant" data-state={v.state} data-stale={String(props.stale)}>
      {props.count > 1 && <h3 class="section-title">{tr('assist_variant', props.index + 1)}</h3>}
      {/* Model output is text: never HTML, never acted on. */}
      <p class="assist-text" dir="auto" data-testid="assist-text" aria-busy={v.state === 'streaming'}>
        {v.text}
        {v.state === 'streaming' && <span class="cursor" aria-hidden="true">▍</span>}
      </p>
      {v.state === 'partial' && <p class="insert-refused" role="status" data-testid="assist-partial">{tr('assist_partial', v.fault ? faultText(tr, v.fault) : '')}</p>}
      {v.state === 'failed' && v.fault && <p class="insert-refused" role="alert" data-testid="assist-fault" data-code={v.fault.code}>{faultText(tr, v.fault)}</p>}
      {v.citations.length > 0 && (
        <ol class="assist-citations" aria-label={tr('assist_sources')}>
          {v.citations.map((c) => (
            <li key={c.n} value={c.n}>
              {c.url ? <a href={c.url} target="_blank" rel="noopener noreferrer">{c.title}</a> : c.title}
            </li>
          ))}
        </ol>
      )}
      {v.text && v.state !== 'streaming' && (
        <button type="button" data-testid="assist-use" onClick={() => setDraft(v.text)}>{tr('assist_use')}</button>
      )}
    </div>
  );
}

function NoteAction(props: { text: string; keyId: string }) {
  const { t, assist } = usePanel();
  const tr = t.value;
  const status = assist.noteStatus.value?.keyId === props.keyId ? assist.noteStatus.value : null;
  return (
    <div class="assist-note">
      <button type="button" onClick={() => void assist.addNote(props.text)} disabled={status?.state === 'sending' || status?.state === 'done'} data-testid="assist-note">
        {tr('assist_note')}
      </button>
      {status?.state === 'done' && <span class="insert-ok" role="status" data-testid="assist-note-done">{tr('assist_note_done')}</span>}
      {status?.state === 'unsupported' && <span class="muted" role="status">{tr('assist_note_unsupported')}</span>}
      {status?.state === 'error' && <span class="insert-refused" role="alert">{tr('assist_note_failed', status.detail ?? '')}</span>}
    </div>
  );
}

function ResultView(props: { result: AssistResult; stale: boolean }) {
  const { t, assist } = usePanel();
  const tr = t.value;
  const r = props.result;
  return (
    <div class="assist-result" data-testid={`assist-result-${r.task}`} data-running={String(r.running)}>
      <div class="assist-result-head">
        <h3 class="section-title">{tr(`assist_task_${r.task}` as MessageKey)}{r.kind ? ` · ${tr(`rewrite_${r.kind}` as MessageKey)}` : ''}</h3>
        {r.running && <button type="button" class="link" onClick={assist.cancel} data-testid="assist-stop">{tr('assist_stop')}</button>}
      </div>
      {props.stale && r.task === 'draft' && (
        <p class="assist-stale" role="status" data-testid="assist-stale">
          {tr('assist_stale')}{' '}
          <button type="button" class="link" onClick={() => assist.draftReply(r.variants.length === 2 ? 2 : 1)} data-testid="assist-regenerate">{tr('assist_regenerate')}</button>
        </p>
      )}
      {r.fault && r.variants.every((v) => !v.text) && (
        <p class="insert-refused" role="alert" data-testid="assist-fault" data-code={r.fault.code}>{faultText(tr, r.fault)}</p>
      )}
      {r.variants.map((v, i) => (
        <VariantView key={i} variant={v} index={i} count={r.variants.length} stale={props.stale && r.task === 'draft'} />
      ))}
      {r.task === 'summary' && !r.running && r.variants[0]?.text && <NoteAction text={r.variants[0].text} keyId={r.keyId} />}
      {r.task === 'review' && r.running && <p class="muted">{tr('assist_reviewing')}</p>}
      {r.review && (
        <table class="assist-review" data-testid="assist-review">
          <tbody>
            {r.review.scores.map((s) => (
              <tr key={s.criterion} data-criterion={s.criterion}>
                <th scope="row">{tr(`review_${s.criterion}` as MessageKey)}</th>
                <td class={`score score-${s.score}`}>{s.score}/5</td>
                <td dir="auto">{s.suggestion}</td>
              </tr>
            ))}
          </tbody>
          {r.review.summary && <caption dir="auto">{r.review.summary}</caption>}
        </table>
      )}
    </div>
  );
}

/** Drafts, rewrites, summary and review from the configured model. */
export function AssistBox() {
  const { t, assist, draft } = usePanel();
  const tr = t.value;
  const [kind, setKind] = useState<RewriteKind>('shorter');
  const [instruction, setInstruction] = useState('');
  if (!assist.configured.value) {
    return (
      <section class="assist assist-off" data-testid="assist-off">
        <p class="muted">{tr('assist_notConfigured')}</p>
      </section>
    );
  }
  const running = ['draft', 'rewrite', 'summary', 'review'].some((task) => assist.resultFor(task as 'draft')?.running);
  const shown = (['draft', 'rewrite', 'summary', 'review'] as const).map((task) => assist.resultFor(task)).filter((r): r is AssistResult => !!r);
  const reply = draft.value.trim();
  return (
    <section class="assist" aria-label={tr('assist_title')} data-testid="assist">
      <h2 class="section-title">{tr('assist_title')}</h2>
      <div class="assist-actions">
        <button type="button" class="primary" onClick={() => assist.draftReply(1)} disabled={running} data-testid="assist-draft">{tr('assist_draft')}</button>
        <button type="button" onClick={() => assist.draftReply(2)} disabled={running} data-testid="assist-draft2">{tr('assist_draft2')}</button>
        <button type="button" onClick={assist.summarize} disabled={running} data-testid="assist-summary-button">{tr('assist_summary')}</button>
        <button type="button" onClick={() => assist.review(reply)} disabled={running || !reply} title={reply ? '' : tr('assist_needsReply')} data-testid="assist-review-button">
          {tr('assist_review')}
        </button>
      </div>
      <form
        class="assist-rewrite"
        onSubmit={(e) => {
          e.preventDefault();
          assist.rewrite(kind, reply, instruction);
        }}
      >
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as RewriteKind)} aria-label={tr('assist_rewrite_kind')} data-testid="rewrite-kind">
          {REWRITE_KINDS.map((k) => (
            <option value={k} key={k}>{tr(`rewrite_${k}` as MessageKey)}</option>
          ))}
        </select>
        {kind === 'custom' && (
          <input type="text" value={instruction} maxLength={1000} placeholder={tr('rewrite_instruction')} aria-label={tr('rewrite_instruction')} onInput={(e) => setInstruction(e.currentTarget.value)} data-testid="rewrite-instruction" />
        )}
        <button type="submit" disabled={running || !reply || (kind === 'custom' && !instruction.trim())} data-testid="rewrite-apply">{tr('assist_rewrite')}</button>
      </form>
      {shown.map((r) => (
        <ResultView key={`${r.keyId}|${r.task}`} result={r} stale={r.task === 'draft' && assist.stale.value} />
      ))}
    </section>
  );
}
