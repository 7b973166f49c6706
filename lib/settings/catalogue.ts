/**
 * The settings catalogue: the one definition of every setting. The `Settings`
 * type, the options page, public/managed_schema.json and the merge
 * defaults < user < managed policy all come from this table.
 */

interface Base {
  /** Whether a team lead may set (and so lock) it through enterprise policy. */
  policy: boolean;
  /** For the managed schema and the options page (English; the UI uses the i18n key). */
  description: string;
  /** Never shown back to the UI, never logged. */
  secret?: boolean;
}
interface BooleanSetting extends Base { type: 'boolean'; default: boolean }
interface StringSetting extends Base { type: 'string'; default: string; maxLength: number; format?: 'http-url' }
interface EnumSetting<O extends string = string> extends Base { type: 'enum'; default: O; options: readonly O[] }
/** Structured data (a list of objects): validated by `validate`, described to Chrome by `managedSchema`. */
interface JsonSetting<T = unknown> extends Base {
  type: 'json';
  default: T;
  validate(value: unknown): boolean;
  managedSchema: object;
}
type SettingDef = BooleanSetting | StringSetting | EnumSetting | JsonSetting;

import { z } from 'zod';
import { validateCustomSites, type CustomSite } from '../adapters/configured';

/** Chrome's policy schema for customSites (the subset Chrome understands: type, properties, items). */
const CUSTOM_SITES_MANAGED_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      urlPattern: { type: 'string' },
      ticketId: { type: 'object', properties: { urlRegex: { type: 'string' }, selector: { type: 'string' }, attribute: { type: 'string' } } },
      selectors: {
        type: 'object',
        properties: Object.fromEntries(
          ['log', 'message', 'author', 'time', 'text', 'composer', 'subject', 'requester', 'channel'].map((k) => [k, { type: 'string' }]),
        ),
      },
      roles: {
        type: 'object',
        properties: Object.fromEntries(['customer', 'agent', 'bot', 'internal', 'system', 'default'].map((k) => [k, { type: 'string' }])),
      },
      newestFirst: { type: 'boolean' },
    },
  },
};

/** A team's intent: a name agents will read, and example phrases customers use. */
export const teamIntentsSchema = z
  .array(z.strictObject({ name: z.string().trim().min(1).max(60), examples: z.array(z.string().trim().min(1).max(300)).min(3).max(200) }))
  .max(300);
export type TeamIntent = z.infer<typeof teamIntentsSchema>[number];

const INTENTS_MANAGED_SCHEMA = {
  type: 'array',
  items: { type: 'object', properties: { name: { type: 'string' }, examples: { type: 'array', items: { type: 'string' } } } },
};

/** Extra headers for proxies: a few names and values, nothing that breaks HTTP. */
export const llmHeadersSchema = z
  .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/), z.string().max(2000).regex(/^[^\r\n]*$/))
  .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers');

export const BRAND_VOICE_CHANNELS = ['default', 'chat', 'email', 'social', 'messaging', 'voice'] as const;
export const brandVoiceSchema = z.partialRecord(z.enum(BRAND_VOICE_CHANNELS), z.string().max(1000));
export type BrandVoice = z.infer<typeof brandVoiceSchema>;

export const UI_LANGUAGES = ['auto', 'en', 'zh_CN', 'zh_TW'] as const;

