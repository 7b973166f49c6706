import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Runtime, Tabs } from '../../lib/browser';
import {
  handleBackgroundRequests,
  handleContentRequests,
  ProtocolError,
  requestBackground,
  senderKind,
  type BackgroundHandlers,
  type ContentHandlers,
} from '../../lib/messaging';
import { defaults, type SettingsView } from '../../lib/settings/catalogue';

const ZENDESK_TICKET = 'https://acme.zendesk.com/agent/tickets/1';
const SALESFORCE_CASE = 'https://x.lightning.force.com/lightning/r/Case/500xx000001/view';

function tab(url: string, id = 7): Tabs.Tab {
  return { id, index: 0, windowId: 1, url, active: true, highlighted: true, pinned: false, incognito: false } as Tabs.Tab;
}
function extensionPage(path = 'sidepanel.html'): Runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(`/${path}`) };
}
function contentScript(url = ZENDESK_TICKET, frameId = 0): Runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url, tab: tab(url), frameId };
}
function envelope(name: string, payload: unknown) {
  return { protocol: 'deskmate/1', name, payload };
}

const view: SettingsView = { settings: defaults(), locked: [], invalidPolicy: [], secretsSet: [] };
const key = { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' } as const;

beforeEach(() => {
  fakeBrowser.reset();
});

// ------------------------------------------------------------- senderKind
describe('senderKind', () => {
  it('uses the fake runtime id and extension URLs (sanity check of the test set-up)', () => {
    expect(fakeBrowser.runtime.id).toBeTruthy();
    expect(fakeBrowser.runtime.getURL('/')).toBe(`chrome-extension://${fakeBrowser.runtime.id}/`);
  });

  it('classifies one of our extension pages', () => {
    expect(senderKind(extensionPage('sidepanel.html'))).toBe('extension-page');
    expect(senderKind(extensionPage('options.html#general'))).toBe('extension-page');
  });

  it('classifies an extension page opened in a tab as an extension page', () => {
    const url = fakeBrowser.runtime.getURL('/options.html');
    expect(senderKind({ id: fakeBrowser.runtime.id, url, tab: tab(url), frameId: 0 })).toBe('extension-page');
  });

  it('classifies a content script in the top frame of a Zendesk agent tab', () => {
    expect(senderKind(contentScript(ZENDESK_TICKET))).toBe('content-script');
  });

  it('classifies a content script in the top frame of a Salesforce Lightning tab', () => {
    expect(senderKind(contentScript(SALESFORCE_CASE))).toBe('content-script');
  });

  it('rejects another extension', () => {
    expect(senderKind({ id: 'some-other-extension', url: 'chrome-extension://some-other-extension/sidepanel.html' })).toBeNull();
    expect(senderKind({ ...contentScript(), id: 'some-other-extension' })).toBeNull();
  });

  it("rejects a page claiming another extension's origin with our id", () => {
    expect(senderKind({ id: fakeBrowser.runtime.id, url: 'chrome-extension://some-other-extension/sidepanel.html' })).toBeNull();
  });

  it('rejects a tab on a page that is not a helpdesk', () => {
    expect(senderKind(contentScript('https://evil.example/agent/tickets/1'))).toBeNull();
    expect(senderKind(contentScript('https://zendesk.com.evil.example/agent/'))).toBeNull();
    expect(senderKind(contentScript('http://acme.zendesk.com/agent/tickets/1'))).toBeNull();
    expect(senderKind(contentScript('https://acme.zendesk.com/hc/en-us'))).toBeNull();
  });

  it('rejects a helpdesk subframe', () => {
    expect(senderKind(contentScript(ZENDESK_TICKET, 3))).toBeNull();
  });

  it('rejects a helpdesk URL without a tab', () => {
    expect(senderKind({ id: fakeBrowser.runtime.id, url: ZENDESK_TICKET })).toBeNull();
  });

  it('rejects a sender without an id', () => {
    expect(senderKind({ url: fakeBrowser.runtime.getURL('/sidepanel.html') })).toBeNull();
    expect(senderKind({ url: ZENDESK_TICKET, tab: tab(ZENDESK_TICKET), frameId: 0 })).toBeNull();
    expect(senderKind({})).toBeNull();
  });
});

// ------------------------------------------------------ background handler
describe('handleBackgroundRequests', () => {
  let handlers: { [K in keyof BackgroundHandlers]: ReturnType<typeof vi.fn> };
  let off: () => void;

  beforeEach(() => {
    handlers = {
      'ticket.report': vi.fn(() => undefined),
      'composer.insert': vi.fn(() => ({ ok: true as const, ticketId: '1001' })),
      'composer.draft': vi.fn(() => undefined),
      'ticket.append': vi.fn(() => ({ resync: false })),
      'custom.config': vi.fn(() => null),
      'ticket.preview': vi.fn(() => null),
      'ticket.diagnose': vi.fn(() => ({ kind: 'deskmate-diagnostics' })),
      'settings.get': vi.fn(() => view),
      'settings.set': vi.fn(() => view),
      'kb.recommend': vi.fn(() => ({ hits: [], articles: 0 })),
      'kb.search': vi.fn(() => []),
      'kb.feedback': vi.fn(() => undefined),
      'gap.flag': vi.fn(() => ({ flagId: 'f1' })),
      'gap.flagFromPage': vi.fn(() => ({ flagId: 'f1' })),
      'gap.list': vi.fn(() => []),
      'gap.retry': vi.fn(() => undefined),
      'kb.status': vi.fn(() => ({ articles: 0, byLocale: {}, sources: [], pendingFlags: 0 })),
      'kb.sync': vi.fn(() => ({ articles: 0, byLocale: {}, sources: [], pendingFlags: 0 })),
      'kb.import': vi.fn(() => ({ ok: true, articles: 0 })),
      'kb.export': vi.fn(() => ''),
      'kb.teamGaps': vi.fn(() => []),
      'ticket.note': vi.fn(() => ({ ok: true })),
      'llm.test': vi.fn(() => ({ ok: true, models: [], modelFound: false })),
      'llm.preview': vi.fn(() => ({ text: '', configured: false })),
    };
    off = handleBackgroundRequests(handlers as unknown as BackgroundHandlers);
  });
  afterEach(() => off());

  /** Dispatches like the browser does and returns what our listener answered. */
  async function send(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
    const results = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => {});
    expect(results).toHaveLength(1);
    return results[0];
  }

  it('answers an extension page asking for settings', async () => {
    const reply = await send(envelope('settings.get', {}), extensionPage());
    expect(reply).toEqual({ ok: true, value: view });
    expect(handlers['settings.get']).toHaveBeenCalledTimes(1);
  });

  it('refuses a content script sending an extension-page request, without calling the handler', async () => {
    const reply = await send(envelope('settings.set', { patch: { redactPii: false } }), contentScript());
    expect(reply).toMatchObject({ ok: false });
    expect(handlers['settings.set']).not.toHaveBeenCalled();
  });

  it('refuses a content script asking to insert text', async () => {
    const reply = await send(envelope('composer.insert', { windowId: 1, key, text: 'hi' }), contentScript());
    expect(reply).toMatchObject({ ok: false });
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
  });

  it('takes the composer text only from a helpdesk page, and at most 20,000 characters of it', async () => {
    expect(await send(envelope('composer.draft', { key, text: 'Sorry for the wait' }), contentScript())).toMatchObject({ ok: true });
    expect(await send(envelope('composer.draft', { key, text: 'hi' }), extensionPage())).toMatchObject({ ok: false });
    expect(await send(envelope('composer.draft', { key, text: 'x'.repeat(20_001) }), contentScript())).toMatchObject({ ok: false });
    expect(handlers['composer.draft']).toHaveBeenCalledTimes(1);
  });

  it('takes a gap flag from a helpdesk page only as gap.flagFromPage, and from the panel only as gap.flag', async () => {
    const flag = { key, messageId: 'm1', reason: 'missing', note: '' };
    expect(await send(envelope('gap.flagFromPage', flag), contentScript())).toMatchObject({ ok: true });
    expect(await send(envelope('gap.flagFromPage', flag), extensionPage())).toMatchObject({ ok: false });
    expect(await send(envelope('gap.flag', { ...flag, draft: '', articleId: null }), contentScript())).toMatchObject({ ok: false });
    expect(await send(envelope('gap.flag', { ...flag, draft: '', articleId: null }), extensionPage())).toMatchObject({ ok: true });
    expect(await send(envelope('gap.flagFromPage', { ...flag, reason: 'because' }), contentScript())).toMatchObject({ ok: false });
    expect(handlers['gap.flagFromPage']).toHaveBeenCalledTimes(1);
    expect(handlers['gap.flag']).toHaveBeenCalledTimes(1);
  });

  it('refuses a content script asking for knowledge exports or imports', async () => {
    expect(await send(envelope('kb.export', { what: 'flags', format: 'csv' }), contentScript())).toMatchObject({ ok: false });
    expect(await send(envelope('kb.import', { files: [{ name: 'a.md', encoding: 'text', data: '# A' }] }), contentScript())).toMatchObject({ ok: false });
    expect(handlers['kb.export']).not.toHaveBeenCalled();
    expect(handlers['kb.import']).not.toHaveBeenCalled();
  });

  it('refuses an extension page sending a content-script report', async () => {
    const reply = await send(envelope('ticket.report', { state: { kind: 'none', site: 'zendesk' } }), extensionPage());
    expect(reply).toMatchObject({ ok: false });
    expect(handlers['ticket.report']).not.toHaveBeenCalled();
  });

  it('refuses a report from a non-helpdesk tab or a subframe', async () => {
    const state = { state: { kind: 'none', site: 'zendesk' } };
    expect(await send(envelope('ticket.report', state), contentScript('https://evil.example/agent/tickets/1'))).toMatchObject({ ok: false });
    expect(await send(envelope('ticket.report', state), contentScript(ZENDESK_TICKET, 3))).toMatchObject({ ok: false });
    expect(await send(envelope('settings.get', {}), { id: 'other-ext', url: 'chrome-extension://other-ext/x.html' })).toMatchObject({ ok: false });
    expect(handlers['ticket.report']).not.toHaveBeenCalled();
    expect(handlers['settings.get']).not.toHaveBeenCalled();
  });

  it('rejects an insert of more than 50,000 characters without calling the handler', async () => {
    const reply = await send(envelope('composer.insert', { windowId: 1, key, text: 'x'.repeat(60_000) }), extensionPage());
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toContain('text');
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
  });

  it('rejects a ticket key naming an unknown site without calling the handler', async () => {
    const reply = await send(
      envelope('composer.insert', { windowId: 1, key: { ...key, site: 'evil' }, text: 'hi' }),
      extensionPage(),
    );
    expect(reply).toMatchObject({ ok: false });
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
  });

  it('rejects an empty insert and a malformed report', async () => {
    expect(await send(envelope('composer.insert', { windowId: 1, key, text: '' }), extensionPage())).toMatchObject({ ok: false });
    expect(await send(envelope('ticket.report', { state: { kind: 'ok' } }), contentScript())).toMatchObject({ ok: false });
    expect(await send(envelope('ticket.report', undefined), contentScript())).toMatchObject({ ok: false });
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
    expect(handlers['ticket.report']).not.toHaveBeenCalled();
  });

  it('passes a valid request to its handler with the parsed payload and the sender, and replies with its value', async () => {
    const sender = extensionPage();
    const reply = await send(
      envelope('composer.insert', { windowId: 4, key: { ...key, extra: 'dropped' }, text: 'Hello there', junk: 1 }),
      sender,
    );
    expect(reply).toEqual({ ok: true, value: { ok: true, ticketId: '1001' } });
    expect(handlers['composer.insert']).toHaveBeenCalledTimes(1);
    const [payload, gotSender] = handlers['composer.insert'].mock.calls[0]!;
    // Parsed: unknown fields are stripped before the handler sees them.
    expect(payload).toEqual({ windowId: 4, key, text: 'Hello there' });
    expect(gotSender).toBe(sender);
  });

  it('passes a valid content-script report to its handler', async () => {
    const state = { kind: 'disabled', site: 'salesforce' };
    const reply = await send(envelope('ticket.report', { state }), contentScript(SALESFORCE_CASE));
    expect(reply).toEqual({ ok: true, value: undefined });
    expect(handlers['ticket.report']).toHaveBeenCalledWith({ state }, expect.objectContaining({ url: SALESFORCE_CASE }));
  });

  it('turns a handler error into {ok:false} with its message', async () => {
    handlers['settings.set'].mockImplementation(() => {
      throw new Error('locked setting: redactPii');
    });
    const reply = await send(envelope('settings.set', { patch: { redactPii: false } }), extensionPage());
    expect(reply).toEqual({ ok: false, error: 'locked setting: redactPii' });
  });

  it.each([
    ['a string', 'settings.get'],
    ['null', null],
    ['an object without the protocol', { name: 'settings.get', payload: {} }],
    ['another protocol version', { protocol: 'deskmate/0', name: 'settings.get', payload: {} }],
    ['a protocol envelope without a name', { protocol: 'deskmate/1', payload: {} }],
  ])('ignores %s (the listener returns undefined)', async (_label, message) => {
    expect(await send(message, extensionPage())).toBeUndefined();
    expect(handlers['settings.get']).not.toHaveBeenCalled();
  });

  it('ignores a request name it does not know, leaving it to other listeners', async () => {
    expect(await send(envelope('ticket.read', {}), extensionPage())).toBeUndefined();
  });

  it('stops answering after unsubscribe', async () => {
    off();
    const results = await fakeBrowser.runtime.onMessage.trigger(envelope('settings.get', {}), extensionPage() as never, () => {});
    expect(results).toEqual([]);
    expect(handlers['settings.get']).not.toHaveBeenCalled();
  });

  describe('with requestBackground', () => {
    /** Routes sendMessage to our listener as the browser would, from `sender` (the fake only supports `return true` listeners). */
    function routeFrom(sender: Runtime.MessageSender) {
      vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
        const results = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => {});
        return results.find((r) => r !== undefined);
      }) as never);
    }
    afterEach(() => vi.restoreAllMocks());

    it('unwraps the value for an allowed sender', async () => {
      routeFrom(extensionPage());
      await expect(requestBackground('settings.get', {})).resolves.toEqual(view);
      expect(handlers['settings.get']).toHaveBeenCalledTimes(1);
    });

    it('throws a ProtocolError carrying the refusal for a sender of the wrong kind', async () => {
      routeFrom(contentScript());
      const error = await requestBackground('settings.get', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(/sender not allowed/);
      expect(handlers['settings.get']).not.toHaveBeenCalled();
    });

    it('throws a ProtocolError when nobody answers', async () => {
      off();
      routeFrom(extensionPage());
      await expect(requestBackground('settings.get', {})).rejects.toBeInstanceOf(ProtocolError);
    });
  });
});

