/**
 * Phone numbers for ./pii.ts: international (+ or 00, trimmed to the country's
 * plan), North American, mainland China mobiles (a bare 86 allowed), Hong Kong,
 * Macau and Taiwan without the plus, national numbers with a trunk 0 and their
 * extensions, numbers that are phones by shape after on / at / from, and bare
 * digits after a phone word or alone on a signature line under a name.
 */
import { afterReferenceWord, before, ID_CUE_RE, LB_PHONE, RB, REFERENCE_CUE_RE, type Push } from './pii-context.ts';

/** International: + or 00, then digits with single separators or parenthesised groups; trimmed by country below. */
const PHONE_INTL_RE = new RegExp(String.raw`(?<![0-9A-Za-z_+])(?:\(\+\d{1,3}\)|\+ ?|(?<!\d[ \-.,])00(?=[1-9]))\d?(?:[ \-.\/]?(?:\(\d{1,5}\)|\d))+` + RB, 'g');
/** North American: (415) 555-0136, 415-555-0136, 415.555.0136, 415 555 0136, 1-800-555-0199. */
const PHONE_NANP_RE = new RegExp(LB_PHONE + String.raw`(?:1[ \-.]?)?(?:\(\d{3}\)[ \-.]?|\d{3}[ \-.])\d{3}[ \-.]\d{4}` + RB, 'g');
/** Mainland China mobiles: 11 digits from 13–19, optional single separators, optionally after a bare 86 (8613800138000). */
const PHONE_CN_MOBILE_RE = new RegExp(LB_PHONE + String.raw`(?:86[ \-]?)?1[3-9]\d(?:[ \-]?\d){8}` + RB, 'g');
/** Hong Kong and Macau (8 digits) and Taiwan (9) after their country code written without a plus: (852) 9123 4567, 852 9123 4567. */
const PHONE_CC_NOPLUS_RE = new RegExp(LB_PHONE + String.raw`(?:\((852|853|886)\)|(852|853|886)(?=[ \-]))[ \-]?(\d{4}[ \-]?\d{4}|\d[ \-]?\d{4}[ \-]?\d{4}|\d{3}[ \-]?\d{3}[ \-]?\d{3})` + RB, 'g');
/** Numbers that are a phone by shape: NANP (2–9 area and exchange) ten digits after on / at / from / or, Indian mobiles in 5-5. */
const PHONE_SHAPE_RE = new RegExp(LB_PHONE + String.raw`(?:(?<=\b(?:on|at|from|or|via|reach(?:ed)?|dial(?:led)?|ring)\s)[2-9]\d{2}[2-9]\d{6}|[6-9]\d{4} \d{5})` + RB, 'gi');
/** National numbers with a trunk 0 (Chinese landlines 010-12345678, UK 020 7946 0958, FR 01 42 68 53 00, DE 030 1234567, TW 0912-345-678). */
const PHONE_NATIONAL_RE = new RegExp(LB_PHONE + String.raw`(?:(?:\(0[1-9]\d{0,4}\)[ \-]?|0[1-9]\d{0,4}[ \-.\/])\d{2,8}(?:[ \-.]\d{2,8}){0,4}|0[1-9]\d{8,9})` + RB, 'g');
/** An extension after a phone number: x123, ext. 123, 分机123. */
const PHONE_EXT_RE = /^,? ?(?:x|ext\.?|extension|分机|分機|转|轉) ?\d{1,6}(?!\d)/i;
/** Bare digits (8–12, up to two separators) are a phone only right after a phone word. */
const PHONE_BARE_RE = new RegExp(LB_PHONE + String.raw`\d(?:[ \-]?\d){7,11}` + RB, 'g');
const PHONE_CUE_RE =
  /(?:phone|telephone|\btel\.?|mobile|\bcell(?:phone)?|whats ?app|call me|\bcall(?:ed|ing)?(?: me)?(?: back)?(?: from)?|text me|reach me|contact number|\bmy (?:other |new |contact )?number|(?:^|\n)[ \t]*[TM]\s*(?=[:：])|电话|電話|手机|手機|座机|座機|热线|熱線|联系方式|聯絡方式|\bfax|传真|傳真|市话|市話|新号码|新號碼|我的号码|我的號碼|打我|(?:请|請|员|員|直接|可以|就)打|拨打|撥打|致电|致電)(?:\s*(?:number|no\.?|#|号码|號碼|号|號))?\s*(?:is|was|at|on|to|@|:|：|是|为|為)?\s*(?:at|on)?\s*[:：#]?\s*$/i;

export const PHONE_WORD_RE = /phone|mobile|\bcall|\btel|电话|電話|手机|手機|打|拨|撥/i;

/** E.164 zone structure: 1 and 7 take one digit, these take two, everything else three. */
const CC2 = new Set(['20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98']);
/** National significant number lengths [min, max] where known; others get [6, 12]. */
const NSN: Record<string, readonly [number, number]> = {
  '1': [10, 10], '7': [10, 10], '20': [9, 10], '27': [9, 9], '30': [10, 10], '31': [9, 9], '32': [8, 9], '33': [9, 9], '34': [9, 9],
  '36': [8, 9], '39': [6, 11], '40': [9, 9], '41': [9, 9], '43': [4, 13], '44': [9, 10], '45': [8, 8], '46': [7, 13], '47': [8, 8],
  '48': [9, 9], '49': [6, 13], '52': [10, 10], '55': [10, 11], '60': [8, 10], '61': [9, 9], '62': [8, 12], '63': [8, 10], '64': [8, 10],
  '65': [8, 8], '66': [8, 9], '81': [9, 10], '82': [8, 10], '84': [9, 10], '86': [9, 11], '90': [10, 10], '91': [10, 10],
  '351': [9, 9], '352': [6, 11], '353': [7, 9], '358': [5, 12], '420': [9, 9], '852': [8, 8], '853': [8, 8], '886': [8, 9],
  '966': [8, 9], '971': [8, 9], '972': [8, 9],
};
/** A phone span, extended over an extension that follows it (x123, ext. 123). */
function pushPhone(text: string, start: number, end: number, push: Push): void {
  const ext = PHONE_EXT_RE.exec(text.slice(end, end + 24));
  push(start, ext ? end + ext[0].length : end, 'phone');
}

function countryCode(d: string): string {
  if (d[0] === '1' || d[0] === '7') return d[0];
  if (CC2.has(d.slice(0, 2))) return d.slice(0, 2);
  return d.slice(0, 3);
}

/** International numbers: find the country code, drop a (0) trunk, trim trailing groups beyond the country's length. */
function phoneIntl(text: string, push: Push): void {
  if (!text.includes('+') && !text.includes('00')) return;
  for (const m of text.matchAll(PHONE_INTL_RE)) {
    const s = m[0];
    // Tokens: digit groups with their end offsets, so trailing ones can be cut.
    const tokens: { digits: string; end: number }[] = [];
    const tokenRe = /\(\+?(\d+)\)|\d+/g;
    for (const t of s.matchAll(tokenRe)) {
      const raw = t[1] ?? t[0];
      tokens.push({ digits: t[0] === '(0)' ? '' : raw, end: t.index + t[0].length });
    }
    const isDoubleZero = s.startsWith('00');
    if (isDoubleZero && (text[m.index - 1] === '#' || /(?:invoice|order|ref|no\.?|#|订单|訂單|单号|單號|编号|編號)\s*[:：#]?\s*$/i.test(before(text, m.index, 16)))) continue;
    if (isDoubleZero) tokens[0]!.digits = tokens[0]!.digits.slice(2);
    const all = tokens.map((t) => t.digits).join('');
    if (all.length < 8) continue;
    const cc = countryCode(all);
    if (isDoubleZero && !NSN[cc]) continue;
    const [min, max] = NSN[cc] ?? [6, 12];
    let digits = all;
    let k = tokens.length;
    while (digits.length - cc.length > max && k > 1) {
      k--;
      digits = tokens.slice(0, k).map((t) => t.digits).join('');
    }
    const nsn = digits.length - cc.length;
    if (nsn < min || nsn > max || digits.length > 15) continue;
    pushPhone(text, m.index, m.index + tokens[k - 1]!.end, push);
  }
}

function phoneNanp(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_NANP_RE)) {
    if (text[m.index - 1] === '#' || afterReferenceWord(text, m.index, PHONE_WORD_RE)) continue;
    pushPhone(text, m.index, m.index + m[0].length, push);
  }
}

function phoneCnMobile(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_CN_MOBILE_RE)) {
    const groups = m[0].replace(/^86[ \-]?(?=1)/, '').split(/[ \-]/);
    if (groups.length > 3 || groups.some((g) => g.length < 3)) continue;
    if (text[m.index - 1] === '#' || afterReferenceWord(text, m.index, PHONE_WORD_RE)) continue;
    pushPhone(text, m.index, m.index + m[0].length, push);
  }
}

function phoneNational(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_NATIONAL_RE)) {
    let s = m[0];
    let n = s.replace(/\D/g, '').length;
    // 028-43126796-826: a Chinese landline with its extension after a second dash.
    const ext = /^(\(?0\d{2,3}\)?-\d{7,8})-\d{1,5}$/.exec(s);
    if (ext) n = ext[1]!.replace(/\D/g, '').length;
    // 9–12 digits with the trunk 0; 13 only with a separated area code (German numbers run long).
    if (n < 9 || n > 13 || (n === 13 && !/^\(?0\d{2,4}\)?[ \-\/]/.test(s))) continue;
    if (ext) {
      if (text[m.index - 1] === '#' || afterReferenceWord(text, m.index, PHONE_WORD_RE)) continue;
      pushPhone(text, m.index, m.index + s.length, push);
      continue;
    }
    s = m[0];
    // Separators after the area code must agree (dates and mixed references do not).
    const rest = s.replace(/^\(?0\d{1,5}\)?[ \-.\/]?/, '');
    const seps = new Set(rest.match(/[ \-.]/g) ?? []);
    if (seps.size > 1) continue;
    // Dotted numbers (01.42.68.53.00) only in short groups: not dates glued to times (02.04.202218:46).
    if (s.includes('.') && !/^0\d{1,3}(?:\.\d{2,4})+$/.test(s)) continue;
    if (/^0\d{4}-\d{4}$/.test(s)) continue; // a US ZIP+4 (02134-1234), not a phone
    if (text[m.index - 1] === '#' || afterReferenceWord(text, m.index, PHONE_WORD_RE)) continue;
    pushPhone(text, m.index, m.index + s.length, push);
  }
}

