import { LLM_FAULT_CODES } from '../../lib/llm/faults';
import { LLM_HINT_KEYS } from '../../lib/llm/presets';
import { REVIEW_CRITERIA, REWRITE_KINDS } from '../../lib/messaging';
import { DELIVERY_TARGETS, FEEDBACK_KINDS, GAP_REASONS } from '../../lib/knowledge/types';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EscalationReason } from '../../lib/analysis/escalation';
import { EMOTIONS } from '../../lib/analysis/sentiment';
import { CHANNEL_NOTES, DRAFT_FINDING_CODES, GUIDANCE_AVOIDS, GUIDANCE_STEPS } from '../../lib/analysis/tone';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, localeFor, type Locale, type MessageKey } from '../../lib/i18n';
import { SETTING_KEYS, catalogue } from '../../lib/settings/catalogue';
import { CHANNELS, ROLES, SITES } from '../../lib/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LOCALES: Locale[] = ['en', 'zh_CN', 'zh_TW'];

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** The files on disk, which the browser reads (lib/i18n bundles the same files). */
function readLocale(locale: Locale): Record<string, Entry> {
  return JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Record<string, Entry>;
}
const files = Object.fromEntries(LOCALES.map((l) => [l, readLocale(l)])) as Record<Locale, Record<string, Entry>>;
const enKeys = Object.keys(files.en);

/** `$NAME$` references in a message, lower-cased like the browser does. */
function referencedPlaceholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();
}

