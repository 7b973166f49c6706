import { describe, expect, it } from 'vitest';
import { salesforceAdapter as sf, salesforceSelectors as S, shadowAll } from '../../lib/adapters/salesforce';
import { AdapterError, readConversation } from '../../lib/adapters/types';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import { loadPage } from './helpers/load-page';
import { openSalesforceTab } from './helpers/demo-pages';

const PAGE = 'scripts/demo/salesforce/service-console.html';
const HOST = 'acme.lightning.force.com';
const URL = `https://${HOST}/lightning/r/Case/500Hs00001XyZabIAF/view`;

const load = () => loadPage(PAGE, URL);
const read = (doc: Document) => readConversation(sf, doc, HOST)!;



const panel = (doc: Document, id: string) => doc.getElementById(id)!;
const CASE_A = '2097:0';
const MESSAGING = '2240:0';

describe('salesforce adapter: detection and the tab in front', () => {
  it('detects the console from its structure, and is not mistaken for Zendesk', () => {
    const doc = load();
    expect(sf.detect(doc)).toBe(true);
    expect(zendeskAdapter.detect(doc)).toBe(false);
    const zd = loadPage('scripts/demo/zendesk/agent-workspace.html', 'https://acme.zendesk.com/agent/tickets/1001');
    expect(sf.detect(zd)).toBe(false);
  });

  it('reads the active workspace tab: case 00012345', () => {
    const active = sf.activeTicket(load())!;
    expect(active.ticketId).toBe('00012345');
    expect(active.root.id).toBe(CASE_A);
  });

  it('falls back to the selected tab’s aria-controls when no panel is marked active', () => {
    const doc = load();
    panel(doc, CASE_A).classList.remove('active');
    expect(sf.activeTicket(doc)?.ticketId).toBe('00012345');
    const selected = doc.querySelector('li.oneConsoleTabItem a[aria-selected="true"]')!;
    selected.setAttribute('aria-selected', 'false');
    selected.closest('li')!.classList.remove('slds-is-active');
    expect(sf.activeTicket(doc)).toBeNull();
    expect(readConversation(sf, doc, HOST)).toBeNull();
  });

  it('follows a tab switch done the way console.js does it', () => {
    const doc = load();
    openSalesforceTab(doc, '00012346');
    const conv = read(doc);
    expect(conv.key).toEqual({ site: 'salesforce', host: HOST, ticketId: '00012346' });
    expect(conv).toMatchObject({ channel: 'web', subject: 'Wrong size sent, order #W-56002', requester: 'Alex Chen' });
    expect(conv.messages.map((m) => [m.role, m.author])).toEqual([['customer', 'Alex Chen']]);
    expect(conv.messages[0].text).toContain('size S');
  });
});

