import type { Conversation } from '../lib/types';
import { usePanel } from './panel-context';

const W = 120;
const H = 28;

/** The customer's sentiment across the conversation, oldest to newest: is it getting better or worse? */
export function EmotionCurve(props: { conversation: Conversation }) {
  const { t } = usePanel();
  const insight = props.conversation.insight;
  const scores = insight ? props.conversation.messages.flatMap((m) => (insight.messages[m.id] ? [insight.messages[m.id]!.score] : [])) : [];
  if (scores.length < 2) return null;
  const x = (i: number) => (i / (scores.length - 1)) * (W - 6) + 3;
  const y = (s: number) => H / 2 - s * (H / 2 - 3);
  const points = scores.map((s, i) => `${x(i).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
  const last = scores.at(-1)!;
  return (
    <svg
      class="emotion-curve"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t.value('curve_label', scores.length)}
      data-testid="emotion-curve"
      data-scores={scores.map((s) => s.toFixed(2)).join(' ')}
    >
      <line x1="0" x2={W} y1={H / 2} y2={H / 2} class="curve-zero" />
      <polyline points={points} fill="none" class={last < -0.1 ? 'curve-negative' : last > 0.1 ? 'curve-positive' : 'curve-neutral'} />
      {scores.map((s, i) => (
        <circle key={i} cx={x(i)} cy={y(s)} r="2" />
      ))}
    </svg>
  );
}
