import { describe, expect, it } from 'vitest';
import { classifyIntent, labelPhrase, parseCsv, parseIntentCsv, trainIntents, type IntentExample, type IntentModel } from '../../lib/analysis/intent';
import { DEFAULT_INTENT_LABELS, DEFAULT_INTENT_PHRASES, DEFAULT_OUT_OF_SCOPE, defaultIntentExamples, defaultIntentModel, intentLabel } from '../../lib/analysis/intents-default';
import { mulberry32 } from '../../lib/prng';

describe('default customer-service intents', () => {
  const model = defaultIntentModel();
  const cases: [string, string][] = [
    ['I would like my money refunded for this order', 'refund'],
    ['please cancel the order I placed this morning', 'cancel_order'],
    ['my parcel has not shown up, where is it?', 'track_order'],
    ['the blender arrived cracked', 'damaged_item'],
    ['I got billed twice for the same thing', 'double_charge'],
    ['I forgot my password and cannot get into my account', 'account_access'],
    ['can I talk to your boss', 'speak_to_manager'],
    ['I need an invoice for my accounting', 'invoice_request'],
    ['the app crashes every time I open it', 'technical_issue'],
    ['please stop my monthly subscription', 'subscription_cancel'],
    ['我的快递到哪里了', 'track_order'],
    ['退款还没到账', 'refund'],
    ['我被重複扣款了', 'double_charge'],
    ['密碼忘了登入不了', 'account_access'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    const r = classifyIntent(model, text);
    expect(r.intent).toBe(intent);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.top[0]!.intent).toBe(intent);
  });

  it('test phrasings are not copies of the shipped examples', () => {
    const all = new Set(defaultIntentExamples().map((e) => e.text));
    for (const [text] of cases) expect(all.has(text)).toBe(false);
  });

  it.each(['asdkjh qwpoeiru zxcmnb', 'blorp fizzle wug', 'the weather is nice today', '', '   ', '!!!'])('%j → unknown', (text) => {
    expect(classifyIntent(model, text).intent).toBe('unknown');
  });

  it('ships about twenty intents with English and Chinese phrases', () => {
    const labels = Object.keys(DEFAULT_INTENT_PHRASES);
    expect(labels.length).toBeGreaterThanOrEqual(18);
    for (const phrases of Object.values(DEFAULT_INTENT_PHRASES)) {
      expect(phrases.filter((p) => /^[\x00-\x7f]+$/.test(p)).length).toBeGreaterThanOrEqual(10);
      expect(phrases.some((p) => /[\u4e00-\u9fff]/.test(p))).toBe(true);
    }
  });
});

