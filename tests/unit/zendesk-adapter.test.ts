import { describe, expect, it } from 'vitest';
import { blockText, stripQuotedTail } from '../../lib/adapters/dom';
import { AdapterError, readConversation } from '../../lib/adapters/types';
import { zendeskAdapter, zendeskSelectors } from '../../lib/adapters/zendesk';
import { loadPage } from './helpers/load-page';

const PAGE = 'scripts/demo/zendesk/agent-workspace.html';
const URL_1001 = 'https://acme.zendesk.com/agent/tickets/1001';

/** The demo page as the agent sees it with ticket `id` in front (what workspace.js does on a tab click). */
function pageWithTicket(id: '1001' | '1002'): Document {
  const doc = loadPage(PAGE, `https://acme.zendesk.com/agent/tickets/${id}`);
  for (const pane of doc.querySelectorAll<HTMLElement>('#main_panes > [data-ticket-id]')) {
    pane.style.display = pane.dataset.ticketId === id ? '' : 'none';
  }
  return doc;
}

describe('zendesk adapter on the Agent Workspace page', () => {
  it('reads the email ticket in front: roles, authors, times, channel, subject, requester', () => {
    const c = readConversation(zendeskAdapter, loadPage(PAGE, URL_1001), 'acme.zendesk.com')!;
    expect(c.key).toEqual({ site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' });
    expect(c.channel).toBe('email');
    expect(c.subject).toBe('Charged twice for order #A-20417');
    expect(c.requester).toBe('Maya Thompson');
    expect(c.messages.map((m) => [m.id, m.role, m.author, m.at])).toEqual([
      ['70001', 'customer', 'Maya Thompson', '2026-11-21T09:14:00Z'],
      ['70002', 'agent', 'Daniel Kim', '2026-11-21T10:02:00Z'],
      ['70003', 'internal', 'Daniel Kim', '2026-11-21T10:05:00Z'],
      ['70004', 'customer', 'Maya Thompson', '2026-11-24T08:41:00Z'],
    ]);
  });

  it('keeps paragraphs and list items, drops quoted history and the signature', () => {
    const c = readConversation(zendeskAdapter, loadPage(PAGE, URL_1001), 'acme.zendesk.com')!;
    const first = c.messages[0]!.text;
    expect(first).toContain('Could you please:\n\n- refund the duplicate charge\n- confirm the order itself is still on its way');
    expect(first).toMatch(/^Hi,\n\nI was charged twice/);
    expect(first).toMatch(/Thanks,\nMaya$/);
    expect(first).not.toContain('wrote:');
    expect(first).not.toContain('Product Designer');
    // Outlook-style quoted header written as plain paragraphs.
    const last = c.messages[3]!.text;
    expect(last).toMatch(/Please just refund the second payment\.\n\nMaya$/);
    expect(last).not.toContain('Sent:');
  });

  it('never reads the hidden pane: ticket 1002 in front gives only its messages', () => {
    const c = readConversation(zendeskAdapter, pageWithTicket('1002'), 'acme.zendesk.com')!;
    expect(c.key.ticketId).toBe('1002');
    expect(c.channel).toBe('messaging');
    expect(c.subject).toBe('订单还没到');
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'customer', 'agent']);
    expect(c.messages[1]!.author).toBe('Acme 智能助手');
    expect(c.messages.map((m) => m.text).join(' ')).not.toMatch(/Maya|已读|已送达/);
    expect(c.messages[2]!.text).toBe('订单号是 B-88213，物流信息已经三天没有更新了。');
  });

  it('finds the composer of the ticket in front only', () => {
    const doc = pageWithTicket('1002');
    const active = zendeskAdapter.activeTicket(doc)!;
    // Before CKEditor mounts, the page has no editable: the adapter must not fall back to another pane's.
    expect(zendeskAdapter.composer(active.root)).toBeNull();
    const mount = active.root.querySelector('.editor-mount')!;
    mount.setAttribute('contenteditable', 'true');
    mount.setAttribute('role', 'textbox');
    mount.setAttribute('data-test-id', 'omnicomposer-plain-text-ckeditor');
    expect(zendeskAdapter.composer(active.root)).toBe(mount);
    expect(active.root.closest('[data-ticket-id]')!.getAttribute('data-ticket-id')).toBe('1002');
  });

  it('says which selector failed when the log is gone', () => {
    const doc = loadPage(PAGE, URL_1001);
    for (const log of doc.querySelectorAll('[data-test-id="omni-log-container"]')) log.setAttribute('data-test-id', 'renamed');
    expect(() => readConversation(zendeskAdapter, doc, 'acme.zendesk.com')).toThrow(AdapterError);
    try {
      readConversation(zendeskAdapter, doc, 'acme.zendesk.com');
    } catch (error) {
      expect((error as AdapterError).selector).toBe('omni-log-container');
      expect((error as AdapterError).adapter).toBe('zendesk');
    }
  });

  it('reports no ticket on a page without a ticket pane in front', () => {
    const doc = loadPage(PAGE, 'https://acme.zendesk.com/agent/filters/1');
    for (const pane of doc.querySelectorAll<HTMLElement>('#main_panes > [data-ticket-id]')) pane.style.display = 'none';
    expect(zendeskAdapter.activeTicket(doc)).toBeNull();
  });

  it('detects the Agent Workspace from its structure', () => {
    expect(zendeskAdapter.detect(loadPage(PAGE, URL_1001))).toBe(true);
    expect(zendeskAdapter.detect(loadPage('scripts/demo/zendesk/workspace.css', URL_1001))).toBe(false);
  });

  // Each selector's first match count on the page: a changed fixture or selector shows up here.
  const expected: Record<keyof typeof zendeskSelectors, number> = {
    panes: 2, selectedTab: 1, log: 2, item: 8, itemMessage: 8, body: 8, sender: 8, time: 8, internalTag: 1,
    agentBadge: 3, botBadge: 1, itemVia: 7, headerVia: 2, subject: 2, requester: 2, composer: 0,
  };
  it.each(Object.entries(expected))('selector %s matches %i elements', (name, count) => {
    const doc = loadPage(PAGE, URL_1001);
    const spec = zendeskSelectors[name as keyof typeof zendeskSelectors];
    const matched = spec.css.map((css) => doc.querySelectorAll(css).length).find((n) => n > 0) ?? 0;
    expect(matched).toBe(count);
  });
});

describe('message text', () => {
  it('cuts quoted replies written as text in English and Chinese', () => {
    expect(stripQuotedTail('Thanks!\nOn Mon, Nov 3, 2026 at 9:00 AM Ann <a@b.c> wrote:\n> old')).toBe('Thanks!');
    expect(stripQuotedTail('好的，谢谢\n在 2026年11月3日 09:00，客服 写道：\n旧内容')).toBe('好的，谢谢');
    expect(stripQuotedTail('收到\n寄件者: 客服中心\n寄件日期: 2026年11月3日\n舊內容')).toBe('收到');
    expect(stripQuotedTail('See below\n-- \nAnn, Sales')).toBe('See below');
  });

  it('keeps a From: line that is not a quoted header', () => {
    expect(stripQuotedTail('Hi\nFrom: the warehouse, they said it shipped.\nThanks')).toBe('Hi\nFrom: the warehouse, they said it shipped.\nThanks');
  });

  it('turns blocks into lines and skips buttons and hidden parts', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>One <b>bold</b> line</p><ol><li>first</li><li>second</li></ol><button>Copy</button><span aria-hidden="true">x</span><p>End<br>here</p>';
    expect(blockText(div)).toBe('One bold line\n\n1. first\n2. second\n\nEnd\nhere');
  });
});
