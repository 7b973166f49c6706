import { computed, signal } from '@preact/signals';
import { createTranslator } from '../i18n';
import { ProtocolError, requestBackground } from '../messaging';
import { browser } from '../browser';
import type { SettingKey, SettingsView } from '../settings/catalogue';
import { uiLocale } from './locale';

/** Asks for host access to an endpoint's origin (optional host permission); false when refused or not a URL. */
export async function requestOrigin(url: string): Promise<boolean> {
  try {
    const origin = `${new URL(url).origin}/*`;
    if (await browser.permissions.contains({ origins: [origin] })) return true;
    return await browser.permissions.request({ origins: [origin] });
  } catch {
    return false;
  }
}

/** Options page state: the settings view from the background, and the outcome of each save. */
export function createOptionsStore() {
  const view = signal<SettingsView | null>(null);
  const saveStatus = signal<{ key: SettingKey; ok: boolean; detail?: string } | null>(null);
  const locale = computed(() => uiLocale(view.value?.settings.uiLanguage));
  const t = computed(() => createTranslator(locale.value));

  return {
    view,
    saveStatus,
    locale,
    t,
    async load() {
      view.value = await requestBackground('settings.get', {});
    },
    async save(key: SettingKey, value: unknown) {
      // The model endpoint and the gap webhook are called from the service
      // worker: ask for their origin while the agent's typing still counts as
      // a gesture, so a server without CORS headers works too.
      if ((key === 'llmBaseUrl' || key === 'gapWebhookUrl') && typeof value === 'string' && value) void requestOrigin(value);
      try {
        view.value = await requestBackground('settings.set', { patch: { [key]: value } });
        saveStatus.value = { key, ok: true };
      } catch (error) {
        const message = error instanceof ProtocolError ? error.message : String(error);
        const detail = message.startsWith('locked') ? t.value('settings_error_locked') : t.value('settings_error_invalid');
        saveStatus.value = { key, ok: false, detail };
      }
    },
  };
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;
