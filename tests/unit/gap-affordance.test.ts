import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabTicketState } from '../../lib/messaging';
import { salesforceAdapter } from '../../lib/adapters/salesforce';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import type { SiteAdapter } from '../../lib/adapters/types';
import { createGapAffordance } from '../../lib/content/gap-affordance';
import { OWN_ELEMENT, watchTickets } from '../../lib/content/ticket-watcher';
import { createTranslator } from '../../lib/i18n';
import { openSalesforceTab } from './helpers/demo-pages';
import { loadPage } from './helpers/load-page';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stop: (() => void) | undefined;
afterEach(() => stop?.());

function setup(adapter: SiteAdapter, page: string, url: string, host: string) {
  const doc = loadPage(page, url);
  const message = vi.fn(adapter.message);
  const states: TabTicketState[] = [];
  const controller = new AbortController();
  stop = () => controller.abort();
  const watcher = watchTickets({ adapter: { ...adapter, message }, doc, host, signal: controller.signal, onState: (s) => states.push(s), pollMs: 10_000, batchMs: 5 });
  const flag = vi.fn(async () => undefined);
  // happy-dom lays nothing out, so nothing ever comes into view: every button is made at once.
  const gaps = createGapAffordance({ doc, t: createTranslator('en'), flag, whenVisible: false });
  return { doc, message, states, watcher, gaps, flag };
}

const zendesk = () => setup(zendeskAdapter, 'scripts/demo/zendesk/agent-workspace.html', 'https://acme.zendesk.com/agent/tickets/1001', 'acme.zendesk.com');

describe('knowledge-gap buttons on the helpdesk page', () => {
  it('puts one button on each customer message of the ticket in front, none on agent or internal messages', () => {
    const { doc, watcher, gaps, states } = zendesk();
    const state = states[0]!;
    if (state.kind !== 'ok') throw new Error('no ticket');
    const shown = watcher.messageElements();
    expect(shown.map((s) => s.message)).toEqual(state.conversation.messages);
    gaps.update(state.conversation.key, shown);
    const hosts = [...doc.querySelectorAll(OWN_ELEMENT)];
    const customerIds = state.conversation.messages.filter((m) => m.role === 'customer').map((m) => m.id);
    expect(customerIds.length).toBeGreaterThan(0);
    expect(hosts.map((h) => (h as HTMLElement).dataset.messageId).sort()).toEqual([...customerIds].sort());
    // Again: nothing added twice.
    gaps.update(state.conversation.key, watcher.messageElements());
    expect(doc.querySelectorAll(OWN_ELEMENT)).toHaveLength(customerIds.length);
  });

  it('does not change what is read from the page, and its own nodes cause no re-parse or report', async () => {
    const { watcher, gaps, states, message } = zendesk();
    const before = states[0]!;
    if (before.kind !== 'ok') throw new Error('no ticket');
    message.mockClear();
    gaps.update(before.conversation.key, watcher.messageElements());
    await wait(30);
    expect(states).toHaveLength(1);
    expect(message).not.toHaveBeenCalled();
    const again = watcher.refresh();
    expect(again.kind === 'ok' && again.conversation.messages).toEqual(before.conversation.messages);
  });

  it('keeps Salesforce messages (feed and shadow-root chat) unchanged when decorated', () => {
    const sf = setup(salesforceAdapter, 'scripts/demo/salesforce/service-console.html', 'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZabIAF/view', 'acme.lightning.force.com');
    let decorated = 0;
    for (const tab of ['00012345', 'MS-0000421']) {
      openSalesforceTab(sf.doc, tab);
      const state = sf.watcher.refresh();
      if (state.kind !== 'ok') throw new Error(`no ticket in ${tab}`);
      const shown = sf.watcher.messageElements();
      sf.gaps.update(state.conversation.key, shown);
      const after = sf.watcher.refresh();
      expect(after.kind === 'ok' && after.conversation.messages).toEqual(state.conversation.messages);
      const customers = shown.filter((s) => s.message.role === 'customer' && s.message.text);
      expect(customers.length, tab).toBeGreaterThan(0);
      for (const { element } of customers) expect(element.querySelector(OWN_ELEMENT), tab).not.toBeNull();
      decorated += customers.length;
    }
    expect(decorated).toBeGreaterThan(1);
  });

  it('sends the flag for its message with the reason and note chosen, from the keyboard-reachable form', async () => {
    const { doc, watcher, gaps, states, flag } = zendesk();
    const state = states[0]!;
    if (state.kind !== 'ok') throw new Error('no ticket');
    // Capture the closed shadow roots as they are made.
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    };
    try {
      gaps.update(state.conversation.key, watcher.messageElements());
    } finally {
      Element.prototype.attachShadow = attach;
    }
    const host = doc.querySelector(OWN_ELEMENT) as HTMLElement;
    const root = roots[0]!;
    const open = root.querySelector('button')!;
    expect(open.tabIndex).toBeGreaterThanOrEqual(0);
    expect(open.getAttribute('aria-expanded')).toBe('false');
    open.click();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const select = root.querySelector('select')!;
    select.value = 'outdated';
    root.querySelector('textarea')!.value = '  The refund article still says 14 days  ';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await wait(0);
    expect(flag).toHaveBeenCalledWith(state.conversation.key, host.dataset.messageId, 'outdated', 'The refund article still says 14 days');
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('[role="status"]')!.textContent).toContain('Flagged');
  });

  it('takes every button off the page on clear', () => {
    const { doc, watcher, gaps, states } = zendesk();
    const state = states[0]!;
    if (state.kind !== 'ok') throw new Error('no ticket');
    gaps.update(state.conversation.key, watcher.messageElements());
    expect(doc.querySelectorAll(OWN_ELEMENT).length).toBeGreaterThan(0);
    gaps.clear();
    expect(doc.querySelectorAll(OWN_ELEMENT)).toHaveLength(0);
  });
});
