import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NOTES,
  DRAFT_FINDING_CODES,
  GUIDANCE_AVOIDS,
  GUIDANCE_STEPS,
  checkDraft,
  toneGuidance,
  type DraftContext,
  type DraftFinding,
  type ToneInput,
} from '../../lib/analysis/tone';

const base: ToneInput = { emotion: 'neutral', score: 0, intent: null, channel: 'chat', escalation: 'low', language: 'en' };
const g = (over: Partial<ToneInput>) => toneGuidance({ ...base, ...over });

const calm: DraftContext = { channel: 'email', customerEmotion: 'neutral', customerScore: 0 };
const codes = (fs: DraftFinding[]) => fs.map((f) => f.code);
const of = (fs: DraftFinding[], code: DraftFinding['code']) => fs.filter((f) => f.code === code);

describe('toneGuidance', () => {
  it('returns only codes from the exported lists', () => {
    const emotions = ['anger', 'frustration', 'sadness', 'fear', 'joy', 'surprise', 'neutral'] as const;
    const channels = ['email', 'chat', 'messaging', 'social', 'voice', 'web', 'unknown'] as const;
    const intents = [null, 'refund', 'double_charge', 'speak_to_manager', 'greeting', 'not_an_intent'];
    for (const emotion of emotions)
      for (const channel of channels)
        for (const intent of intents) {
          const r = g({ emotion, channel, intent, score: -0.5, escalation: 'high', language: 'zh-Hant' });
          for (const s of r.first) expect(GUIDANCE_STEPS).toContain(s);
          for (const a of r.avoid) expect(GUIDANCE_AVOIDS).toContain(a);
          expect(CHANNEL_NOTES).toContain(r.channelNote);
          expect(r.first.length).toBeGreaterThan(0);
          expect(new Set(r.first).size).toBe(r.first.length);
          expect(r.length.unit).toBe('sentences');
          expect(r.length.min).toBeLessThanOrEqual(r.length.max);
          // Codes, not sentences.
          for (const c of [...r.first, ...r.avoid, r.channelNote]) expect(c).toMatch(/^[a-z_]+$/);
        }
  });

  it('sets length and note by channel', () => {
    expect(g({ channel: 'chat' })).toMatchObject({ length: { min: 1, max: 3 }, channelNote: 'chat_short' });
    expect(g({ channel: 'messaging' })).toMatchObject({ length: { min: 1, max: 3 }, channelNote: 'messaging_brief' });
    expect(g({ channel: 'email' })).toMatchObject({ length: { min: 3, max: 8 }, channelNote: 'email_complete' });
    expect(g({ channel: 'social' })).toMatchObject({ length: { min: 1, max: 2 }, channelNote: 'social_public' });
    expect(g({ channel: 'voice' }).channelNote).toBe('voice_speakable');
    expect(g({ channel: 'voice' }).avoid).toEqual(expect.arrayContaining(['lists_and_links', 'long_sentences']));
    expect(g({ channel: 'email' }).avoid).toContain('long_paragraphs');
    expect(g({ channel: 'chat' }).avoid).toContain('long_paragraphs');
  });

  it('angry or escalating: acknowledge first, apologise, next step with a time', () => {
    for (const over of [{ emotion: 'anger' as const, score: -0.8 }, { emotion: 'frustration' as const }, { escalation: 'medium' as const }]) {
      const r = g(over);
      expect(r.first[0]).toBe('acknowledge_feelings');
      expect(r.first).toEqual(expect.arrayContaining(['apologise', 'give_next_step', 'give_timeline']));
      expect(r.first.indexOf('apologise')).toBeLessThan(r.first.indexOf('give_next_step'));
      expect(r.avoid).toEqual(expect.arrayContaining(['blame', 'defensive_language', 'promises_you_cannot_keep']));
    }
    expect(g({ escalation: 'high' }).first).toContain('offer_escalation');
  });

  it('sad or afraid: reassure; joyful: thank', () => {
    for (const emotion of ['sadness', 'fear'] as const) {
      const r = g({ emotion, score: -0.4 });
      expect(r.first[0]).toBe('acknowledge_feelings');
      expect(r.first).toContain('reassure');
      expect(r.avoid).toContain('minimising_feelings');
    }
    const joy = g({ emotion: 'joy', score: 0.8 });
    expect(joy.first[0]).toBe('thank');
    expect(joy.first).not.toContain('apologise');
  });

  it('money intents: confirm the amount and timeline; manager: offer escalation', () => {
    for (const intent of ['refund', 'double_charge']) {
      const r = g({ intent, channel: 'email' });
      expect(r.first).toEqual(expect.arrayContaining(['confirm_amount', 'give_timeline']));
      expect(r.avoid).toContain('promises_you_cannot_keep');
    }
    expect(g({ intent: 'double_charge' }).first).toContain('apologise');
    expect(g({ intent: 'speak_to_manager' }).first).toContain('offer_escalation');
    expect(g({ intent: 'delivery_delay' }).first).toContain('give_timeline');
  });

  it('social: details move to private, nothing internal in public', () => {
    const r = g({ channel: 'social', intent: 'double_charge', emotion: 'anger', score: -0.7 });
    expect(r.first).toContain('move_to_private');
    expect(r.first).not.toContain('confirm_amount');
    expect(r.first).not.toContain('confirm_details');
    expect(r.avoid).toEqual(expect.arrayContaining(['internal_details_in_public', 'personal_data_in_public']));
    expect(g({ channel: 'social', emotion: 'joy', score: 0.9, intent: 'feedback_positive' }).first).not.toContain('move_to_private');
  });

  it('language conventions', () => {
    expect(g({ language: 'zh-Hans' }).avoid).toContain('informal_address');
    expect(g({ language: 'zh-Hant' }).avoid).toContain('informal_address');
    expect(g({ language: 'en' }).avoid).not.toContain('informal_address');
    expect(g({ language: 'other' }).avoid).toContain('idioms_and_slang');
    expect(g({ language: '' }).avoid).not.toContain('idioms_and_slang');
  });

  it('neutral and no intent still says something; bad input is tolerated', () => {
    expect(g({}).first).toEqual(['answer_question']);
    const r = toneGuidance({ ...base, score: Number.NaN, channel: 'fax' as never });
    expect(r.channelNote).toBe('general_balanced');
  });
});