describe('few-shot team intents', () => {
  const examples: Record<string, string[]> = {
    book_demo: ['can we book a demo', 'I would like a product demo', 'schedule a demo call', 'show me a demo of the tool', 'demo next week?',
      'set up a demonstration for my team', 'arrange a walkthrough of the product', 'can someone demo it for us', 'we want to see a live demo', 'request a demo'],
    pricing: ['how much does it cost', 'what are your prices', 'send me the pricing', 'is there a discount for nonprofits', 'price per seat',
      'what does the enterprise plan cost', 'how expensive is it', 'do you have annual pricing', 'quote for 50 users', 'cost of the pro tier'],
    api_access: ['do you have an api', 'how do I get an api key', 'api documentation please', 'rate limits of the api', 'rest endpoint for tickets',
      'generate a new api token', 'webhook support', 'is there an sdk', 'integrate via api', 'api key is not working'],
    data_deletion: ['delete all my data', 'gdpr erasure request', 'remove my personal information', 'please erase my account data', 'right to be forgotten',
      'wipe my records', 'how do I delete my data', 'purge my information from your systems', 'data removal request', 'delete my customer data'],
  };
  const train = Object.entries(examples).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));
  const model = trainIntents(train);

  it.each([
    ['could you give us a demo on friday', 'book_demo'],
    ['what is the price for 20 seats', 'pricing'],
    ['where is the api documentation', 'api_access'],
    ['I want my personal data erased', 'data_deletion'],
  ])('%s → %s', (text, intent) => {
    expect(classifyIntent(model, text).intent).toBe(intent);
  });

  it('a team writing its examples in simplified Chinese is understood in traditional, and the other way round', () => {
    const zh = trainIntents([
      ...['我要退款', '请给我退款', '退款什么时候到账', '申请退款', '钱退回来了吗', '怎么退款', '退款进度', '退钱给我', '帮我办理退款', '我想要退款'].map((text) => ({ text, label: 'refund' })),
      ...['订单到哪了', '物流没有更新', '快递还没到', '查一下我的订单', '包裹在哪里', '什么时候发货', '订单状态', '我的货还没收到', '物流信息', '快递单号是多少'].map((text) => ({ text, label: 'where_is_order' })),
    ]);
    expect(classifyIntent(zh, '請幫我辦理退款，錢什麼時候退回來？').intent).toBe('refund');
    expect(classifyIntent(zh, '訂單還沒到，物流三天沒更新').intent).toBe('where_is_order');
    const hant = trainIntents([
      ...['我要退款', '請給我退款', '退款什麼時候到帳', '申請退款', '錢退回來了嗎'].map((text) => ({ text, label: 'refund' })),
      ...['訂單到哪了', '物流沒有更新', '快遞還沒到', '查一下我的訂單', '包裹在哪裡'].map((text) => ({ text, label: 'where_is_order' })),
    ]);
    expect(classifyIntent(hant, '我的订单还没到，物流没更新').intent).toBe('where_is_order');
    expect(classifyIntent(hant, '请给我退款').intent).toBe('refund');
  });

  it('answers unknown for nonsense', () => {
    expect(classifyIntent(model, 'zzqx vlorp krenk').intent).toBe('unknown');
  });

  it('confidences and top scores are ordered and within [0, 1]', () => {
    const r = classifyIntent(model, 'how much is the pro plan');
    for (let i = 1; i < r.top.length; i++) expect(r.top[i - 1]!.score).toBeGreaterThanOrEqual(r.top[i]!.score);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('a fixed threshold overrides calibration', () => {
    const strict = trainIntents(train, { threshold: 1.01 });
    expect(classifyIntent(strict, 'how much does it cost').intent).toBe('unknown');
    const lax = trainIntents(train, { threshold: 0 });
    expect(classifyIntent(lax, 'how much does it cost').intent).toBe('pricing');
  });

  it('is deterministic for the same data and seed', () => {
    expect(JSON.stringify(trainIntents(train))).toBe(JSON.stringify(model));
  });

  it('rejects an empty training set', () => {
    expect(() => trainIntents([])).toThrow();
  });
});

describe('shipped intents in the interface languages', () => {
  it('every shipped intent has a name in English, simplified and traditional Chinese, and nothing else does', () => {
    expect(Object.keys(DEFAULT_INTENT_LABELS).sort()).toEqual(Object.keys(DEFAULT_INTENT_PHRASES).sort());
    for (const [id, names] of Object.entries(DEFAULT_INTENT_LABELS)) {
      expect(names.en.trim(), id).not.toBe('');
      expect(names.en, id).not.toContain('_');
      expect(names.zh_CN, id).toMatch(/[\u4e00-\u9fff]/);
      expect(names.zh_TW, id).toMatch(/[\u4e00-\u9fff]/);
    }
    // Simplified and traditional differ where the characters do.
    expect(DEFAULT_INTENT_LABELS.double_charge!.zh_CN).toBe('重复扣款');
    expect(DEFAULT_INTENT_LABELS.double_charge!.zh_TW).toBe('重複扣款');
  });

  it('labels a shipped intent in the locale, and leaves any other name as it is', () => {
    expect(intentLabel('double_charge', 'en')).toBe('Charged twice');
    expect(intentLabel('track_order', 'zh_TW')).toBe('查詢訂單物流');
    expect(intentLabel('Billing: duplicate charge', 'zh_CN')).toBe('Billing: duplicate charge');
    expect(intentLabel('toString', 'en')).toBe('toString');
  });

  it('the shipped model answers unknown for small talk it was not written for', () => {
    const model = defaultIntentModel();
    const shipped = new Set(DEFAULT_OUT_OF_SCOPE);
    for (const text of ['is it going to rain tomorrow', 'who is the president of France', 'blorp fizzle wug']) {
      expect(shipped.has(text)).toBe(false);
      expect(classifyIntent(model, text).intent, text).toBe('unknown');
    }
  });
});

