/**
 * Issue 4, "Embedded intelligence": local PII redaction. Every text that
 * leaves the browser goes through redact(); these tests pin each kind's
 * positives (several formats), negatives and distractors, checksum failures,
 * Chinese text without word boundaries, configured keep / redact patterns,
 * non-overlapping output, the placeholders, and the eval's figures on a small
 * generated set (scripts/eval/gen-pii.ts, which does not import the detector).
 */
import { describe, expect, it } from 'vitest';
import { findPii, redact, type PiiType, type Span } from '../../lib/analysis/pii';
import { generatePiiDocs } from '../../scripts/eval/gen-pii';
import { normaliseType, parseJsonl, scorePii } from '../../scripts/eval/pii';

const values = (text: string, type?: PiiType) => findPii(text).filter((s) => !type || s.type === type).map((s) => s.value);
/** The one span found in `text`, which must be exactly `value` of `type`. */
function expectOnly(text: string, value: string, type: PiiType): void {
  const spans = findPii(text);
  expect(spans.map((s) => [s.type, s.value])).toEqual([[type, value]]);
  expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(value);
}
const expectNone = (text: string) => expect(findPii(text).map((s) => `${s.type}:${s.value}`)).toEqual([]);

// ------------------------------------------------------------------ e-mail
describe('email', () => {
  it.each([
    ['Contact me at john.smith@example.com please', 'john.smith@example.com'],
    ['Mail: J.Smith+orders@mail.company.co.uk.', 'J.Smith+orders@mail.company.co.uk'],
    ['我的邮箱是zhangwei88@qq.com谢谢', 'zhangwei88@qq.com'],
    ['邮箱：13800138000@163.com，', '13800138000@163.com'],
    ['(wang_li@sina.com.cn)', 'wang_li@sina.com.cn'],
  ])('%s', (text, value) => expectOnly(text, value, 'email'));

  it('an address whose mailbox is a phone number is one email span, not a phone inside it', () => {
    expect(findPii('13800138000@163.com').map((s) => s.type)).toEqual(['email']);
  });

  it.each(['twitter @handle', 'user@localhost', 'a@b', 'price @ $5.00'])('no email in %s', (text) => expectNone(text));
});

