/**
 * Local personal-data detection and redaction. Every text that leaves the
 * browser goes through redact(); the UI shows its output, which is exactly
 * what would be sent.
 *
 * Kinds: e-mail addresses, phone numbers (international with + or 00, a bare
 * 86 before a mainland mobile, (852) / 852 / 886 without the plus, North
 * American and Indian numbers by shape unless a reference word or # comes
 * first, European and Chinese national formats with extensions, bare numbers
 * after a phone word or alone on a signature line under a name), payment cards (Luhn), IBANs (country length + mod 97), Chinese
 * resident ID numbers (region, birth date, ISO 7064 mod 11-2), US SSNs (valid
 * ranges), IPv4 and IPv6 addresses, and configured patterns.
 *
 * English and Chinese text: boundaries are ASCII-only, so a number glued to
 * Chinese characters (我的手机是13800138000谢谢) is found, while one glued to
 * letters or an `X-` prefix (order TW-30418, 1Z999AA1…) is not. Full-width
 * digits and punctuation (１３８…, ＠, ＋) are read as their ASCII forms.
 *
 * Overlaps: the longest candidate wins, ties go to the more specific kind
 * (cn_id > iban > card > email > ssn > ip > phone > custom); no two output
 * spans overlap. A configured 'keep' pattern removes every candidate that
 * overlaps one of its matches (including configured 'redact' ones).
 *
 * All built-in expressions are compiled once at module load; configured ones
 * are compiled once per pattern and cached.
 */

import { afterReferenceWord, before, LB, LB_PHONE, RB, type Push } from './pii-context.ts';
import { PHONE_DETECTORS } from './pii-phone.ts';

export const PII_TYPES = ['email', 'phone', 'card', 'iban', 'cn_id', 'ssn', 'ip', 'custom'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface Span {
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  type: PiiType;
  /** The matched text (the original characters, not normalised). */
  value?: string;
  /** For type 'custom': the configured pattern's name. */
  name?: string;
}

export interface CustomPattern {
  name: string;
  /** Regular-expression source, e.g. "ORD-\\d{6}". */
  pattern: string;
  /** Extra flags among i, m, s, u (g is always added). */
  flags?: string;
  /** 'redact' adds spans of type 'custom'; 'keep' protects its matches from every detector. */
  action: 'redact' | 'keep';
}

export interface PiiOptions {
  custom?: readonly CustomPattern[];
  /** Restrict detection to these kinds (default: all). */
  types?: readonly PiiType[];
}

export interface Redaction {
  /** The text with every span replaced by its placeholder, e.g. [EMAIL]. */
  text: string;
  /** The spans replaced, in the original text's offsets. */
  spans: Span[];
}

// ------------------------------------------------------------------ expressions (compiled once)
const EMAIL_RE = /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_](?:[A-Za-z0-9._%+\-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])/g;

/** Runs of digit groups separated by single spaces or dashes: card candidates are cut from these. */
const DIGIT_RUN_RE = new RegExp(LB + String.raw`\d+(?:[ \-]\d+)*` + String.raw`(?![0-9_])`, 'g');

const CN_ID_RE = new RegExp(LB + String.raw`[1-9]\d{5}[ \-]?(?:18|19|20)\d{2}[01]\d[0-3]\d[ \-]?\d{3}[\dXx]` + RB, 'g');

