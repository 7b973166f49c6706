import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabTicketState } from '../../lib/messaging';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import type { SiteAdapter } from '../../lib/adapters/types';
import { watchTickets } from '../../lib/content/ticket-watcher';
import { loadPage } from './helpers/load-page';

const PAGE = 'scripts/demo/zendesk/agent-workspace.html';

function setup() {
  const doc = loadPage(PAGE, 'https://acme.zendesk.com/agent/tickets/1001');
  const message = vi.fn(zendeskAdapter.message);
  const adapter: SiteAdapter = { ...zendeskAdapter, message };
  const states: TabTicketState[] = [];
  const controller = new AbortController();
  const watcher = watchTickets({ adapter, doc, host: 'acme.zendesk.com', signal: controller.signal, onState: (s) => states.push(s), pollMs: 10_000, batchMs: 5 });
  return { doc, message, states, controller, watcher };
}

function addCustomerMessage(doc: Document, ticketId: string, id: string, text: string) {
  const log = doc.querySelector(`[data-ticket-id="${ticketId}"] [data-test-id="omni-log-container"]`)!;
  const article = log.querySelector('article')!.cloneNode(true) as Element;
  article.id = `comment-${id}`;
  article.setAttribute('data-comment-id', id);
  article.querySelector('.zd-comment')!.innerHTML = `<p>${text}</p>`;
  log.append(article);
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('ticket watcher', () => {
  it('reports the ticket in front once at start', () => {
    const { states, controller } = setup();
    stop = () => controller.abort();
    expect(states).toHaveLength(1);
    expect(states[0]!.kind === 'ok' && states[0]!.conversation.messages.length).toBe(4);
  });

  it('batches a burst of changes into one report and parses only what changed', async () => {
    const { doc, message, states, controller } = setup();
    stop = () => controller.abort();
    message.mockClear();
    addCustomerMessage(doc, '1001', '90001', 'First');
    addCustomerMessage(doc, '1001', '90002', 'Second');
    addCustomerMessage(doc, '1001', '90003', 'Third');
    await wait(30);
    expect(states).toHaveLength(2);
    const last = states[1]!;
    expect(last.kind === 'ok' && last.conversation.messages.map((m) => m.text).slice(-3)).toEqual(['First', 'Second', 'Third']);
    // Three new items parsed; the four already known were not parsed again.
    expect(message).toHaveBeenCalledTimes(3);
  });

  it('re-parses an edited message, and ignores changes in the hidden ticket', async () => {
    const { doc, message, states, controller } = setup();
    stop = () => controller.abort();
    message.mockClear();
    doc.querySelector('[data-ticket-id="1001"] #comment-70004 .zd-comment')!.innerHTML = '<p>Edited text</p>';
    addCustomerMessage(doc, '1002', '90010', '隐藏工单的新消息');
    await wait(30);
    expect(message).toHaveBeenCalledTimes(1);
    const last = states.at(-1)!;
    expect(last.kind === 'ok' && last.conversation.messages.at(-1)!.text).toBe('Edited text');
    expect(JSON.stringify(states)).not.toContain('隐藏工单的新消息');
  });

  it('switches to the other ticket when it comes to the front', async () => {
    const { doc, states, controller, watcher } = setup();
    stop = () => controller.abort();
    for (const pane of doc.querySelectorAll<HTMLElement>('#main_panes > [data-ticket-id]')) pane.style.display = pane.dataset.ticketId === '1002' ? '' : 'none';
    doc.dispatchEvent(new Event('click'));
    await wait(10);
    const last = states.at(-1)!;
    expect(last.kind === 'ok' && last.conversation.key.ticketId).toBe('1002');
    // After the switch, only ticket 1002's log is observed.
    addCustomerMessage(doc, '1001', '90020', 'late message on 1001');
    await wait(30);
    expect(JSON.stringify(states.at(-1))).not.toContain('late message on 1001');
    expect(watcher.refresh().kind).toBe('ok');
  });

  it('reports a failure naming the selector when the log disappears, and nothing stale', async () => {
    const { doc, states, controller } = setup();
    stop = () => controller.abort();
    doc.querySelector('[data-ticket-id="1001"] [data-test-id="omni-log-container"]')!.remove();
    doc.dispatchEvent(new Event('click'));
    await wait(10);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ kind: 'failed', key: { ticketId: '1001' }, failure: { adapter: 'zendesk', selector: 'omni-log-container' } });
    expect(JSON.stringify(last)).not.toContain('Maya');
  });

  it('stops observing when aborted', async () => {
    const { doc, states, controller } = setup();
    controller.abort();
    addCustomerMessage(doc, '1001', '90030', 'after abort');
    await wait(30);
    expect(states).toHaveLength(1);
  });
});

describe('ticket watcher on a page no test foresaw', () => {
  it('reports an unexpected error as a failed state, not a crash', () => {
    const doc = loadPage(PAGE, 'https://acme.zendesk.com/agent/tickets/1001');
    const adapter: SiteAdapter = {
      ...zendeskAdapter,
      message: () => {
        throw new TypeError('Cannot read properties of null (customer wrote: secret)');
      },
    };
    const states: TabTicketState[] = [];
    const controller = new AbortController();
    watchTickets({ adapter, doc, host: 'acme.zendesk.com', signal: controller.signal, onState: (s) => states.push(s), pollMs: 10_000 });
    controller.abort();
    expect(states).toEqual([
      {
        kind: 'failed',
        key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' },
        failure: { adapter: 'zendesk', selector: '(unexpected page structure)', detail: 'TypeError' },
      },
    ]);
  });
});
