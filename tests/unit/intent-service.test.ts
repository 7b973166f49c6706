import { describe, expect, it } from 'vitest';
import { createIntentService } from '../../lib/analysis/intent-service';

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
});
