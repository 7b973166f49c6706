import { useEffect, useState } from 'preact/hooks';
import type { CustomSite } from '../lib/adapters/configured';
import type { Translate } from '../lib/i18n';
import { hostOf, parseCustomSites, type CustomSitesStore } from '../lib/ui/custom-sites-store';

/** The JSON editor for configured helpdesks, with field-level errors and each site's host permission. */
export function CustomSitesField(props: {
  t: Translate;
  sites: CustomSite[];
  locked: boolean;
  store: CustomSitesStore;
  onSave: (sites: CustomSite[]) => Promise<void>;
}) {
  const { t, sites, locked, store } = props;
  const [text, setText] = useState(() => JSON.stringify(sites, null, 2));
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    setText(JSON.stringify(sites, null, 2));
    void store.refreshAccess(sites);
  }, [JSON.stringify(sites)]);

  async function save() {
    const parsed = parseCustomSites(text);
    if (!parsed.ok) {
      setErrors('json' in parsed ? [t('custom_invalidJson', parsed.json)] : [t('custom_invalid'), ...parsed.errors]);
      return;
    }
    setErrors([]);
    await props.onSave(parsed.sites);
  }

  return (
    <div class="custom-sites" data-testid="custom-sites">
      <p class="help">{t('custom_help')}</p>
      <textarea id="customSites" rows={12} spellcheck={false} disabled={locked} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {!locked && (
        <button type="button" onClick={() => void save()} data-testid="custom-save">
          {t('custom_save')}
        </button>
      )}
      {errors.length > 0 && (
        <ul class="insert-refused" role="alert" data-testid="custom-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <ul class="access">
        {sites.map((site) => {
          const host = hostOf(site.urlPattern);
          const granted = store.access.value[site.urlPattern];
          return (
            <li key={site.urlPattern} data-testid="custom-access" data-granted={String(!!granted)}>
              {granted ? t('custom_access_granted', host) : t('custom_access_missing', host)}{' '}
              {!granted && (
                <button type="button" onClick={() => void store.grant(site)}>
                  {t('custom_access_grant', host)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
