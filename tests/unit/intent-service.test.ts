import { signal } from '@preact/signals';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { PanelContext } from '../../components/panel-context';
import { TicketHeader } from '../../components/ticket-header';
import { createIntentService } from '../../lib/analysis/intent-service';
import { createTranslator, type Locale } from '../../lib/i18n';
import type { TeamIntent } from '../../lib/settings/catalogue';
import type { Conversation } from '../../lib/types';
import type { PanelStore } from '../../lib/ui/panel-store';

describe('intent service', () => {
  it('uses the shipped customer-service set when the team has none', () => {
    const service = createIntentService();
    const guess = service.classify([], [
      'I was charged twice for my order. My bank statement shows two payments of $89.00 within a minute of each other.',
      'Any news?',
    ]);
    expect(guess?.name).toBe('double_charge');
  });

  it("uses the team's own intents when set, and retrains when they change", () => {
    const service = createIntentService();
    const team = [
      { name: 'Billing: duplicate charge', examples: ['charged twice', 'two payments for one order', 'double charge on my card', 'billed two times'] },
      { name: 'Where is my order', examples: ['order not arrived', 'where is my package', 'tracking not updated'] },
    ];
    expect(service.classify(team, ['I see two payments on my card for one order'])?.name).toBe('Billing: duplicate charge');
    expect(service.classify([{ ...team[1]!, name: 'Delivery' }, team[0]!], ['where is my package?'])?.name).toBe('Delivery');
  });

  it('offers no guess rather than a weak one, and none without customer messages', () => {
    const service = createIntentService();
    expect(service.classify([], [])).toBeNull();
    expect(service.classify([], ['asdf qwerty zxcv'])).toBeNull();
  });

  it('offers no guess for small talk with the shipped set', () => {
    const service = createIntentService();
    expect(service.classify([], ['haha you are funny, are you a real person or a bot?'])).toBeNull();
    expect(service.classify([], ['can you recommend a good series to watch tonight'])).toBeNull();
  });
});

describe('intent in the panel header', () => {
  const conversation = (intent: string): Conversation => ({
    key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '42' },
    site: 'zendesk',
    channel: 'email',
    subject: 'Charged twice',
    requester: 'Ana',
    language: 'en',
    messages: [],
    insight: { messages: {}, escalation: { level: 'low', codes: [] }, intent: { name: intent, confidence: 0.81 } },
  });
  function header(intent: string, locale: Locale, teamIntents: TeamIntent[]): HTMLElement {
    const store = {
      t: signal(createTranslator(locale)),
      locale: signal(locale),
      settings: signal({ settings: { intents: teamIntents } }),
      pinned: signal(null),
      togglePin: () => {},
    } as unknown as PanelStore;
    const root = document.createElement('div');
    render(h(PanelContext.Provider, { value: store }, h(TicketHeader, { conversation: conversation(intent) })), root);
    return root.querySelector('[data-testid="ticket-intent"]')!;
  }

  it('names a shipped intent in the interface language, keeping its id for scripts', () => {
    const zh = header('double_charge', 'zh_CN', []);
    expect(zh.textContent).toContain('重复扣款');
    expect(zh.textContent).not.toContain('double');
    expect(zh.dataset.intent).toBe('double_charge');
    expect(header('double_charge', 'zh_TW', []).textContent).toContain('重複扣款');
    expect(header('double_charge', 'en', []).textContent).toContain('Charged twice');
  });

  it("shows a team's own intent as the team named it", () => {
    const team = [{ name: 'refund', examples: ['money back please'] }];
    expect(header('refund', 'zh_CN', team).textContent).toContain('refund');
    expect(header('refund', 'zh_CN', team).textContent).not.toContain('退款');
  });
});