describe('checkDraft: blame', () => {
  it('English', () => {
    const text = 'You should have read the email. As I already said, it is your fault.';
    const f = of(checkDraft(text, calm), 'blame');
    expect(f.map((x) => x.excerpt)).toEqual(['You should have', 'As I already said', 'your fault']);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.excerpt);
    expect(of(checkDraft("You didn't enter the code.", calm), 'blame')[0].excerpt).toBe("You didn't");
    expect(of(checkDraft('You didn’t enter the code.', calm), 'blame')).toHaveLength(1);
  });

  it('conditional "if you didn\'t" is not blame', () => {
    expect(of(checkDraft("If you didn't receive it, reply here.", calm), 'blame')).toEqual([]);
    expect(of(checkDraft('如果您没有收到，请回复。', calm), 'blame')).toEqual([]);
  });

  it('simplified and traditional Chinese', () => {
    const hans = '你应该先看说明。我早就说过了，是您自己填错的。';
    expect(of(checkDraft(hans, calm), 'blame').map((f) => f.excerpt)).toEqual(['你应该', '早就说过', '您自己']);
    const hant = '你應該先看說明。我早就說過了，你沒有按步驟操作。';
    const f = of(checkDraft(hant, calm), 'blame');
    expect(f.map((x) => x.excerpt)).toEqual(['你應該', '早就說過', '你沒有']);
    for (const x of f) expect(hant.slice(x.start, x.end)).toBe(x.excerpt);
  });

  it('polite draft has no blame', () => {
    expect(of(checkDraft('Thanks for your patience, I have updated your address.', calm), 'blame')).toEqual([]);
  });

  it('deflecting responsibility is blame, in both languages', () => {
    expect(of(checkDraft('You should have read the instructions.', calm), 'blame').map((f) => f.excerpt)).toEqual(['You should have']);
    expect(of(checkDraft("Sorry, but that's not our problem.", calm), 'blame').map((f) => f.excerpt)).toEqual(['not our problem']);
    expect(of(checkDraft('That’s your problem, not ours.', calm), 'blame').map((f) => f.excerpt)).toEqual(['That’s your problem']);
    expect(of(checkDraft('这不是我们的问题，是您自己的问题。', calm), 'blame').map((f) => f.excerpt)).toEqual(['不是我们的问题', '是您自己的问题']);
    expect(of(checkDraft('這不關我們的事。', calm), 'blame').map((f) => f.excerpt)).toEqual(['不關我們的事']);
    expect(of(checkDraft('这是您的错。', calm), 'blame').map((f) => f.excerpt)).toEqual(['您的错']);
  });

  it('"your problem" and 您的问题 as the customer\'s issue are not blame', () => {
    for (const t of ['We will fix your problem today.', '您的问题已经解决了，谢谢您的耐心。', '關於您的問題，我們已經處理。', '您的问题我们已转给专人跟进。'])
      expect(of(checkDraft(t, calm), 'blame'), t).toEqual([]);
  });
});

