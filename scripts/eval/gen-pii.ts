/**
 * npm run eval -- pii-gen --n 2000 --out /tmp/pii.jsonl [--seed 7]
 * (also accepted: --generate N instead of --n)
 *
 * Generates a labelled PII test set: customer-service messages in English,
 * simplified and traditional Chinese with embedded personal data of the kinds
 * lib/analysis/pii.ts detects, written in varied real-world formats (valid
 * Luhn for cards, mod-97 for IBANs, ISO 7064 for Chinese IDs, valid SSN
 * ranges), plus distractors that are NOT personal data and carry no span:
 * order numbers, prices, dates, times, version numbers, tracking numbers,
 * ticket ids, invalid-Luhn reference numbers.
 *
 * Deliberately independent of the detector (no import of lib/analysis): the
 * formats here come from how people write these values, so the eval measures
 * the detector rather than echoing it. One JSON object per line:
 *   {"text": "...", "spans": [{"start": 0, "end": 5, "type": "email"}], "lang": "en"}
 */
import { mulberry32 } from '../../lib/prng.ts';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

export type GoldType = 'email' | 'phone' | 'card' | 'iban' | 'cn_id' | 'ssn' | 'ip';
export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}
export interface PiiDoc {
  text: string;
  spans: GoldSpan[];
  lang?: string;
}
export type Lang = 'en' | 'zh_CN' | 'zh_TW';
type Rand = () => number;

/** The shared seeded PRNG (mulberry32): the same set for the same seed. */
export function seededRandom(seed: number): Rand {
  return mulberry32(seed);
}

const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
/** Weighted choice: [weight, value] pairs. */
function weighted<T>(r: Rand, items: readonly (readonly [number, T])[]): T {
  const total = items.reduce((s, [w]) => s + w, 0);
  let x = r() * total;
  for (const [w, v] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![1];
}
/** Split a digit string into groups of the given sizes (the last takes the rest). */
function group(s: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= s.length) break;
    out.push(s.slice(i, i + size));
    i += size;
  }
  if (i < s.length) out.push(s.slice(i));
  return out.join(sep);
}

// ------------------------------------------------------------------ checksums (own implementations)
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  // Doubling starts at the rightmost body digit, since the check digit goes after it.
  for (let i = body.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = body.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}
function cnIdCheck(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * w[i]!;
  return '10X98765432'[s % 11]!;
}

// ------------------------------------------------------------------ PII values
const EN_FIRST = ['john', 'emily', 'michael', 'sarah', 'david', 'jessica', 'chris', 'laura', 'daniel', 'olivia', 'james', 'sophie', 'ahmed', 'maria', 'lucas', 'anna', 'kevin', 'rachel', 'tom', 'nina'];
const EN_LAST = ['smith', 'johnson', 'brown', 'garcia', 'miller', 'davis', 'wilson', 'taylor', 'anderson', 'thomas', 'moore', 'martin', 'lee', 'walker', 'hall', 'young', 'king', 'wright', 'lopez', 'hill'];
const PINYIN_GIVEN = ['wei', 'fang', 'na', 'min', 'jing', 'lei', 'yang', 'jie', 'tao', 'hui', 'xiaoming', 'lili', 'jun', 'ying', 'hao', 'yan'];
const PINYIN_FAMILY = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'lin', 'he', 'guo', 'ma'];
const EN_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com', 'protonmail.com', 'yahoo.co.uk', 'btinternet.com', 'gmx.de', 'orange.fr', 'acme-corp.com', 'mail.example.org', 'company.co.uk', 'uni-hamburg.de'];
const CN_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'sina.com.cn', 'foxmail.com', 'aliyun.com', 'yeah.net', 'sohu.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'example.com.cn', 'netvigator.com', 'yahoo.com.tw', 'gmail.com'];

function email(r: Rand, lang: Lang): string {
  const zh = lang !== 'en';
  const first = zh ? pick(r, PINYIN_GIVEN) : pick(r, EN_FIRST);
  const last = zh ? pick(r, PINYIN_FAMILY) : pick(r, EN_LAST);
  const domain = pick(r, zh ? CN_DOMAINS : EN_DOMAINS);
  let local = weighted(r, [
    [4, `${first}.${last}`],
    [2, `${first}${last}`],
    [2, `${first}_${last}${int(r, 1, 99)}`],
    [2, `${first[0]}${last}${int(r, 70, 99)}`],
    [1, `${last}.${first}+${pick(r, ['shop', 'orders', 'news'])}`],
    [zh ? 4 : 0.5, String(int(r, 10000, 99999)) + digits(r, int(r, 0, 5))], // QQ numbers
    [zh ? 2 : 0, `1${pick(r, ['3', '5', '8', '9'])}${digits(r, 9)}`], // mobile number as mailbox name
  ]);
  if (r() < 0.08) local = local[0]!.toUpperCase() + local.slice(1);
  return `${local}@${domain}`;
}

