import { describe, expect, it } from 'vitest';
import { outboundPreview } from '../../lib/analysis/outbound';
import type { Conversation } from '../../lib/types';

const conversation: Conversation = {
  key: { site: 'zendesk', host: 'acme.zendesk.com', ticketId: '1001' },
  site: 'zendesk',
  channel: 'email',
  subject: 'Charged twice',
  requester: 'Maya Thompson',
  language: 'en',
  messages: [
    { id: '1', role: 'customer', author: 'Maya Thompson', at: '', text: 'Hi, this is Maya. Call me on +1 (415) 555-0136 or write to maya.t@brightline.example. Order #A-20417.' },
    { id: '2', role: 'agent', author: 'Daniel Kim', at: '', text: 'Hi Maya, the refund to card 4242 4242 4242 4242 is on its way.' },
  ],
};

describe('what would leave the browser', () => {
  it('replaces personal data and the customer’s name, keeps what the model needs', () => {
    const p = outboundPreview(conversation, { redactPii: true });
    expect(p.redacted).toBe(true);
    expect(p.text).toBe(
      'customer: Hi, this is [NAME]. Call me on [PHONE] or write to [EMAIL]. Order #A-20417.\n\nagent: Hi [NAME], the refund to card [CARD] is on its way.',
    );
    expect(p.redactions).toBe(5);
    for (const secret of ['555-0136', 'brightline', '4242', 'Maya']) expect(p.text).not.toContain(secret);
  });

  it('says when redaction is off, and then shows the text as it is', () => {
    const p = outboundPreview(conversation, { redactPii: false });
    expect(p).toMatchObject({ redacted: false, redactions: 0 });
    expect(p.text).toContain('+1 (415) 555-0136');
  });
});
