/**
 * Salesforce Lightning Service Console. Selectors follow
 * ../shared/research/helpdesk-dom.md; they are platform component classes and
 * tags (reliability B), so every one has fallbacks. The console keeps every
 * workspace tab mounted and moves background tabs off-screen (SOTI), so every
 * query is scoped to the tab panel in front.
 *
 * Two kinds of record are read: a Case (Aura Chatter feed, light DOM, newest
 * first) and a Messaging Session (an SLDS chat list inside a shadow root).
 * The Messaging Session shape is INFERRED, not captured from a live org (MSG:
 * no public capture of the agent-side DOM was found).
 */
import type { Message, Role } from '../types';
import { channelFromLabel } from './channel';
import { all, blockText, first, stripQuotedTail, textOf } from './dom';
import { AdapterError, type ActiveTicket, type SelectorSpec, type SiteAdapter, type TicketHeader } from './types';

export const salesforceSelectors = {
  tabItem: { name: 'console-tab-item', css: ['li.oneConsoleTabItem', '.oneConsoleTabset [role="tablist"] > li'] },
  tabPanel: { name: 'console-tab-panel', css: ['section.tabContent.oneConsoleTab', '.oneConsoleTabset section.tabContent'] },
  activePanel: {
    name: 'console-tab-active',
    css: [
      'div.viewport[aria-hidden="false"] section.tabContent.oneConsoleTab.active[aria-expanded="true"]',
      'section.tabContent.oneConsoleTab.active[aria-expanded="true"]',
      'section.tabContent.oneConsoleTab.active',
    ],
  },
  selectedTab: {
    name: 'console-tab-selected',
    css: ['li.oneConsoleTabItem a[role="tab"][aria-selected="true"]', '.oneConsoleTabItem.slds-is-active a[aria-controls]'],
  },
  primaryField: { name: 'highlights-primary-field', css: ['lightning-formatted-text[slot="primaryField"]', '[slot="primaryField"]'] },
  field: { name: 'record-field', css: ['records-record-layout-item', '.slds-form-element'] },
  fieldLabel: { name: 'record-field-label', css: ['.test-id__field-label', '.slds-form-element__label'] },
  fieldValue: {
    name: 'record-field-value',
    css: ['.test-id__field-value', 'lightning-formatted-text', '.slds-form-element__control'],
  },
  feed: { name: 'cuf-feed', css: ['.forceChatterFeed .forceChatterScroller .cuf-feed', '.forceChatterFeed .cuf-feed', '.cuf-feed'] },
  feedItem: { name: 'cuf-feed-item', css: ['article.cuf-feedElement.cuf-feedItem', 'article.cuf-feedItem', 'article.cuf-feedElement'] },
  feedStatus: { name: 'feed-item-count', css: ['.forceChatterFeed [role="status"]'] },
  sender: { name: 'preamble-left', css: ['.preamble_left a', '.preamble_left'] },
  time: { name: 'cuf-timestamp', css: ['a.cuf-timestamp[title]', '.cuf-timestamp'] },
  emailValue: {
    name: 'email-rich-text-output',
    css: ['.emailMessageBody emailui-rich-text-output[value]', 'emailui-rich-text-output[value]'],
  },
  postBody: {
    name: 'feed-body-inner',
    css: [
      '.cuf-feedBodyText.forceChatterMessageSegments.forceChatterFeedBodyText > .feedBodyInner',
      '.cuf-feedBodyText .feedBodyInner',
      '.emailMessageBody',
      '.logCallDescription',
    ],
  },
  comment: { name: 'feed-comment', css: ['.cuf-commentItem', '.forceChatterComment'] },
  commentAuthor: { name: 'feed-comment-author', css: ['.cuf-commentAuthor', 'a.cuf-entityLink'] },
  commentBody: { name: 'feed-comment-body', css: ['.cuf-commentBody .feedBodyInner', '.cuf-commentBody'] },
  // Inferred shape (MSG, SLDS chat blueprint), not captured from a live org.
  chatHost: { name: 'messaging-conversation-body', css: ['scrt-conversation-body', '[class*="livemessageChatBody"]'] },
  chatList: { name: 'slds-chat-list', css: ['ul.slds-chat-list', '.slds-chat-list'] },
  chatItem: { name: 'slds-chat-listitem', css: ['li.slds-chat-listitem', '.slds-chat-list > li'] },
  chatText: {
    name: 'slds-chat-message-text',
    css: ['.slds-chat-message__text', '.slds-chat-message__text_inbound, .slds-chat-message__text_outbound', '.slds-chat-event__body'],
  },
  chatMeta: { name: 'slds-chat-message-meta', css: ['.slds-chat-message__meta'] },
  chatComposer: {
    name: 'chat-input',
    css: ['textarea.slds-textarea.runtime_service_liveagentChatInput', 'textarea.runtime_service_liveagentChatInput'],
  },
  postEditor: {
    name: 'quill-editor',
    css: ['div.ql-editor.slds-rich-text-area__content[contenteditable="true"]', '.ql-editor[contenteditable="true"]'],
  },
  emailEditor: { name: 'email-body-iframe', css: ['.forceChatterPublisherEmail iframe[title="Email Body"]', 'iframe[title="Email Body"]'] },
} as const satisfies Record<string, SelectorSpec>;

