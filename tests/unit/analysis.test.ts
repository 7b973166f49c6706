import { describe, expect, it } from 'vitest';
import { analyzeConversation, analyzeState } from '../../lib/analysis/index';
import { readConversation } from '../../lib/adapters/types';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import { loadPage } from './helpers/load-page';

const PAGE = 'scripts/demo/zendesk/agent-workspace.html';

describe('conversation analysis', () => {
  it('finds the language the customer writes in, per ticket', () => {
    const doc = loadPage(PAGE, 'https://acme.zendesk.com/agent/tickets/1001');
    expect(analyzeConversation(readConversation(zendeskAdapter, doc, 'acme.zendesk.com')!).language).toBe('en');
    for (const pane of doc.querySelectorAll<HTMLElement>('#main_panes > [data-ticket-id]')) pane.style.display = pane.dataset.ticketId === '1002' ? '' : 'none';
    expect(analyzeConversation(readConversation(zendeskAdapter, doc, 'acme.zendesk.com')!).language).toBe('zh-Hans');
  });

  it('leaves the language empty when there is nothing to tell it from, and other states alone', () => {
    const empty = { key: { site: 'zendesk' as const, host: 'h', ticketId: '1' }, site: 'zendesk' as const, channel: 'email' as const, subject: '', requester: '', language: '', messages: [] };
    expect(analyzeConversation(empty).language).toBe('');
    const failed = { kind: 'failed' as const, key: null, failure: { adapter: 'zendesk' as const, selector: 'x', detail: '' } };
    expect(analyzeState(failed)).toBe(failed);
  });
});