describe('label phrases', () => {
  it('reads an intent name as a phrase', () => {
    expect(labelPhrase('card_arrival')).toBe('card arrival');
    expect(labelPhrase('BillingIssue')).toBe('Billing Issue');
    expect(labelPhrase('Billing: duplicate-charge')).toBe('Billing duplicate charge');
    expect(labelPhrase('退款')).toBe('退款');
    expect(labelPhrase('42')).toBe('');
  });

  it('an intent is found from the words of its name when its examples never use them', () => {
    const train = [
      { text: 'I cannot get in, it keeps saying the code is wrong', label: 'password reset' },
      { text: 'locked out after three attempts', label: 'password reset' },
      { text: 'I want my money back for the broken kettle', label: 'refund' },
      { text: 'please return the payment to my card', label: 'refund' },
      { text: 'where is the parcel I ordered', label: 'delivery status' },
      { text: 'the courier has not come yet', label: 'delivery status' },
    ];
    const text = 'how do I reset my password';
    expect(classifyIntent(trainIntents(train, { threshold: 0 }), text).intent).toBe('password reset');
    expect(classifyIntent(trainIntents(train, { threshold: 0, labelPhrases: false }), text).top[0]!.intent).not.toBe('password reset');
  });
});

/**
 * A synthetic few-shot set: each intent is a topic word and an action word; examples and test
 * messages wrap them in different carrier sentences, so only the topic/action words tell intents apart.
 */
function syntheticIntents(perIntent: number, seed: number): { train: IntentExample[]; test: IntentExample[] } {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const topics = ['invoice', 'parcel', 'password', 'voucher', 'warranty', 'subscription', 'address', 'refund'];
  const actions = [['change', 'update', 'edit'], ['cancel', 'stop', 'end']];
  const carriers = ['hi, I need to {a} my {t} please', 'can you help me {a} the {t}', 'how do I {a} a {t}', '{a} {t}', 'I would like to {a} my {t} today',
    'is it possible to {a} the {t} online', 'my {t}, I want to {a} it', 'please {a} this {t} for me', 'quick question: {a} {t}?', 'need to {a} {t} asap'];
  const train: IntentExample[] = [];
  const test: IntentExample[] = [];
  for (const t of topics) {
    for (const [ai, verbs] of actions.entries()) {
      const label = `intent_${t}_${ai}`; // names that say nothing, so only the examples teach
      for (let i = 0; i < perIntent; i++) train.push({ text: pick(carriers.slice(0, 6)).replace('{a}', pick(verbs)).replace('{t}', t), label });
      for (let i = 0; i < 5; i++) test.push({ text: pick(carriers.slice(6)).replace('{a}', pick(verbs)).replace('{t}', t), label });
    }
  }
  return { train, test };
}

describe('few-shot on a synthetic set', () => {
  const { train, test } = syntheticIntents(10, 7);
  const model = trainIntents(train);
  const right = test.filter((e) => classifyIntent(model, e.text).intent === e.label).length;

  it('ten examples an intent tell sixteen intents apart in sentences it has not seen', () => {
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
  });

  it('the calibrated threshold refuses few genuine messages but refuses nonsense', () => {
    const refused = test.filter((e) => classifyIntent(model, e.text).intent === 'unknown').length;
    expect(refused / test.length).toBeLessThanOrEqual(0.1);
    for (const text of ['qwxz plimb vrork', 'zzzz', '12345 67890']) expect(classifyIntent(model, text).intent, text).toBe('unknown');
  });

  it('the large-set calibration (one held-out slice) gives a usable threshold too', () => {
    const heldOut = trainIntents(train, { folds: 1 });
    expect(heldOut.threshold).toBeGreaterThan(0);
    expect(heldOut.threshold).toBeLessThan(0.9);
    expect(test.filter((e) => classifyIntent(heldOut, e.text).intent === e.label).length / test.length).toBeGreaterThanOrEqual(0.85);
  });

  it('calibrating the threshold does not change the model itself', () => {
    expect(trainIntents(train, { threshold: 0 }).weights).toBe(model.weights);
  });
});

