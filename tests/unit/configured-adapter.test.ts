import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configuredAdapter, customSiteForUrl, validateCustomSites, type CustomSite } from '../../lib/adapters/configured';
import { readConversation } from '../../lib/adapters/types';
import { syncCustomSites } from '../../lib/background/custom-sites';
import { resolveSettings } from '../../lib/settings/merge';
import { siteForUrl } from '../../lib/sites';
import { loadPage } from './helpers/load-page';

const SITE: CustomSite = {
  name: 'Acme CRM',
  urlPattern: 'https://crm.acme.example/cases/*',
  ticketId: { selector: '.case-no', attribute: 'data-case' },
  selectors: {
    log: '#thread',
    message: '.msg',
    author: '.who',
    time: 'time',
    text: '.body',
    composer: 'textarea.reply-box',
    subject: '.case-title',
    requester: '.customer-name',
    channel: '.source',
  },
  roles: { customer: '.inbound', agent: '.outbound', internal: '.note' },
};

describe('configured helpdesk: validation', () => {
  it('accepts a complete configuration', () => {
    expect(validateCustomSites([SITE])).toEqual({ ok: true, sites: [SITE] });
  });

  it('names every field at fault', () => {
    const bad = [
      { ...SITE, urlPattern: 'https://*/*', selectors: { ...SITE.selectors, message: 'div[' }, roles: { default: 'boss' } },
      { name: 'x', urlPattern: 'http://crm.example/*', ticketId: { urlRegex: '(' }, selectors: { text: '.b' }, extra: 1 },
    ];
    const result = validateCustomSites(bad);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^customSites\[0\]\.urlPattern: must be a match pattern on one https host/),
        'customSites[0].selectors.message: not a valid CSS selector',
        expect.stringMatching(/^customSites\[0\]\.roles\.default:/),
        expect.stringMatching(/^customSites\[1\]\.urlPattern:/),
        expect.stringMatching(/^customSites\[1\]\.selectors\.message:/),
        expect.stringMatching(/^customSites\[1\]/),
      ]),
    );
    expect(errors.some((e) => e.includes('extra'))).toBe(true);
  });

  it('a policy with an invalid configuration locks it empty (fail closed)', () => {
    const resolved = resolveSettings({ customSites: [SITE] }, { customSites: [{ name: 'broken' }] });
    expect(resolved.settings.customSites).toEqual([]);
    expect(resolved.locked).toContain('customSites');
    expect(resolved.invalidPolicy).toContain('customSites');
  });
});

describe('configured helpdesk: reading', () => {
  const doc = () => loadPage('tests/fixtures/custom/acme-crm-case.html', 'https://crm.acme.example/cases/4471');

  it('reads the conversation with the configured selectors and roles', () => {
    const c = readConversation(configuredAdapter(SITE), doc(), 'crm.acme.example')!;
    expect(c.key).toEqual({ site: 'custom', host: 'crm.acme.example', ticketId: 'CS-4471' });
    expect(c.subject).toBe('Warranty claim for espresso machine');
    expect(c.requester).toBe('Ana Souza');
    expect(c.channel).toBe('email');
    expect(c.messages.map((m) => [m.id, m.role, m.author, m.at])).toEqual([
      ['m1', 'customer', 'Ana Souza', '2026-11-23T10:00:00Z'],
      ['m2', 'agent', 'Leo Park', '2026-11-23T11:00:00Z'],
      ['m3', 'internal', 'Leo Park', '2026-11-23T11:05:00Z'],
    ]);
    expect(c.messages[0]!.text).toBe('My machine stopped heating after two weeks.\n\nCan I get a repair?');
  });

  it('takes the ticket id from the URL when told to, and finds the composer', () => {
    const site = { ...SITE, ticketId: { urlRegex: '/cases/(\\d+)' } };
    const page = doc();
    const adapter = configuredAdapter(site);
    expect(adapter.activeTicket(page)?.ticketId).toBe('4471');
    expect(adapter.composer(page.body)?.tagName).toBe('TEXTAREA');
  });

  it('fails naming the selector when the log is gone', () => {
    const page = doc();
    page.querySelector('#thread')!.id = 'thread-v2';
    expect(() => readConversation(configuredAdapter(SITE), page, 'crm.acme.example')).toThrow(/custom: log/);
  });
});

describe('configured helpdesk: registration', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers a content script only for sites whose host was granted, and lets their pages talk to the background', async () => {
    const registered: { id: string; matches: string[] }[] = [];
    const scripting = {
      getRegisteredContentScripts: vi.fn(async () => registered.map((r) => ({ id: r.id }))),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.splice(registered.findIndex((r) => r.id === id), 1);
      }),
      registerContentScripts: vi.fn(async (scripts: { id: string; matches: string[] }[]) => void registered.push(...scripts)),
    };
    Object.assign(fakeBrowser, { scripting });
    const other: CustomSite = { ...SITE, name: 'Other', urlPattern: 'https://desk.other.example/*' };
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => p.origins?.[0] === 'https://crm.acme.example/*');

    const result = await syncCustomSites([SITE, other]);
    expect(result.registered).toEqual(['https://crm.acme.example/cases/*']);
    expect(registered.map((r) => r.matches)).toEqual([['https://crm.acme.example/cases/*']]);
    expect(siteForUrl('https://crm.acme.example/cases/4471')).toBe('custom');
    expect(siteForUrl('https://crm.acme.example/admin')).toBeNull();
    expect(customSiteForUrl([SITE, other], 'https://desk.other.example/t/1')?.name).toBe('Other');

    // Configuration removed: scripts unregistered, pages no longer trusted.
    await syncCustomSites([]);
    expect(registered).toEqual([]);
    expect(siteForUrl('https://crm.acme.example/cases/4471')).toBeNull();
  });
});