const SSN_RE = new RegExp(LB_PHONE + String.raw`\d{3}([ \-]?)\d{2}\1\d{4}` + RB, 'g');
const SSN_CUE_RE = /(?:\bssn|social\s+security(?:\s+(?:number|no\.?|#))?|社[会會]安全(?:[号號][码碼]?|[码碼])|社安[号號])\s*(?:#|no\.?|number)?\s*(?:is|was|:|：|是|为|為)?\s*[:：#]?\s*[(（\[]?\s*$/i;

const IBAN_START_RE = /(?<![0-9A-Za-z_])([A-Za-z]{2})(\d{2})(?=[ \-]?[0-9A-Za-z])/g;

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
/** Start of an address: not inside a word or a dotted run, except right after the word "IP" (IP198.51.100.7被封了). */
const IP_LB = String.raw`(?:(?<![0-9A-Za-z_.\-])|(?<=(?<![A-Za-z])[Ii][Pp]))`;
const IPV4_RE = new RegExp(IP_LB + String.raw`${OCTET}(?:\.${OCTET}){3}(?![0-9_]|\.\d)`, 'g');
const IPV4_EXACT_RE = new RegExp(String.raw`^${OCTET}(?:\.${OCTET}){3}$`);
const VERSION_CUE_RE = /(?:\bv|version|\bver\.?|\bbuild|firmware|\brelease|版本|固件|chrome|firefox|safari|\bedge|\bios|android|windows|macos)\s*[:：\/]?\s*$/i;
/** Not inside a longer colon-hex string on either side (a label colon before is fine: "IP:fe80::1"). */
const IPV6_RE = /(?:(?<![0-9A-Za-z_.])|(?<=(?<![A-Za-z])[Ii][Pp]))(?<![0-9A-Fa-f]:|::)(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Fa-f_:])/g;
const HEX_GROUP_RE = /^[0-9A-Fa-f]{1,4}$/;

const CARD_WORD_RE = /card|visa|master|amex|\bcc\b|credit|debit|卡/i;
const FULLWIDTH_RE = /[\u00a0\u2010-\u2013\u3000\uff01-\uff5e]/g;

// ------------------------------------------------------------------ tables
/** IBAN length by country (ISO 13616 registry). */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20,
  // Countries using IBANs outside the SWIFT registry (national or partial adoption).
  AO: 25, BF: 28, BI: 27, BJ: 28, CF: 27, CG: 27, CI: 28, CM: 27, CV: 25, DJ: 27, DZ: 26, GA: 27, GQ: 27, GW: 25,
  HN: 28, IR: 26, KM: 27, LY: 25, MA: 28, MG: 27, ML: 28, MN: 20, MZ: 25, NE: 28, NI: 28, OM: 23, RU: 33, SD: 18,
  SN: 28, SO: 23, TD: 27, TG: 28, FK: 18, YE: 30,
};
/** First two digits of a Chinese resident ID: province-level regions (81–83: HK, Macau, Taiwan residence permits). */
const CN_PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);
const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Overlap tie-break: more specific kinds first. */
const SPECIFICITY: Record<PiiType, number> = { cn_id: 8, iban: 7, card: 6, email: 5, ssn: 4, ip: 3, phone: 2, custom: 1 };

// ------------------------------------------------------------------ checksums
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN mod-97 check on a compact, upper-case IBAN. */
export function ibanValid(compact: string): boolean {
  const cc = compact.slice(0, 2);
  if (IBAN_LENGTH[cc] !== compact.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const s = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65) {
      const v = c - 55; // A=10 … Z=35
      rem = (rem * 100 + v) % 97;
    } else rem = (rem * 10 + (c - 48)) % 97;
  }
  return rem === 1;
}

/** 18-character Chinese resident ID: region, real birth date (1900–today), ISO 7064 mod 11-2. */
export function cnIdValid(id: string, today = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!CN_PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCMonth() !== m - 1 || birth.getTime() > today.getTime()) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += (id.charCodeAt(i) - 48) * CN_ID_WEIGHTS[i]!;
  return '10X98765432'[s % 11] === id[17]!.toUpperCase();
}

/** US SSN ranges: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export function ipv6Valid(s: string): boolean {
  let text = s;
  let extra = 0;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!IPV4_EXACT_RE.test(tail)) return false;
    text = text.slice(0, lastColon + 1) + '0';
    extra = 1; // the IPv4 tail is two groups, counted as one above
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  if (halves.length === 2) {
    const left = groups(halves[0]!);
    const right = groups(halves[1]!);
    if (![...left, ...right].every((g) => HEX_GROUP_RE.test(g))) return false;
    const n = left.length + right.length + extra;
    return n >= 1 && n <= 7;
  }
  const all = groups(text);
  return all.length + extra === 8 && all.every((g) => HEX_GROUP_RE.test(g));
}

// ------------------------------------------------------------------ detectors
interface Candidate {
  start: number;
  end: number;
  type: PiiType;
  name?: string;
}
function findEmails(text: string, push: Push): void {
  if (!text.includes('@')) return;
  for (const m of text.matchAll(EMAIL_RE)) push(m.index, m.index + m[0].length, 'email');
}

/**
 * Issuer prefix and length (ISO/IEC 7812 major industries 2–6): Visa 4 (13, 16,
 * 19), Mastercard 22–27 / 51–55 (16), Maestro 50 / 56–58 / 63 / 67 (13–19),
 * Amex 34 / 37 (15), Diners 30 / 36 / 38 / 39 (14–19), JCB 35 (16–19),
 * Discover / UnionPay / other 6 (16–19). A 15-digit number starting with 4 is not a card.
 */