// --------------------------------------------------------- content handler
describe('handleContentRequests', () => {
  let handlers: { [K in keyof ContentHandlers]: ReturnType<typeof vi.fn> };
  let off: () => void;
  const background: Runtime.MessageSender = { id: 'test-extension-id' };

  beforeEach(() => {
    handlers = {
      'ticket.read': vi.fn(() => ({ kind: 'none', site: 'zendesk' })),
      'composer.insert': vi.fn(() => ({ ok: true, ticketId: '1001' })),
      'ticket.diagnose': vi.fn(() => ({ kind: 'deskmate-diagnostics' })),
      'helpdesk.fetch': vi.fn(() => ({ status: 200, json: {}, retryAfter: null })),
    };
    off = handleContentRequests(handlers as unknown as ContentHandlers);
    background.id = fakeBrowser.runtime.id;
  });
  afterEach(() => off());

  async function send(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
    const results = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => {});
    return results[0];
  }

  it('answers the background (our id, no tab)', async () => {
    const reply = await send(envelope('ticket.read', {}), background);
    expect(reply).toEqual({ ok: true, value: { kind: 'none', site: 'zendesk' } });
    expect(handlers['ticket.read']).toHaveBeenCalledTimes(1);
  });

  it('passes a valid insert with the parsed payload', async () => {
    const reply = await send(envelope('composer.insert', { key, text: 'Hi' }), background);
    expect(reply).toEqual({ ok: true, value: { ok: true, ticketId: '1001' } });
    expect(handlers['composer.insert']).toHaveBeenCalledWith({ key, text: 'Hi' }, background);
  });

  it('ignores a message from another content script (sender has a tab)', async () => {
    const reply = await send(envelope('composer.insert', { key, text: 'Hi' }), contentScript());
    expect(reply).toBeUndefined();
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
  });

  it('ignores a message from another extension', async () => {
    const reply = await send(envelope('ticket.read', {}), { id: 'some-other-extension' });
    expect(reply).toBeUndefined();
    expect(handlers['ticket.read']).not.toHaveBeenCalled();
  });

  it('ignores a message that is not a protocol envelope', async () => {
    expect(await send({ name: 'ticket.read' }, background)).toBeUndefined();
    expect(handlers['ticket.read']).not.toHaveBeenCalled();
  });

  it('rejects an invalid insert payload without calling the handler', async () => {
    const tooLong = await send(envelope('composer.insert', { key, text: 'x'.repeat(50_001) }), background);
    expect(tooLong).toMatchObject({ ok: false });
    const badSite = await send(envelope('composer.insert', { key: { ...key, site: 'evil' }, text: 'Hi' }), background);
    expect(badSite).toMatchObject({ ok: false });
    expect(handlers['composer.insert']).not.toHaveBeenCalled();
  });

  it('lets the background call only Help Center, ticket and Salesforce data API paths through a helpdesk page', async () => {
    for (const path of ['/api/v2/help_center/incremental/articles.json?start_time=0', '/api/v2/tickets.json', '/api/v2/tickets/1001.json', '/api/v2/tickets/1001/comments.json?sort_order=desc', '/services/data/v60.0/query?q=SELECT+Id']) {
      expect(await send(envelope('helpdesk.fetch', { method: 'GET', path }), background), path).toMatchObject({ ok: true });
    }
    for (const path of ['/api/v2/users/1/password.json', 'https://evil.example/api/v2/help_center/x', '//evil.example/api/v2/tickets.json', '/agent/tickets/1', '/api/v2/tickets/1001.json/../../users.json', '/api/v2/help_center/../../users/1.json', '/api/v2/help_center/%2e%2e/x', '/services/data/v60.0/../../secur/frontdoor.jsp']) {
      expect(await send(envelope('helpdesk.fetch', { method: 'GET', path }), background), path).toMatchObject({ ok: false });
    }
    expect(await send(envelope('helpdesk.fetch', { method: 'DELETE', path: '/api/v2/tickets/1.json' }), background)).toMatchObject({ ok: false });
    expect(handlers['helpdesk.fetch']).toHaveBeenCalledTimes(5);
  });

  it('answers an unknown request name with {ok:false}', async () => {
    expect(await send(envelope('settings.get', {}), background)).toMatchObject({ ok: false });
  });

  // A name inherited from Object.prototype ('toString', 'constructor') is not a request.
  it('answers a request named after an Object.prototype member with {ok:false} rather than crashing', async () => {
    await expect(send(envelope('toString', {}), background)).resolves.toMatchObject({ ok: false });
  });
});