function phoneCountryNoPlus(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_CC_NOPLUS_RE)) {
    const cc = m[1] ?? m[2]!;
    const n = m[3]!.replace(/\D/g, '').length;
    if (n !== (cc === '886' ? 9 : 8)) continue;
    if (text[m.index - 1] === '#' || afterReferenceWord(text, m.index, PHONE_WORD_RE)) continue;
    pushPhone(text, m.index, m.index + m[0].length, push);
  }
}

/** Shaped like a phone with no phone word: kept unless it follows an identifier word or a #. */
function phoneShape(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_SHAPE_RE)) {
    if (text[m.index - 1] === '#' || ID_CUE_RE.test(before(text, m.index, 30))) continue;
    pushPhone(text, m.index, m.index + m[0].length, push);
  }
}

/** A number alone on the last line of a block, under a name: a signature's phone. */
function signatureLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  if (text.slice(lineStart, start).trim() || text.slice(end, lineEnd).trim() || lineStart === 0) return false;
  const previous = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).trim();
  // A name: two to four capitalised words, or two to four Han characters; not a label (Order ID, 订单号, 金额).
  return /^(?:\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}|\p{Script=Han}{2,4})$/u.test(previous) && !ID_CUE_RE.test(previous) && !REFERENCE_CUE_RE.test(previous);
}

function phoneBare(text: string, push: Push): void {
  for (const m of text.matchAll(PHONE_BARE_RE)) {
    const seps = m[0].match(/[ \-]/g)?.length ?? 0;
    if (seps > 2) continue;
    if (!PHONE_CUE_RE.test(before(text, m.index, 40)) && !signatureLine(text, m.index, m.index + m[0].length)) continue;
    pushPhone(text, m.index, m.index + m[0].length, push);
  }
}


/** Every phone detector, in the order they run. */
export const PHONE_DETECTORS: readonly ((text: string, push: Push) => void)[] = [phoneIntl, phoneNanp, phoneCnMobile, phoneNational, phoneCountryNoPlus, phoneShape, phoneBare];