export function cardBrandLength(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  switch (d[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '2':
      return p2 >= 22 && p2 <= 27 && n === 16;
    case '3':
      if (p2 === 34 || p2 === 37) return n === 15;
      if (p2 === 35) return n >= 16;
      return (p2 === 30 || p2 === 36 || p2 === 38 || p2 === 39) && n >= 14;
    case '5':
      return p2 >= 51 && p2 <= 55 ? n === 16 : n >= 13;
    case '6':
      return p2 === 63 || p2 === 67 ? n >= 13 : n >= 16;
    default:
      return false;
  }
}

/** Card grouping: bare, 4-4-4-4(-…) with a shorter last group, or 4-6-5 / 4-6-4 (Amex, Diners). */
function cardGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  const last = lengths[lengths.length - 1]!;
  return lengths.slice(0, -1).every((l) => l === 4) && last >= 1 && last <= 4;
}

/**
 * Cards are cut from runs of digit groups. The whole run is tried first, then
 * sub-runs, but a sub-run may not be cut next to a 4-digit group (a 20- or
 * 22-digit tracking number in fours must not yield a 16-digit "card").
 */
function findCards(text: string, push: Push): void {
  for (const m of text.matchAll(DIGIT_RUN_RE)) {
    const run = m[0];
    const groups: { s: string; start: number }[] = [];
    const seps: string[] = [];
    for (const g of run.matchAll(/\d+/g)) {
      if (groups.length) seps.push(run[g.index - 1]!);
      groups.push({ s: g[0], start: g.index });
    }
    const total = groups.reduce((n, g) => n + g.s.length, 0);
    if (total < 13) continue;
    let best: { i: number; j: number; len: number } | null = null;
    for (let i = 0; i < groups.length; i++) {
      let len = 0;
      for (let j = i; j < groups.length; j++) {
        len += groups[j]!.s.length;
        if (len > 19) break;
        if (len < 13 || (best && best.len >= len)) continue;
        if (i > 0 && (seps[i - 1] !== ' ' || groups[i - 1]!.s.length === 4)) continue;
        if (j < groups.length - 1 && (seps[j] !== ' ' || groups[j + 1]!.s.length === 4)) continue;
        const inner = seps.slice(i, j);
        if (inner.length && !inner.every((x) => x === inner[0])) continue;
        if (!cardGrouping(groups.slice(i, j + 1).map((g) => g.s.length))) continue;
        const digits = groups.slice(i, j + 1).map((g) => g.s).join('');
        if (!cardBrandLength(digits) || !luhnValid(digits)) continue;
        best = { i, j, len };
      }
    }
    if (!best) continue;
    const start = m.index + groups[best.i]!.start;
    const end = m.index + groups[best.j]!.start + groups[best.j]!.s.length;
    if (afterReferenceWord(text, start, CARD_WORD_RE)) continue;
    push(start, end, 'card');
  }
}

function findCnIds(text: string, push: Push): void {
  for (const m of text.matchAll(CN_ID_RE)) {
    if (cnIdValid(m[0].replace(/[ \-]/g, ''))) push(m.index, m.index + m[0].length, 'cn_id');
  }
}

function findSsns(text: string, push: Push): void {
  for (const m of text.matchAll(SSN_RE)) {
    const d = m[0].replace(/\D/g, '');
    if (!ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5))) continue;
    // Dashed AAA-GG-SSSS stands alone (unless it is a #reference); bare or spaced needs "SSN" / "social security" right before.
    const cued = SSN_CUE_RE.test(before(text, m.index, 40));
    if (!cued && (m[1] !== '-' || text[m.index - 1] === '#')) continue;
    push(m.index, m.index + m[0].length, 'ssn');
  }
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[0-9A-Za-z]/.test(c);
}

/** IBAN: country code + check digits, then exactly the country's length of BBAN, single spaces or dashes allowed between characters. */
function findIbans(text: string, push: Push): void {
  IBAN_START_RE.lastIndex = 0;
  for (let m = IBAN_START_RE.exec(text); m; m = IBAN_START_RE.exec(text)) {
    const cc = m[1]!.toUpperCase();
    const length = IBAN_LENGTH[cc];
    if (!length) continue;
    let compact = cc + m[2]!;
    let i = m.index + 4;
    while (compact.length < length && i < text.length) {
      const c = text[i]!;
      if (isAlnum(c)) {
        compact += c.toUpperCase();
        i++;
      } else if ((c === ' ' || c === '-') && isAlnum(text[i + 1])) i++;
      else break;
    }
    // A letter may follow (glued ASCII in Chinese text), a digit may not; mod 97 makes a chance hit ~1%.
    if (compact.length !== length || /\d/.test(text[i] ?? '') || !ibanValid(compact)) continue;
    push(m.index, i, 'iban');
    IBAN_START_RE.lastIndex = i;
  }
}

