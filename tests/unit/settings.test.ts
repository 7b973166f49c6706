import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTING_KEYS, catalogue, defaults, type SettingKey, type SettingsView } from '../../lib/settings/catalogue';
import { buildManagedSchema, managedSchemaText } from '../../lib/settings/managed-schema';
import { resolveSettings, toView } from '../../lib/settings/merge';
import { SettingsError, createSettingsService, type SettingsService } from '../../lib/settings/service';

const SECRET = 'sk-live-TOPSECRET-0123456789abcdef';
const POLICY_SECRET = 'sk-policy-MANAGED-fedcba9876543210';

type SchemaProp = { title: string; description: string; type: string; enum?: string[] };
type Schema = { type: string; properties: Record<string, SchemaProp> };

const committedSchemaText = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../public/managed_schema.json'),
  'utf8',
);

// ------------------------------------------------------------------ schema
describe('public/managed_schema.json', () => {
  it('is exactly what the catalogue generates', () => {
    const expected = managedSchemaText();
    if (committedSchemaText !== expected) {
      expect.fail(
        'public/managed_schema.json is out of date with lib/settings/catalogue.ts: run `npm run gen:schema` and commit the result',
      );
    }
    expect(committedSchemaText).toBe(expected);
  });

  it('is a valid object schema', () => {
    const schema = JSON.parse(committedSchemaText) as Schema;
    expect(schema.type).toBe('object');
    expect(typeof schema.properties).toBe('object');
  });

  it('lists every policy key with its type and, for enums, every option', () => {
    const schema = buildManagedSchema() as Schema;
    const policyKeys = SETTING_KEYS.filter((k) => catalogue[k].policy);
    expect(policyKeys.length).toBeGreaterThan(0);
    for (const key of policyKeys) {
      const def = catalogue[key];
      const prop = schema.properties[key];
      expect(prop, `policy key ${key} missing from managed schema`).toBeDefined();
      // A json setting is a list or a map; Chrome must be told which, matching its default.
      const jsonType = def.type === 'json' ? (Array.isArray(def.default) ? 'array' : 'object') : '';
      expect(prop.type, key).toBe(def.type === 'boolean' ? 'boolean' : def.type === 'json' ? jsonType : 'string');
      if (def.type === 'enum') {
        expect(prop.enum, key).toEqual([...def.options]);
      } else {
        expect(prop.enum, key).toBeUndefined();
      }
      expect(prop.description, key).toBe(def.description);
    }
  });

  it('has no property that is not a policy key in the catalogue', () => {
    const schema = buildManagedSchema() as Schema;
    for (const key of Object.keys(schema.properties)) {
      expect(SETTING_KEYS as string[]).toContain(key);
      expect(catalogue[key as SettingKey].policy, key).toBe(true);
    }
  });
});

