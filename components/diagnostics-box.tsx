import { usePanel } from './panel-context';

/** On a page the adapter can't read: a structure-only report the agent can hand to support. */
export function DiagnosticsBox() {
  const { t, diagnostics, copyDiagnostics } = usePanel();
  const d = diagnostics.value;
  const tr = t.value;
  return (
    <section class="diagnostics">
      <button type="button" data-testid="copy-diagnostics" disabled={d.state === 'loading'} onClick={() => void copyDiagnostics()}>
        {tr('diag_copy')}
      </button>
      {d.state === 'error' && <p class="insert-refused" role="alert">{tr('diag_failed', d.detail)}</p>}
      {(d.state === 'copied' || d.state === 'manual') && (
        <>
          <p class={d.state === 'copied' ? 'insert-ok' : 'insert-refused'} role="status" data-testid="diagnostics-status">
            {tr(d.state === 'copied' ? 'diag_copied' : 'diag_manual')}
          </p>
          <details open={d.state === 'manual'}>
            <summary>{tr('diag_show')}</summary>
            <textarea readOnly rows={10} data-testid="diagnostics-report" value={d.report} />
          </details>
        </>
      )}
    </section>
  );
}