// ------------------------------------------------------------------ phones
describe('phone', () => {
  it.each([
    ['+44 20 7946 0958'],
    ['+1 (415) 555-0136'],
    ['(415) 555-0136'],
    ['415-555-0136'],
    ['415.555.0136'],
    ['1-800-555-0199'],
    ['+14155550136'],
    ['+33 1 42 68 53 00'],
    ['+49 30 12345678'],
    ['+44 (0)20 7946 0958'],
    ['+31 20 123 4567'],
    ['+852 2345 6789'],
    ['+886 912 345 678'],
    ['0049 30 1234567'],
    ['020 7946 0958'],
    ['07700 900123'],
    ['01 42 68 53 00'],
    ['030 12345678'],
    ['0912-345-678'],
    ['(02) 2345-6789'],
  ])('international / national format %s', (phone) => {
    expectOnly(`Please call ${phone} tomorrow.`, phone, 'phone');
  });

  it.each([
    ['13800138000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['+86 138 0013 8000'],
    ['+8613800138000'],
    ['0086 13800138000'],
    ['010-12345678'],
    ['0755-1234567'],
    ['(010)12345678'],
    ['+86 10 1234 5678'],
  ])('mainland China format %s', (phone) => {
    expectOnly(`您好，我的电话是${phone}，谢谢`, phone, 'phone');
  });

  it('finds a mobile glued to Chinese text on both sides', () => {
    expectOnly('我的手机是13800138000谢谢', '13800138000', 'phone');
    expectOnly('手機0912-345-678謝謝', '0912-345-678', 'phone');
    expectOnly('联系电话：+86 18458883866APP版本3.4闪退', '+86 18458883866', 'phone');
  });

  it('full-width digits typed on a Chinese keyboard', () => {
    expectOnly('电话：１３８ ００１３ ８０００', '１３８ ００１３ ８０００', 'phone');
    expectOnly('电话：＋８６ １３８００１３８０００', '＋８６ １３８００１３８０００', 'phone');
  });

  it('bare digits are a phone only right after a phone word', () => {
    expectOnly('call me at 4155550136', '4155550136', 'phone');
    expectOnly('電話 9123 4567', '9123 4567', 'phone');
    expectNone('ticket 4155550136 is still open');
    expectNone('I have 91234567 points');
  });

  it('formats an independent check set found missing', () => {
    // A bare 86 before a mainland mobile; Hong Kong with (852) or 852 and no plus; a landline's extension after a dash.
    expectOnly('有问题打我电话8618725266561！', '8618725266561', 'phone');
    expectOnly('…or on 8615051002919. Ship to', '8615051002919', 'phone');
    expectOnly('請打(852) 9854 0336找我', '(852) 9854 0336', 'phone');
    expectOnly('收件人刘洋 852 9237 0875。', '852 9237 0875', 'phone');
    expectOnly('杨磊 028-43126796-826', '028-43126796-826', 'phone');
    // A courier person is no tracking reference; dialling words and "my number" are phone words.
    expectOnly('快递员打13714220746找我就行', '13714220746', 'phone');
    expectOnly('My number is 97037958', '97037958', 'phone');
    expectOnly('市話9595 5688，平日有人', '9595 5688', 'phone');
    expectOnly('please update my mobile to 2557 6493', '2557 6493', 'phone');
    // Shaped like a North American or Indian number, with no phone word.
    expectOnly('they called me from 2782255694 yesterday', '2782255694', 'phone');
    expectOnly('T: 6822196173', '6822196173', 'phone');
    expectOnly('or on 86386 36848.', '86386 36848', 'phone');
    // A signature line under a name.
    expectOnly('Please escalate this.\nAhmed Khan\n9900 6978', '9900 6978', 'phone');
  });

  it('an invoice starting with 00 is no international number', () => {
    expectNone('Order #915173, invoice 008228545329, total £88,841.00');
    expectNone('account 2782255694 is closed');
    expectNone('Total\n12345678');
  });

  it('identifiers shaped like phones stay, while "account" does not hide a card or a phone', () => {
    for (const t of ['Transaction ID 3125559876', 'Confirmation code 4155550199', 'Booking 7185551212', 'Member ID 8885551212', 'PO 4155550136',
      '交易号 2125551234', '会员号 9876543210', 'Order ID\n1234567890', 'Total Amount\n12345678', '订单号\n12345678', '金额\n12345678', 'Size M: 12345678']) {
      expectNone(t);
    }
    expectOnly('Charge it to my account 4111 1111 1111 1111', '4111 1111 1111 1111', 'card');
    expectOnly('My account is 13800138000', '13800138000', 'phone');
    expectOnly('account 415-555-0136', '415-555-0136', 'phone');
    expectOnly('Invoice to 0044 20 7946 0958', '0044 20 7946 0958', 'phone');
    expectOnly('use my other number 0086 150 8749 0314.', '0086 150 8749 0314', 'phone');
    expectOnly('I tried calling back 5036789639 three times', '5036789639', 'phone');
    expectOnly('reach me @ 6388991514 Thanks.', '6388991514', 'phone');
  });

  it('includes an extension', () => {
    expect(values('Office: 415-555-0136 ext. 22, mobile (415) 555-0199 x1234')).toEqual(['415-555-0136 ext. 22', '(415) 555-0199 x1234']);
  });

  it('trims trailing digits beyond the country plan', () => {
    expect(values('call +1 415 555 0136 2 times')).toEqual(['+1 415 555 0136']);
  });

  it.each([
    'Order #A-20417 and W-55810 and TW-30418',
    'shipped 2024-03-15 at 14:30, delivered 03/15/2024 9:45 AM',
    'dates 15.03.2024 and 2024/03/15 and 2024年3月15日 下午3:45',
    'total $89.00, ¥1,299.00, NT$2,450, €45,90, £120.50',
    'app version 4.12.0, v2.3.1, iOS 17.4.1',
    'ticket 4829105736 was closed; case #4829105736',
    '3-5 business days, room 1205, zip 94103, 50% off',
    'ZIP 02134-1234',
    'Amazon order 114-3941689-8772232',
    'order 13800138000 shipped', // a reference number, even in the shape of a mobile
    'the invoice 12345678901 is attached',
    'mobile numbers never start with 12: 12806451189',
    'meeting 10:30-11:45 and 14:30:05',
  ])('no phone in %s', (text) => expectNone(text));
});

// ------------------------------------------------------------------ cards
describe('card', () => {
  it.each([
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['4111111111111111'],
    ['5555 5555 5555 4444'],
    ['3782 822463 10005'],
    ['378282246310005'],
    ['6011111111111117'],
    ['3530111333300000'],
    ['30569309025904'],
    ['6222021234567890128'],
    ['6222 0212 3456 7890 128'],
  ])('valid card %s', (card) => {
    expectOnly(`My card number is ${card}, thanks`, card, 'card');
  });

  it('finds a card glued to Chinese text and stops before an expiry date', () => {
    expectOnly('银行卡号6222021234567890128谢谢', '6222021234567890128', 'card');
    expectOnly('card 4111 1111 1111 1111 12/26', '4111 1111 1111 1111', 'card');
  });

  it.each([
    ['failing Luhn', '4111 1111 1111 1112'],
    ['failing Luhn, bare', '5234887122901146'],
    ['15 digits are only Amex', '457205216083629'],
    ['no card network starts with 9', '9400 1000 0000 0000 0000 00'],
    ['a 22-digit tracking number does not hide a 16-digit card', '5555 5555 5555 4444 0000 11'],
    ['UPS tracking', '1Z999AA10123456784'],
    ['FedEx tracking (12 digits)', '7489 2345 6789'],
  ])('not a card: %s', (_why, text) => {
    expect(values(`number ${text} here`, 'card')).toEqual([]);
  });

  it('"cc#" names a card, and "ordered" is a verb, not an order number', () => {
    expectOnly('I only ordered one. cc#3426 205405 05387', '3426 205405 05387', 'card');
  });

  it('a Luhn-valid number labelled as an order or tracking number is not a card', () => {
    expect(values('订单号：4111111111111111', 'card')).toEqual([]);
    expect(values('tracking number 4111 1111 1111 1111', 'card')).toEqual([]);
    expect(values('order paid with card 4111 1111 1111 1111', 'card')).toEqual(['4111 1111 1111 1111']);
  });
});

// ------------------------------------------------------------------ IBAN
describe('iban', () => {
  it.each([
    ['GB82 WEST 1234 5698 7654 32'],
    ['GB82WEST12345698765432'],
    ['DE89 3704 0044 0532 0130 00'],
    ['DE89370400440532013000'],
    ['FR14 2004 1010 0505 0001 3M02 606'],
    ['NL91ABNA0417164300'],
    ['CH9300762011623852957'],
    ['de89 3704 0044 0532 0130 00'],
  ])('valid IBAN %s', (iban) => {
    expectOnly(`Please refund to ${iban}.`, iban, 'iban');
  });

  it('finds an IBAN in Chinese text without spaces', () => {
    expectOnly('退款请打到这个账户：DE89370400440532013000谢谢', 'DE89370400440532013000', 'iban');
  });

  it.each([
    ['wrong check digits', 'GB82 WEST 1234 5698 7654 33'],
    ['wrong length for the country', 'DE89 3704 0044 0532 0130 0'],
    ['unknown country', 'ZZ89370400440532013000'],
  ])('not an IBAN: %s', (_why, iban) => {
    expect(values(`account ${iban}`, 'iban')).toEqual([]);
  });
});

// ------------------------------------------------------------------ Chinese resident ID
describe('cn_id', () => {
  it.each([
    ['110101199003074514'],
    ['11010519491231002X'],
    ['11010519491231002x'],
    ['44030519880715004X'],
    ['310104200002290006'], // 29 February of a leap year
    ['110101 19900307 4514'],
  ])('valid ID %s', (id) => {
    expectOnly(`身份证号码：${id}，请核实`, id, 'cn_id');
  });

  it('finds an ID glued to Chinese and to an ASCII word', () => {
    expectOnly('身份证110101199003074514姓名王芳', '110101199003074514', 'cn_id');
    expectOnly('身份证号11010519491231002XAPP闪退', '11010519491231002X', 'cn_id');
  });

  it.each([
    ['checksum fails', '110101199003074515'],
    ['checksum fails (X expected)', '110105194912310021'],
    ['no 13th month', '110101199013074514'],
    ['30 February', '110101200002300011'],
    ['born in the future', '110101209901014514'],
    ['no such province', '990101199003074514'],
  ])('not an ID: %s', (_why, id) => {
    expect(values(`身份证${id}`, 'cn_id')).toEqual([]);
  });
});

// ------------------------------------------------------------------ SSN
describe('ssn', () => {
  it('dashed SSNs stand alone', () => {
    expectOnly('Here is the W-9 info: 078-05-1120, filed Monday', '078-05-1120', 'ssn');
    expectOnly('我的SSN是078-05-1120', '078-05-1120', 'ssn');
  });

  it('a bracket after the words, and the traditional wording 社會安全碼', () => {
    expectOnly('social security number (198914733)', '198914733', 'ssn');
    expectOnly('我的美國社會安全碼是737466044。', '737466044', 'ssn');
    expectOnly('社会安全号码：344 34 3396', '344 34 3396', 'ssn');
  });

  it('bare or spaced digits need "SSN" or "social security" right before', () => {
    expectOnly('SSN: 078051120', '078051120', 'ssn');
    expectOnly('SSN#078-05-1120', '078-05-1120', 'ssn');
    expectNone('see #078-05-1120');
    expectOnly('my social security number is 078 05 1120.', '078 05 1120', 'ssn');
    expectNone('reference 078051120');
    expectNone('SSN on file; order 078051120 shipped');
  });

  it.each(['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-4567', '123-45-0000'])('invalid range %s is not an SSN', (ssn) => {
    expectNone(`SSN ${ssn}`);
  });
});

// ------------------------------------------------------------------ IP
describe('ip', () => {
  it.each([
    ['192.168.1.1'],
    ['8.8.8.8'],
    ['10.0.0.255'],
    ['2001:db8::8a2e:370:7334'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['fe80::1ff:fe23:4567:890a'],
    ['::1'],
    ['::ffff:192.0.2.128'],
    ['FE80::1'],
  ])('address %s', (ip) => {
    expectOnly(`I logged in from ${ip}.`, ip, 'ip');
  });

  it('finds an address written straight after "IP", but not inside another word', () => {
    expectOnly('IP198.51.100.208被你们封了', '198.51.100.208', 'ip');
    expectOnly('IP2001:db8:b484:f95::7ac5被你们封了', '2001:db8:b484:f95::7ac5', 'ip');
    expectNone('SKIP198.51.100.208');
  });

  it('finds addresses in Chinese text and after a label colon', () => {
    expectOnly('服务器IP：172.25.42.244一直提示异常', '172.25.42.244', 'ip');
    expectOnly('IPv6地址2001:db8::1谢谢', '2001:db8::1', 'ip');
  });

  it.each([
    ['an octet over 255', '256.1.1.1'],
    ['three parts', '10.0.1'],
    ['a version number', 'version 10.2.0.4'],
    ['a browser version', 'Chrome/120.0.0.0'],
    ['a version with v', 'v1.2.3.4'],
    ['five parts', '1.2.3.4.5'],
    ['a time', '12:30:45'],
    ['a MAC address', '00:1A:2B:3C:4D:5E'],
    ['two double colons', '2001::db8::1'],
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
  ])('not an address: %s', (_why, text) => {
    expect(values(`see ${text} now`, 'ip')).toEqual([]);
  });
});

// ------------------------------------------------------------------ configured patterns
describe('configured patterns', () => {
  it("'redact' adds spans of type custom, named", () => {
    const spans = findPii('Member M-778812 called from 415-555-0136', { custom: [{ name: 'member', pattern: 'M-\\d{6}', action: 'redact' }] });
    expect(spans.map((s) => [s.type, s.value, s.name])).toEqual([
      ['custom', 'M-778812', 'member'],
      ['phone', '415-555-0136', undefined],
    ]);
  });

  it("'keep' protects its matches from every other detector", () => {
    const text = 'Booking 4111111111111111, hotline 400-820-8820, card 4111 1111 1111 1111';
    expect(values(text)).toEqual(['4111111111111111', '400-820-8820', '4111 1111 1111 1111']);
    const custom = [
      { name: 'booking', pattern: 'Booking \\d{16}', action: 'keep' as const },
      { name: 'hotline', pattern: '400-\\d{3}-\\d{4}', action: 'keep' as const },
    ];
    expect(findPii(text, { custom }).map((s) => s.value)).toEqual(['4111 1111 1111 1111']);
    expect(redact(text, { custom }).text).toBe('Booking 4111111111111111, hotline 400-820-8820, card [CARD]');
  });

  it("'keep' wins over a 'redact' pattern that overlaps it", () => {
    const custom = [
      { name: 'ids', pattern: '[A-Z]{2}-\\d+', action: 'redact' as const },
      { name: 'public', pattern: 'PR-1\\d*', action: 'keep' as const },
    ];
    expect(findPii('PR-123 and AB-456', { custom }).map((s) => s.value)).toEqual(['AB-456']);
  });

  it('honours flags, ignores an invalid expression and an empty match', () => {
    expect(findPii('vip GOLD-1 gold-2', { custom: [{ name: 'tier', pattern: 'gold-\\d', flags: 'i', action: 'redact' }] }).map((s) => s.value)).toEqual(['GOLD-1', 'gold-2']);
    expect(findPii('a (b', { custom: [{ name: 'bad', pattern: '(', action: 'redact' }] })).toEqual([]);
    expect(findPii('abc', { custom: [{ name: 'empty', pattern: 'x*', action: 'redact' }] })).toEqual([]);
  });

  it('types restricts the kinds', () => {
    const text = 'a@b.com 415-555-0136';
    expect(findPii(text, { types: ['email'] }).map((s) => s.type)).toEqual(['email']);
  });
});

// ------------------------------------------------------------------ overlaps and redact()
const MIXED =
  'Hi, I am Li Wei (身份证110101199003074514). Email li.wei@example.com or 13800138000@163.com, phone +86 138 0013 8000 / (415) 555-0136. ' +
  'Card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 078-05-1120, from 192.168.1.20 and 2001:db8::1. ' +
  'Order #A-20417, $89.00 on 2024-03-15 14:30, app v2.3.1, ticket 4829105736.';

describe('overlaps and redaction', () => {
  it('never outputs overlapping spans, sorted by start (mixed text and 300 generated messages)', () => {
    const texts = [MIXED, ...generatePiiDocs(300, 11).map((d) => d.text)];
    for (const text of texts) {
      const spans = findPii(text);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
  });

  it('keeps the longest and most specific detection', () => {
    // 18 digits that pass both Luhn and the ID checksum: the ID is more specific.
    const id = '440305198807150349';
    const spans = findPii(`ID ${id}`);
    expect(spans.map((s) => s.type)).toEqual(['cn_id']);
    expect(findPii('+86 138 0013 8000').map((s) => s.value)).toEqual(['+86 138 0013 8000']);
  });

  it('redact() replaces each span with its typed placeholder and no original value remains', () => {
    const { text, spans } = redact(MIXED);
    expect(text).toBe(
      'Hi, I am Li Wei (身份证[CN_ID]). Email [EMAIL] or [EMAIL], phone [PHONE] / [PHONE]. ' +
        'Card [CARD], IBAN [IBAN], SSN [SSN], from [IP] and [IP]. ' +
        'Order #A-20417, $89.00 on 2024-03-15 14:30, app v2.3.1, ticket 4829105736.',
    );
    expect(spans.map((s: Span) => s.type)).toEqual(['cn_id', 'email', 'email', 'phone', 'phone', 'card', 'iban', 'ssn', 'ip', 'ip']);
    for (const s of spans) {
      expect(MIXED.slice(s.start, s.end)).toBe(s.value);
      expect(text).not.toContain(s.value!);
    }
  });

  it('redact() with a custom pattern uses [CUSTOM], and leaves a text without PII unchanged', () => {
    expect(redact('Member M-778812 here', { custom: [{ name: 'member', pattern: 'M-\\d{6}', action: 'redact' }] }).text).toBe('Member [CUSTOM] here');
    const plain = '您好，我的订单#A-20417还没到，谢谢！Order W-55810 cost $89.00.';
    expect(redact(plain)).toEqual({ text: plain, spans: [] });
    expect(redact('')).toEqual({ text: '', spans: [] });
  });

  it('no generated PII value survives redaction', () => {
    for (const doc of generatePiiDocs(200, 23)) {
      const out = redact(doc.text).text;
      for (const g of doc.spans) expect(out).not.toContain(doc.text.slice(g.start, g.end));
    }
  });
});

// ------------------------------------------------------------------ the eval
describe('eval (scripts/eval/pii.ts on scripts/eval/gen-pii.ts)', () => {
  it('generated sets are deterministic in the seed, with valid gold offsets', () => {
    const a = generatePiiDocs(50, 3);
    expect(generatePiiDocs(50, 3)).toEqual(a);
    expect(generatePiiDocs(50, 4)).not.toEqual(a);
    for (const d of a) for (const s of d.spans) expect(s.end).toBeGreaterThan(s.start);
  });

  it('reaches recall >= 0.98 and precision >= 0.95 on a generated set, for every kind', () => {
    const docs = generatePiiDocs(600, 99);
    const score = scorePii(docs);
    expect(score.n).toBeGreaterThan(600);
    expect(score.recall).toBeGreaterThanOrEqual(0.98);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    for (const type of ['email', 'phone', 'card', 'iban', 'cn_id', 'ssn', 'ip']) {
      const t = score.byType[type]!;
      expect(t.gold, type).toBeGreaterThan(20);
      expect(t.found / t.gold, type).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('scores by coverage (recall) and overlap (precision), mapping type names case-insensitively', () => {
    const docs = parseJsonl(
      [
        JSON.stringify({ text: 'mail a@example.com now', spans: [{ start: 5, end: 18, type: 'EMAIL' }] }),
        JSON.stringify({ text: 'call 415-555-0136', spans: [{ start: 0, end: 17, type: 'Phone_Number' }] }), // wider than the phone: not covered
        JSON.stringify({ text: 'nothing 8.8.8.8', spans: [] }), // a prediction without gold
      ].join('\n'),
    );
    const score = scorePii(docs);
    expect(score).toMatchObject({ n: 2, found: 1, predicted: 3, correct: 2 });
    expect(score.byType.email).toMatchObject({ gold: 1, found: 1, sameType: 1 });
    expect(score.byType.phone).toMatchObject({ gold: 1, found: 0, predicted: 1, correct: 1 });
    expect(normaliseType('Credit-Card')).toBe('card');
    expect(normaliseType('IPv6')).toBe('ip');
    expect(normaliseType('CN_ID')).toBe('cn_id');
  });
});