// ------------------------------------------------------------------ merge
describe('resolveSettings', () => {
  it('gives the defaults when nothing is set', () => {
    const r = resolveSettings({}, {});
    expect(r.settings).toEqual(defaults());
    expect(r.locked).toEqual([]);
    expect(r.invalidPolicy).toEqual([]);
  });

  it('applies defaults < user < managed', () => {
    const r = resolveSettings(
      { zendeskEnabled: false, llmModel: 'user-model', uiLanguage: 'zh_CN' },
      { llmModel: 'policy-model' },
    );
    expect(r.settings.zendeskEnabled).toBe(false); // user over default
    expect(r.settings.uiLanguage).toBe('zh_CN'); // user over default
    expect(r.settings.llmModel).toBe('policy-model'); // managed over user
    expect(r.settings.salesforceEnabled).toBe(true); // default untouched
    expect(r.locked).toEqual(['llmModel']);
  });

  it('ignores unknown keys in user and managed settings', () => {
    const r = resolveSettings(
      { bogus: 1, toString: 'x', __proto__: { zendeskEnabled: false } },
      { alsoBogus: true, constructor: 'x', hasOwnProperty: 'y' },
    );
    expect(r.settings).toEqual(defaults());
    expect(Object.keys(r.settings).sort()).toEqual([...SETTING_KEYS].sort());
    expect(r.locked).toEqual([]);
    expect(r.invalidPolicy).toEqual([]);
  });

  it('drops invalid user values, keeping the default', () => {
    const r = resolveSettings(
      {
        zendeskEnabled: 'false',
        uiLanguage: 'fr',
        llmBaseUrl: 'javascript:alert(1)',
        llmModel: 'x'.repeat(201),
        redactPii: false,
      },
      {},
    );
    const d = defaults();
    expect(r.settings.zendeskEnabled).toBe(d.zendeskEnabled);
    expect(r.settings.uiLanguage).toBe(d.uiLanguage);
    expect(r.settings.llmBaseUrl).toBe(d.llmBaseUrl);
    expect(r.settings.llmModel).toBe(d.llmModel);
    expect(r.settings.redactPii).toBe(false); // the valid one still applies
  });

  it('accepts an http(s) base URL from the user', () => {
    expect(resolveSettings({ llmBaseUrl: 'https://llm.example/v1' }, {}).settings.llmBaseUrl).toBe(
      'https://llm.example/v1',
    );
  });

  it('locks a policy key even when the user chose another value', () => {
    const r = resolveSettings({ redactPii: false }, { redactPii: true });
    expect(r.settings.redactPii).toBe(true);
    expect(r.locked).toContain('redactPii');
    expect(r.invalidPolicy).toEqual([]);
  });

  it('locks a key whose policy value is invalid at the default, and reports it (fail closed)', () => {
    const r = resolveSettings({ redactPii: false, uiLanguage: 'zh_TW' }, { redactPii: 'no', uiLanguage: 'klingon' });
    expect(r.settings.redactPii).toBe(catalogue.redactPii.default);
    expect(r.settings.uiLanguage).toBe(catalogue.uiLanguage.default);
    expect(r.locked).toEqual(expect.arrayContaining(['redactPii', 'uiLanguage']));
    expect(r.invalidPolicy).toEqual(expect.arrayContaining(['redactPii', 'uiLanguage']));
    expect(r.invalidPolicy).toHaveLength(2);
  });

  it.each([
    ['null', null],
    ['an array', [['zendeskEnabled', false]]],
    ['a string', 'zendeskEnabled=false'],
    ['a number', 42],
    ['undefined', undefined],
  ])('gives the defaults for %s as user or managed input', (_label, input) => {
    const asUser = resolveSettings(input, {});
    expect(asUser.settings).toEqual(defaults());
    const asManaged = resolveSettings({}, input);
    expect(asManaged.settings).toEqual(defaults());
    expect(asManaged.locked).toEqual([]);
    expect(asManaged.invalidPolicy).toEqual([]);
  });

  it('does not share state between calls (defaults are fresh)', () => {
    const first = resolveSettings({ llmModel: 'a' }, {});
    first.settings.zendeskEnabled = false;
    expect(resolveSettings({}, {}).settings.zendeskEnabled).toBe(true);
  });
});

