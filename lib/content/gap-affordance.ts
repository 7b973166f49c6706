/**
 * "Flag a knowledge gap" right where the agent noticed it: a small button on
 * each customer message of the ticket in front, in a closed shadow root (the
 * helpdesk's styles and scripts can't reach it, ours can't leak), reachable
 * with Tab, opening a short form (reason, note). The flag itself is built by
 * the background, which takes the message text from the conversation it has,
 * redacts it and queues the delivery.
 */
import type { Translate } from '../i18n';
import { GAP_REASONS, type GapReason } from '../knowledge/types';
import type { Message, TicketKey } from '../types';
import { OWN_ELEMENT } from './ticket-watcher';

export interface GapAffordanceOptions {
  doc: Document;
  t: Translate;
  /** Sends the flag; resolves when the background has queued it. */
  flag: (key: TicketKey, messageId: string, reason: GapReason, note: string) => Promise<void>;
  /** Make a message's button only when it comes into view (default: when IntersectionObserver exists). */
  whenVisible?: boolean;
}

const STYLE = `
:host { all: initial; display: block; margin: 2px 0 0; font: 12px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; }
button { font: inherit; cursor: pointer; border-radius: 4px; }
.open { border: 1px solid transparent; background: transparent; color: #52606d; padding: 1px 6px; }
.open:hover, .open:focus-visible { border-color: #9aa5b1; color: #1f2933; background: #f5f7fa; }
:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
form { display: grid; gap: 6px; max-width: 340px; margin-top: 4px; padding: 8px; border: 1px solid #cbd2d9; border-radius: 6px; background: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.08); }
label { display: grid; gap: 2px; }
select, textarea { font: inherit; padding: 3px; border: 1px solid #9aa5b1; border-radius: 4px; }
.row { display: flex; gap: 6px; }
.send { background: #2563eb; color: #fff; border: 1px solid #2563eb; padding: 2px 10px; }
.cancel { background: #fff; border: 1px solid #9aa5b1; padding: 2px 10px; }
.status { color: #3e7c17; }
.status.error { color: #b42318; }
`;

interface Decorated {
  host: HTMLElement;
  messageId: string;
}

export function createGapAffordance(opts: GapAffordanceOptions) {
  const { doc, t } = opts;
  /** Message elements already carrying a button, with the message they were made for. */
  const decorated = new WeakMap<Element, Decorated>();
  const hosts = new Set<HTMLElement>();

  function build(key: TicketKey, message: Message): HTMLElement {
    const host = doc.createElement(OWN_ELEMENT);
    host.dataset.messageId = message.id;
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    const open = doc.createElement('button');
    open.type = 'button';
    open.className = 'open';
    open.textContent = `⚑ ${t('gap_flag_button')}`;
    open.setAttribute('aria-expanded', 'false');
    const status = doc.createElement('span');
    status.className = 'status';
    status.setAttribute('role', 'status');
    root.append(style, open, status);

    let form: HTMLFormElement | null = null;
    const close = () => {
      form?.remove();
      form = null;
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    };
    open.addEventListener('click', (event) => {
      event.stopPropagation();
      if (form) return close();
      form = doc.createElement('form');
      const reasonLabel = doc.createElement('label');
      reasonLabel.textContent = t('gap_reason_label');
      const select = doc.createElement('select');
      for (const reason of GAP_REASONS) {
        const option = doc.createElement('option');
        option.value = reason;
        option.textContent = t(`gap_reason_${reason}`);
        select.append(option);
      }
      reasonLabel.append(select);
      const noteLabel = doc.createElement('label');
      noteLabel.textContent = t('gap_note_label');
      const note = doc.createElement('textarea');
      note.rows = 2;
      note.maxLength = 2000;
      noteLabel.append(note);
      const row = doc.createElement('div');
      row.className = 'row';
      const send = doc.createElement('button');
      send.type = 'submit';
      send.className = 'send';
      send.textContent = t('gap_send');
      const cancel = doc.createElement('button');
      cancel.type = 'button';
      cancel.className = 'cancel';
      cancel.textContent = t('gap_cancel');
      cancel.addEventListener('click', close);
      row.append(send, cancel);
      form.append(reasonLabel, noteLabel, row);
      // Keys typed here are the agent's, not the helpdesk's shortcuts.
      form.addEventListener('keydown', (e) => {
        e.stopPropagation();
        if (e.key === 'Escape') close();
      });
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        send.disabled = true;
        status.className = 'status';
        status.textContent = t('gap_sending');
        opts
          .flag(key, message.id, select.value as GapReason, note.value.trim())
          .then(() => {
            close();
            status.textContent = `✓ ${t('gap_flagged')}`;
          })
          .catch(() => {
            send.disabled = false;
            status.className = 'status error';
            status.textContent = t('gap_failed');
          });
      });
      root.append(form);
      open.setAttribute('aria-expanded', 'true');
      select.focus();
    });
    return host;
  }

  function decorate(element: Element, key: TicketKey, message: Message) {
    const have = decorated.get(element);
    if (have && have.messageId === message.id && have.host.isConnected && have.host.parentElement === element) return;
    have?.host.remove();
    const host = build(key, message);
    element.append(host);
    hosts.add(host);
    decorated.set(element, { host, messageId: message.id });
  }

  // A 1,000-message ticket must not get 500 shadow roots at once: a message
  // gets its button when it comes into view (or right away without an
  // IntersectionObserver).
  let pending = new WeakMap<Element, { key: TicketKey; message: Message }>();
  const view =
    (opts.whenVisible ?? true) && typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            const wanted = pending.get(entry.target);
            view!.unobserve(entry.target);
            if (wanted && entry.target.isConnected) decorate(entry.target, wanted.key, wanted.message);
          }
        }, { rootMargin: '200px' })
      : null;

  return {
    /** Gives each customer message of the ticket in front its button (once per element and message). */
    update(key: TicketKey | null, items: readonly { element: Element; message: Message }[]) {
      if (!key) return;
      for (const { element, message } of items) {
        if (message.role !== 'customer' || !message.text) continue;
        const have = decorated.get(element);
        if (have && have.messageId === message.id && have.host.isConnected) continue;
        if (!view) {
          decorate(element, key, message);
        } else if (pending.get(element)?.message.id !== message.id) {
          pending.set(element, { key, message });
          view.observe(element);
        }
      }
    },
    /** Takes every button off the page. */
    clear() {
      view?.disconnect();
      pending = new WeakMap(); // what was waiting to come into view is observed again at the next update
      for (const host of hosts) host.remove();
      hosts.clear();
    },
  };
}
