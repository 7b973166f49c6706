/**
 * A team's intents from a CSV file (columns text,label — or utterance/intent,
 * phrase/category — as exported from most helpdesks and bot builders).
 */
import { parseIntentCsv } from '../analysis/intent';
import { teamIntentsSchema, type TeamIntent } from '../settings/catalogue';

export type IntentImport = { ok: true; intents: TeamIntent[] } | { ok: false; error: string };

export function intentsFromCsv(source: string): IntentImport {
  const rows = parseIntentCsv(source);
  if (!rows.length) return { ok: false, error: 'no rows with both a text and a label' };
  const byName = new Map<string, string[]>();
  for (const { text, label } of rows) byName.set(label, [...(byName.get(label) ?? []), text]);
  const intents = [...byName].map(([name, examples]) => ({ name, examples: examples.slice(0, 200) }));
  const checked = teamIntentsSchema.safeParse(intents);
  if (checked.success) return { ok: true, intents: checked.data };
  const issue = checked.error.issues[0]!;
  const at = typeof issue.path[0] === 'number' ? ` (intent "${intents[issue.path[0]]?.name}")` : '';
  return { ok: false, error: `${issue.path.join('.')}: ${issue.message}${at}` };
}
