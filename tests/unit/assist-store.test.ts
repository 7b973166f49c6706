import { signal } from '@preact/signals';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { ASSIST_PORT, type AssistEvent, type AssistRequest } from '../../lib/messaging';
import { createAssistStore } from '../../lib/ui/assist-store';
import { defaults, type SettingsView } from '../../lib/settings/catalogue';
import type { Conversation } from '../../lib/types';

const conversation = (ticketId: string, lastCustomerId = 'c1'): Conversation => ({
  key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId },
  site: 'zendesk',
  channel: 'email',
  subject: 's',
  requester: 'r',
  language: 'en',
  messages: [{ id: lastCustomerId, role: 'customer', author: 'r', at: '', text: 'Where is my refund?' }],
});

const view = (patch: Partial<SettingsView['settings']> = {}): SettingsView => ({
  settings: { ...defaults(), llmBaseUrl: 'http://127.0.0.1:1/v1', llmModel: 'm', ...patch },
  locked: [],
  invalidPolicy: [],
  secretsSet: [],
});

/** The background's end of each assist port the panel opens. */
let ports: { request: AssistRequest | null; disconnected: boolean; send: (e: AssistEvent) => void }[] = [];

/** A port pair: what the panel holds, and the background's end recorded in `ports`. */
function connect(info?: { name?: string }): Runtime.Port {
  const panelListeners: ((m: unknown) => void)[] = [];
  const entry = { request: null as AssistRequest | null, disconnected: false, send: (e: AssistEvent) => panelListeners.forEach((l) => l(e)) };
  if (info?.name === ASSIST_PORT) ports.push(entry);
  return {
    name: info?.name ?? '',
    postMessage: (m: unknown) => void (entry.request = m as AssistRequest),
    disconnect: () => void (entry.disconnected = true),
    onMessage: { addListener: (l: (m: unknown) => void) => panelListeners.push(l) },
    onDisconnect: { addListener: () => undefined },
  } as unknown as Runtime.Port;
}

beforeEach(() => {
  fakeBrowser.reset();
  ports = [];
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(connect as never);
});

let stop: (() => void) | undefined;
afterEach(() => stop?.());

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('assist in the panel', () => {
  it('streams deltas into the draft of the ticket it was asked for, and ends done', async () => {
    const c = signal<Conversation | null>(conversation('1001'));
    const store = createAssistStore({ conversation: c, settings: signal(view()) });
    store.start();
    stop = store.stop;
    store.draftReply(1);
    await tick();
    expect(ports[0]!.request).toMatchObject({ task: 'draft', key: { ticketId: '1001' }, variants: 1 });
    ports[0]!.send({ type: 'delta', variant: 0, text: 'Hello ' });
    ports[0]!.send({ type: 'delta', variant: 0, text: 'Maya' });
    await tick();
    expect(store.draft.value!.variants[0]).toMatchObject({ text: 'Hello Maya', state: 'streaming' });
    ports[0]!.send({ type: 'done', variant: 0, text: 'Hello Maya.', complete: true, fault: null, citations: [] });
    await tick();
    expect(store.draft.value!.variants[0]).toMatchObject({ text: 'Hello Maya.', state: 'done' });
    expect(store.draft.value!.running).toBe(false);
  });

  it('cancels the request of a ticket the agent leaves, keeping what arrived as partial, and shows nothing of it on the new ticket', async () => {
    const c = signal<Conversation | null>(conversation('1001'));
    const store = createAssistStore({ conversation: c, settings: signal(view()) });
    store.start();
    stop = store.stop;
    store.draftReply(1);
    await tick();
    ports[0]!.send({ type: 'delta', variant: 0, text: 'Half a dr' });
    await tick();
    c.value = conversation('1002');
    await tick();
    expect(ports[0]!.disconnected).toBe(true);
    expect(store.draft.value).toBeNull(); // ticket 1002 has no draft
    c.value = conversation('1001');
    expect(store.draft.value!.variants[0]).toMatchObject({ text: 'Half a dr', state: 'partial' });
  });

  it('a newer request replaces the one running', async () => {
    const store = createAssistStore({ conversation: signal(conversation('1001')), settings: signal(view()) });
    store.start();
    stop = store.stop;
    store.draftReply(1);
    await tick();
    store.summarize();
    await tick();
    expect(ports[0]!.disconnected).toBe(true);
    expect(ports[1]!.request).toMatchObject({ task: 'summary' });
  });

  it('marks a draft stale when the customer writes again, and regenerates it by itself only when the setting says so', async () => {
    for (const auto of [false, true]) {
      ports = [];
      const c = signal<Conversation | null>(conversation('1001', 'c1'));
      const store = createAssistStore({ conversation: c, settings: signal(view({ autoRegenerateDrafts: auto })) });
      store.start();
      store.draftReply(2);
      await tick();
      ports[0]!.send({ type: 'done', variant: 0, text: 'A', complete: true, fault: null, citations: [] });
      ports[0]!.send({ type: 'done', variant: 1, text: 'B', complete: true, fault: null, citations: [] });
      await tick();
      expect(store.stale.value).toBe(false);
      c.value = conversation('1001', 'c2');
      await tick();
      if (auto) {
        expect(ports).toHaveLength(2);
        expect(ports[1]!.request).toMatchObject({ task: 'draft', variants: 2 });
        expect(store.stale.value).toBe(false);
      } else {
        expect(ports).toHaveLength(1);
        expect(store.stale.value).toBe(true);
      }
      store.stop();
    }
  });

  it('says nothing is configured without an endpoint', () => {
    const store = createAssistStore({ conversation: signal(conversation('1001')), settings: signal(view({ llmBaseUrl: '' })) });
    expect(store.configured.value).toBe(false);
  });
});