export const catalogue = {
  uiLanguage: {
    type: 'enum',
    options: UI_LANGUAGES,
    default: 'auto',
    policy: true,
    description: "Language of Deskmate's interface; auto follows the browser.",
  },
  zendeskEnabled: {
    type: 'boolean',
    default: true,
    policy: true,
    description: 'Read Zendesk Agent Workspace tickets.',
  },
  salesforceEnabled: {
    type: 'boolean',
    default: true,
    policy: true,
    description: 'Read Salesforce Service Console cases and messaging sessions.',
  },
  redactPii: {
    type: 'boolean',
    default: true,
    policy: true,
    description: 'Redact personal data from every text that leaves the browser.',
  },
  sendHistoryToModel: {
    type: 'boolean',
    default: true,
    policy: true,
    description: 'Send the conversation history (redacted) to the language model, not only the latest message.',
  },
  llmBaseUrl: {
    type: 'string',
    default: '',
    maxLength: 2048,
    format: 'http-url',
    policy: true,
    description: 'Base URL of an OpenAI-compatible endpoint; empty runs Deskmate without a model.',
  },
  llmModel: {
    type: 'string',
    default: '',
    maxLength: 200,
    policy: true,
    description: 'Model name at that endpoint.',
  },
  llmApiKey: {
    type: 'string',
    default: '',
    maxLength: 4096,
    policy: true,
    secret: true,
    description: 'API key for the endpoint, if it needs one.',
  },
  customSites: {
    type: 'json',
    default: [] as CustomSite[],
    policy: true,
    validate: (value: unknown) => validateCustomSites(value).ok,
    managedSchema: CUSTOM_SITES_MANAGED_SCHEMA,
    description: 'Other helpdesks or in-house CRMs to read: URL pattern, ticket id and selectors (see the README).',
  },
  intents: {
    type: 'json',
    default: [] as TeamIntent[],
    policy: true,
    validate: (value: unknown) => teamIntentsSchema.safeParse(value).success,
    managedSchema: INTENTS_MANAGED_SCHEMA,
    description: "The team's own intents, each a name and about ten example phrases; empty uses Deskmate's customer-service set.",
  },
  llmProvider: {
    type: 'enum',
    options: ['custom', 'openai', 'azure', 'deepseek', 'qwen', 'ollama', 'vllm', 'lmstudio'] as const,
    default: 'custom',
    policy: true,
    description: 'Which kind of OpenAI-compatible endpoint llmBaseUrl is (fills defaults, explains failures).',
  },
  llmHeaders: {
    type: 'json',
    default: {} as Record<string, string>,
    policy: true,
    validate: (value: unknown) => llmHeadersSchema.safeParse(value).success,
    managedSchema: { type: 'object', additionalProperties: { type: 'string' } },
    description: 'Extra HTTP headers for a company proxy (name to value); put keys in llmApiKey, not here.',
  },
  brandVoice: {
    type: 'json',
    default: {} as BrandVoice,
    policy: true,
    validate: (value: unknown) => brandVoiceSchema.safeParse(value).success,
    managedSchema: { type: 'object', properties: Object.fromEntries(BRAND_VOICE_CHANNELS.map((c) => [c, { type: 'string' }])) },
    description: "The team's brand voice per channel (chat, email, social, messaging, voice, default), in a sentence or two each.",
  },
  embeddingsModel: {
    type: 'string',
    default: '',
    maxLength: 200,
    policy: true,
    description: 'Embedding model at the same endpoint for hybrid knowledge search; empty searches by words only.',
  },
  kbZendeskSync: {
    type: 'boolean',
    default: true,
    policy: true,
    description: "Sync the Help Center articles of the agent's own Zendesk (with the agent's session).",
  },
  kbLocales: {
    type: 'string',
    default: '',
    maxLength: 500,
    policy: true,
    description: 'Help Center locales to sync, comma-separated (e.g. en-us,zh-cn,zh-tw); empty syncs every locale the help center has.',
  },
  kbZendeskApiEmail: {
    type: 'string',
    default: '',
    maxLength: 320,
    policy: true,
    description: 'Zendesk user e-mail for API-token access (with kbZendeskApiToken), when the session cannot be used.',
  },
  kbZendeskApiToken: {
    type: 'string',
    default: '',
    maxLength: 200,
    policy: true,
    secret: true,
    description: 'Zendesk API token for Help Center sync and gap delivery.',
  },
  kbSalesforceSync: {
    type: 'boolean',
    default: true,
    policy: true,
    description: 'Sync Salesforce Knowledge articles through the REST API when the org allows it.',
  },
  gapWebhookUrl: {
    type: 'string',
    default: '',
    maxLength: 2048,
    format: 'http-url',
    policy: true,
    description: 'Webhook that receives knowledge-gap flags (JSON POST with an Idempotency-Key header).',
  },
  gapWebhookSecret: {
    type: 'string',
    default: '',
    maxLength: 500,
    policy: true,
    secret: true,
    description: 'Shared secret to sign webhook bodies (HMAC-SHA256 in X-Deskmate-Signature).',
  },
  gapZendeskDelivery: {
    type: 'enum',
    options: ['off', 'ticket', 'note'] as const,
    default: 'off',
    policy: true,
    description: 'Also deliver gap flags to Zendesk: a new ticket for the knowledge team, or an internal note on the ticket.',
  },
  autoRegenerateDrafts: {
    type: 'boolean',
    default: false,
    policy: true,
    description: 'Regenerate a stale draft automatically when the customer writes again.',
  },
  modelRefinement: {
    type: 'boolean',
    default: true,
    policy: true,
    description:
      "With a model configured, ask it to refine the intent and emotion of each new customer message (one small request per message; the local reading shows either way).",
  },
} as const satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof catalogue;
type ValueOf<D> = D extends { type: 'boolean' }
  ? boolean
  : D extends { type: 'enum'; options: readonly (infer O)[] }
    ? O
    : D extends { type: 'json'; default: infer T }
      ? T
      : string;
export type Settings = { -readonly [K in SettingKey]: ValueOf<(typeof catalogue)[K]> };

export const SETTING_KEYS = Object.keys(catalogue) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(catalogue, key);
}

export function defaults(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, catalogue[k].default])) as Settings;
}

/** True when `value` is acceptable for `key`. */
export function isValidValue(key: SettingKey, value: unknown): boolean {
  const def: SettingDef = catalogue[key];
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && def.options.includes(value);
    case 'json':
      return def.validate(value);
    case 'string':
      if (typeof value !== 'string' || value.length > def.maxLength) return false;
      return def.format !== 'http-url' || value === '' || isHttpUrl(value);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** What the UI gets: effective values (secrets masked), which keys policy locks. */
export interface SettingsView {
  settings: Settings;
  locked: SettingKey[];
  /** Policy keys whose value was invalid: held at the default and locked (fail closed). */
  invalidPolicy: SettingKey[];
  /** Secret settings that have a value, without the value. */
  secretsSet: SettingKey[];
}
