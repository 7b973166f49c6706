import {
  SETTING_KEYS,
  catalogue,
  defaults,
  isSettingKey,
  isValidValue,
  type SettingKey,
  type Settings,
  type SettingsView,
} from './catalogue';

export interface Resolved {
  settings: Settings;
  locked: SettingKey[];
  invalidPolicy: SettingKey[];
}

function entries(source: unknown): [string, unknown][] {
  return typeof source === 'object' && source !== null && !Array.isArray(source) ? Object.entries(source) : [];
}

/**
 * defaults < user < managed policy. Unknown keys are ignored. A user value that
 * is invalid is dropped. A policy value that is invalid still locks its key, at
 * the default: a broken policy must not hand control back to the user (fail closed).
 */
export function resolveSettings(user: unknown, managed: unknown): Resolved {
  const settings = defaults() as Record<SettingKey, unknown>;
  for (const [key, value] of entries(user)) {
    if (isSettingKey(key) && isValidValue(key, value)) settings[key as SettingKey] = value;
  }
  const locked: SettingKey[] = [];
  const invalidPolicy: SettingKey[] = [];
  for (const [key, value] of entries(managed)) {
    if (!isSettingKey(key) || !catalogue[key].policy) continue;
    const k = key;
    locked.push(k);
    if (isValidValue(k, value)) {
      settings[k] = value;
    } else {
      settings[k] = catalogue[k].default;
      invalidPolicy.push(k);
    }
  }
  return { settings: settings as Settings, locked, invalidPolicy };
}

/** The view extension pages may see: secret values never leave the background. */
export function toView(resolved: Resolved): SettingsView {
  const settings = { ...resolved.settings } as Record<SettingKey, unknown>;
  const secretsSet: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    const def = catalogue[key];
    if ('secret' in def && def.secret) {
      if (settings[key]) secretsSet.push(key);
      settings[key] = '';
    }
  }
  return { settings: settings as Settings, locked: resolved.locked, invalidPolicy: resolved.invalidPolicy, secretsSet };
}
