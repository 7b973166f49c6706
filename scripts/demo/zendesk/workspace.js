// Behaviour of the demo Zendesk Agent Workspace: ticket tabs that swap panes
// without a page load (as Zendesk does, with history.pushState), real CKEditor 5
// composers, a submit button that posts the agent's reply, and a scripted
// customer who writes over time. window.deskmateDemo lets tests drive it.
(() => {
  'use strict';
  const pace = window.__DEMO_PACE__ || 'scripted';
  const editors = new Map();

  const scripted = {
    1001: [
      "I just checked again and the second charge of $89.00 is still there. If this isn't sorted out today I'm going to cancel my Acme subscription.",
      'Also, can someone tell me when the refund will actually show up on my card?',
    ],
    1002: ['请尽快帮我处理，这是给孩子的生日礼物，周六就要用。', '如果周六前到不了，可以退款吗？'],
  };
  const customer = {
    1001: { name: 'Maya Thompson', initials: 'MT', via: 'via Email', origin: 'EmailInteraction', user: 501 },
    1002: { name: '李娜', initials: '李', via: 'via messaging', origin: '', user: 777 },
  };
  const agent = { name: 'Daniel Kim', initials: 'DK', user: 9 };
  let nextId = 90001;

  const pane = (id) => document.querySelector(`#main_panes > [data-ticket-id="${id}"]`);

  function openTicket(id, push = true) {
    for (const p of document.querySelectorAll('#main_panes > [data-ticket-id]')) {
      p.style.display = p.dataset.ticketId === String(id) ? '' : 'none';
    }
    for (const tab of document.querySelectorAll('[data-test-id="header-tab"]')) {
      const selected = tab.dataset.entityId === String(id);
      tab.dataset.entityIsSelected = String(selected);
      tab.setAttribute('aria-selected', String(selected));
      if (selected) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    const title = pane(id)?.querySelector('[data-test-id="omni-header-subject"]')?.value ?? '';
    document.title = `Ticket #${id} – ${title} – Zendesk`;
    if (push && location.pathname !== `/agent/tickets/${id}`) history.pushState({ id }, '', `/agent/tickets/${id}`);
  }

  function appendMessage(id, who, text, { internal = false } = {}) {
    const log = pane(id).querySelector('[data-test-id="omni-log-container"]');
    const person = who === 'customer' ? customer[id] : agent;
    const commentId = String(nextId++);
    const now = new Date();
    const article = document.createElement('article');
    article.dataset.testId = 'omni-log-comment-item';
    article.id = `comment-${commentId}`;
    article.dataset.commentId = commentId;
    article.setAttribute('aria-label', `Message from ${person.name}`);
    const figure = document.createElement('figure');
    figure.dataset.testId = 'omni-log-base-avatar';
    figure.className = who === 'customer' ? 'avatar' : 'avatar agent';
    figure.textContent = person.initials;
    if (who !== 'customer') {
      figure.insertAdjacentHTML('beforeend', '<svg data-test-id="omni-log-avatar-badge-AgentBadge" width="10" height="10" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#1f73b7"/></svg>');
    }
    const body = document.createElement('div');
    body.className = 'item-body';
    const header = document.createElement('div');
    header.className = 'item-header';
    const sender = document.createElement('span');
    sender.dataset.testId = 'omni-log-item-sender';
    const strong = document.createElement('strong');
    strong.textContent = person.name;
    sender.append(strong);
    const via = document.createElement('span');
    via.dataset.testId = 'omni-log-item-via';
    via.textContent = customer[id].via;
    const time = document.createElement('time');
    time.dataset.testId = 'timestamp-relative';
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    header.append(sender, via, time);
    const message = document.createElement('div');
    message.dataset.testId = 'omni-log-item-message';
    message.setAttribute('type', who === 'customer' ? 'end-user' : internal ? 'internal' : 'agent');
    message.setAttribute('mode', 'standalone');
    const content = document.createElement('div');
    content.dataset.testId = 'omni-log-message-content';
    content.dataset.originatedFrom = who === 'customer' ? customer[id].origin : 'WebInteraction';
    const comment = document.createElement('div');
    comment.className = 'zd-comment';
    comment.dir = 'auto';
    for (const para of text.split(/\n{2,}/)) {
      const p = document.createElement('p');
      p.textContent = para;
      comment.append(p);
    }
    content.append(comment);
    message.append(content);
    body.append(header, message);
    article.append(figure, body);
    log.append(article);
    log.scrollTop = log.scrollHeight;
    return commentId;
  }

  function customerWrites(id, text) {
    const queue = scripted[id];
    const said = text ?? queue.shift() ?? '…';
    return appendMessage(String(id), 'customer', said);
  }

  // "Show older" loads history lazily, after a delay, behind a progress bar.
  function showOlder(button) {
    const log = button.closest('[data-test-id="omni-log-container"]');
    const bar = document.createElement('div');
    bar.setAttribute('role', 'progressbar');
    bar.className = 'progress';
    button.replaceWith(bar);
    setTimeout(() => {
      const older = document.createElement('article');
      older.dataset.testId = 'omni-log-comment-item';
      older.id = 'comment-69990';
      older.dataset.commentId = '69990';
      older.setAttribute('aria-label', 'Message from Acme Shop');
      older.innerHTML = `<figure data-test-id="omni-log-base-avatar" class="avatar bot">A</figure><div class="item-body"><div class="item-header"><span data-test-id="omni-log-item-sender"><strong>Acme Shop</strong></span><span data-test-id="omni-log-item-via">via Trigger</span><time data-test-id="timestamp-relative" datetime="2026-11-20T14:05:00Z">Nov 20 14:05</time></div><div data-test-id="omni-log-item-message" type="system" mode="standalone"><div data-test-id="omni-log-message-content" data-originated-from="Trigger"><div class="zd-comment"><p>Thank you for your order #A-20417! We'll email you when it ships.</p></div></div></div></div>`;
      bar.replaceWith(older);
    }, 400);
  }

  async function createEditor(mount) {
    const { ClassicEditor, Essentials, Paragraph, Bold, Italic, Link, List, AutoLink } = window.CKEDITOR;
    const rich = mount.dataset.editor === 'rich';
    const editor = await ClassicEditor.create(mount, {
      licenseKey: 'GPL',
      plugins: rich ? [Essentials, Paragraph, Bold, Italic, Link, List, AutoLink] : [Essentials, Paragraph],
      toolbar: rich ? ['bold', 'italic', 'link', 'bulletedList', 'numberedList'] : [],
      placeholder: mount.dataset.placeholder,
    });
    // Zendesk's editable carries these attributes; CKEditor owns the element, so set them through its view.
    editor.editing.view.change((writer) => {
      const root = editor.editing.view.document.getRoot();
      writer.setAttribute('data-test-id', rich ? 'omnicomposer-rich-text-ckeditor' : 'omnicomposer-plain-text-ckeditor', root);
    });
    return editor;
  }

  function submit(id) {
    const editor = editors.get(id);
    const text = editor.getData({ trim: 'empty' }).replace(/<\/p>\s*<p>/g, '\n\n').replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
    if (!text) return;
    appendMessage(id, 'agent', text);
    editor.setData('');
  }

  document.addEventListener('click', (event) => {
    const tab = event.target.closest('[data-test-id="header-tab"]');
    if (tab) {
      event.preventDefault();
      openTicket(tab.dataset.entityId);
      return;
    }
    const more = event.target.closest('[data-test-id="convolog-show-more-button"]');
    if (more) return showOlder(more);
    const send = event.target.closest('[data-test-id="submit_button-button"], [data-test-id="omnichannel-omnicomposer-send-button"]');
    if (send) submit(send.closest('[data-ticket-id]').dataset.ticketId);
  });
  window.addEventListener('popstate', () => {
    const id = /\/agent\/tickets\/(\d+)/.exec(location.pathname)?.[1];
    if (id) openTicket(id, false);
  });

  const ready = Promise.all(
    [...document.querySelectorAll('.editor-mount')].map(async (mount) => {
      const id = mount.closest('[data-ticket-id]').dataset.ticketId;
      editors.set(id, await createEditor(mount));
    }),
  );

  const initial = /\/agent\/tickets\/(\d+)/.exec(location.pathname)?.[1] ?? '1001';
  openTicket(initial, false);

  if (pace === 'scripted') {
    // The customer of the ticket in front writes again after a while, then once more.
    setTimeout(() => customerWrites(initial), 12_000);
    setTimeout(() => customerWrites(initial === '1001' ? '1002' : '1001'), 25_000);
    setTimeout(() => customerWrites(initial), 45_000);
  }

  window.deskmateDemo = {
    ready,
    openTicket: (id) => openTicket(String(id)),
    customerWrites: (id, text) => customerWrites(String(id), text),
    composerData: (id) => editors.get(String(id))?.getData() ?? null,
    setComposerData: (id, html) => editors.get(String(id))?.setData(html),
  };
})();
