/**
 * English scan for ./sentiment.ts: tokens (tweets' handles, links and hashtags,
 * contractions, elongations), lexicon look-ups with negation, degree, waits,
 * repeats and lacks, then the message as a whole (irony, questions, requests,
 * a post shared on).
 */
import { EMOJI, EMOTICON_CHARS } from './lexicon/emoji.ts';
import { EN_DEGREE, EN_EMOTION, EN_EXPECTED, EN_INTERJECTIONS, EN_NEGATORS, EN_NEUTRAL, EN_VALENCE } from './lexicon/en.ts';
import { addEntry, ASKED_ABOUT, cueList, deriveValence, type CueEmotion, type Entry, type Item, type Scan } from './sentiment-core.ts';

const EN = new Map<string, Entry>();
let EN_MAX_WORDS = 1;
{
  const key = (w: string) => w.toLowerCase().replace(/['’]/g, '');
  for (const [v, words] of Object.entries(EN_VALENCE)) for (const w of words.split(/\s+/).filter(Boolean)) addEntry(EN, key(w), { v: Number(v) });
  for (const [w, d] of Object.entries(EN_DEGREE)) addEntry(EN, w, { deg: d });
  for (const w of EN_NEGATORS.split(/\s+/)) addEntry(EN, w, { neg: true });
  for (const w of EN_NEUTRAL.split(/\s+/)) addEntry(EN, w, { neutral: true });
  for (const w of EN_EXPECTED.split(/\s+/)) addEntry(EN, w, { expect: true });
  for (const [emo, s] of Object.entries(EN_EMOTION)) for (const [w, x] of cueList(s)) addEntry(EN, key(w), { emo: [[emo as CueEmotion, x]] });
  for (const w of ['but', 'however']) addEntry(EN, w, { contrast: true });
  for (const w of ['thanks', 'thank', 'thank_you', 'thx', 'ty', 'tnx', 'please', 'pls', 'plz', 'sorry', 'unfortunately']) addEntry(EN, w, { polite: true });
  for (const k of EN.keys()) EN_MAX_WORDS = Math.max(EN_MAX_WORDS, k.split('_').length);
  deriveValence(EN);
}


interface Tok {
  norm: string;
  /** As written; '' for the second half of a split contraction ("I'm" → i + am). */
  raw: string;
  punct: boolean;
  num?: boolean;
  /** With a letter repeated for emphasis: every doubled letter squeezed ("loooove" → "love", "awesoomeee" → "awesome"). */
  alt?: string;
}

/** Tweets and chats: handles, links and the # of hashtags say nothing ("#NeverAgain" is read as "Never Again"). */
const LINK = /https?:\/\/|www\.|(?<![\w$])\$[A-Za-z]{1,5}\b/i;
/** Marks of a post shared on: a hashtag, a $TICKER, a retweet or "via @". A customer's screenshot link alone is not one. */
const SHARED = /(?:^|\s)#[A-Za-z]|(?<![\w$])\$[A-Za-z]{1,5}\b|\bRT @|\bvia @/i;
const PERSONAL = /\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|our|us|you|your|you're|u|ur|im|ive)\b/i;
const REPORT_DAMP = 0.3;
const EN_STRIP = /https?:\/\/\S+|www\.\S+|@\w+|#([A-Za-z][A-Za-z0-9_]*)/g;
const EN_TOKEN = /[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[!?.,;:\n]|[—–]/g;
const CAMEL = /([a-z])([A-Z])/g;
const LAUGHTER = /^(?:(?:ha|he|hi){2,}h?|a?(?:ha){2,}|lo+l+|lmf?a+o+|rofl)$/;
const EN_CLAUSE_END_ONLY = new Set(EN_INTERJECTIONS.split(' '));
const REPEAT3 = /(.)\1\1+/g;
const REPEAT2 = /(.)\1+/g;
const HAS_REPEAT3 = /(.)\1\1/;
const CONTRACTION: Record<string, string> = { ll: 'will', re: 'are', ve: 'have', d: 'would', m: 'am', s: '' };
const SENTENCE_END = new Set(['.', '!', '?', '\n']);
const NUMBER_WORDS = new Set('two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty several few couple many multiple hundreds'.split(' '));
const TIME_UNITS = new Set('min mins minute minutes hr hrs hour hours day days week weeks month months'.split(' '));
/** After "since", these say when a wait began ("since Tuesday", "since last week"). */
const SINCE_WHEN = new Set('yesterday last this early monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december morning noon lunch the'.split(' '));
/** Second and later: a repeat ("third time", "5th time"). */
const REPEAT_ORDINAL = /^(?:second|third|fourth|fifth|sixth|seventh|umpteenth|nth|multiple|several|many|countless|\d*(?:[02-9]nd|[02-9]rd|[04-9]th|1[0-9]th|1[1-3]th))$/i;
/** After these, "a"/"an" + unit is a wait ("for an hour", "over a week"), not a frequency ("once a day"). */
const DURATION_LEAD = new Set('for over almost nearly than been took taken waited waiting about after past'.split(' '));
/** "no" before these is not a lack of something ("no more", "no one", "no longer"). */
const LACK_SKIP = new Set('a an the any my your our their his her its this that these those i you we they he she it me us them one more much many longer other others else further than to for of in on at by with from about as if so such or and but way matter doubt need idea thanks thank big less fewer sir maam'.split(' '));
/** "no/zero/without" + one of these + a noun: the noun is still what is lacking. */
const LACK_FILLER = new Set('any a an real single proper further actual'.split(' '));
const LACK_WORDS: Record<string, number> = { no: -0.8, without: -0.8, zero: -1.2, lack: -0.8, lacks: -0.8, lacking: -0.8 };
/** Thanks that closes a question (2.2 × 0.15) stays inside the neutral band ("Can you DM me? Thanks"). */
const SIGN_OFF = 0.15;
/** How a polite request starts: its mild words are what it asks about, not what the customer feels. */
const REQUEST_START = new Set(['please', 'pls', 'plz', 'kindly']);
const REQUEST_MODAL = new Set(['can', 'could', 'would', 'will', 'may']);
/** A sentence that starts like a question and ends with "?" asks; "My bag arrived broken, can I …?" complains. */
const QUESTION_START = new Set('what when where which who whom whose how is are am was were do does did can could will would may might should shall any anyone anybody has have'.split(' '));

const stripTweet = (_m: string, tag?: string): string => (tag ? ' ' + tag.replace(CAMEL, '$1 $2') + ' ' : ' ');

function tokenizeEn(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(EN_TOKEN)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    if (raw.length === 1 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      toks.push({ norm: raw, raw, punct: true });
      continue;
    }
    if (c >= 48 && c <= 57) {
      toks.push({ norm: '#', raw, punct: false, num: true });
      continue;
    }
    let norm = raw.toLowerCase();
    let expansion: string | undefined;
    const apos = Math.max(norm.lastIndexOf("'"), norm.lastIndexOf('’'));
    if (apos > 0) {
      expansion = CONTRACTION[norm.slice(apos + 1)];
      if (expansion !== undefined) norm = norm.slice(0, apos);
      norm = norm.replace(/['’]/g, '');
    }
    let alt: string | undefined;
    if (HAS_REPEAT3.test(norm)) {
      alt = norm.replace(REPEAT2, '$1');
      norm = norm.replace(REPEAT3, '$1$1');
    }
    toks.push({ norm, raw, punct: false, alt });
    if (expansion) toks.push({ norm: expansion, raw: '', punct: false });
  }
  return toks;
}

/** Crude stem fallback: the lexicon form of an inflection it does not list. */
function stemLookup(w: string): Entry | undefined {
  for (const [suffix, repl] of [['ies', 'y'], ['es', ''], ['s', ''], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ['ly', ''], ['d', ''], ['iest', 'y'], ['est', ''], ['est', 'e']] as const) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const e = EN.get(w.slice(0, -suffix.length) + repl);
      if (e && (e.v !== undefined || e.emo)) return e;
    }
  }
  return undefined;
}

/** Only a shadow (EN_NEUTRAL) or nothing at all: the word carries no sentiment. */
const isPlain = (e: Entry | undefined): boolean => !e || (e.v === undefined && !e.emo && e.deg === undefined && !e.neg && !e.contrast && !e.expect);

function lookupAt(toks: Tok[], i: number): { entry: Entry | undefined; span: number } {
  for (let n = Math.min(EN_MAX_WORDS, toks.length - i); n >= 1; n--) {
    let key = '';
    let ok = true;
    for (let j = 0; j < n; j++) {
      if (toks[i + j].punct) { ok = false; break; }
      key += (j ? '_' : '') + toks[i + j].norm;
    }
    if (!ok) continue;
    const e = EN.get(key);
    if (e && !(EN_CLAUSE_END_ONLY.has(key) && i + n < toks.length && !toks[i + n].punct)) return { entry: e, span: n };
  }
  const t = toks[i];
  if (t.punct || t.num) return { entry: undefined, span: 1 };
  if (LAUGHTER.test(t.norm)) return { entry: EN.get('haha'), span: 1 };
  const alt = t.alt ? EN.get(t.alt) : undefined;
  return { entry: alt ?? stemLookup(t.alt ?? t.norm), span: 1 };
}

interface EnSentence {
  question: boolean;
  /** Its first three words. */
  w0: string;
  w1: string;
  w2: string;
  words: number;
}

function joinRaw(toks: Tok[], from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) if (toks[k].raw) s += (s ? ' ' : '') + toks[k].raw;
  return s;
}

export function scanEnglish(text: string): Scan {
  const items: Item[] = [];
  let exclaim = 0;
  let question = 0;
  let segs = 0;
  let ironic = false;
  // Links and handles go first (":/" of "https://" is no emoticon); then emoji and emoticons, blanked so ":(" does not leave "(" behind.
  let rest = text.replace(EN_STRIP, stripTweet);
  if (EMOTICON_CHARS.test(text)) {
    for (const cue of EMOJI) {
      cue.re.lastIndex = 0;
      if (!cue.re.test(rest)) continue;
      rest = rest.replace(cue.re, (m) => {
        items.push({ text: m, v: cue.v, emo: cue.emotion ? [[cue.emotion, 1.5]] : undefined, negated: false, mult: 1, polite: false, seg: 0, sent: 0, clause: 0 });
        if (cue.ironic) ironic = true;
        return ' . ';
      });
    }
  }
  const letters = rest.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length > 3 && letters === letters.toUpperCase();
  const toks = tokenizeEn(rest);
  const sentences: EnSentence[] = [{ question: false, w0: '', w1: '', w2: '', words: 0 }];
  const clauseWords: number[] = [0];
  let clause = 0;
  let negLeft = 0;
  let negRaw = '';
  let lack = 0;
  let lackAt = -1;
  let degree = 1;
  let degreeLeft = 0;
  let degreeAfterNeg = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let sent = sentences[sentences.length - 1];
    if (t.punct) {
      if (t.norm === '!') exclaim++;
      else if (t.norm === '?') { question++; sent.question = true; }
      if (SENTENCE_END.has(t.norm) && sent.words > 0) sentences.push({ question: false, w0: '', w1: '', w2: '', words: 0 });
      if (clauseWords[clause] > 0) { clause++; clauseWords.push(0); }
      negLeft = 0;
      degreeLeft = 0;
      lack = 0;
      continue;
    }
    const { entry: found, span } = lookupAt(toks, i);
    const entry = isPlain(found) ? undefined : found;
    const raw = joinRaw(toks, i, i + span);
    for (let k = 0; k < span; k++) {
      if (sent.words === 0) sent.w0 = toks[i + k].norm;
      else if (sent.words === 1) sent.w1 = toks[i + k].norm;
      else if (sent.words === 2) sent.w2 = toks[i + k].norm;
      sent.words++;
    }
    clauseWords[clause] += span;
    const at = { seg: segs, sent: sentences.length - 1, clause, pos: i };
    const start = i;
    i += span - 1;
    const negated = negLeft > 0;
    if (negLeft > 0) negLeft--;
    if (degreeLeft > 0) degreeLeft--;
    // "no wifi", "zero response", "without notice": the customer lacks something.
    const lacking = lack !== 0 && (lackAt === start || (lackAt === start - 1 && LACK_FILLER.has(toks[start - 1].norm)));

    if (entry?.expect && negated && !entry.neg) {
      // Negated expectation: "never came", "won't let me", "nobody told me", "no refund".
      items.push({ text: `${negRaw} ${raw}`, v: -1.2, emo: [['frustration', 0.5]], negated: false, mult: 1, polite: false, ...at });
      negLeft = 0;
      lack = 0;
      continue;
    }
    if (!entry || (entry.expect && entry.v === undefined && !entry.emo)) {
      if (lacking && !t.num && !LACK_SKIP.has(t.norm) && !LACK_FILLER.has(t.norm)) {
        items.push({ text: `${negRaw} ${raw}`, v: lack, negated: false, mult: 1, polite: false, ...at });
        lack = 0;
      } else if (TIME_UNITS.has(t.norm) && span === 1 && start > 0) {
        // "45 min", "three weeks", "for an hour": how long the customer has waited.
        const p = toks[start - 1];
        const led = start > 1 && DURATION_LEAD.has(toks[start - 2].norm);
        const isCount = p.num || NUMBER_WORDS.has(p.norm) || ((p.norm === 'a' || p.norm === 'an') && led);
        if (isCount) items.push({ text: `${p.raw} ${raw}`, v: -0.6, emo: [['frustration', 1]], negated: false, mult: 1, polite: false, ...at, wait: led ? 'led' : 'bare' });
      } else if (t.norm === 'since' && span === 1 && i + 1 < toks.length && (toks[i + 1].num || SINCE_WHEN.has(toks[i + 1].norm))) {
        // "down since this morning", "in transit since last week": still waiting.
        items.push({ text: `${raw} ${toks[i + 1].raw}`, v: -0.6, emo: [['frustration', 1]], negated: false, mult: 1, polite: false, ...at, wait: 'led' });
      } else if ((t.norm === 'time' || t.norm === 'times') && span === 1 && start > 0 && REPEAT_ORDINAL.test(toks[start - 1].raw)) {
        // "the third time I ask", "4th time calling": it keeps happening.
        items.push({ text: `${toks[start - 1].raw} ${raw}`, v: -0.8, emo: [['frustration', 1.5]], negated: false, mult: 1, polite: false, ...at });
      }
      continue;
    }
    if (entry.contrast) {
      segs++;
      for (const it of items) if (it.seg >= segs) it.seg = segs - 1;
      negLeft = 0;
      lack = 0;
      continue;
    }
    if (entry.neg && span === 1 && entry.v === undefined && !entry.emo) {
      negLeft = 3;
      negRaw = raw;
      degreeAfterNeg = false;
      lack = LACK_WORDS[t.norm] ?? 0;
      lackAt = start + 1;
      continue;
    }
    if (entry.neg && entry.v === undefined && !entry.emo) {
      // A negating phrase ("no longer", "no one"): scope for what follows.
      negLeft = 3;
      negRaw = raw;
      degreeAfterNeg = false;
      continue;
    }
    // A word that is a degree and also a sentiment word ("damn", "fucking"): a degree before a sentiment word.
    const next = i + 1 < toks.length && !toks[i + 1].punct ? lookupAt(toks, i + 1).entry : undefined;
    if (entry.deg !== undefined && (entry.v === undefined || (next && next.v !== undefined && !next.neg))) {
      if (entry.v === undefined && entry.emo) {
        // A degree word that is also an emotion cue ("seriously"): both.
        items.push({ text: raw, v: 0, emo: entry.emo, negated: false, mult: 1, polite: false, ...at });
      }
      degree = (degreeLeft > 0 ? degree : 1) * entry.deg;
      degreeLeft = 2;
      degreeAfterNeg = negated;
      continue;
    }
    const v = entry.v ?? 0;
    let mult = degreeLeft > 0 ? degree : 1;
    const isNegated = negated && !entry.neg;
    if (isNegated) {
      if (v > 0) mult = (degreeAfterNeg && mult > 1 ? 0.7 : mult) * -0.74; // "not very good": mildly negative
      else if (v > -3) mult *= -0.4; // "not bad" is faint praise; swearing stays what it is
    }
    if (!shouting && span === 1 && t.raw.length > 1 && t.raw === t.raw.toUpperCase() && /[A-Z]/.test(t.raw)) mult *= 1.3;
    else if (t.alt && span === 1) mult *= 1.2;
    items.push({ text: raw, v, emo: entry.emo, negated: isNegated, mult, polite: !!entry.polite, ...at, next: toks[i + 1]?.norm });
    if (entry.neg) {
      negLeft = 3;
      negRaw = raw;
    }
    if (v !== 0) { degree = 1; degreeLeft = 0; }
    lack = 0;
  }
  if (shouting) for (const it of items) it.mult *= 1.2;
  reweighEnglish(items, sentences, clauseWords, ironic);
  // A link and no I / we / you: a headline or a report passed on, not the writer's own experience.
  const report = LINK.test(text) && SHARED.test(text) && !PERSONAL.test(rest);
  return { items, exclaim, question, segs, ...(report ? { damp: REPORT_DAMP } : {}) };
}

