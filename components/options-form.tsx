import type { MessageKey } from '../lib/i18n';
import { SETTING_KEYS, catalogue, type SettingKey } from '../lib/settings/catalogue';
import type { CustomSite } from '../lib/adapters/configured';
import type { CustomSitesStore } from '../lib/ui/custom-sites-store';
import { intentsFromCsv } from '../lib/ui/intents-import';
import type { OptionsStore } from '../lib/ui/options-store';
import { CustomSitesField } from './custom-sites-field';
import { JsonField } from './json-field';
import { ConnectionTest, KnowledgeAdmin } from './knowledge-admin';
import type { KnowledgeAdminStore } from '../lib/ui/knowledge-admin-store';

const SECTIONS: { title: MessageKey; keys: SettingKey[] }[] = [
  { title: 'options_section_general', keys: ['uiLanguage', 'intents'] },
  { title: 'options_section_sites', keys: ['zendeskEnabled', 'salesforceEnabled', 'customSites'] },
  { title: 'options_section_privacy', keys: ['redactPii', 'sendHistoryToModel'] },
  { title: 'options_section_model', keys: ['llmProvider', 'llmBaseUrl', 'llmModel', 'llmApiKey', 'llmHeaders', 'brandVoice', 'autoRegenerateDrafts', 'modelRefinement', 'embeddingsModel'] },
  {
    title: 'options_section_knowledge',
    keys: ['kbZendeskSync', 'kbLocales', 'kbZendeskApiEmail', 'kbZendeskApiToken', 'kbSalesforceSync', 'gapWebhookUrl', 'gapWebhookSecret', 'gapZendeskDelivery'],
  },
];

function Field(props: { store: OptionsStore; name: SettingKey; customSites: CustomSitesStore }) {
  const { store, name } = props;
  const view = store.view.value!;
  const t = store.t.value;
  const def = catalogue[name];
  const locked = view.locked.includes(name);
  const value = view.settings[name];
  const label = t(`setting_${name}` as MessageKey);
  const status = store.saveStatus.value?.key === name ? store.saveStatus.value : null;
  let control;
  if (name === 'customSites') {
    control = (
      <CustomSitesField t={t} sites={value as CustomSite[]} locked={locked} store={props.customSites} onSave={(sites) => store.save(name, sites)} />
    );
  } else if (def.type === 'json') {
    control = (
      <JsonField
        t={t}
        name={name}
        value={value}
        locked={locked}
        help={t('intents_help')}
        onSave={(v) => store.save(name, v)}
        importFile={{
          accept: '.csv,text/csv',
          parse: (text) => {
            const result = intentsFromCsv(text);
            return result.ok ? { ok: true, value: result.intents } : result;
          },
        }}
      />
    );
  } else if (def.type === 'boolean') {
    control = <input type="checkbox" id={name} checked={value as boolean} disabled={locked} onChange={(e) => void store.save(name, e.currentTarget.checked)} />;
  } else if (def.type === 'enum') {
    control = (
      <select id={name} value={value as string} disabled={locked} onChange={(e) => void store.save(name, e.currentTarget.value)}>
        {def.options.map((o) => (
          <option value={o} key={o}>{t(`setting_${name}_${o}` as MessageKey)}</option>
        ))}
      </select>
    );
  } else {
    const secret = 'secret' in def && def.secret;
    control = (
      <input
        id={name}
        type={(secret ? 'password' : name === 'llmBaseUrl' || name === 'gapWebhookUrl' ? 'url' : 'text') as 'text'}
        value={secret ? '' : (value as string)}
        placeholder={secret && view.secretsSet.includes(name) ? t('options_secretSet') : ''}
        disabled={locked}
        autocomplete="off"
        onChange={(e) => void store.save(name, e.currentTarget.value.trim())}
      />
    );
  }
  return (
    <div class={`field${locked ? ' locked' : ''}`} data-testid={`setting-${name}`} data-locked={String(locked)}>
      <label for={name}>{label}</label>
      {control}
      {locked && <span class="lock" title={t('options_locked')}>🔒 {t('options_locked')}</span>}
      {view.invalidPolicy.includes(name) && <p class="insert-refused">{t('options_invalidPolicy')}</p>}
      {status && <p class={status.ok ? 'insert-ok' : 'insert-refused'} role="status">{status.ok ? t('options_saved') : t('options_error', status.detail ?? '')}</p>}
    </div>
  );
}

export function OptionsForm(props: { store: OptionsStore; customSites: CustomSitesStore; knowledge: KnowledgeAdminStore }) {
  const { store, customSites } = props;
  if (!store.view.value) return null;
  const t = store.t.value;
  const listed = new Set(SECTIONS.flatMap((s) => s.keys));
  const rest = SETTING_KEYS.filter((k) => !listed.has(k));
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      {SECTIONS.map((section) => (
        <fieldset key={section.title}>
          <legend>{t(section.title)}</legend>
          {[...section.keys, ...(section.title === 'options_section_general' ? rest : [])].map((k) => (
            <Field store={store} name={k} key={k} customSites={customSites} />
          ))}
          {section.title === 'options_section_model' && <ConnectionTest t={t} store={props.knowledge} baseUrl={store.view.value!.settings.llmBaseUrl} />}
        </fieldset>
      ))}
      <KnowledgeAdmin t={t} store={props.knowledge} />
    </main>
  );
}