function nanp(r: Rand): [string, string, string] {
  const area = `${int(r, 2, 9)}${digits(r, 2)}`;
  const exch = r() < 0.3 ? '555' : `${int(r, 2, 9)}${digits(r, 2)}`;
  const line = exch === '555' ? `01${digits(r, 2)}` : digits(r, 4);
  return [area, exch, line];
}
function cnMobile(r: Rand): string {
  return `1${pick(r, ['3', '4', '5', '6', '7', '8', '9'])}${digits(r, 9)}`;
}

function phoneUS(r: Rand): string {
  const [a, e, l] = nanp(r);
  return weighted(r, [
    [4, `(${a}) ${e}-${l}`],
    [4, `${a}-${e}-${l}`],
    [2, `${a}.${e}.${l}`],
    [1, `${a} ${e} ${l}`],
    [3, `+1 ${a} ${e} ${l}`],
    [3, `+1 (${a}) ${e}-${l}`],
    [2, `+1-${a}-${e}-${l}`],
    [1, `1-${a}-${e}-${l}`],
    [1, `+1${a}${e}${l}`],
    [1, `(${a})${e}-${l}`],
  ]);
}
function phoneEU(r: Rand): string {
  return weighted(r, [
    [3, `+44 20 ${digits(r, 4)} ${digits(r, 4)}`],
    [2, `+44 7${digits(r, 3)} ${digits(r, 6)}`],
    [1, `+44 (0)20 ${digits(r, 4)} ${digits(r, 4)}`],
    [2, `020 ${digits(r, 4)} ${digits(r, 4)}`],
    [2, `07${digits(r, 3)} ${digits(r, 6)}`],
    [1, `0161 ${digits(r, 3)} ${digits(r, 4)}`],
    [2, `+49 30 ${digits(r, 8)}`],
    [1, `+49 (0)30 ${digits(r, 4)} ${digits(r, 4)}`],
    [2, `+49 151 ${digits(r, 8)}`],
    [1, `0049 89 ${digits(r, 7)}`],
    [1, `030 ${int(r, 1, 9)}${digits(r, 7)}`],
    [1, `0151 ${digits(r, 8)}`],
    [2, `+33 1 ${group(digits(r, 8), [2, 2, 2, 2], ' ')}`],
    [2, `+33 6 ${group(digits(r, 8), [2, 2, 2, 2], ' ')}`],
    [1, `0${int(r, 1, 7)} ${group(digits(r, 8), [2, 2, 2, 2], ' ')}`],
    [1, `0${int(r, 1, 7)}.${group(digits(r, 8), [2, 2, 2, 2], '.')}`],
    [2, `+31 20 ${digits(r, 3)} ${digits(r, 4)}`],
    [1, `+31 6 ${digits(r, 8)}`],
    [1, `+39 06 ${digits(r, 4)} ${digits(r, 4)}`],
    [1, `+39 3${digits(r, 2)} ${digits(r, 3)} ${digits(r, 4)}`],
    [1, `+34 91 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`],
    [1, `+34 6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`],
    [1, `+353 87 ${digits(r, 3)} ${digits(r, 4)}`],
    [1, `+41 44 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`],
    [1, `+46 8 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 2)}`],
    [1, `+48 ${group(digits(r, 9), [3, 3, 3], ' ')}`],
    [1, `+61 4${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`],
    [1, `+81 3-${digits(r, 4)}-${digits(r, 4)}`],
    [1, `+91 ${int(r, 7, 9)}${digits(r, 4)} ${digits(r, 5)}`],
  ]);
}
function phoneCN(r: Rand): string {
  const m = cnMobile(r);
  const area3 = pick(r, ['010', '020', '021', '022', '023', '024', '025', '027', '028', '029']);
  const area4 = pick(r, ['0755', '0571', '0512', '0531', '0532', '0731', '0771', '0851', '0871', '0898', '0591', '0311']);
  return weighted(r, [
    [8, m],
    [3, group(m, [3, 4, 4], ' ')],
    [3, group(m, [3, 4, 4], '-')],
    [3, `+86 ${m}`],
    [2, `+86 ${group(m, [3, 4, 4], ' ')}`],
    [1, `+86-${group(m, [3, 4, 4], '-')}`],
    [1, `+86${m}`],
    [1, `0086 ${m}`],
    [1, `(+86) ${m}`],
    [3, `${area3}-${int(r, 2, 8)}${digits(r, 7)}`],
    [3, `${area4}-${int(r, 2, 8)}${digits(r, int(r, 6, 7))}`],
    [1, `${area4}-1${digits(r, 6)}`],
    [1, `(${area3})${int(r, 2, 8)}${digits(r, 7)}`],
    [1, `${area3} ${int(r, 2, 8)}${digits(r, 3)} ${digits(r, 4)}`],
    [1, `+86 ${area3.slice(1)} ${int(r, 2, 8)}${digits(r, 3)} ${digits(r, 4)}`],
    [1, `+86-${area4.slice(1)}-${int(r, 2, 8)}${digits(r, 7)}`],
    [1, `400-${digits(r, 3)}-${digits(r, 4)}`],
  ]);
}
/** Taiwan and Hong Kong formats; the local ones without prefix only ever follow a phone word (see templates). */
function phoneTW(r: Rand): { value: string; needsCue: boolean } {
  const mob = `09${digits(r, 8)}`;
  return weighted(r, [
    [3, { value: group(mob, [4, 3, 3], '-'), needsCue: false }],
    [2, { value: group(mob, [4, 3, 3], ' '), needsCue: false }],
    [2, { value: mob, needsCue: true }],
    [2, { value: `+886 9${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`, needsCue: false }],
    [1, { value: `+886-9${digits(r, 2)}-${digits(r, 3)}-${digits(r, 3)}`, needsCue: false }],
    [2, { value: `(02) ${int(r, 2, 8)}${digits(r, 3)}-${digits(r, 4)}`, needsCue: false }],
    [2, { value: `02-${int(r, 2, 8)}${digits(r, 3)}-${digits(r, 4)}`, needsCue: false }],
    [1, { value: `+886 2 ${int(r, 2, 8)}${digits(r, 3)} ${digits(r, 4)}`, needsCue: false }],
    [3, { value: `+852 ${pick(r, ['2', '3', '5', '6', '9'])}${digits(r, 3)} ${digits(r, 4)}`, needsCue: false }],
    [1, { value: `+852-${pick(r, ['5', '6', '9'])}${digits(r, 7)}`, needsCue: false }],
    [2, { value: `${pick(r, ['2', '3', '5', '6', '9'])}${digits(r, 3)} ${digits(r, 4)}`, needsCue: true }],
    [1, { value: `${pick(r, ['5', '6', '9'])}${digits(r, 7)}`, needsCue: true }],
    [1, { value: `+853 6${digits(r, 3)} ${digits(r, 4)}`, needsCue: false }],
  ]);
}