/**
 * Whole-message rules once the words are known: irony, what questions and
 * requests mean, and thanks as a sign-off.
 */
function reweighEnglish(items: Item[], sentences: EnSentence[], clauseWords: number[], ironic: boolean): void {
  let negBefore = 0;
  let lastSent = -1;
  let negSoFar = 0;
  let flipAll = ironic;
  let negTotal = 0;
  for (const it of items) if (it.v * it.mult < 0 && !it.polite && !it.wait) negTotal += it.v * it.mult;
  // "83 minutes", "a 6 hour flight": a length of time is a wait only when said as one or in a complaint.
  for (const it of items) if (it.wait === 'bare' && negTotal > -0.8) it.mult = 0;
  for (const it of items) {
    const w = it.v * it.mult;
    if (it.sent !== lastSent) { negBefore = negSoFar; lastSent = it.sent ?? 0; }
    if (w < 0 && !it.polite) negSoFar += w;
    if (w <= 0 || it.negated) continue;
    // "thanks for losing my bag": gratitude for something bad is irony.
    if (it.polite && it.next === 'for' && items.some((o) => o.clause === it.clause && o.pos! > it.pos! && o.pos! - it.pos! <= 5 && o.v * o.mult <= -0.6)) flipAll = true;
    // "Cancelled again. Great." — a lone word of praise after a complaint.
    else if (!it.polite && clauseWords[it.clause ?? 0] <= 3 && negBefore <= -1.2) it.mult *= -0.8;
    // "love spending my weekend in airports" in a message about a delay.
    else if (!it.polite && it.next?.endsWith('ing') && negTotal <= -1.2) it.mult *= -0.8;
  }
  if (flipAll) for (const it of items) if (it.v * it.mult > 0 && !it.negated) it.mult *= -0.8;

  const asking = sentences.map((s) => {
    if (s.w0 === 'why' || (s.w0 === 'how' && s.w1 === 'come')) return s.question || s.words > 2 ? 'why' : '';
    // "Where is my parcel?" asks after something that should have come.
    if (s.w0 === 'where' && (s.w1 === 'is' || s.w1 === 'are') && s.w2 === 'my') return 'why';
    if ((s.question && QUESTION_START.has(s.w0)) || REQUEST_START.has(s.w0) || (REQUEST_MODAL.has(s.w0) && (s.w1 === 'you' || s.w1 === 'i' || s.w1 === 'we' || s.w1 === 'someone')) || (s.w0 === 'i' && s.w1 === 'would')) return 'ask';
    return '';
  });
  const anyAsk = asking.includes('ask');
  const whyDone = new Set<number>();
  for (const it of items) {
    const kind = asking[it.sent ?? 0];
    const w = it.v * it.mult;
    // A question or a polite request mentions delays and refunds without feeling them.
    if (kind === 'ask' && Math.abs(w) <= 1.7 && !it.polite) it.mult *= ASKED_ABOUT;
    // Thanks that only closes a question ("Can you DM me? Thanks") is a courtesy.
    if (it.polite && w > 0 && anyAsk && it.next !== 'for') it.mult *= SIGN_OFF;
  }
  // "Why does it take three days to answer?" is a complaint put as a question.
  sentences.forEach((s, n) => {
    if (asking[n] === 'why' && !whyDone.has(n)) {
      whyDone.add(n);
      items.push({ text: s.w0 === 'how' ? 'how come' : s.w0, v: -0.9, emo: [['frustration', 0.5]], negated: false, mult: 1, polite: false, seg: items.find((it) => it.sent === n)?.seg ?? 0, sent: n, clause: 0 });
    }
  });
}