describe('checkDraft: negative phrasing', () => {
  it('English', () => {
    const text = "We can't change it. Unfortunately there is nothing to do, it is impossible, and our policy does not allow it. No way.";
    expect(of(checkDraft(text, calm), 'negative_phrasing').map((f) => f.excerpt)).toEqual([
      "We can't",
      'Unfortunately there is nothing',
      'impossible',
      'our policy does not allow',
      'No way',
    ]);
  });

  it('eagerness and thanks are not refusals', () => {
    for (const t of [
      "We can't wait to help you.",
      'We can’t wait for you to try the new plan!',
      "We can't thank you enough for your patience.",
      'We cannot stress enough how much we value you.',
      '我们恨不能马上帮您解决。',
      '感激之情无法言表。',
      '这个优惠不能错过！',
      '服务不能再好了。',
    ])
      expect(of(checkDraft(t, calm), 'negative_phrasing'), t).toEqual([]);
    // A refusal that starts the same way is still one.
    expect(of(checkDraft("We can't wait any longer for the documents.", calm), 'negative_phrasing').map((f) => f.excerpt)).toEqual(["We can't"]);
    expect(of(checkDraft("We can't refund a used item.", calm), 'negative_phrasing').map((f) => f.excerpt)).toEqual(["We can't"]);
  });

  it('Chinese, both scripts', () => {
    expect(of(checkDraft('我们不能退款，也无法改地址，没办法。', calm), 'negative_phrasing').map((f) => f.excerpt)).toEqual(['不能', '无法', '没办法']);
    expect(of(checkDraft('這不可能，我們無法處理，沒辦法。', calm), 'negative_phrasing').map((f) => f.excerpt)).toEqual(['不可能', '無法', '沒辦法']);
  });
});

describe('checkDraft: missing apology', () => {
  const angry: DraftContext = { channel: 'chat', customerEmotion: 'anger', customerScore: -0.8 };
  it('flags when the customer is upset and no apology is made', () => {
    expect(codes(checkDraft('I have issued the refund.', angry))).toContain('missing_apology');
    expect(codes(checkDraft('I have issued the refund.', { ...calm, customerEmotion: 'sadness' }))).toContain('missing_apology');
    expect(codes(checkDraft('I have issued the refund.', { ...calm, customerScore: -0.3 }))).toContain('missing_apology');
    expect(codes(checkDraft('I have issued the refund.', { ...calm, apologyDue: true }))).toContain('missing_apology');
  });

  it('accepts apologies in English, simplified and traditional Chinese', () => {
    for (const t of [
      "I'm so sorry, I have issued the refund.",
      'We apologise for the trouble.',
      'We apologize for the trouble.',
      '非常抱歉，已为您退款。',
      '对不起，已为您退款。',
      '對不起，已為您退款。',
      '不好意思，讓您久等了。',
      '很遗憾给您带来不便。',
    ])
      expect(codes(checkDraft(t, angry))).not.toContain('missing_apology');
  });

  it('not flagged when not due, or explicitly not due', () => {
    expect(codes(checkDraft('I have issued the refund.', calm))).not.toContain('missing_apology');
    expect(codes(checkDraft('I have issued the refund.', { ...angry, apologyDue: false }))).not.toContain('missing_apology');
    expect(checkDraft('', angry)).toEqual([]);
    expect(checkDraft('   ', angry)).toEqual([]);
  });
});

describe('checkDraft: all caps', () => {
  it('flags two or more shouted words, one finding per run', () => {
    const text = 'Please READ THIS before you reply, it is VERY important.';
    const f = of(checkDraft(text, calm), 'all_caps');
    expect(f.map((x) => x.excerpt)).toEqual(['READ THIS', 'VERY']);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.excerpt);
  });

  it('ignores acronyms, short words and a single caps word', () => {
    expect(of(checkDraft('OK, the FAQ and the PDF at this URL list the SKU and your ID for the USA.', calm), 'all_caps')).toEqual([]);
    expect(of(checkDraft('This is VERY important.', calm), 'all_caps')).toEqual([]);
    expect(of(checkDraft('I AM OK', calm), 'all_caps')).toEqual([]);
  });
});