interface CardBrand {
  prefixes: readonly string[];
  lengths: readonly number[];
  weight: number;
}
const CARD_BRANDS: readonly CardBrand[] = [
  { prefixes: ['4'], lengths: [16, 16, 16, 13, 19], weight: 6 }, // Visa
  { prefixes: ['51', '52', '53', '54', '55', '2221', '2300', '2500', '2720'], lengths: [16], weight: 5 }, // Mastercard
  { prefixes: ['34', '37'], lengths: [15], weight: 3 }, // Amex
  { prefixes: ['6011', '644', '65'], lengths: [16], weight: 1 }, // Discover
  { prefixes: ['62'], lengths: [16, 17, 18, 19], weight: 4 }, // UnionPay / Chinese debit cards
  { prefixes: ['3528', '3530', '3566', '3589'], lengths: [16], weight: 2 }, // JCB
  { prefixes: ['36', '38', '300', '305'], lengths: [14], weight: 1 }, // Diners
  { prefixes: ['5018', '5020', '6304', '6759'], lengths: [16, 18, 19], weight: 1 }, // Maestro
];
function cardNumber(r: Rand): string {
  const brand = weighted(r, CARD_BRANDS.map((b) => [b.weight, b] as const));
  const prefix = pick(r, brand.prefixes);
  const len = pick(r, brand.lengths);
  const body = prefix + digits(r, len - prefix.length - 1);
  return body + luhnCheckDigit(body);
}
function formatCard(r: Rand, n: string): string {
  const fours = (sep: string) => group(n, [4, 4, 4, 4, 4], sep);
  if (n.length === 15 || n.length === 14) {
    return weighted(r, [
      [3, group(n, [4, 6, 5], ' ')],
      [1, group(n, [4, 6, 5], '-')],
      [3, n],
      [1, fours(' ')],
    ]);
  }
  return weighted(r, [
    [5, fours(' ')],
    [2, fours('-')],
    [4, n],
  ]);
}
export function card(r: Rand): string {
  return formatCard(r, cardNumber(r));
}