// ----------------------------------------------------------- locale files
describe('locale files', () => {
  it('the bundled catalogues are the files in public/_locales', () => {
    for (const l of LOCALES) expect(CATALOGUES[l]).toEqual(files[l]);
  });

  it.each(['zh_CN', 'zh_TW'] as const)('%s has exactly the keys of en', (locale) => {
    const keys = Object.keys(files[locale]);
    const missing = enKeys.filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !enKeys.includes(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(LOCALES)('%s has no empty message', (locale) => {
    const empty = Object.entries(files[locale])
      .filter(([, e]) => typeof e.message !== 'string' || e.message.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('every key has the same placeholder names, mapped to the same arguments, in all locales', () => {
    for (const key of enKeys) {
      const shape = (l: Locale) =>
        Object.fromEntries(
          Object.entries(files[l][key]?.placeholders ?? {})
            .map(([name, p]) => [name.toLowerCase(), p.content] as const)
            .sort(([a], [b]) => a.localeCompare(b)),
        );
      expect(shape('zh_CN'), `${key} (zh_CN)`).toEqual(shape('en'));
      expect(shape('zh_TW'), `${key} (zh_TW)`).toEqual(shape('en'));
    }
  });

  it.each(LOCALES)('%s: every $NAME$ in a message is defined, and every placeholder is used', (locale) => {
    for (const [key, entry] of Object.entries(files[locale])) {
      const defined = Object.keys(entry.placeholders ?? {})
        .map((n) => n.toLowerCase())
        .sort();
      expect(referencedPlaceholders(entry.message), `${locale}/${key}`).toEqual(defined);
    }
  });

  it.each(['zh_CN', 'zh_TW'] as const)('%s translates most of the interface (a missing translation shows up)', (locale) => {
    // Names that legitimately read the same in every language.
    const sameEverywhere = (k: string) =>
      k === 'extName' || k.startsWith('site_') || /^setting_uiLanguage_(en|zh_CN|zh_TW)$/.test(k);
    const uiKeys = enKeys.filter((k) => !sameEverywhere(k));
    const untranslated = uiKeys.filter((k) => files[locale][k]?.message === files.en[k]!.message);
    expect(uiKeys.length).toBeGreaterThan(20);
    expect(
      (uiKeys.length - untranslated.length) / uiKeys.length,
      `untranslated in ${locale}: ${untranslated.join(', ')}`,
    ).toBeGreaterThanOrEqual(0.8);
  });

  it('names every interface language in its own language, the same in all locales', () => {
    for (const l of LOCALES) {
      expect(files[l].setting_uiLanguage_zh_CN?.message).toBe('简体中文');
      expect(files[l].setting_uiLanguage_zh_TW?.message).toBe('繁體中文');
    }
  });
});

// --------------------------------------------------------------- localeFor
describe('localeFor', () => {
  it.each([
    ['zh-CN', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['zh-Hans', 'zh_CN'],
    ['zh-SG', 'zh_CN'],
    ['zh_CN', 'zh_CN'],
    ['zh-TW', 'zh_TW'],
    ['zh-HK', 'zh_TW'],
    ['zh-MO', 'zh_TW'],
    ['zh-Hant', 'zh_TW'],
    ['zh-Hant-TW', 'zh_TW'],
    ['zh_TW', 'zh_TW'],
    ['ZH-tw', 'zh_TW'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['fr', 'en'],
    ['ja-JP', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as [string | undefined, Locale][])('%s → %s', (tag, locale) => {
    expect(localeFor(tag)).toBe(locale);
  });
});

// -------------------------------------------------------- createTranslator
describe('createTranslator', () => {
  it('fills a single placeholder', () => {
    expect(createTranslator('en')('ticket_heading', '1001')).toBe('Ticket #1001');
    expect(createTranslator('zh_CN')('ticket_heading', '1001')).toBe('工单 #1001');
    expect(createTranslator('zh_TW')('ticket_heading', '1001')).toBe('工單 #1001');
  });

  it('accepts numbers as substitutions', () => {
    expect(createTranslator('en')('conversation_count', 3)).toBe('3 messages');
  });

  it('puts two substitutions in the right places (en)', () => {
    expect(createTranslator('en')('insert_otherTicket', '2002', '1001')).toBe(
      'Not inserted: the open composer belongs to ticket #2002, and this reply is for ticket #1001. Switch back to #1001 to insert it.',
    );
  });

  it.each(LOCALES)('%s: insert_otherTicket names the composer ticket first and the reply ticket where it is meant', (locale) => {
    const text = createTranslator(locale)('insert_otherTicket', '2002', '1001');
    expect(text).not.toMatch(/\$/);
    expect(text.match(/#2002/g)).toHaveLength(1);
    expect(text.match(/#1001/g)).toHaveLength(2);
    expect(text.indexOf('#2002')).toBeLessThan(text.indexOf('#1001'));
  });

  it.each(LOCALES)('%s: popup_ticket puts the ticket id and the count in their places', (locale) => {
    const text = createTranslator(locale)('popup_ticket', 'T-77', 12);
    expect(text).not.toMatch(/\$/);
    expect(text).toContain('#T-77');
    expect(text).toContain('12');
    expect(text.indexOf('T-77')).toBeLessThan(text.indexOf('12'));
  });

  it.each(LOCALES)('%s: every message with placeholders is fully substituted', (locale) => {
    const t = createTranslator(locale);
    for (const [key, entry] of Object.entries(files[locale])) {
      const names = Object.keys(entry.placeholders ?? {});
      if (names.length === 0) continue;
      const args = ['ARG1', 'ARG2', 'ARG3', 'ARG4'];
      const text = t(key as MessageKey, ...args);
      expect(text, `${locale}/${key}`).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
      for (const name of names) {
        const n = Number(entry.placeholders![name]!.content.replace('$', ''));
        expect(text, `${locale}/${key} ${name}`).toContain(args[n - 1]);
      }
    }
  });

  it('does not re-expand a substitution that looks like a placeholder', () => {
    expect(createTranslator('en')('insert_error', '$DETAIL$ $1')).toBe('Not inserted: $DETAIL$ $1');
  });
});

// ------------------------------------------------- keys used in the source
function sourceFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(ROOT, dir, f));
}

interface Use {
  file: string;
  key: string;
}
function keysUsed(): { literals: Use[]; templates: Use[] } {
  const literals: Use[] = [];
  const templates: Use[] = [];
  const call = /(?<![\w$])(?:t|tr|t\.value)\(\s*(?:(['"])([^'"\n]+)\1|`([^`\n]*)`)/g;
  for (const file of ['components', 'lib', 'entrypoints'].flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(call)) {
      const rel = relative(ROOT, file);
      if (m[2] !== undefined) literals.push({ file: rel, key: m[2] });
      else templates.push({ file: rel, key: m[3]! });
    }
  }
  return { literals, templates };
}

describe('message keys used in the code', () => {
  const { literals, templates } = keysUsed();

  it('finds the translation calls (sanity check of the scan)', () => {
    expect(literals.length).toBeGreaterThan(30);
    expect(literals.map((u) => u.key)).toEqual(expect.arrayContaining(['reply_label', 'insert_otherTicket', 'options_title']));
    expect(templates.map((u) => u.key)).toEqual(expect.arrayContaining(['role_${m.role}', 'channel_${c.channel}']));
  });

  it('every literal key exists in en', () => {
    const missing = literals.filter((u) => !Object.hasOwn(files.en, u.key)).map((u) => `${u.file}: ${u.key}`);
    expect(missing).toEqual([]);
  });

  it('every manifest __MSG_…__ key exists in en', () => {
    const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const keys = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(Object.hasOwn(files.en, k), k).toBe(true);
  });

  it('every template-literal key belongs to a family this test enumerates', () => {
    const families = /^(role|channel|site|setting|emotion|reason|step|avoid|note|finding|fault|assist_task|rewrite|review|kb_feedback|gap_reason|gap_target)_\$\{[^}]+\}(_\$\{[^}]+\})?$/;
    const unknown = templates.filter((u) => !families.test(u.key)).map((u) => `${u.file}: ${u.key}`);
    expect(unknown, 'add the new key family to this test').toEqual([]);
  });

  it('has role_<r>, channel_<c> and site_<s> for every role, channel and site', () => {
    const wanted = [
      ...ROLES.map((r) => `role_${r}`),
      ...CHANNELS.map((c) => `channel_${c}`),
      ...SITES.map((s) => `site_${s}`),
      ...EMOTIONS.map((e) => `emotion_${e}`),
      ...(['legal', 'manager', 'leave', 'rising', 'sustained', 'last_negative'] satisfies EscalationReason[]).map((r) => `reason_${r}`),
      ...GUIDANCE_STEPS.map((c) => `step_${c}`),
      ...GUIDANCE_AVOIDS.map((c) => `avoid_${c}`),
      ...CHANNEL_NOTES.map((c) => `note_${c}`),
      ...DRAFT_FINDING_CODES.map((c) => `finding_${c}`),
      ...[...LLM_FAULT_CODES, 'not_configured', 'no_ticket', 'unknown'].map((c) => `fault_${c}`),
      ...(['draft', 'rewrite', 'summary', 'review'] as const).map((c) => `assist_task_${c}`),
      ...REWRITE_KINDS.map((c) => `rewrite_${c}`),
      ...REVIEW_CRITERIA.map((c) => `review_${c}`),
      ...FEEDBACK_KINDS.map((c) => `kb_feedback_${c}`),
      ...GAP_REASONS.map((c) => `gap_reason_${c}`),
      ...DELIVERY_TARGETS.map((c) => `gap_target_${c}`),
      ...LLM_HINT_KEYS,
    ];
    for (const l of LOCALES) {
      expect(wanted.filter((k) => !Object.hasOwn(files[l], k)), l).toEqual([]);
    }
  });

  it('has setting_<key> for every setting and setting_<key>_<option> for every enum option', () => {
    const wanted: string[] = [];
    for (const key of SETTING_KEYS) {
      wanted.push(`setting_${key}`);
      const def = catalogue[key];
      if (def.type === 'enum') for (const o of def.options) wanted.push(`setting_${key}_${o}`);
    }
    expect(wanted).toContain('setting_uiLanguage_auto');
    for (const l of LOCALES) {
      expect(wanted.filter((k) => !Object.hasOwn(files[l], k)), l).toEqual([]);
    }
  });
});
