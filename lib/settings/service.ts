/**
 * The background's settings service: the only reader of storage.managed. It
 * re-reads policy when it changes, applies only known keys, and never logs a
 * value (only key names and counts).
 */
import { storage } from 'wxt/utils/storage';
import { browser } from '../browser';
import { isSettingKey, isValidValue, type SettingKey, type Settings, type SettingsView } from './catalogue';
import { resolveSettings, toView, type Resolved } from './merge';

/** The agent's own choices, versioned from the first release so later versions can migrate them. */
export const userSettingsItem = storage.defineItem<Partial<Settings>>('local:settings', {
  fallback: {},
  version: 1,
});

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    readonly code: 'unknown' | 'locked' | 'invalid',
  ) {
    super(`${code} setting: ${key}`);
  }
}

async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // No managed storage (Firefox without a policy manifest, or a browser that
    // does not implement it): there is no policy, so nothing is locked.
    return {};
  }
}

export function createSettingsService() {
  let resolved: Resolved = resolveSettings({}, {});
  const listeners = new Set<(view: SettingsView) => void>();
  let ready: Promise<void> | null = null;
  const stopFns: (() => void)[] = [];

  async function reload(): Promise<void> {
    const [user, managed] = await Promise.all([userSettingsItem.getValue(), readManaged()]);
    resolved = resolveSettings(user, managed);
    const view = toView(resolved);
    for (const listener of listeners) listener(view);
  }

  function onStorageChanged(_changes: unknown, area: string) {
    if (area === 'managed') void reload();
  }

  return {
    start(): Promise<void> {
      ready ??= reload();
      browser.storage.onChanged.addListener(onStorageChanged);
      const unwatch = userSettingsItem.watch(() => void reload());
      stopFns.push(() => browser.storage.onChanged.removeListener(onStorageChanged), unwatch);
      return ready;
    },
    stop() {
      for (const fn of stopFns.splice(0)) fn();
    },
    async current(): Promise<Settings> {
      await (ready ??= reload());
      return resolved.settings;
    },
    async view(): Promise<SettingsView> {
      await (ready ??= reload());
      return toView(resolved);
    },
    /** Applies the agent's changes; refuses unknown keys, invalid values and anything policy locks. */
    async update(patch: Record<string, unknown>): Promise<SettingsView> {
      await (ready ??= reload());
      const next: Partial<Record<SettingKey, unknown>> = { ...(await userSettingsItem.getValue()) };
      for (const [key, value] of Object.entries(patch)) {
        if (!isSettingKey(key)) throw new SettingsError(key, 'unknown');
        if (resolved.locked.includes(key)) throw new SettingsError(key, 'locked');
        if (!isValidValue(key, value)) throw new SettingsError(key, 'invalid');
        next[key] = value;
      }
      await userSettingsItem.setValue(next as Partial<Settings>);
      await reload();
      return toView(resolved);
    },
    subscribe(listener: (view: SettingsView) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