/** [country, BBAN layout]: n = digit, a = upper-case letter, c = letter or digit. */
const IBAN_LAYOUTS: readonly (readonly [string, string])[] = [
  ['DE', 'nnnnnnnnnnnnnnnnnn'],
  ['GB', 'aaaannnnnnnnnnnnnn'],
  ['FR', 'nnnnnnnnnnccccccccccnnn'],
  ['ES', 'nnnnnnnnnnnnnnnnnnnn'],
  ['IT', 'annnnnnnnnncccccccccccc'],
  ['NL', 'aaaannnnnnnnnn'],
  ['BE', 'nnnnnnnnnnnn'],
  ['CH', 'nnnnncccccccccccc'],
  ['AT', 'nnnnnnnnnnnnnnnn'],
  ['IE', 'aaaannnnnnnnnnnnnn'],
  ['PL', 'nnnnnnnnnnnnnnnnnnnnnnnn'],
  ['PT', 'nnnnnnnnnnnnnnnnnnnnn'],
  ['SE', 'nnnnnnnnnnnnnnnnnnnn'],
  ['DK', 'nnnnnnnnnnnnnn'],
  ['NO', 'nnnnnnnnnnn'],
  ['FI', 'nnnnnnnnnnnnnn'],
  ['LU', 'nnnccccccccccccc'],
];
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
export function ibanCompact(r: Rand): string {
  const [cc, layout] = pick(r, IBAN_LAYOUTS);
  let bban = '';
  for (const k of layout) {
    if (k === 'n') bban += String(int(r, 0, 9));
    else if (k === 'a') bban += pick(r, LETTERS);
    else bban += r() < 0.7 ? String(int(r, 0, 9)) : pick(r, LETTERS);
  }
  const check = 98 - mod97(bban + cc + '00');
  return cc + pad(check, 2) + bban;
}
function iban(r: Rand): string {
  const c = ibanCompact(r);
  return weighted(r, [
    [5, c.replace(/(.{4})(?=.)/g, '$1 ')],
    [4, c],
    [0.5, c.toLowerCase()],
    [0.5, c.replace(/(.{4})(?=.)/g, '$1 ').toLowerCase()],
  ]);
}

const CN_REGIONS = ['110101', '110105', '110108', '120101', '130102', '140105', '150102', '210102', '220102', '230103', '310101', '310104', '310115', '320102', '320505', '330106', '330205', '340104', '350203', '360102', '370102', '370202', '410105', '420106', '430104', '440103', '440304', '440305', '441900', '450103', '460105', '500103', '510107', '520102', '530102', '540102', '610113', '620102', '630102', '640104', '650102', '810000', '820000'];
export function cnId(r: Rand): string {
  const y = int(r, 1950, 2006);
  const m = int(r, 1, 12);
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = int(r, 1, dim);
  const body = `${pick(r, CN_REGIONS)}${y}${pad(m, 2)}${pad(d, 2)}${digits(r, 3)}`;
  return body + cnIdCheck(body);
}
function formatCnId(r: Rand, id: string): string {
  return weighted(r, [
    [9, id],
    [1, id.endsWith('X') ? id.slice(0, -1) + 'x' : id],
    [1, `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`],
  ]);
}

export function ssnParts(r: Rand): [string, string, string] {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  return [pad(area, 3), pad(int(r, 1, 99), 2), pad(int(r, 1, 9999), 4)];
}

function ipv4(r: Rand): string {
  return weighted(r, [
    [3, `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`],
    [2, `192.168.${int(r, 0, 10)}.${int(r, 1, 254)}`],
    [1, `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`],
    [1, `172.${int(r, 16, 31)}.${int(r, 0, 255)}.${int(r, 1, 254)}`],
  ]);
}
function ipv6(r: Rand): string {
  const h = () => int(r, 0, 0xffff).toString(16);
  const v = weighted(r, [
    [2, Array.from({ length: 8 }, h).join(':')],
    [2, `2001:db8:${h()}:${h()}::${h()}`],
    [2, `fe80::${h()}:${h()}:${h()}:${h()}`],
    [1, `2001:0db8:85a3:0000:0000:8a2e:0370:${pad(int(r, 0, 9999), 4)}`],
    [1, `2a02:${h()}:${h()}::${h()}:${h()}`],
    [1, `::ffff:${ipv4(r)}`],
    [1, `${h()}:${h()}::${h()}`],
  ]);
  return r() < 0.15 ? v.toUpperCase() : v;
}