describe('checkDraft: too long', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ') + '.';

  it('chat and messaging: over 60 words or over 3 sentences', () => {
    expect(codes(checkDraft(words(60), { ...calm, channel: 'chat' }))).not.toContain('too_long');
    const long = of(checkDraft(words(61), { ...calm, channel: 'chat' }), 'too_long');
    expect(long).toHaveLength(1);
    expect(long[0].measure).toEqual({ count: 61, limit: 60, unit: 'words' });
    expect(codes(checkDraft('Hi. Thanks. Done. Bye.', { ...calm, channel: 'messaging' }))).toContain('too_long');
    expect(codes(checkDraft('Hi. Thanks, the price is 12.50 dollars. Bye.', { ...calm, channel: 'chat' }))).not.toContain('too_long');
  });

  it('email over 250 words, voice over 60 words, social over 280 characters', () => {
    expect(codes(checkDraft(words(250), calm))).not.toContain('too_long');
    expect(codes(checkDraft(words(251), calm))).toContain('too_long');
    expect(codes(checkDraft(words(61), { ...calm, channel: 'voice' }))).toContain('too_long');
    expect(codes(checkDraft('a'.repeat(280), { ...calm, channel: 'social' }))).not.toContain('too_long');
    expect(of(checkDraft('a'.repeat(281), { ...calm, channel: 'social' }), 'too_long')[0].measure?.unit).toBe('characters');
  });

  it('Chinese is counted by characters in chat', () => {
    const zh = (n: number) => '好'.repeat(n - 1) + '。';
    expect(codes(checkDraft('谢'.repeat(120), { ...calm, channel: 'chat' }))).not.toContain('too_long');
    const f = of(checkDraft('謝'.repeat(121), { ...calm, channel: 'chat' }), 'too_long');
    expect(f[0].measure).toEqual({ count: 121, limit: 120, unit: 'characters' });
    expect(codes(checkDraft(zh(10) + zh(10) + zh(10) + zh(10), { ...calm, channel: 'chat' }))).toContain('too_long');
    expect(codes(checkDraft(zh(10) + zh(10) + zh(10), { ...calm, channel: 'chat' }))).not.toContain('too_long');
  });
});

describe('checkDraft: jargon', () => {
  it('English internal terms', () => {
    const text = 'As per the SLA, I will escalate to L2; the backend sync job and RMA workflow are in the queue. I noted it on the ticket.';
    expect(of(checkDraft(text, calm), 'jargon').map((f) => f.excerpt)).toEqual([
      'As per',
      'SLA',
      'escalate to L2',
      'backend',
      'sync job',
      'RMA',
      'workflow',
      'queue',
      'ticket',
    ]);
  });

  it('Chinese internal terms, both scripts', () => {
    expect(of(checkDraft('工单已提交后台，等待系统同步流程。', calm), 'jargon').map((f) => f.excerpt)).toEqual(['工单', '后台', '系统同步', '流程']);
    expect(of(checkDraft('工單已提交後台，等待系統同步流程。', calm), 'jargon').map((f) => f.excerpt)).toEqual(['工單', '後台', '系統同步', '流程']);
  });

  it('the customer\'s own ticket is their word too, in both languages', () => {
    for (const t of [
      'Your ticket has been updated.',
      'I have added your request to your support ticket.',
      'Your ticket number is 58812.',
      'Your ticket has been refunded to the original card.',
      '您的工单已更新。',
      '您的工單已更新。',
      '工单号是 B-88213。',
    ])
      expect(of(checkDraft(t, calm), 'jargon'), t).toEqual([]);
    // The internal ticket stays jargon.
    expect(of(checkDraft('I escalated the ticket to the backend team.', calm), 'jargon').map((f) => f.excerpt)).toEqual(['ticket', 'backend']);
    expect(of(checkDraft('已将工单转交后台。', calm), 'jargon').map((f) => f.excerpt)).toEqual(['工单', '后台']);
  });
});

describe('checkDraft: a good reply', () => {
  it('has no findings', () => {
    expect(checkDraft("I'm sorry about the double charge. I've refunded $25 today; you'll see it within 5 days.", {
      channel: 'chat',
      customerEmotion: 'anger',
      customerScore: -0.7,
    })).toEqual([]);
    expect(checkDraft('非常抱歉重复扣款，已为您退还25元，预计5天内到账。', { channel: 'chat', customerEmotion: 'frustration', customerScore: -0.6 })).toEqual([]);
    expect(checkDraft('非常抱歉重複扣款，已為您退還25元，預計5天內到賬。', { channel: 'chat', customerEmotion: 'frustration', customerScore: -0.6 })).toEqual([]);
  });

  it('every code is in the exported list and positions match excerpts', () => {
    const text = 'YOU SHOULD HAVE read the FAQ. We cannot help. Check your ticket. 你应该看工单。';
    const f = checkDraft(text, { channel: 'chat', customerEmotion: 'anger', customerScore: -0.9 });
    for (const x of f) {
      expect(DRAFT_FINDING_CODES).toContain(x.code);
      if (x.excerpt !== undefined) expect(text.slice(x.start, x.end)).toBe(x.excerpt);
    }
    expect(new Set(codes(f))).toEqual(new Set(['all_caps', 'blame', 'negative_phrasing', 'jargon', 'too_long', 'missing_apology']));
  });
});