describe('out-of-scope examples', () => {
  const train = [
    ...['where is my parcel', 'my package has not arrived', 'track my delivery', 'when will the order come', 'has it shipped yet'].map((text) => ({ text, label: 'delivery' })),
    ...['I want my money back', 'refund the order please', 'how long does a refund take', 'return the payment', 'give me a refund'].map((text) => ({ text, label: 'refund' })),
  ];
  const outOfScope = ['what is the weather tomorrow', 'tell me a joke', 'who won the match', 'recommend a film', 'what time is it in Tokyo'];

  it('are learned as "none of these": similar messages are unknown, the intents still found', () => {
    const model = trainIntents(train, { outOfScope, threshold: 0 });
    expect(model.labels).toEqual(['delivery', 'refund']);
    expect(model.outOfScope).toBe(true);
    expect(classifyIntent(model, 'tell me a funny joke').intent).toBe('unknown');
    expect(classifyIntent(model, 'will the weather be nice tomorrow').intent).toBe('unknown');
    expect(classifyIntent(model, 'where is my order').intent).toBe('delivery');
    expect(classifyIntent(model, 'I would like a refund').intent).toBe('refund');
    for (const r of classifyIntent(model, 'tell me a joke').top) expect(model.labels).toContain(r.intent);
    // Without them the same message gets an intent (the threshold is 0).
    expect(classifyIntent(trainIntents(train, { threshold: 0 }), 'tell me a funny joke').intent).not.toBe('unknown');
  });

  it('survive the JSON round-trip', () => {
    const model = trainIntents(train, { outOfScope });
    const copy = JSON.parse(JSON.stringify(model)) as IntentModel;
    for (const text of ['tell me a joke', 'where is my parcel', 'refund please']) expect(classifyIntent(copy, text)).toEqual(classifyIntent(model, text));
  });
});

describe('model JSON round-trip', () => {
  it('classifies identically after JSON.stringify / JSON.parse', () => {
    const model = defaultIntentModel();
    const copy = JSON.parse(JSON.stringify(model)) as IntentModel;
    for (const text of ['where is my order', '我要退款', 'hello there', 'random words here', 'my card was charged two times']) {
      expect(classifyIntent(copy, text)).toEqual(classifyIntent(model, text));
    }
  });
});

describe('CSV parsing', () => {
  it('handles quoted fields with commas, doubled quotes, newlines, CRLF and a BOM', () => {
    const csv = '\ufefftext,label\r\n"hello, world",greet\r\n"she said ""hi""",quote\n"two\nlines",multi\nplain,x';
    expect(parseCsv(csv)).toEqual([
      ['text', 'label'],
      ['hello, world', 'greet'],
      ['she said "hi"', 'quote'],
      ['two\nlines', 'multi'],
      ['plain', 'x'],
    ]);
  });

  it('finds text and label columns among others and skips empty rows', () => {
    const csv = 'id,label,text,response\n1,refund,"I want, my money",ok\n2,,no label,\n3,track,where is it,"a ""b"", c"\n\n';
    expect(parseIntentCsv(csv)).toEqual([
      { text: 'I want, my money', label: 'refund' },
      { text: 'where is it', label: 'track' },
    ]);
  });

  it('falls back to the first two columns without known names, and keeps Chinese text', () => {
    expect(parseIntentCsv('utt,cls\n我要退款,refund\n')).toEqual([{ text: '我要退款', label: 'refund' }]);
  });

  it('copes with a missing final newline and an empty file', () => {
    expect(parseIntentCsv('text,label\na,b')).toEqual([{ text: 'a', label: 'b' }]);
    expect(parseIntentCsv('')).toEqual([]);
  });
});