const S = salesforceSelectors;

/** Quoted history and signatures inside an email body. */
const EMAIL_NOISE = ['blockquote', '.gmail_quote', '.gmail_signature', 'style', 'button'];
/** A chat meta line or event ends in " • 10:42" (SLDS blueprint); the author is what precedes it. */
const META_TAIL = /\s*•\s*[^•]*\d[^•]*$/;
const BOT = /\bbot\b|chatbot|einstein|機器人|机器人/i;

/**
 * Elements matching `spec` in `root`, looking into open shadow roots when the
 * light DOM has none. LWC's synthetic shadow keeps nodes in the light DOM
 * (research §2.5), but native shadow needs the walk (SOTI `findInShadows`).
 * `template[shadowrootmode="open"]` is searched too: a declarative shadow root
 * is only attached by a navigating HTML parser, so happy-dom's document.write
 * (unit tests) and innerHTML leave it as an inert template. Closed roots stay
 * unreadable, as in a browser.
 */
export function shadowAll(root: ParentNode, spec: SelectorSpec): Element[] {
  const light = all(root, spec);
  if (light.length > 0) return light;
  for (const el of root.querySelectorAll('*')) {
    const inner =
      el.shadowRoot ??
      (el.tagName === 'TEMPLATE' && el.getAttribute('shadowrootmode') === 'open' ? (el as HTMLTemplateElement).content : null);
    if (!inner) continue;
    const found = shadowAll(inner, spec);
    if (found.length > 0) return found;
  }
  return [];
}

function shadowFirst(root: ParentNode, spec: SelectorSpec): Element | null {
  return shadowAll(root, spec)[0] ?? null;
}

/** A field's text without its inline-edit button ("Edit Subject") or assistive text. */
function valueText(el: Element | null): string {
  return el ? blockText(el, ['button', '.slds-assistive-text', '.assistiveText']).replace(/\s+/g, ' ').trim() : '';
}

/**
 * A record field's value: by API name first (`data-target-selection-name`, not
 * localized), then by the label the layout shows (localized, so several).
 */
function field(root: Element, api: string, labels: readonly string[]): string {
  let item = root.querySelector(`[data-target-selection-name="sfdc:RecordField.${api}"]`);
  if (!item) {
    const wanted = labels.map((l) => l.toLowerCase());
    item = all(root, S.field).find((f) => wanted.includes(textOf(first(f, S.fieldLabel)).replace(/\s*\*$/, '').toLowerCase())) ?? null;
  }
  return item ? valueText(first(item, S.fieldValue)) : '';
}

function isMessaging(root: Element): boolean {
  return !!root.querySelector('[data-target-selection-name^="sfdc:RecordField.MessagingSession."]') || !!first(root, S.chatHost);
}

function isChatLog(log: Element): boolean {
  return S.chatList.css.some((css) => log.matches(css));
}

/** Hidden by an ancestor up to `root` (publisher sub-tabs, the collapsed Quill). */
function isShown(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root.parentElement; e = e.parentElement) {
    if (e.hasAttribute('hidden')) return false;
    const style = e.ownerDocument.defaultView?.getComputedStyle(e);
    if (style?.display === 'none' || style?.visibility === 'hidden') return false;
  }
  return true;
}

