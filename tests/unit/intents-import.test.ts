import { describe, expect, it } from 'vitest';
import { intentsFromCsv } from '../../lib/ui/intents-import';

describe('intents from CSV', () => {
  it('groups phrases by label, with quoted commas', () => {
    const csv = 'text,label\n"charged twice, please help",Double charge\ntwo payments for one order,Double charge\nbilled two times,Double charge\nwhere is my parcel,Delivery\norder not here yet,Delivery\n包裹还没到,Delivery\n';
    expect(intentsFromCsv(csv)).toEqual({
      ok: true,
      intents: [
        { name: 'Double charge', examples: ['charged twice, please help', 'two payments for one order', 'billed two times'] },
        { name: 'Delivery', examples: ['where is my parcel', 'order not here yet', '包裹还没到'] },
      ],
    });
  });

  it('says what is wrong: no rows, or an intent with too few examples', () => {
    expect(intentsFromCsv('text,label\n')).toEqual({ ok: false, error: 'no rows with both a text and a label' });
    const result = intentsFromCsv('text,label\na,One\nb,One\nc,One\nonly one,Two\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/examples.*intent "Two"/);
  });
});
