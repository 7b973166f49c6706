import { describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/adapters/diagnostics';
import { salesforceAdapter } from '../../lib/adapters/salesforce';
import { readConversation } from '../../lib/adapters/types';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import { loadPage } from './helpers/load-page';

const ZENDESK = 'scripts/demo/zendesk/agent-workspace.html';
const SALESFORCE = 'scripts/demo/salesforce/service-console.html';

/** Every customer-visible string the page shows: none may appear in a report. */
function pageTexts(doc: Document): string[] {
  const conversation = readConversation(zendeskAdapter, doc, 'acme.zendesk.com') ?? readConversation(salesforceAdapter, doc, 'acme.lightning.force.com');
  const words = conversation!.messages.flatMap((m) => [m.author, ...m.text.split(/\s+/).filter((w) => w.length > 6)]);
  return [...new Set([...words, conversation!.subject, conversation!.requester])].filter((w) => w.length > 3);
}

describe('diagnostics report', () => {
  it('names the failed selector and counts each fallback, with no customer text and no ticket numbers', () => {
    const doc = loadPage(ZENDESK, 'https://acme.zendesk.com/agent/tickets/1001');
    const texts = pageTexts(doc);
    for (const log of doc.querySelectorAll('[data-test-id="omni-log-container"]')) log.setAttribute('data-test-id', 'omni-log-container-v2');
    const report = diagnose(zendeskAdapter, doc, { selector: 'omni-log-container' });
    const json = JSON.stringify(report);
    expect(report.failure).toEqual({ selector: 'omni-log-container' });
    expect(report.activeTicket).toBe('found');
    expect(report.page).toBe('https://acme.zendesk.com/agent/tickets/N');
    const log = report.selectors.find((s) => s.name === 'omni-log-container')!;
    expect(log.fallbacks).toEqual([{ css: '[data-test-id="omni-log-container"]', inDocument: 0, inTicket: 0 }]);
    const items = report.selectors.find((s) => s.name === 'omni-log-comment-item')!;
    expect(items.fallbacks[0]).toMatchObject({ inDocument: 8, inTicket: 4 });
    // The renamed container is visible in the outline, so support can see what changed.
    expect(json).toContain('omni-log-container-v2');
    for (const text of texts) expect(json).not.toContain(text);
    expect(json).not.toMatch(/1001|1002|70001/);
  });

  it('reads through an open shadow root in the outline and stays bounded', () => {
    const doc = loadPage(SALESFORCE, 'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZabIAF/view');
    const report = diagnose(salesforceAdapter, doc);
    expect(report.adapter).toBe('salesforce');
    expect(report.activeTicket).toBe('found');
    expect(JSON.stringify(report).length).toBeLessThan(200_000);
    for (const text of pageTexts(doc)) expect(JSON.stringify(report)).not.toContain(text);
  });
});

describe('zendesk pages of other shapes', () => {
  it('reads a saved page with one ticket and no pane container', () => {
    const doc = loadPage(ZENDESK, 'https://saved-page.invalid/');
    doc.querySelector('[data-ticket-id="1002"]')!.remove();
    const main = doc.querySelector('main#main_panes')!;
    main.removeAttribute('id');
    const c = readConversation(zendeskAdapter, doc, 'saved-page.invalid')!;
    expect(c.key.ticketId).toBe('1001');
    expect(c.messages).toHaveLength(4);
  });

  it('counts a message shown twice (a re-render, a lazy load) once', () => {
    const doc = loadPage(ZENDESK, 'https://acme.zendesk.com/agent/tickets/1001');
    const first = doc.querySelector('#comment-70001')!;
    first.after(first.cloneNode(true));
    const c = readConversation(zendeskAdapter, doc, 'acme.zendesk.com')!;
    expect(c.messages.map((m) => m.id)).toEqual(['70001', '70002', '70003', '70004']);
  });
});
