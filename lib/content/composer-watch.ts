/**
 * Follows what the agent types in the helpdesk's own reply composer, so the
 * side panel can check its tone too (not only the panel's reply box).
 *
 * Only the composer of the ticket in front is read, and only after the agent
 * stops typing for a moment: one text read (textContent or value, no layout)
 * per pause. Rich-text editors re-render their DOM from a model and may not
 * fire `input` (CKEditor 5 handles beforeinput itself), so the composer is also
 * watched with a MutationObserver scoped to it. Salesforce's email body lives in
 * a same-origin iframe: its document is listened to as well. The text goes to
 * the background (never to the network) and is dropped on a ticket switch.
 */
import { setBounded } from '../bounded';
import { ticketKeyId } from '../ticket-key';
import type { TicketKey } from '../types';

/** Longest text sent; a reply longer than this is checked on its beginning. */
export const COMPOSER_TEXT_LIMIT = 20_000;
const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TABLE|THEAD|TBODY|TR|SECTION|ARTICLE|FIGURE)$/;

/** The text of a composer: a textarea's value, or a rich-text editor's blocks one per line. */
export function readComposerText(el: Element): string {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value.slice(0, COMPOSER_TEXT_LIMIT);
  const body = el instanceof HTMLIFrameElement ? el.contentDocument?.body : el;
  if (!body) return '';
  const lines: string[] = [];
  const walk = (node: Element) => {
    let inline = '';
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1 && BLOCK.test((child as Element).tagName)) {
        if (inline.trim()) lines.push(inline);
        inline = '';
        walk(child as Element);
      } else if (child.nodeType === 1 && (child as Element).tagName === 'BR') {
        inline += '\n';
      } else {
        inline += child.textContent ?? '';
      }
    }
    if (inline.trim()) lines.push(inline);
  };
  walk(body);
  return lines
    .join('\n')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim()
    .slice(0, COMPOSER_TEXT_LIMIT);
}

export interface ComposerWatchOptions {
  doc: Document;
  /**
   * The ticket in front and its open composer (el null when it has none), or
   * null when no ticket can be read.
   */
  current(): { key: TicketKey; el: Element | null } | null;
  /** The text changed (or the composer went away): '' when the composer is empty or gone. */
  onDraft(key: TicketKey, text: string): void;
  signal: AbortSignal;
  /** Pause after the last keystroke before the text is read (default 400 ms). */
  delayMs?: number;
}

/** What an edit fires (keyup is not one: arrow keys and copying change nothing). */
const EDIT_EVENTS = ['beforeinput', 'input', 'paste', 'cut', 'drop', 'compositionend'] as const;
const LIMIT = 500;

export function watchComposer(options: ComposerWatchOptions): { check(): void } {
  const { doc, signal } = options;
  const delay = options.delayMs ?? 400;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let observed: Element | null = null;
  let frameDoc: Document | null = null;
  /** What was last sent per ticket, so an unchanged text is not sent again and a vanished composer is cleared. */
  const sent = new Map<string, string>();
  /** Tickets whose composer changed while watched: a signature or a template left alone is not the agent's reply. */
  const edited = new Map<string, true>();
  let changed = false;
  /** An editable element typed in that is not (yet) the watched composer: a composer opened since the last look. */
  let typedIn: Node | null = null;
  const onChange = () => {
    changed = true;
    schedule(delay);
  };
  const observer = new MutationObserver(onChange);
  const within = (el: Element, node: Node) => el === node || el.contains(node) || (el instanceof HTMLIFrameElement && el.contentDocument === node.ownerDocument);

  const onEvent = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Node)) return;
    if (observed && within(observed, target)) return onChange();
    const el = target as HTMLElement;
    if (el.isContentEditable || el.tagName === 'TEXTAREA') {
      typedIn = target;
      schedule(delay);
    }
  };
  for (const type of EDIT_EVENTS) doc.addEventListener(type, onEvent, { capture: true, passive: true, signal });
  // Keystrokes inside an iframe editor never reach this document: when one gets focus, look at it soon.
  doc.addEventListener('focusin', (event) => { if ((event.target as Element | null)?.tagName === 'IFRAME' && event.target !== observed) schedule(50); }, { capture: true, passive: true, signal });

  function schedule(ms: number) {
    if (signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(read, ms);
  }

  const onFrameLoad = () => schedule(50);

  function attach(el: Element | null) {
    const nextFrameDoc = el instanceof HTMLIFrameElement ? el.contentDocument : null;
    if (el === observed && nextFrameDoc === frameDoc) {
      // Listeners on an iframe's document go when the editor rewrites it (document.open): adding them again is a no-op otherwise.
      for (const type of EDIT_EVENTS) frameDoc?.addEventListener(type, onEvent, { capture: true, passive: true });
      return;
    }
    observer.disconnect();
    for (const type of EDIT_EVENTS) frameDoc?.removeEventListener(type, onEvent, true);
    if (observed instanceof HTMLIFrameElement) observed.removeEventListener('load', onFrameLoad);
    observed = el;
    frameDoc = nextFrameDoc;
    if (!el) return;
    // The iframe's whole document is watched, so a rewritten body is seen too.
    observer.observe(frameDoc ?? el, { childList: true, subtree: true, characterData: true });
    for (const type of EDIT_EVENTS) frameDoc?.addEventListener(type, onEvent, { capture: true, passive: true });
    if (el instanceof HTMLIFrameElement) el.addEventListener('load', onFrameLoad);
  }

  function read() {
    timer = null;
    if (signal.aborted) return;
    let found: { key: TicketKey; el: Element | null } | null = null;
    try {
      found = options.current();
    } catch {
      found = null; // a page in the middle of changing: read again on the next keystroke
    }
    const el = found?.el ?? null;
    const wasObserved = observed;
    attach(el);
    const edit = (changed && wasObserved !== null && wasObserved === observed) || (typedIn !== null && el !== null && within(el, typedIn));
    changed = false;
    typedIn = null;
    if (!found) return;
    const id = ticketKeyId(found.key);
    if (edit) setBounded(edited, id, true, LIMIT);
    // The composer closed (sent, discarded): what the panel shows for this ticket is gone too.
    const text = el ? (edited.has(id) ? readComposerText(el) : null) : '';
    if (text === null || (sent.get(id) ?? '') === text) return;
    setBounded(sent, id, text, LIMIT);
    options.onDraft(found.key, text);
  }

  signal.addEventListener('abort', () => {
    if (timer) clearTimeout(timer);
    attach(null);
  });

  return {
    /** The ticket in front may have changed: find its composer (and read it after the usual pause). */
    check() {
      schedule(delay);
    },
  };
}