// ------------------------------------------------------------------ distractors (no span)
function distractor(r: Rand, lang: Lang, kind: string): string {
  const zh = lang !== 'en';
  switch (kind) {
    case 'order':
      return weighted(r, [
        [2, `#${pick(r, LETTERS)}-${int(r, 10000, 99999)}`],
        [1, `W-${int(r, 10000, 99999)}`],
        [1, `TW-${int(r, 10000, 99999)}`],
        [2, `#${int(r, 10000, 999999)}`],
        [1, `${int(r, 100, 999)}-${digits(r, 7)}-${digits(r, 7)}`],
        [zh ? 3 : 0.5, `${int(r, 1, 4)}${digits(r, int(r, 17, 18))}`], // marketplace order ids, 18–19 digits
        [1, `ORD-${int(r, 2023, 2025)}-${digits(r, 6)}`],
        [1, `SO${digits(r, 8)}`],
      ]);
    case 'tracking':
      return weighted(r, [
        [2, `1Z${digits(r, 3)}${pick(r, LETTERS)}${pick(r, LETTERS)}${digits(r, 10)}`],
        [2, `94${digits(r, 2)} ${group(digits(r, 18), [4, 4, 4, 4, 2], ' ')}`],
        [1, `9400${digits(r, 18)}`],
        [2, group(`7${digits(r, 11)}`, [4, 4, 4], ' ')],
        [zh ? 3 : 0, `SF${digits(r, 13)}`],
        [zh ? 2 : 0, `YT${digits(r, 13)}`],
        [zh ? 2 : 0, `7${digits(r, 13)}`],
        [zh ? 1 : 0, `JDV${digits(r, 12)}`],
        [1, `EA${digits(r, 9)}CN`],
        [2, failingLuhn(r, pick(r, [12, 14, 15, 16, 20, 22]), r() < 0.5 ? ' ' : '')],
      ]);
    case 'badcard':
      return failingLuhn(r, pick(r, [15, 16, 16, 16]), pick(r, [' ', '-', '']));
    case 'ticket':
      return `${int(r, 1, 9)}${digits(r, 9)}`;
    case 'price':
      return weighted(r, [
        [3, `$${int(r, 1, 999)}.${pad(int(r, 0, 99), 2)}`],
        [1, `$${int(r, 1, 9)},${digits(r, 3)}.${pad(int(r, 0, 99), 2)}`],
        [zh ? 3 : 0.5, `¥${int(r, 1, 9)},${digits(r, 3)}.00`],
        [zh ? 2 : 0, `￥${int(r, 10, 9999)}`],
        [lang === 'zh_TW' ? 3 : 0, `NT$${int(r, 1, 9)},${digits(r, 3)}`],
        [lang === 'zh_TW' ? 2 : 0, `HK$${int(r, 10, 9999)}`],
        [1, `€${int(r, 1, 999)},${pad(int(r, 0, 99), 2)}`],
        [1, `£${int(r, 1, 999)}.${pad(int(r, 0, 99), 2)}`],
        [zh ? 2 : 0, `${int(r, 10, 9999)}元`],
      ]);
    case 'date': {
      const y = int(r, 2022, 2026);
      const m = int(r, 1, 12);
      const d = int(r, 1, 28);
      return weighted(r, [
        [2, `${y}-${pad(m, 2)}-${pad(d, 2)}`],
        [2, `${pad(m, 2)}/${pad(d, 2)}/${y}`],
        [1, `${pad(d, 2)}.${pad(m, 2)}.${y}`],
        [1, `${y}/${pad(m, 2)}/${pad(d, 2)}`],
        [zh ? 3 : 0, `${y}年${m}月${d}日`],
        [zh ? 0 : 2, `${pick(r, ['January', 'March', 'May', 'July', 'October', 'December'])} ${d}, ${y}`],
        [1, `${y}-${pad(m, 2)}-${pad(d, 2)} ${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)}`],
      ]);
    }
    case 'time':
      return weighted(r, [
        [2, `${int(r, 0, 23)}:${pad(int(r, 0, 59), 2)}`],
        [zh ? 0 : 2, `${int(r, 1, 12)}:${pad(int(r, 0, 59), 2)} ${pick(r, ['AM', 'PM', 'am', 'pm'])}`],
        [zh ? 2 : 0, `${pick(r, ['上午', '下午', '晚上'])}${int(r, 1, 11)}:${pad(int(r, 0, 59), 2)}`],
        [1, `${int(r, 8, 11)}:${pad(int(r, 0, 59), 2)}-${int(r, 12, 18)}:${pad(int(r, 0, 59), 2)}`],
        [1, `${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)}`],
      ]);
    case 'version':
      return weighted(r, [
        [2, `v${int(r, 1, 9)}.${int(r, 0, 20)}.${int(r, 0, 30)}`],
        [2, `version ${int(r, 1, 20)}.${int(r, 0, 20)}.${int(r, 0, 99)}`],
        [1, `version ${int(r, 1, 20)}.${int(r, 0, 9)}.${int(r, 0, 9)}.${int(r, 0, 200)}`],
        [1, `iOS ${int(r, 15, 18)}.${int(r, 0, 6)}.${int(r, 0, 3)}`],
        [1, `Android ${int(r, 10, 15)}`],
        [1, `build ${int(r, 1, 30)}.${int(r, 0, 12)}.${int(r, 1000, 9999)}`],
        [zh ? 2 : 0, `版本${int(r, 1, 9)}.${int(r, 0, 9)}.${int(r, 0, 20)}.${int(r, 0, 99)}`],
      ]);
    case 'misc':
      return weighted(r, [
        [1, `${int(r, 2, 5)}-${int(r, 6, 10)} business days`],
        [1, `zip ${int(r, 10000, 99999)}`],
        [1, `room ${int(r, 100, 2999)}`],
        [1, `${int(r, 5, 70)}% off`],
        [1, `model SM-G${int(r, 900, 999)}B`],
        [1, `error code 0x${int(r, 0x10000000, 0x8fffffff).toString(16).toUpperCase()}`],
        [1, `${int(r, 2, 12)} x ${int(r, 10, 500)}ml`],
        [1, `serial SN${digits(r, 10)}`],
      ]);
    default:
      throw new Error(kind);
  }
}
function failingLuhn(r: Rand, len: number, sep: string): string {
  const body = `${int(r, 1, 9)}${digits(r, len - 2)}`;
  const bad = (luhnCheckDigit(body) + int(r, 1, 9)) % 10;
  const n = body + bad;
  return sep ? group(n, [4, 4, 4, 4, 4, 4], sep) : n;
}