describe('toView', () => {
  it('masks a secret value and lists it in secretsSet without leaking it', () => {
    const view = toView(resolveSettings({ llmApiKey: SECRET, llmModel: 'm' }, {}));
    expect(view.settings.llmApiKey).toBe('');
    expect(view.secretsSet).toEqual(['llmApiKey']);
    expect(view.settings.llmModel).toBe('m');
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('masks a secret set by policy too', () => {
    const view = toView(resolveSettings({}, { llmApiKey: POLICY_SECRET }));
    expect(view.settings.llmApiKey).toBe('');
    expect(view.secretsSet).toEqual(['llmApiKey']);
    expect(view.locked).toEqual(['llmApiKey']);
    expect(JSON.stringify(view)).not.toContain(POLICY_SECRET);
  });

  it('lists no secret when none is set', () => {
    expect(toView(resolveSettings({}, {})).secretsSet).toEqual([]);
  });

  it('does not mutate the resolved settings it masks', () => {
    const resolved = resolveSettings({ llmApiKey: SECRET }, {});
    toView(resolved);
    expect(resolved.settings.llmApiKey).toBe(SECRET);
  });
});

// ----------------------------------------------------------------- service
describe('createSettingsService', () => {
  let service: SettingsService;

  beforeEach(() => {
    fakeBrowser.reset();
    service = createSettingsService();
  });

  afterEach(() => {
    service.stop();
    vi.restoreAllMocks();
  });

  async function expectSettingsError(p: Promise<unknown>, key: string, code: SettingsError['code']) {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).code).toBe(code);
    expect((error as SettingsError).key).toBe(key);
  }

  /** Resolves with the next view a subscriber receives that satisfies `pred`. */
  function nextView(pred: (v: SettingsView) => boolean): Promise<SettingsView> {
    return new Promise((resolve) => {
      const off = service.subscribe((v) => {
        if (pred(v)) {
          off();
          resolve(v);
        }
      });
    });
  }

  it('starts with the defaults and nothing locked', async () => {
    await service.start();
    expect(await service.current()).toEqual(defaults());
    const view = await service.view();
    expect(view.locked).toEqual([]);
    expect(view.secretsSet).toEqual([]);
  });

  it('refuses an unknown key', async () => {
    await service.start();
    await expectSettingsError(service.update({ telemetry: true }), 'telemetry', 'unknown');
  });

  it('refuses an inherited Object property name as a key', async () => {
    await service.start();
    await expectSettingsError(service.update({ toString: 'x' }), 'toString', 'unknown');
  });

  it('refuses an invalid value', async () => {
    await service.start();
    await expectSettingsError(service.update({ zendeskEnabled: 'yes' }), 'zendeskEnabled', 'invalid');
    await expectSettingsError(service.update({ llmBaseUrl: 'file:///etc/passwd' }), 'llmBaseUrl', 'invalid');
    await expectSettingsError(service.update({ uiLanguage: 'de' }), 'uiLanguage', 'invalid');
    expect(await service.current()).toEqual(defaults());
  });

  it('refuses a key that policy locks', async () => {
    await fakeBrowser.storage.managed.set({ redactPii: true });
    await service.start();
    await expectSettingsError(service.update({ redactPii: false }), 'redactPii', 'locked');
    expect((await service.current()).redactPii).toBe(true);
  });

  it('applies none of a patch when one entry is refused', async () => {
    await service.start();
    await expectSettingsError(service.update({ zendeskEnabled: false, bogus: 1 }), 'bogus', 'unknown');
    expect((await service.current()).zendeskEnabled).toBe(true);
    expect((await fakeBrowser.storage.local.get('settings')).settings ?? {}).toEqual({});
  });

  it('persists an update to storage.local and reflects it in current()', async () => {
    await service.start();
    const view = await service.update({ zendeskEnabled: false, llmModel: 'gpt-test' });
    expect(view.settings.zendeskEnabled).toBe(false);
    expect((await service.current()).zendeskEnabled).toBe(false);
    expect((await service.current()).llmModel).toBe('gpt-test');
    const stored = (await fakeBrowser.storage.local.get('settings')).settings;
    expect(stored).toEqual({ zendeskEnabled: false, llmModel: 'gpt-test' });

    // A new service (the background restarting) reads the same settings back.
    const again = createSettingsService();
    expect((await again.current()).zendeskEnabled).toBe(false);
    expect((await again.current()).llmModel).toBe('gpt-test');
  });

  it('keeps earlier user changes when a later update touches another key', async () => {
    await service.start();
    await service.update({ zendeskEnabled: false });
    await service.update({ salesforceEnabled: false });
    const s = await service.current();
    expect(s.zendeskEnabled).toBe(false);
    expect(s.salesforceEnabled).toBe(false);
  });

  it('returns a masked view from update when a secret is saved', async () => {
    await service.start();
    const view = await service.update({ llmApiKey: SECRET });
    expect(view.settings.llmApiKey).toBe('');
    expect(view.secretsSet).toContain('llmApiKey');
    expect(JSON.stringify(view)).not.toContain(SECRET);
    // The background itself still has the key to call the model with.
    expect((await service.current()).llmApiKey).toBe(SECRET);
  });

  it('re-reads policy when storage.managed changes and pushes the locked view to subscribers', async () => {
    await service.start();
    await service.update({ redactPii: false });
    expect((await service.current()).redactPii).toBe(false);

    const pushed = nextView((v) => v.locked.includes('redactPii'));
    await fakeBrowser.storage.managed.set({ redactPii: true, bogusPolicy: 1 });
    const view = await pushed;

    expect(view.settings.redactPii).toBe(true);
    expect(view.locked).toEqual(['redactPii']);
    expect((await service.current()).redactPii).toBe(true);
    await expectSettingsError(service.update({ redactPii: false }), 'redactPii', 'locked');
  });

  it('unlocks and restores the user choice when the policy is removed', async () => {
    await fakeBrowser.storage.managed.set({ zendeskEnabled: true });
    await service.start();
    // The user chose "off" before the policy arrived (stored directly).
    await fakeBrowser.storage.local.set({ settings: { zendeskEnabled: false } });
    await vi.waitFor(async () => expect((await service.view()).locked).toEqual(['zendeskEnabled']));
    expect((await service.current()).zendeskEnabled).toBe(true);

    const pushed = nextView((v) => v.locked.length === 0);
    await fakeBrowser.storage.managed.remove('zendeskEnabled');
    const view = await pushed;
    expect(view.settings.zendeskEnabled).toBe(false);
  });

  it('reports an invalid policy value as locked at the default', async () => {
    await service.start();
    await service.update({ uiLanguage: 'zh_TW' });
    const pushed = nextView((v) => v.invalidPolicy.length > 0);
    await fakeBrowser.storage.managed.set({ uiLanguage: 'tlh' });
    const view = await pushed;
    expect(view.invalidPolicy).toEqual(['uiLanguage']);
    expect(view.locked).toEqual(['uiLanguage']);
    expect(view.settings.uiLanguage).toBe('auto');
  });

  it('treats a storage.managed.get that throws as no policy', async () => {
    await fakeBrowser.storage.local.set({ settings: { zendeskEnabled: false } });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() =>
      Promise.reject(new Error('Managed storage manifest not found'))) as never);
    await expect(service.start()).resolves.toBeUndefined();
    const view = await service.view();
    expect(view.locked).toEqual([]);
    expect(view.invalidPolicy).toEqual([]);
    expect(view.settings.zendeskEnabled).toBe(false);
    // Nothing is locked, so the agent may still change settings.
    await expect(service.update({ salesforceEnabled: false })).resolves.toMatchObject({
      settings: { salesforceEnabled: false },
    });
  });

  it('stops listening to managed changes after stop()', async () => {
    await service.start();
    service.stop();
    const listener = vi.fn();
    service.subscribe(listener);
    await fakeBrowser.storage.managed.set({ redactPii: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(listener).not.toHaveBeenCalled();
  });

  it('never logs a setting value during start, update and a managed change', async () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const spies = methods.map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const secrets = [SECRET, POLICY_SECRET, 'https://internal-llm.corp.example/v1', 'model-name-xyz'];

    await fakeBrowser.storage.local.set({ settings: { llmBaseUrl: secrets[2] } });
    await service.start();
    await service.update({ llmApiKey: SECRET, llmModel: secrets[3] });
    await expectSettingsError(service.update({ llmApiKey: 42 }), 'llmApiKey', 'invalid');

    const pushed = nextView((v) => v.locked.includes('llmApiKey'));
    await fakeBrowser.storage.managed.set({ llmApiKey: POLICY_SECRET });
    await pushed;
    await expectSettingsError(service.update({ llmApiKey: SECRET }), 'llmApiKey', 'locked');

    // Make sure the service did run with the secrets (so the check below is meaningful).
    expect((await service.current()).llmApiKey).toBe(POLICY_SECRET);

    const stringify = (arg: unknown): string => {
      if (typeof arg === 'string') return arg;
      if (arg instanceof Error) return `${arg.message}\n${arg.stack ?? ''}`;
      try {
        return JSON.stringify(arg) ?? String(arg);
      } catch {
        return String(arg);
      }
    };
    for (const spy of spies) {
      for (const call of spy.mock.calls) {
        const text = call.map(stringify).join(' ');
        for (const s of secrets) expect(text, `console output leaked a setting value`).not.toContain(s);
      }
    }
  });

  it('puts no value in the message of a SettingsError', async () => {
    await service.start();
    const error = await service.update({ llmApiKey: { toString: () => SECRET } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).toContain('llmApiKey');
  });
});
