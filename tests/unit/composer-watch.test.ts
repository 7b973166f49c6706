import { afterEach, describe, expect, it, vi } from 'vitest';
import { readComposerText, watchComposer } from '../../lib/content/composer-watch';
import type { TicketKey } from '../../lib/types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (ticketId: string): TicketKey => ({ site: 'zendesk', host: 'acme.zendesk.com', ticketId });

describe('readComposerText', () => {
  it('reads a textarea, and a rich-text editor one block per line', () => {
    const area = document.createElement('textarea');
    area.value = 'Hello\nthere';
    expect(readComposerText(area)).toBe('Hello\nthere');

    const editor = document.createElement('div');
    editor.contentEditable = 'true';
    editor.innerHTML = '<p>Hi Maria,</p><p>We are&nbsp;sorry.<br>Your refund is on its way.</p><ul><li>one</li><li>two</li></ul><p><br></p>';
    expect(readComposerText(editor)).toBe('Hi Maria,\nWe are sorry.\nYour refund is on its way.\none\ntwo');
  });

  it('caps what it reads at 20,000 characters', () => {
    const area = document.createElement('textarea');
    area.value = 'x'.repeat(25_000);
    expect(readComposerText(area)).toHaveLength(20_000);
  });
});

describe('watchComposer', () => {
  const controller = new AbortController();
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function setup() {
    document.body.innerHTML = `
      <section id="t1"><div class="editor" contenteditable="true"><p>Kind regards, Sam</p></div></section>
      <section id="t2" hidden><div class="editor" contenteditable="true"><p></p></div></section>`;
    let front = 't1';
    const onDraft = vi.fn();
    const ctl = new AbortController();
    const watch = watchComposer({
      doc: document,
      signal: ctl.signal,
      delayMs: 20,
      current: () => ({ key: keyOf(front), el: document.querySelector(`#${front} .editor`)! }),
      onDraft,
    });
    return { onDraft, watch, ctl, show: (id: string) => (front = id) };
  }

  function type(el: Element, html: string) {
    el.innerHTML = html;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('sends what the agent typed after a pause, once per change, for the ticket in front', async () => {
    const { onDraft, watch, ctl } = setup();
    watch.check();
    await sleep(60);
    // A signature nobody touched is not the agent's reply.
    expect(onDraft).not.toHaveBeenCalled();

    const editor = document.querySelector('#t1 .editor')!;
    type(editor, '<p>YOU SHOULD HAVE READ THE MANUAL</p>');
    type(editor, '<p>YOU SHOULD HAVE READ THE MANUAL.</p>');
    await sleep(80);
    expect(onDraft).toHaveBeenCalledTimes(1);
    expect(onDraft).toHaveBeenLastCalledWith(keyOf('t1'), 'YOU SHOULD HAVE READ THE MANUAL.');

    // No change, nothing new.
    editor.dispatchEvent(new Event('keyup', { bubbles: true }));
    await sleep(60);
    expect(onDraft).toHaveBeenCalledTimes(1);

    // Emptied: the panel is told so.
    type(editor, '<p><br></p>');
    await sleep(60);
    expect(onDraft).toHaveBeenLastCalledWith(keyOf('t1'), '');
    ctl.abort();
  });

  it('follows a ticket switch, and an editor that changes without input events', async () => {
    const { onDraft, watch, ctl, show } = setup();
    watch.check();
    await sleep(40);
    show('t2');
    watch.check();
    await sleep(40);
    expect(onDraft).not.toHaveBeenCalled();
    // The editor re-renders from its model (no input event): the observer sees it.
    document.querySelector('#t2 .editor')!.innerHTML = '<p>Sorry about that!</p>';
    await sleep(80);
    expect(onDraft).toHaveBeenCalledWith(keyOf('t2'), 'Sorry about that!');
    // Typing in the hidden ticket's editor is not the ticket in front.
    type(document.querySelector('#t1 .editor')!, '<p>other</p>');
    await sleep(60);
    expect(onDraft).toHaveBeenCalledTimes(1);
    ctl.abort();
  });

  it('clears the check when the composer goes away (sent or closed), and not for an untouched ticket', async () => {
    document.body.innerHTML = '<section id="t"><textarea class="editor"></textarea></section>';
    const onDraft = vi.fn();
    const ctl = new AbortController();
    const watch = watchComposer({
      doc: document,
      signal: ctl.signal,
      delayMs: 10,
      current: () => ({ key: keyOf('5'), el: document.querySelector('#t .editor') }),
      onDraft,
    });
    watch.check();
    await sleep(30);
    const area = document.querySelector<HTMLTextAreaElement>('#t .editor')!;
    area.value = 'Read the manual.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(40);
    expect(onDraft).toHaveBeenLastCalledWith(keyOf('5'), 'Read the manual.');
    area.remove();
    watch.check();
    await sleep(40);
    expect(onDraft).toHaveBeenLastCalledWith(keyOf('5'), '');
    expect(onDraft).toHaveBeenCalledTimes(2);
    // Nothing more to say about a ticket whose composer is gone and already cleared.
    watch.check();
    await sleep(40);
    expect(onDraft).toHaveBeenCalledTimes(2);
    ctl.abort();
  });

  it('arrow keys and copying in an untouched signature are no edit', async () => {
    document.body.innerHTML = '<section id="t"><div class="editor" contenteditable="true"><p>Kind regards, Sam</p></div></section>';
    const onDraft = vi.fn();
    const ctl = new AbortController();
    const watch = watchComposer({ doc: document, signal: ctl.signal, delayMs: 10, current: () => ({ key: keyOf('6'), el: document.querySelector('#t .editor') }), onDraft });
    watch.check();
    await sleep(30);
    const editor = document.querySelector('#t .editor')!;
    editor.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowLeft', bubbles: true }));
    editor.dispatchEvent(new Event('copy', { bubbles: true }));
    await sleep(40);
    expect(onDraft).not.toHaveBeenCalled();
    ctl.abort();
  });

  it('stops when aborted and survives a page that throws while it changes', async () => {
    document.body.innerHTML = '<div class="editor" contenteditable="true"></div>';
    const onDraft = vi.fn();
    let broken = true;
    const watch = watchComposer({
      doc: document,
      signal: controller.signal,
      delayMs: 10,
      current: () => {
        if (broken) throw new Error('half-rendered');
        return { key: keyOf('9'), el: document.querySelector('.editor')! };
      },
      onDraft,
    });
    watch.check();
    await sleep(30);
    broken = false;
    watch.check();
    await sleep(30);
    type(document.querySelector('.editor')!, '<p>ok</p>');
    await sleep(40);
    expect(onDraft).toHaveBeenCalledWith(keyOf('9'), 'ok');
    controller.abort();
    type(document.querySelector('.editor')!, '<p>later</p>');
    await sleep(40);
    expect(onDraft).toHaveBeenCalledTimes(1);
  });
});