// ------------------------------------------------------------------ templates
/**
 * Sentence templates. Slots: {email} {phone} {phonecue} (a phone right after a
 * phone word, any format) {card} {iban} {cn_id} {ssn} {ssncue} (bare or spaced
 * SSN after "SSN" / "social security") {ip} {ipv6}, and distractors {order}
 * {tracking} {badcard} {ticket} {price} {date} {time} {version} {misc}.
 */
const TEMPLATES: Record<Lang, readonly string[]> = {
  en: [
    'You can reach me at {phone} after {time}.',
    'My number is {phone}, please call back.',
    'Call me on {phone} or email {email}.',
    'Please update my phone to {phone}.',
    'phone: {phonecue}',
    'Best,\nSam\n{phone}',
    'Mobile {phonecue}.',
    'My email address is {email}.',
    'I never got the receipt at {email}',
    'Send the invoice to {email}; my old one ({email}) is closed.',
    'Contact: {email} / {phone}',
    'I was charged {price} twice on my card {card}.',
    'The card number is {card}, expiry 08/27.',
    'Card: {card} exp 11/26 cvv on request',
    'Can you refund {price} to {card}?',
    'Please wire the refund to IBAN {iban}.',
    'My bank details: {iban} (Deutsche Bank).',
    'IBAN {iban}, account holder Maria Lopez.',
    'For the tax form my SSN is {ssn}.',
    'SSN {ssncue}',
    'My social security number is {ssncue}.',
    'Here is the W-9 info: {ssn}, filed on {date}.',
    'I logged in from {ip} and got locked out.',
    'The error shows client IP {ip} at {time}.',
    'Our server at {ip} keeps getting blocked.',
    'My IPv6 address is {ipv6}, not sure if that matters.',
    'Order {order} has not arrived yet.',
    'I ordered on {date} (order {order}) and paid {price}.',
    'Tracking number {tracking} shows no movement since {date}.',
    'The courier left a note with {tracking}.',
    'Reference {badcard} on the statement, what is it?',
    'Ticket {ticket} was closed without an answer.',
    'I am on {version} of the app.',
    'The app ({version}) crashes at {time}.',
    'It says {misc} on the page.',
    'Your site offered {misc} but I paid {price}.',
    'Hi, order {order} arrived damaged.',
    'Thanks for your help!',
    'This is the third time I am writing about this.',
    'Please escalate, case {ticket}.',
    'My details: {email}, {phone}, {ip}.',
    'ID for the hotel booking: {cn_id}.',
    'Passport name Li Wei, Chinese ID {cn_id}.',
    'Shipped {date} via {tracking}, paid with {card}.',
  ],
  zh_CN: [
    '我的手机是{phone}谢谢',
    '您好，我的手机号是{phone}，请尽快联系我。',
    '联系电话：{phonecue}',
    '电话{phonecue}，下午{time}以后都在。',
    '请打{phone}找我',
    '我的邮箱是{email}，发票请发到这里',
    '邮箱{email}谢谢',
    '请发邮件到{email}或者打{phone}',
    '我用卡号{card}付了{price}，被扣了两次',
    '银行卡号：{card}',
    '信用卡{card}被重复扣款了',
    '退款请打到这个账户：{iban}',
    '我的IBAN是{iban}',
    '身份证号：{cn_id}',
    '我的身份证号码是{cn_id}，请帮我核实',
    '身份证{cn_id}姓名王芳',
    '订单号{order}一直没发货',
    '订单号：{order}，付款{price}',
    '快递单号{tracking}三天没更新了',
    '运单号：{tracking}，{date}寄出的',
    '我登录的IP是{ip}，一直提示异常',
    '服务器IP：{ip}',
    'IPv6地址{ipv6}',
    '工单号{ticket}，请跟进',
    'APP{version}闪退',
    '我在{date} {time}下的单',
    '参考号{badcard}是什么扣款？',
    '我的SSN是{ssn}',
    '谢谢！',
    '请尽快处理，麻烦了。',
    '买了{misc}的商品，付了{price}',
    '收件人电话{phonecue}，地址上海市浦东新区',
    '客户信息：{email}，{phone}，身份证{cn_id}',
  ],
  zh_TW: [
    '我的手機是{phone}謝謝',
    '您好，我的電話是{phone}，請盡快聯絡我。',
    '聯絡電話：{phonecue}',
    '手機{phonecue}，晚上{time}以後都可以。',
    '請打{phone}找我',
    '我的電郵是{email}，發票請寄到這裡',
    'Email：{email}',
    '請寄信到{email}或打{phone}',
    '我用信用卡{card}付了{price}，被重複扣款',
    '卡號：{card}',
    '退款請匯到這個帳戶：{iban}',
    '我的IBAN是{iban}',
    '身份證號碼：{cn_id}',
    '訂單編號{order}還沒出貨',
    '訂單號碼：{order}，金額{price}',
    '物流單號{tracking}三天沒更新了',
    '追蹤號碼：{tracking}，{date}寄出',
    '我登入的IP是{ip}，一直顯示異常',
    '伺服器IP：{ip}',
    'IPv6位址{ipv6}',
    '工單編號{ticket}，麻煩跟進',
    'App{version}一直閃退',
    '我在{date} {time}下單',
    '參考號{badcard}是什麼扣款？',
    '謝謝！',
    '請盡快處理，麻煩了。',
    '客戶資料：{email}，{phone}',
    '收件人電話{phonecue}，地址台北市信義區',
  ],
};
const GREETINGS: Record<Lang, readonly string[]> = {
  en: ['Hi,', 'Hello,', 'Hi there,', 'Good morning,', 'Dear support,', ''],
  zh_CN: ['您好，', '你好，', '客服你好，', '在吗？', ''],
  zh_TW: ['您好，', '你好，', '客服您好，', '請問一下，', ''],
};
function phone(r: Rand, lang: Lang, cued: boolean): string {
  if (lang === 'en') {
    const [a, e, l] = nanp(r);
    if (cued && r() < 0.25) return `${a}${e}${l}`; // bare 10 digits, only after a phone word
    return weighted(r, [
      [6, () => phoneUS(r)],
      [4, () => phoneEU(r)],
      [1, () => phoneCN(r)],
    ])();
  }
  if (lang === 'zh_CN') return weighted(r, [[9, () => phoneCN(r)], [1, () => phoneUS(r)], [0.5, () => phoneEU(r)]])();
  // zh_TW: local formats that need a cue only where one precedes.
  for (;;) {
    const which = weighted(r, [[7, 'tw'], [2, 'cn'], [1, 'us']] as const);
    if (which === 'cn') return phoneCN(r);
    if (which === 'us') return phoneUS(r);
    const p = phoneTW(r);
    if (!p.needsCue || cued) return p.value;
  }
}

