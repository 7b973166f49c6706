import { useEffect, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../lib/i18n';
import type { KnowledgeAdminStore } from '../lib/ui/knowledge-admin-store';

function faultText(t: Translate, code: string, detail: string, hint?: string): string {
  const text = t(`fault_${code}` as MessageKey) || t('fault_unknown', detail);
  return hint ? `${text} ${t(hint as MessageKey)}` : text;
}

/** Model endpoint: "test connection" lists the models or explains the failure. */
export function ConnectionTest(props: { t: Translate; store: KnowledgeAdminStore; baseUrl: string }) {
  const { t, store } = props;
  const c = store.connection.value;
  return (
    <div class="field admin-row" data-testid="llm-test">
      <button type="button" onClick={() => void store.testConnection(props.baseUrl)} disabled={c.state === 'busy'} data-testid="llm-test-button">{t('llm_test')}</button>
      {c.state === 'busy' && <p>{t('llm_testing')}</p>}
      {c.state === 'error' && <p class="insert-refused" role="alert">{t('fault_unknown', c.detail)}</p>}
      {c.state === 'done' && c.value.ok && (
        <p class="insert-ok" role="status" data-testid="llm-test-ok">
          {c.value.modelFound ? t('llm_test_ok') : t('llm_test_noModel')} {c.value.models.slice(0, 20).join(', ')}
        </p>
      )}
      {c.state === 'done' && !c.value.ok && (
        <p class="insert-refused" role="alert" data-testid="llm-test-fault" data-code={c.value.fault.code}>{faultText(t, c.value.fault.code, c.value.fault.detail, c.value.fault.hint)}</p>
      )}
    </div>
  );
}

function ExportButton(props: { t: Translate; store: KnowledgeAdminStore; what: 'flags' | 'feedback'; format: 'csv' | 'json' }) {
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        data-testid={`export-${props.what}-${props.format}`}
        onClick={async () => {
          const result = await props.store.exportAs(props.what, props.format);
          if ('error' in result) return setError(result.error);
          setError('');
          const a = document.createElement('a');
          a.href = result.url;
          a.download = result.name;
          a.click();
          setTimeout(() => URL.revokeObjectURL(result.url), 10_000);
        }}
      >
        {props.t(props.what === 'flags' ? 'kb_export_flags' : 'kb_export_feedback', props.format.toUpperCase())}
      </button>
      {error && <span class="insert-refused">{error}</span>}
    </>
  );
}

/** Sources, import, exports and the team view of knowledge gaps. */
export function KnowledgeAdmin(props: { t: Translate; store: KnowledgeAdminStore }) {
  const { t, store } = props;
  useEffect(() => {
    void store.loadStatus();
    void store.loadClusters();
  }, []);
  const s = store.status.value;
  const imp = store.importResult.value;
  const clusters = store.clusters.value;
  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    void store.importFiles([...(input.files ?? [])]);
    input.value = '';
  };
  return (
    <>
      <fieldset data-testid="kb-admin">
        <legend>{t('kb_admin_title')}</legend>
        {s.state === 'done' && (
          <div data-testid="kb-status" data-articles={s.value.articles}>
            <p>{t('kb_admin_articles', s.value.articles, Object.entries(s.value.byLocale).map(([l, n]) => `${l} ${n}`).join(', ') || '—')}</p>
            <ul class="kb-sources">
              {s.value.sources.map((src) => (
                <li key={src.key} data-testid="kb-source" data-error={src.error ? 'true' : 'false'}>
                  <strong>{src.key}</strong>: {t('kb_admin_source', src.articles, src.lastSyncAt ? new Date(src.lastSyncAt).toLocaleString() : '—')}
                  {src.running && ` · ${t('kb_admin_syncing')}${src.progress ? ` ${src.progress.done}/${src.progress.total}` : ''}`}
                  {src.error && <p class="insert-refused">{src.error}</p>}
                </li>
              ))}
            </ul>
            {s.value.pendingFlags > 0 && <p>{t('kb_admin_pending', s.value.pendingFlags)}</p>}
          </div>
        )}
        {s.state === 'error' && <p class="insert-refused" role="alert">{s.detail}</p>}
        <div class="admin-row">
          <button type="button" onClick={() => void store.sync()} disabled={s.state === 'busy'} data-testid="kb-sync">{s.state === 'busy' ? t('kb_admin_syncing') : t('kb_admin_sync')}</button>
        </div>
        <div class="admin-row">
          <label class="file-button">
            {t('kb_import_files')}
            <input type="file" multiple accept=".json,.csv,.md,.markdown,.html,.htm,.zip" onChange={pick} data-testid="kb-import" />
          </label>
          <label class="file-button">
            {t('kb_import_folder')}
            <input type="file" {...{ webkitdirectory: '' }} onChange={pick} />
          </label>
        </div>
        <p class="help">{t('kb_import_help')}</p>
        {imp.state === 'busy' && <p>{t('kb_importing')}</p>}
        {imp.state === 'error' && <p class="insert-refused" role="alert">{imp.detail}</p>}
        {imp.state === 'done' && imp.value.ok && <p class="insert-ok" role="status" data-testid="kb-import-ok">{t('kb_import_ok', imp.value.articles)}</p>}
        {imp.state === 'done' && !imp.value.ok && (
          <div class="insert-refused" role="alert" data-testid="kb-import-errors">
            <p>{t('kb_import_failed')}</p>
            <ul>
              {imp.value.errors.map((e, i) => (
                <li key={i}>
                  {e.file}
                  {e.line !== undefined && `:${e.line}`}
                  {e.field && ` (${e.field})`}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="admin-row">
          <ExportButton t={t} store={store} what="flags" format="csv" />
          <ExportButton t={t} store={store} what="flags" format="json" />
          <ExportButton t={t} store={store} what="feedback" format="csv" />
          <ExportButton t={t} store={store} what="feedback" format="json" />
        </div>
      </fieldset>
      <fieldset data-testid="team-gaps">
        <legend>{t('team_gaps_title')}</legend>
        <p class="help">{t('team_gaps_help')}</p>
        <button type="button" onClick={() => void store.loadClusters()}>{t('team_gaps_refresh')}</button>
        {clusters.state === 'error' && <p class="insert-refused">{clusters.detail}</p>}
        {clusters.state === 'done' && clusters.value.length === 0 && <p class="muted">{t('team_gaps_none')}</p>}
        {clusters.state === 'done' && clusters.value.length > 0 && (
          <table class="team-gaps">
            <thead>
              <tr>
                <th>{t('team_gaps_count')}</th>
                <th>{t('team_gaps_question')}</th>
                <th>{t('team_gaps_intents')}</th>
              </tr>
            </thead>
            <tbody>
              {clusters.value.map((c, i) => (
                <tr key={i} data-testid="team-gap">
                  <td>{c.count}</td>
                  <td dir="auto">
                    <strong>{c.representative}</strong>
                    {c.examples.filter((e) => e !== c.representative).length > 0 && (
                      <ul>
                        {c.examples.filter((e) => e !== c.representative).map((e, j) => <li key={j}>{e}</li>)}
                      </ul>
                    )}
                  </td>
                  <td>{c.intents.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
    </>
  );
}
