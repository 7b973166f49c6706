import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';

/** A structured setting edited as JSON; the background validates and refuses what does not fit. */
export function JsonField(props: {
  t: Translate;
  name: string;
  value: unknown;
  locked: boolean;
  help: string;
  onSave: (value: unknown) => Promise<void>;
  /** Optional file import: turns a file's text into the value, or says what is wrong with it. */
  importFile?: { accept: string; parse: (text: string) => { ok: true; value: unknown } | { ok: false; error: string } };
}) {
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
      {!props.locked && props.importFile && (
        <label class="import">
          {t('import_csv')}{' '}
          <input
            type="file"
            accept={props.importFile.accept}
            data-testid={`${props.name}-import`}
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const parsed = props.importFile!.parse(await file.text());
              if (!parsed.ok) return setError(t('import_failed', parsed.error));
              setError('');
              setText(JSON.stringify(parsed.value, null, 2));
              await props.onSave(parsed.value);
            }}
          />
        </label>
      )}
      {error && <p class="insert-refused" role="alert">{error}</p>}
    </div>
  );
}
