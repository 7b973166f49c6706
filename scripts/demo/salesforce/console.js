// Behaviour of the demo Salesforce Service Console: workspace tabs that swap
// without a page load (the inactive ones stay mounted, moved off-screen, as
// Salesforce does), email bodies rendered into iframe srcdoc inside a shadow
// root, the Email/Post publisher, a messaging composer, and a scripted customer
// who writes over time. window.deskmateDemo lets tests drive it.
(() => {
  'use strict';
  const pace = window.__DEMO_PACE__ || 'scripted';
  const OFFSCREEN = 'position: absolute; left: -10000px; top: 0px;';

  const TABS = {
    '00012345': { type: 'Case', label: 'Case', recordId: '500Hs00001XyZabIAF', customer: 'Jordan Lee', agent: 'Sam Rivera' },
    '00012346': { type: 'Case', label: 'Case', recordId: '500Hs00001XyZbcIAF', customer: 'Alex Chen', agent: 'Sam Rivera' },
    'MS-0000421': { type: 'MessagingSession', label: 'Messaging Session', recordId: '0MwHs000000AbCdKAK', customer: '陳美玲', agent: '林志豪' },
  };
  const scripted = {
    '00012345': [
      "I've just seen that the courier has already closed the claim. Please confirm the replacement is actually on its way, otherwise I will have to dispute the charge with my bank.",
      'Still waiting for an answer.',
    ],
    '00012346': ['Any news on the exchange? I can drop the small one off at a post office this week.'],
    'MS-0000421': ['請問維修大概需要多久？我每天早上都要用咖啡機。', '如果要寄回去的話，運費是誰付呢？'],
  };
  let nextId = 100;

  const pathOf = (key) => `/lightning/r/${TABS[key].type}/${TABS[key].recordId}/view`;
  const keyOfPath = (path) => Object.keys(TABS).find((k) => pathOf(k) === path);
  const tabLink = (key) => document.querySelector(`li.oneConsoleTabItem a[role="tab"][href="${pathOf(key)}"]`);
  const panelOf = (key) => document.getElementById(tabLink(key).getAttribute('aria-controls'));
  const keyOfPanel = (panel) => Object.keys(TABS).find((k) => panelOf(k) === panel);

  function openTab(key, push = true) {
    if (!TABS[key]) throw new Error(`unknown tab ${key}`);
    for (const k of Object.keys(TABS)) {
      const on = k === key;
      const link = tabLink(k);
      const panel = panelOf(k);
      link.setAttribute('aria-selected', String(on));
      link.closest('li').classList.toggle('slds-is-active', on);
      panel.classList.toggle('active', on);
      panel.setAttribute('aria-expanded', String(on));
      if (on) panel.removeAttribute('style');
      else panel.setAttribute('style', OFFSCREEN);
    }
    document.title = `${TABS[key].label}: ${key} | Salesforce`;
    if (push && location.pathname !== pathOf(key)) history.pushState({ key }, '', pathOf(key));
  }

  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = (text) => text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  const longDate = (d) =>
    `${d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' })} at ${d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`;
  const clock = (d) => d.toLocaleTimeString('zh-TW', { hour: '2-digit', minute: '2-digit', hour12: false });
  const initials = (name) => (/^[A-Za-z]/.test(name) ? name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2) : name.slice(0, 1));

  // Salesforce renders each email's HTML into an iframe srcdoc inside the
  // shadow root of emailui-rich-text-output; the value attribute keeps the HTML.
  const FRAME_CSS =
    'body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Arial,"Noto Sans TC",sans-serif;color:#181818}p{margin:0 0 8px}blockquote{margin:6px 0;padding-left:10px;border-left:2px solid #c9c9c9;color:#706e6b}';
  function renderEmail(output) {
    if (output.shadowRoot) return;
    const root = output.attachShadow({ mode: 'open' });
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.title = 'Email Body Content';
    frame.style.cssText = 'border:0;width:100%;height:60px;display:block';
    frame.srcdoc = `<!doctype html><html><head><style>${FRAME_CSS}</style></head><body>${output.getAttribute('value') ?? ''}</body></html>`;
    frame.addEventListener('load', () => {
      frame.style.height = `${frame.contentDocument.documentElement.scrollHeight + 4}px`;
    });
    root.append(frame);
  }

  // The chat transcript is declared as declarative shadow DOM; a parser that
  // did not attach it (document.write, innerHTML) leaves a template behind.
  function attachChatRoots() {
    for (const host of document.querySelectorAll('scrt-conversation-body')) {
      if (host.shadowRoot) continue;
      const template = host.querySelector(':scope > template[shadowrootmode]');
      const root = host.attachShadow({ mode: 'open' });
      if (template) {
        root.append(template.content.cloneNode(true));
        template.remove();
      }
    }
  }

  function feedOf(key) {
    return panelOf(key).querySelector('.forceChatterFeed');
  }

  function bumpCount(feed) {
    const status = feed.querySelector('[role="status"]');
    const n = feed.querySelectorAll('article.cuf-feedItem').length;
    status.textContent = `${n} Chatter Feed ${n === 1 ? 'Item' : 'Items'}`;
  }

  /** A feed item at the top of the case feed (newest first, as Salesforce sorts by default). */
  function addFeedItem(key, { type, author, html, internal = false, subject = '' }) {
    const feed = feedOf(key);
    const tab = TABS[key];
    const now = new Date();
    const id = `${type === 'EmailMessage' ? '02s' : '0D5'}Hs00000Dm${String(nextId++).padStart(4, '0')}IAJ`;
    const li = document.createElement('li');
    li.className = 'slds-feed__item';
    const article = document.createElement('article');
    article.className = 'cuf-feedElement cuf-feedItem';
    article.dataset.id = id;
    article.dataset.type = type;
    const to = author === tab.customer ? 'to Acme Support' : `to ${tab.customer}`;
    article.innerHTML = `
      <div class="cuf-feedItemHeader">
        <span class="slds-avatar cuf-avatar${author === tab.customer ? '' : ' agent'}" aria-hidden="true"></span>
        <div class="cuf-preamble">
          <p><span class="preamble_left"><a class="cuf-entityLink" href="#"></a></span> <span class="${internal ? 'preamble_custom-preamble' : 'preamble_to'}"></span></p>
          <p class="preamble_right"><a class="cuf-timestamp" href="/lightning/r/${type === 'EmailMessage' ? 'EmailMessage' : 'FeedItem'}/${id}/view">Just now</a></p>
        </div>${type === 'EmailMessage' ? '<span class="cuf-emailIcon" aria-hidden="true">✉</span>' : ''}
      </div>
      <div class="cuf-body"></div>`;
    article.querySelector('.cuf-avatar').textContent = initials(author);
    article.querySelector('.cuf-entityLink').textContent = author;
    article.querySelector('.preamble_right a').title = longDate(now);
    const custom = article.querySelector('.preamble_left + span');
    if (internal) custom.textContent = 'Internal';
    else if (type === 'EmailMessage') custom.textContent = to;
    const body = article.querySelector('.cuf-body');
    if (type === 'EmailMessage') {
      const subj = document.createElement('p');
      subj.className = 'cuf-emailSubject';
      subj.textContent = subject;
      const box = document.createElement('div');
      box.className = 'emailMessageBody';
      const output = document.createElement('emailui-rich-text-output');
      output.setAttribute('value', html);
      box.append(output);
      body.append(subj, box);
      renderEmail(output);
    } else {
      body.innerHTML = '<div class="cuf-feedBodyText forceChatterMessageSegments forceChatterFeedBodyText"><div class="feedBodyInner Desktop oneApp"></div></div>';
      body.querySelector('.feedBodyInner').innerHTML = html;
    }
    li.append(article);
    feed.querySelector('.cuf-feed > ol').prepend(li);
    bumpCount(feed);
    return id;
  }

  /** "View More": an older feed item at the bottom of the newest-first feed, after a short load. */
  function showOlder(key, button) {
    const feed = feedOf(key);
    button.disabled = true;
    button.textContent = 'Loading…';
    setTimeout(() => {
      const li = document.createElement('li');
      li.className = 'slds-feed__item';
      li.innerHTML = `<article class="cuf-feedElement cuf-feedItem" data-id="0D5Hs00000Dm0001IAJ" data-type="TextPost">
        <div class="cuf-feedItemHeader"><span class="slds-avatar cuf-avatar agent" aria-hidden="true">AS</span>
          <div class="cuf-preamble"><p><span class="preamble_left"><a class="cuf-entityLink" href="#">Acme Support</a></span> <span class="preamble_custom-preamble">Internal</span></p>
          <p class="preamble_right"><a class="cuf-timestamp" href="#" title="November 20, 2026 at 4:30 PM">Nov 20</a></p></div></div>
        <div class="cuf-body"><div class="cuf-feedBodyText forceChatterMessageSegments forceChatterFeedBodyText"><div class="feedBodyInner Desktop oneApp"><p>Case created from email. Order #W-55810 shipped with ParcelGo on November 14.</p></div></div></div>
      </article>`;
      feed.querySelector('.cuf-feed > ol').append(li);
      bumpCount(feed);
      button.closest('.cuf-showMoreContainer').textContent = 'End of Feed';
    }, 300);
  }

  function subjectOf(key) {
    const field = panelOf(key).querySelector('[data-target-selection-name="sfdc:RecordField.Case.Subject"] lightning-formatted-text');
    return `RE: ${field?.textContent ?? ''}`;
  }

  function chatListOf(key) {
    return panelOf(key).querySelector('scrt-conversation-body').shadowRoot.querySelector('ul.slds-chat-list');
  }

  function addChat(key, direction, author, text) {
    const list = chatListOf(key);
    const li = document.createElement('li');
    li.className = `slds-chat-listitem slds-chat-listitem_${direction}`;
    li.innerHTML = `<div class="slds-chat-message">${direction === 'inbound' ? '<span class="slds-avatar slds-avatar_circle slds-chat-avatar" aria-hidden="true"><abbr class="slds-avatar__initials"></abbr></span>' : ''}<div class="slds-chat-message__body"><div class="slds-chat-message__text slds-chat-message__text_${direction}"><span></span></div><div class="slds-chat-message__meta"></div></div></div>`;
    const abbr = li.querySelector('abbr');
    if (abbr) {
      abbr.textContent = initials(author);
      abbr.title = author;
    }
    li.querySelector('.slds-chat-message__text span').textContent = text;
    const time = clock(new Date());
    const meta = li.querySelector('.slds-chat-message__meta');
    meta.textContent = `${author} • ${time}`;
    meta.setAttribute('aria-label', `said ${author} at ${time}`);
    list.append(li);
    list.closest('.slds-chat').scrollTop = 1e9;
    return `chat-${list.children.length - 1}`;
  }

  function customerWrites(key, text) {
    const tab = TABS[key];
    if (!tab) throw new Error(`unknown tab ${key}`);
    const said = text ?? scripted[key].shift() ?? '…';
    if (tab.type === 'MessagingSession') return addChat(key, 'inbound', tab.customer, said);
    const quoted =
      '<p>On Sun, Nov 22, 2026 at 9:40 AM Acme Support &lt;support@acme-shop.example&gt; wrote:</p><blockquote><p>Hi, I am very sorry for the trouble…</p></blockquote>';
    return addFeedItem(key, { type: 'EmailMessage', author: tab.customer, html: paragraphs(said) + quoted, subject: subjectOf(key) });
  }

  // --- Agent actions -------------------------------------------------------

  function selectPublisherTab(link) {
    const nav = link.closest('[role="tablist"]');
    for (const a of nav.querySelectorAll('a[role="tab"]')) {
      const on = a === link;
      a.setAttribute('aria-selected', String(on));
      a.closest('li').classList.toggle('slds-is-active', on);
      document.getElementById(a.getAttribute('aria-controls')).hidden = !on;
    }
  }

  function revealQuill(button) {
    const wrapper = button.parentElement.querySelector('.cuf-quillWrapper');
    button.hidden = true;
    wrapper.hidden = false;
    wrapper.querySelector('.ql-editor').focus();
  }

  function sharePost(key, button) {
    const editor = button.closest('.cuf-quillWrapper').querySelector('.ql-editor');
    const text = editor.innerText.trim();
    if (!text) return;
    addFeedItem(key, { type: 'TextPost', author: TABS[key].agent, html: paragraphs(text), internal: true });
    editor.innerHTML = '<p><br></p>';
    editor.classList.add('ql-blank');
  }

  function sendEmail(key, button) {
    const frame = button.closest('.forceChatterPublisherEmail').querySelector('iframe[title="Email Body"]');
    const body = frame.contentDocument?.body;
    const text = body?.innerText.trim() ?? '';
    if (!text) return;
    addFeedItem(key, { type: 'EmailMessage', author: TABS[key].agent, html: paragraphs(text), subject: subjectOf(key) });
    body.innerHTML = '<p><br></p>';
  }

  function sendChat(key) {
    const input = panelOf(key).querySelector('textarea.runtime_service_liveagentChatInput');
    const text = input.value.trim();
    if (!text) return;
    addChat(key, 'outbound', TABS[key].agent, text);
    input.value = '';
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    const workspaceTab = target.closest('li.oneConsoleTabItem a[role="tab"]');
    if (workspaceTab) {
      event.preventDefault();
      return openTab(keyOfPath(workspaceTab.getAttribute('href')));
    }
    const panel = target.closest('section.oneConsoleTab');
    const key = panel && keyOfPanel(panel);
    if (!key) return;
    const pubTab = target.closest('.publisherTabs a[role="tab"]');
    if (pubTab) {
      event.preventDefault();
      return selectPublisherTab(pubTab);
    }
    if (target.closest('button[title="Share an update..."]')) return revealQuill(target.closest('button'));
    const share = target.closest('.cuf-quillWrapper .cuf-publisherShareButton');
    if (share) return sharePost(key, share);
    const send = target.closest('.forceChatterPublisherEmail .cuf-publisherShareButton.send');
    if (send) return sendEmail(key, send);
    if (target.closest('.chatSend')) return sendChat(key);
    const viewMore = target.closest('.cuf-showMore');
    if (viewMore) return showOlder(key, viewMore);
    const more = target.closest('.cuf-more');
    if (more) {
      const inner = more.closest('article').querySelector('.feedBodyInner');
      inner.classList.toggle('collapsed');
      more.textContent = inner.classList.contains('collapsed') ? 'Expand Post' : 'Collapse Post';
    }
  });

  // Quill marks an empty editor with ql-blank (the placeholder shows through CSS).
  document.addEventListener('input', (event) => {
    const editor = event.target.closest?.('.ql-editor');
    if (editor) editor.classList.toggle('ql-blank', editor.textContent.trim() === '');
  });

  document.addEventListener('keydown', (event) => {
    const input = event.target.closest?.('textarea.runtime_service_liveagentChatInput');
    if (input && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendChat(keyOfPanel(input.closest('section.oneConsoleTab')));
    }
  });

  window.addEventListener('popstate', () => {
    const key = keyOfPath(location.pathname);
    if (key) openTab(key, false);
  });

  attachChatRoots();
  for (const output of document.querySelectorAll('emailui-rich-text-output')) renderEmail(output);
  openTab(keyOfPath(location.pathname) ?? '00012345', false);

  if (pace !== 'manual') {
    // The customer of the case writes a new email, then the messaging customer writes again.
    setTimeout(() => customerWrites('00012345'), 15_000);
    setTimeout(() => customerWrites('MS-0000421'), 20_000);
  }

  window.deskmateDemo = {
    openTab: (key) => openTab(String(key)),
    customerWrites: (key, text) => customerWrites(String(key), text),
  };
})();