describe('salesforce adapter: case 00012345 (email, Chatter feed)', () => {
  it('reads the header from the record fields', () => {
    const conv = read(load());
    expect(conv.key.ticketId).toBe('00012345');
    expect(conv.channel).toBe('email');
    expect(conv.subject).toBe('Late delivery and damaged lamp, order #W-55810');
    // The inline-edit button's assistive text ("Edit Contact Name") is not part of the value.
    expect(conv.requester).toBe('Jordan Lee');
  });

  it('returns the newest-first feed oldest first, with roles from sender and item type', () => {
    const conv = read(load());
    expect(conv.messages.map((m) => [m.id, m.role, m.author])).toEqual([
      ['02sHs00000AaZxLIAV', 'customer', 'Jordan Lee'],
      ['02sHs00000Ab0KfIAJ', 'agent', 'Sam Rivera'],
      ['0D5Hs00000Kq7TbKAJ', 'internal', 'Sam Rivera'],
      ['02sHs00000Ab1QzIAJ', 'customer', 'Jordan Lee'],
    ]);
  });

  it('never includes messages of the background case', () => {
    const conv = read(load());
    const all = JSON.stringify(conv.messages);
    expect(all).not.toContain('Alex');
    expect(all).not.toContain('hoodie');
    expect(all).not.toContain('陳美玲');
  });

  it('reads email bodies from the value attribute and strips quoted history and signatures', () => {
    const [first, reply, , latest] = read(load()).messages;
    expect(first.text).toMatch(/^Hello,\n\nMy order #W-55810 finally arrived/);
    expect(first.text).toMatch(/Thanks,\nJordan Lee$/);
    expect(first.text).not.toMatch(/wrote:|Good news/);
    // Outlook's From:/Sent: header block.
    expect(reply.text).toMatch(/Acme Support$/);
    expect(reply.text).not.toMatch(/From:|Sent:|finally arrived/);
    // "-- " signature, "On … wrote:" and the blockquote.
    expect(latest.text).toBe(
      'Two days ago you said a replacement would be sent, but I still have no tracking number and nobody has told me anything since.\n\nCan you please tell me today when the new lamp will ship?\n\nJordan',
    );
  });

  it('reads a CSS-collapsed internal post in full, with its sibling comment folded in', () => {
    const post = read(load()).messages[2];
    expect(post.role).toBe('internal');
    expect(post.text).toContain('claim PG-77120');
    expect(post.text).toContain('Customer prefers a replacement over a refund.');
    expect(post.text).toMatch(/\n\nPriya Shah: Approved\. Ship the replacement by express/);
    expect(post.text).not.toContain('Expand Post');
  });

  it('turns the timestamp title into ISO time, and leaves an unparseable one empty', () => {
    const doc = load();
    expect(read(doc).messages[0].at).toBe(new Date(2026, 10, 21, 15, 2).toISOString());
    expect(read(doc).messages[3].at).toBe(new Date(2026, 10, 24, 9, 14).toISOString());
    panel(doc, CASE_A).querySelector('a.cuf-timestamp')!.setAttribute('title', '2026年11月24日 上午9:14');
    expect(read(doc).messages[3].at).toBe('');
  });

  it('leaves the page unchanged', () => {
    const doc = load();
    const before = doc.body.innerHTML;
    read(doc);
    expect(doc.body.innerHTML).toBe(before);
  });

  it('says the case feed is newest first', () => {
    const root = sf.activeTicket(load())!.root;
    expect(sf.newestFirst!(sf.log(root))).toBe(true);
  });

  it('throws an AdapterError naming the selector when the feed is missing', () => {
    const doc = load();
    panel(doc, CASE_A).querySelector('.cuf-feed')!.remove();
    expect(() => read(doc)).toThrow(AdapterError);
    try {
      read(doc);
    } catch (e) {
      expect((e as AdapterError).selector).toBe('cuf-feed');
      expect((e as AdapterError).message).toMatch(/^salesforce: cuf-feed: no element matches/);
    }
  });

  it('finds the composer of this tab: the email body iframe, or the Quill editor once revealed', () => {
    const doc = load();
    const root = sf.activeTicket(doc)!.root;
    const email = sf.composer(root)!;
    expect(email.matches('iframe[title="Email Body"]')).toBe(true);
    expect(root.contains(email)).toBe(true);
    // What the Post sub-tab and "Share an update..." do.
    root.querySelector('#pub-email-00012345')!.setAttribute('hidden', '');
    root.querySelector('#pub-post-00012345')!.removeAttribute('hidden');
    expect(sf.composer(root)).toBeNull();
    root.querySelector('#pub-post-00012345 .cuf-quillWrapper')!.removeAttribute('hidden');
    expect(sf.composer(root)?.matches('div.ql-editor[contenteditable="true"]')).toBe(true);
  });
});

describe('salesforce adapter: messaging session MS-0000421 (inferred shape, shadow DOM)', () => {
  const expected = [
    ['chat-0', 'system', '', '聊天已開始'],
    ['chat-1', 'bot', 'Acme 聊天機器人', '您好！我是 Acme 聊天機器人，請問今天有什麼可以為您服務的嗎？'],
    ['chat-2', 'customer', '陳美玲', '你好，我上個月在你們官網買的咖啡機壞了，還在保固期內，想申請保固維修。'],
    ['chat-3', 'bot', 'Acme 聊天機器人', '了解，正在為您轉接真人客服，請稍候。'],
    ['chat-4', 'system', '', '林志豪 已加入對話'],
    ['chat-5', 'customer', '陳美玲', '機器開機後一直閃紅燈，完全沒辦法煮咖啡。訂單編號是 TW-30418。'],
    ['chat-6', 'agent', '林志豪', '陳小姐您好，我是客服林志豪。很抱歉造成您的不便，我先幫您查詢保固資料，請稍等一下。'],
  ];

  it('reads the transcript from the declarative shadow root template (happy-dom does not attach it)', () => {
    const doc = load();
    expect(doc.querySelector('scrt-conversation-body')!.shadowRoot).toBeNull();
    openSalesforceTab(doc, 'MS-0000421');
    const conv = read(doc);
    expect(conv.key.ticketId).toBe('MS-0000421');
    expect(conv).toMatchObject({ channel: 'messaging', subject: '', requester: '陳美玲' });
    expect(conv.messages.map((m) => [m.id, m.role, m.author, m.text])).toEqual(expected);
    expect(conv.messages.every((m) => m.at === '')).toBe(true);
  });

  it('reads the same transcript from an attached open shadow root, as console.js builds it', () => {
    const doc = load();
    const host = doc.querySelector('scrt-conversation-body')!;
    const template = host.querySelector('template') as HTMLTemplateElement;
    host.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    template.remove();
    openSalesforceTab(doc, 'MS-0000421');
    const conv = read(doc);
    expect(conv.messages.map((m) => [m.id, m.role, m.author, m.text])).toEqual(expected);
    expect(sf.newestFirst!(sf.log(sf.activeTicket(doc)!.root))).toBe(false);
  });

  it('cannot see into a closed shadow root', () => {
    const doc = load();
    const host = doc.querySelector('scrt-conversation-body')!;
    const template = host.querySelector('template') as HTMLTemplateElement;
    host.attachShadow({ mode: 'closed' }).append(template.content.cloneNode(true));
    template.remove();
    openSalesforceTab(doc, 'MS-0000421');
    expect(() => read(doc)).toThrow(/salesforce: slds-chat-list: /);
  });

  it('files the transcript under the session even when the page also shows a linked case', () => {
    const doc = load();
    openSalesforceTab(doc, 'MS-0000421');
    const root = sf.activeTicket(doc)!.root;
    const caseField = doc.querySelector('section.tabContent.active records-record-layout-item, records-record-layout-item')!.cloneNode(true) as Element;
    caseField.setAttribute('data-target-selection-name', 'sfdc:RecordField.Case.CaseNumber');
    caseField.querySelector('.test-id__field-label')!.textContent = 'Case Number';
    caseField.querySelector('lightning-formatted-text')!.textContent = '00012345';
    root.append(caseField);
    expect(sf.activeTicket(doc)!.ticketId).toBe('MS-0000421');
  });

  it('finds the chat textarea as the composer', () => {
    const doc = load();
    openSalesforceTab(doc, 'MS-0000421');
    expect(sf.composer(sf.activeTicket(doc)!.root)?.matches('textarea.runtime_service_liveagentChatInput')).toBe(true);
  });
});

describe('salesforce selectors against the demo page', () => {
  type Scope = 'doc' | 'case' | 'chat';
  // Counted with each selector's preferred (first) CSS, so a fallback cannot hide a drifted fixture.
  const table: [keyof typeof S, Scope, number][] = [
    ['tabItem', 'doc', 3],
    ['tabPanel', 'doc', 3],
    ['activePanel', 'doc', 1],
    ['selectedTab', 'doc', 1],
    ['primaryField', 'doc', 3],
    ['field', 'case', 6],
    ['fieldLabel', 'case', 6],
    ['fieldValue', 'case', 6],
    ['feed', 'case', 1],
    ['feedItem', 'case', 4],
    ['feedStatus', 'case', 1],
    ['sender', 'case', 4],
    ['time', 'case', 5],
    ['emailValue', 'case', 3],
    ['postBody', 'case', 1],
    ['comment', 'case', 1],
    ['commentAuthor', 'case', 1],
    ['commentBody', 'case', 1],
    ['postEditor', 'case', 1],
    ['emailEditor', 'case', 1],
    ['chatHost', 'chat', 1],
    ['chatList', 'chat', 1],
    ['chatItem', 'chat', 7],
    ['chatText', 'chat', 5],
    ['chatMeta', 'chat', 5],
    ['chatComposer', 'chat', 1],
  ];

  it('covers every selector', () => {
    expect(table.map(([k]) => k).sort()).toEqual(Object.keys(S).sort());
  });

  it.each(table)('%s in %s matches %i times', (key, scope, count) => {
    const doc = load();
    const root = scope === 'doc' ? doc : panel(doc, scope === 'case' ? CASE_A : MESSAGING);
    const spec = S[key];
    expect(shadowAll(root, { name: spec.name, css: [spec.css[0]] })).toHaveLength(count);
  });
});
