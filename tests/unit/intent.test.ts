import { describe, expect, it } from 'vitest';
import { classifyIntent, parseCsv, parseIntentCsv, trainIntents, type IntentModel } from '../../lib/analysis/intent';
import { DEFAULT_INTENT_PHRASES, defaultIntentExamples, defaultIntentModel } from '../../lib/analysis/intents-default';

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
