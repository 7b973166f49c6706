import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';

/** A structured setting edited as JSON; the background validates and refuses what does not fit. */
export function JsonField(props: { t: Translate; name: string; value: unknown; locked: boolean; help: string; onSave: (value: unknown) => Promise<void> }) {
  const { t } = props;
  const [text, setText] = useState(() => JSON.stringify(props.value, null, 2));
  const [error, setError] = useState('');
  useEffect(() => setText(JSON.stringify(props.value, null, 2)), [JSON.stringify(props.value)]);
  async function save() {
    try {
      const value = text.trim() ? JSON.parse(text) : [];
      setError('');
      await props.onSave(value);
    } catch (e) {
      setError(t('json_invalid', e instanceof Error ? e.message : String(e)));
    }
  }
  return (
    <div class="custom-sites">
      <p class="help">{props.help}</p>
      <textarea id={props.name} rows={8} spellcheck={false} disabled={props.locked} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {!props.locked && <button type="button" onClick={() => void save()}>{t('custom_save')}</button>}
      {error && <p class="insert-refused" role="alert">{error}</p>}
    </div>
  );
}