/** "November 24, 2026 at 9:14 AM" (the timestamp's title, in the user's locale and time zone) to ISO, or ''. */
function isoFromTitle(title: string): string {
  const ms = Date.parse(title.replace(/\s+at\s+/i, ' '));
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

/**
 * An email's HTML is rendered into an `<iframe srcdoc>` inside a shadow root,
 * so read the `value` attribute instead (QAT, SOTI). It is parsed in an inert
 * template document: no scripts run and no images load, and nothing is
 * written into the page.
 */
function emailText(output: Element): string {
  const template = output.ownerDocument.createElement('template');
  template.innerHTML = output.getAttribute('value') ?? '';
  const wrap = template.content.ownerDocument.createElement('div');
  wrap.append(...template.content.childNodes);
  return stripQuotedTail(blockText(wrap, EMAIL_NOISE));
}

function feedMessage(item: Element, header: TicketHeader): Message | null {
  const type = item.getAttribute('data-type') ?? '';
  const author = textOf(first(item, S.sender));
  const output = first(item, S.emailValue);
  const bodyEl = output ? null : first(item, S.postBody);
  if (!output && !bodyEl) return null;
  // blockText walks text nodes (textContent, not innerText), so a post that
  // CSS collapses behind "Expand Post" still reads in full (SOTI).
  let text = output ? emailText(output) : stripQuotedTail(blockText(bodyEl!, ['button']));
  let role: Role;
  if (type === 'EmailMessage' || output) {
    // The feed marks no direction on an email; the sender is the customer when
    // it is the case's contact.
    role = author && author.toLowerCase() === header.requester.toLowerCase() ? 'customer' : 'agent';
  } else {
    role = 'internal';
    // Comments on a Chatter post are folded into the post: they are internal
    // discussion of it. Comments on emails are left out so a customer's email
    // never carries agent text. They sit in the item or, often, in a sibling
    // .cuf-compactFeedBack (SOTI).
    const li = item.parentElement?.tagName === 'LI' ? item.parentElement : item;
    for (const c of all(li, S.comment)) {
      const body = first(c, S.commentBody);
      if (body) text += `\n\n${textOf(first(c, S.commentAuthor)) || 'Comment'}: ${blockText(body, ['button'])}`;
    }
  }
  const timeEl = first(item, S.time);
  return {
    id: item.getAttribute('data-id') ?? '',
    role,
    author,
    at: isoFromTitle(timeEl?.getAttribute('title') ?? ''),
    text: text.trim(),
  };
}

function chatMessage(item: Element): Message | null {
  const cls = item.classList;
  const textEl = first(item, S.chatText);
  if (!textEl) return null;
  const index = (item.parentNode ? all(item.parentNode, S.chatItem) : [item]).indexOf(item);
  const meta = textOf(first(item, S.chatMeta));
  const author = meta.replace(META_TAIL, '').trim();
  let role: Role;
  if (cls.contains('slds-chat-listitem_event')) role = 'system';
  else if (cls.contains('slds-chat-listitem_inbound')) role = 'customer';
  else role = BOT.test(author) ? 'bot' : 'agent';
  const text = blockText(textEl, ['button', '.slds-assistive-text']);
  return {
    id: `chat-${index}`,
    role,
    author: role === 'system' ? '' : author,
    // The meta shows a clock time without a date; no date is invented.
    at: '',
    text: role === 'system' ? text.replace(META_TAIL, '').trim() : text,
  };
}

export const salesforceAdapter: SiteAdapter = {
  id: 'salesforce',
  selectors: salesforceSelectors,

  detect(doc) {
    return !!doc.querySelector('.oneConsoleTabset, .forceChatterFeed, one-app-nav-bar');
  },

  activeTicket(doc): ActiveTicket | null {
    // The outermost active panel is the workspace tab (a subtab set would nest inside it).
    let root = first(doc, S.activePanel);
    if (!root) {
      const controls = first(doc, S.selectedTab)?.getAttribute('aria-controls');
      root = controls ? doc.getElementById(controls) : null;
    }
    if (!root) return null;
    // A messaging session's page can show its linked case's fields; its own
    // name comes first, so the transcript is never filed under the case.
    const ticketId =
      field(root, 'MessagingSession.Name', ['Messaging Session Name']) ||
      field(root, 'Case.CaseNumber', ['Case Number']) ||
      textOf(first(root, S.primaryField));
    return ticketId ? { ticketId, root } : null;
  },

  header(root): TicketHeader {
    if (isMessaging(root)) {
      const firstInbound = shadowAll(root, S.chatItem).find((li) => li.classList.contains('slds-chat-listitem_inbound'));
      return {
        channel: 'messaging',
        subject: '',
        requester:
          field(root, 'MessagingSession.MessagingEndUserId', ['Messaging User', 'Messaging End User']) ||
          (firstInbound ? textOf(first(firstInbound, S.chatMeta)).replace(META_TAIL, '') : ''),
      };
    }
    return {
      channel: channelFromLabel(field(root, 'Case.Origin', ['Case Origin'])),
      subject: field(root, 'Case.Subject', ['Subject']),
      requester: field(root, 'Case.ContactId', ['Contact Name']),
    };
  },

  log(root) {
    const spec = isMessaging(root) ? S.chatList : S.feed;
    const found = spec === S.feed ? first(root, spec) : shadowFirst(root, spec);
    if (!found) throw new AdapterError('salesforce', spec.name, `no element matches ${spec.css.join(' | ')}`);
    return found;
  },

  items(log) {
    return isChatLog(log) ? all(log, S.chatItem) : all(log, S.feedItem);
  },

  isItem(el) {
    return el.matches([...S.feedItem.css, ...S.chatItem.css].join(', '));
  },

  message(item, header): Message | null {
    return item.matches(S.chatItem.css.join(', ')) ? chatMessage(item) : feedMessage(item, header);
  },

  newestFirst(log) {
    // The case feed sorts by latest posts or latest activity: newest first either way.
    return !isChatLog(log);
  },

  composer(root) {
    const chat = first(root, S.chatComposer);
    if (chat) return chat;
    const post = all(root, S.postEditor).find((e) => isShown(e, root));
    if (post) return post;
    // The email body is a contenteditable inside this iframe's own document;
    // the iframe is what this document can hand out.
    return all(root, S.emailEditor).find((e) => isShown(e, root)) ?? null;
  },
};