function fill(r: Rand, lang: Lang, slot: string): { value: string; type?: GoldType } {
  switch (slot) {
    case 'email':
      return { value: email(r, lang), type: 'email' };
    case 'phone':
      return { value: phone(r, lang, false), type: 'phone' };
    case 'phonecue':
      return { value: phone(r, lang, true), type: 'phone' };
    case 'card':
      return { value: card(r), type: 'card' };
    case 'iban':
      return { value: iban(r), type: 'iban' };
    case 'cn_id':
      return { value: formatCnId(r, cnId(r)), type: 'cn_id' };
    case 'ssn': {
      const [a, g, s] = ssnParts(r);
      return { value: `${a}-${g}-${s}`, type: 'ssn' };
    }
    case 'ssncue': {
      const [a, g, s] = ssnParts(r);
      return { value: weighted(r, [[3, `${a}-${g}-${s}`], [2, `${a}${g}${s}`], [1, `${a} ${g} ${s}`]]), type: 'ssn' };
    }
    case 'ip':
      return { value: r() < 0.8 ? ipv4(r) : ipv6(r), type: 'ip' };
    case 'ipv6':
      return { value: ipv6(r), type: 'ip' };
    default:
      return { value: distractor(r, lang, slot) };
  }
}

/** Occasionally typed on a Chinese keyboard in full-width form (same length, so spans hold). */
function fullWidth(s: string): string {
  return s.replace(/[0-9+\-()@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function message(r: Rand, lang: Lang): PiiDoc {
  let text = '';
  const spans: GoldSpan[] = [];
  const greeting = pick(r, GREETINGS[lang]);
  if (greeting) text += greeting + (lang === 'en' ? (r() < 0.5 ? ' ' : '\n') : '');
  const count = weighted(r, [[2, 1], [4, 2], [3, 3], [1, 4]]);
  for (let i = 0; i < count; i++) {
    const template = pick(r, TEMPLATES[lang]);
    if (i > 0) {
      // Chinese sentences often follow each other with nothing between, but an
      // ASCII word is not glued onto an ASCII value (…@qq.comIPv6…): nobody could read that.
      const glue = lang === 'en' ? pick(r, [' ', ' ', '\n']) : pick(r, ['', '', '\n']);
      text += glue === '' && /[0-9A-Za-z.]$/.test(text) && /^[{A-Za-z0-9]/.test(template) ? pick(r, ['，', ' ', '。']) : glue;
    }
    const parts = template.split(/(\{[a-z_0-9]+\})/);
    for (const part of parts) {
      const slot = /^\{([a-z_0-9]+)\}$/.exec(part)?.[1];
      if (!slot) {
        text += part;
        continue;
      }
      let { value, type } = fill(r, lang, slot);
      if (lang !== 'en' && type && type !== 'email' && r() < 0.04) value = fullWidth(value);
      if (type) spans.push({ start: text.length, end: text.length + value.length, type });
      text += value;
    }
  }
  return { text, spans, lang };
}

/** n messages, deterministic in seed: about 45% English, 35% simplified and 20% traditional Chinese. */
export function generatePiiDocs(n: number, seed = 1): PiiDoc[] {
  const r = seededRandom(seed * 7919 + 17);
  const docs: PiiDoc[] = [];
  for (let i = 0; i < n; i++) {
    const lang = weighted(r, [[45, 'en'], [35, 'zh_CN'], [20, 'zh_TW']] as const);
    docs.push(message(r, lang));
  }
  return docs;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      generate: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const n = Number(values.n ?? values.generate);
  const seed = Number(values.seed);
  if (!Number.isInteger(n) || n <= 0 || !values.out || !Number.isFinite(seed)) {
    console.error('usage: npm run eval -- pii-gen --n N --out F.jsonl [--seed S]');
    return 2;
  }
  const docs = generatePiiDocs(n, seed);
  await writeFile(values.out, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const counts: Record<string, number> = {};
  for (const d of docs) for (const s of d.spans) counts[s.type] = (counts[s.type] ?? 0) + 1;
  console.log(`wrote ${docs.length} messages to ${values.out} (seed ${seed}): ${Object.entries(counts).map(([t, c]) => `${t}=${c}`).join(' ')}`);
  return 0;
}
