import type { MessageKey } from '../lib/i18n';
import type { ConversationInsight } from '../lib/types';
import { usePanel } from './panel-context';

/** How to answer this customer on this channel: what to do first, what to avoid, how long. */
export function GuidanceBox(props: { guidance: NonNullable<ConversationInsight['guidance']> }) {
  const { t } = usePanel();
  const g = props.guidance;
  const tr = t.value;
  return (
    <details class="guidance" data-testid="guidance" aria-label={tr('guidance_title')}>
      {/* The first step stays in view; what to avoid and how long open on demand. */}
      <summary>
        <strong>{tr('guidance_first', g.first.map((s) => tr(`step_${s}` as MessageKey)).join(' → '))}</strong>
      </summary>
      {g.avoid.length > 0 && <p>{tr('guidance_avoid', g.avoid.map((a) => tr(`avoid_${a}` as MessageKey)).join(', '))}</p>}
      <p class="muted">
        {tr('guidance_length', g.length.min, g.length.max)} {tr(`note_${g.channelNote}` as MessageKey)}
      </p>
    </details>
  );
}