function findIps(text: string, push: Push): void {
  if (text.includes('.')) {
    for (const m of text.matchAll(IPV4_RE)) {
      if (VERSION_CUE_RE.test(before(text, m.index, 20))) continue;
      push(m.index, m.index + m[0].length, 'ip');
    }
  }
  if (!text.includes(':')) return;
  IPV6_RE.lastIndex = 0;
  for (let m = IPV6_RE.exec(text); m; m = IPV6_RE.exec(text)) {
    let start = m.index;
    let s = m[0];
    // A label colon before ("IP:fe80::1") or after ("…::1: down") is not part of the address.
    if (s.startsWith(':') && !s.startsWith('::')) {
      s = s.slice(1);
      start++;
    }
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
    if (/[0-9A-Fa-f]/.test(s) && ipv6Valid(s)) {
      push(start, start + s.length, 'ip');
      IPV6_RE.lastIndex = start + s.length;
    } else IPV6_RE.lastIndex = m.index + 1;
  }
}

// ------------------------------------------------------------------ configured patterns
const compiled = new Map<string, RegExp | null>();

/** Compile a configured pattern once; null (and ignored) when it is not a valid expression. */
export function compileCustomPattern(p: Pick<CustomPattern, 'pattern' | 'flags'>): RegExp | null {
  const flags = [...new Set((p.flags ?? '').replace(/[^imsu]/g, ''))].join('') + 'g';
  const key = `${flags}/${p.pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    try {
      re = p.pattern ? new RegExp(p.pattern, flags) : null;
    } catch {
      re = null;
    }
    compiled.set(key, re);
  }
  return re;
}

function customMatches(text: string, p: CustomPattern): [number, number][] {
  const re = compileCustomPattern(p);
  if (!re) return [];
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

// ------------------------------------------------------------------ API
/** Full-width forms (U+FF01–FF5E), ideographic / no-break spaces and hyphen-like dashes, as ASCII; same length. */
function normalise(text: string): string {
  FULLWIDTH_RE.lastIndex = 0;
  if (!FULLWIDTH_RE.test(text)) return text;
  return text.replace(FULLWIDTH_RE, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
    if (code >= 0x2010 && code <= 0x2013) return '-';
    return ' ';
  });
}

const DETECTORS: readonly (readonly [PiiType, (text: string, push: Push) => void])[] = [
  ['email', findEmails],
  ['cn_id', findCnIds],
  ['iban', findIbans],
  ['card', findCards],
  ['ssn', findSsns],
  ['ip', findIps],
  ...PHONE_DETECTORS.map((detect) => ['phone', detect] as const),
];

/** Personal data in text: non-overlapping spans sorted by start. */
export function findPii(text: string, options: PiiOptions = {}): Span[] {
  if (!text) return [];
  const norm = normalise(text);
  const enabled = options.types ? new Set(options.types) : null;
  const candidates: Candidate[] = [];
  const push: Push = (start, end, type, name) => {
    if (end > start) candidates.push({ start, end, type, name });
  };
  const hasDigit = /\d/.test(norm);
  for (const [type, detect] of DETECTORS) {
    if (enabled && !enabled.has(type)) continue;
    if (!hasDigit && type !== 'email') continue;
    detect(norm, push);
  }
  const keep: [number, number][] = [];
  for (const p of options.custom ?? []) {
    if (p.action === 'keep') keep.push(...customMatches(norm, p));
    else if (!enabled || enabled.has('custom')) for (const [s, e] of customMatches(norm, p)) push(s, e, 'custom', p.name);
  }
  return resolve(candidates, keep).map((c) => {
    const span: Span = { start: c.start, end: c.end, type: c.type, value: text.slice(c.start, c.end) };
    if (c.name !== undefined) span.name = c.name;
    return span;
  });
}

/** Drop candidates touching a kept range, then take the longest (ties: most specific, earliest) that overlap nothing taken. */
function resolve(candidates: Candidate[], keep: [number, number][]): Candidate[] {
  const free = keep.length ? candidates.filter((c) => !keep.some(([s, e]) => c.start < e && s < c.end)) : candidates;
  if (free.length <= 1) return free;
  const order = [...free].sort((a, b) => b.end - b.start - (a.end - a.start) || SPECIFICITY[b.type] - SPECIFICITY[a.type] || a.start - b.start);
  const taken: Candidate[] = [];
  for (const c of order) if (!taken.some((t) => c.start < t.end && t.start < c.end)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

export function placeholder(type: PiiType): string {
  return `[${type.toUpperCase()}]`;
}

/** The text with each span replaced by its typed placeholder ([EMAIL], [PHONE], [CARD], [IBAN], [CN_ID], [SSN], [IP], [CUSTOM]). */
export function redact(text: string, options: PiiOptions = {}): Redaction {
  const spans = findPii(text, options);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + placeholder(s.type);
    at = s.end;
  }
  return { text: out + text.slice(at), spans };
}
