import { usePanel } from './panel-context';

/** Exactly what would leave the browser for this ticket, redacted, on demand. */
export function OutboundPreviewBox(props: { keyId: string }) {
  const { t, preview, loadPreview } = usePanel();
  const p = preview.value?.keyId === props.keyId ? preview.value : null;
  const tr = t.value;
  return (
    <details class="preview" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void loadPreview()} data-testid="preview">
      <summary>{tr('preview_title')}</summary>
      {p?.state === 'error' && <p class="insert-refused">{tr('preview_failed', p.detail)}</p>}
      {p?.state === 'ready' && (
        <>
          <p class="preview-note">{p.preview.redacted ? tr('preview_note', p.preview.redactions) : tr('preview_off')}</p>
          {p.prompt && <p class="preview-note" data-testid="preview-prompt">{tr('preview_prompt')}</p>}
          <pre data-testid="preview-text">{p.preview.text}</pre>
        </>
      )}
    </details>
  );
}
