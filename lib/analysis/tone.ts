/**
 * Tone coaching: what a reply should do first and what to avoid (`toneGuidance`), and a
 * check of the agent's draft for wording that tends to make things worse (`checkDraft`).
 *
 * Pure functions, English and Chinese (simplified and traditional), no DOM, no network.
 * Everything returned is a CODE (see the exported code lists); the UI translates codes,
 * so no user-facing sentence is produced here. Excerpts are the draft's own words.
 */
import type { Channel } from '../types';
import { foldHan } from '../han-fold';
import type { Emotion } from './sentiment';

// ---------------------------------------------------------------- codes

/** What the reply should do, in the order it should do it. */
export const GUIDANCE_STEPS = [
  'acknowledge_feelings',
  'thank',
  'apologise',
  'reassure',
  'explain_what_happened',
  'ask_for_details',
  'answer_question',
  'confirm_details',
  'confirm_amount',
  'move_to_private',
  'give_next_step',
  'give_timeline',
  'offer_escalation',
  'check_understanding',
  'invite_reply',
] as const;
export type GuidanceStep = (typeof GUIDANCE_STEPS)[number];

/** What the reply should not do. */
export const GUIDANCE_AVOIDS = [
  'blame',
  'defensive_language',
  'negative_phrasing',
  'minimising_feelings',
  'excessive_cheerfulness',
  'promises_you_cannot_keep',
  'jargon',
  'long_paragraphs',
  'long_sentences',
  'lists_and_links',
  'internal_details_in_public',
  'personal_data_in_public',
  'generic_template',
  'informal_address',
  'idioms_and_slang',
] as const;
export type GuidanceAvoid = (typeof GUIDANCE_AVOIDS)[number];

/** One note about the channel's conventions. */
export const CHANNEL_NOTES = [
  'chat_short',
  'messaging_brief',
  'email_complete',
  'social_public',
  'voice_speakable',
  'general_balanced',
] as const;
export type ChannelNote = (typeof CHANNEL_NOTES)[number];

export const DRAFT_FINDING_CODES = ['blame', 'negative_phrasing', 'missing_apology', 'all_caps', 'too_long', 'jargon'] as const;
export type DraftFindingCode = (typeof DRAFT_FINDING_CODES)[number];

export type Escalation = 'low' | 'medium' | 'high';
export type ToneLanguage = 'en' | 'zh-Hans' | 'zh-Hant' | 'other' | '';

export interface ToneInput {
  emotion: Emotion;
  /** Customer sentiment, -1 .. 1. */
  score: number;
  /** Intent id (e.g. 'refund', 'double_charge'), or null when none fits. */
  intent: string | null;
  channel: Channel;
  escalation: Escalation;
  language: ToneLanguage;
}

export interface ToneGuidance {
  /** What to do, in reply order. */
  first: GuidanceStep[];
  avoid: GuidanceAvoid[];
  length: { min: number; max: number; unit: 'sentences' };
  channelNote: ChannelNote;
}

export interface DraftContext {
  channel: Channel;
  customerEmotion: Emotion;
  customerScore: number;
  /**
   * true: an apology is owed. false: not owed (e.g. already given), overriding emotion and score.
   * Absent: owed when the customer is angry, frustrated or sad, or the score is ≤ -0.3.
   */
  apologyDue?: boolean;
}

export interface DraftFinding {
  code: DraftFindingCode;
  /** The words at fault, as written (text.slice(start, end)). */
  excerpt?: string;
  /** UTF-16 offsets into the draft. */
  start?: number;
  end?: number;
  /** Only for too_long: what was counted and the channel's limit. */
  measure?: { count: number; limit: number; unit: 'words' | 'characters' | 'sentences' };
}

// ---------------------------------------------------------------- toneGuidance

const CHANNEL_LENGTH: Record<Channel, { min: number; max: number }> = {
  chat: { min: 1, max: 3 },
  messaging: { min: 1, max: 3 },
  social: { min: 1, max: 2 },
  email: { min: 3, max: 8 },
  web: { min: 3, max: 8 },
  voice: { min: 2, max: 4 },
  unknown: { min: 2, max: 5 },
};

const CHANNEL_NOTE: Record<Channel, ChannelNote> = {
  chat: 'chat_short',
  messaging: 'messaging_brief',
  social: 'social_public',
  email: 'email_complete',
  // Web-form tickets are answered asynchronously, like email.
  web: 'email_complete',
  voice: 'voice_speakable',
  unknown: 'general_balanced',
};

/** Intents whose details (amounts, orders, addresses, accounts) must not be discussed in public. */
const PRIVATE_INTENTS = new Set([
  'refund',
  'double_charge',
  'payment_issue',
  'account_access',
  'change_address',
  'update_details',
  'cancel_order',
  'subscription_cancel',
  'track_order',
  'delivery_delay',
  'damaged_item',
  'return_item',
  'invoice_request',
  'warranty_repair',
]);

const INTENT_STEPS: Record<string, GuidanceStep[]> = {
  refund: ['confirm_amount', 'give_timeline'],
  double_charge: ['apologise', 'confirm_amount', 'give_next_step', 'give_timeline'],
  payment_issue: ['confirm_amount', 'give_next_step'],
  delivery_delay: ['apologise', 'confirm_details', 'give_timeline'],
  track_order: ['confirm_details', 'give_timeline'],
  damaged_item: ['apologise', 'confirm_details', 'give_next_step'],
  return_item: ['confirm_details', 'give_next_step'],
  warranty_repair: ['confirm_details', 'give_next_step', 'give_timeline'],
  cancel_order: ['confirm_details', 'give_timeline'],
  subscription_cancel: ['confirm_details', 'give_timeline'],
  change_address: ['confirm_details'],
  update_details: ['confirm_details'],
  account_access: ['confirm_details', 'give_next_step'],
  invoice_request: ['confirm_details', 'give_next_step'],
  complaint: ['acknowledge_feelings', 'apologise', 'give_next_step'],
  speak_to_manager: ['acknowledge_feelings', 'offer_escalation', 'give_timeline'],
  product_question: ['answer_question'],
  technical_issue: ['give_next_step'],
  feedback_positive: ['thank'],
  greeting: ['ask_for_details'],
};

const MONEY_INTENTS = new Set(['refund', 'double_charge', 'payment_issue']);

function orderSteps(steps: Iterable<GuidanceStep>): GuidanceStep[] {
  const set = new Set(steps);
  return GUIDANCE_STEPS.filter((s) => set.has(s));
}

function orderAvoids(avoids: Iterable<GuidanceAvoid>): GuidanceAvoid[] {
  const set = new Set(avoids);
  return GUIDANCE_AVOIDS.filter((a) => set.has(a));
}

/** What a reply to this customer should do first and avoid, as codes for the UI to translate. */
export function toneGuidance(input: ToneInput): ToneGuidance {
  const channel: Channel = input.channel in CHANNEL_LENGTH ? input.channel : 'unknown';
  const score = Number.isFinite(input.score) ? Math.max(-1, Math.min(1, input.score)) : 0;
  const intent = input.intent ?? null;
  const { emotion, escalation } = input;

  const steps = new Set<GuidanceStep>();
  const avoid = new Set<GuidanceAvoid>(['jargon']);

  const heated = emotion === 'anger' || emotion === 'frustration' || escalation === 'medium' || escalation === 'high';
  const distressed = emotion === 'sadness' || emotion === 'fear';
  const negative = heated || distressed || score <= -0.3;

  if (heated) {
    // Acknowledge first, apologise, then a concrete next step with a time.
    steps.add('acknowledge_feelings').add('apologise').add('give_next_step').add('give_timeline');
    avoid.add('blame').add('defensive_language').add('negative_phrasing').add('minimising_feelings');
    avoid.add('excessive_cheerfulness').add('promises_you_cannot_keep');
  }
  if (escalation === 'high') steps.add('offer_escalation');
  if (distressed) {
    steps.add('acknowledge_feelings').add('reassure').add('give_next_step');
    if (score <= -0.3) steps.add('apologise');
    avoid.add('minimising_feelings').add('excessive_cheerfulness').add('blame');
  }
  if (emotion === 'joy') steps.add('thank');
  if (emotion === 'surprise') {
    steps.add('explain_what_happened');
    if (score < 0) steps.add('acknowledge_feelings');
  }
  if (emotion === 'neutral' && score <= -0.3) {
    steps.add('acknowledge_feelings');
    avoid.add('blame').add('defensive_language');
  }

  if (intent && INTENT_STEPS[intent]) for (const s of INTENT_STEPS[intent]) steps.add(s);
  if (intent && MONEY_INTENTS.has(intent)) avoid.add('promises_you_cannot_keep');
  if (intent === 'complaint' || intent === 'speak_to_manager') avoid.add('blame').add('defensive_language');
  if (intent === 'feedback_positive' || emotion === 'joy') avoid.add('generic_template');

  // Channel conventions.
  switch (channel) {
    case 'chat':
    case 'messaging':
      avoid.add('long_paragraphs');
      break;
    case 'email':
    case 'web':
      avoid.add('long_paragraphs');
      steps.add('invite_reply');
      break;
    case 'social': {
      avoid.add('internal_details_in_public').add('personal_data_in_public');
      const hadDetails = steps.has('confirm_details') || steps.has('confirm_amount');
      // Amounts, orders and accounts are confirmed in private, never in a public thread.
      steps.delete('confirm_details');
      steps.delete('confirm_amount');
      if (hadDetails || (intent !== null && PRIVATE_INTENTS.has(intent)) || negative) steps.add('move_to_private');
      break;
    }
    case 'voice':
      avoid.add('lists_and_links').add('long_sentences');
      steps.add('check_understanding');
      break;
    default:
      break;
  }

  // Language conventions.
  if (input.language === 'zh-Hans' || input.language === 'zh-Hant') avoid.add('informal_address');
  if (input.language === 'other') avoid.add('idioms_and_slang');

  if (steps.size === 0) steps.add('answer_question');

  const { min, max } = CHANNEL_LENGTH[channel];
  return {
    first: orderSteps(steps),
    avoid: orderAvoids(avoid),
    length: { min, max, unit: 'sentences' },
    channelNote: CHANNEL_NOTE[channel],
  };
}

// ---------------------------------------------------------------- checkDraft

interface Rule {
  re: RegExp;
  /** Skip a match when this matches the text just before it (e.g. "if you didn't receive"). */
  notAfter?: RegExp;
}

const APOS = "['’]";

// Patterns run on the draft folded to simplified Chinese (one to one, offsets kept). The fold
// table does not cover every traditional character, so the missing ones are listed in classes.
const BLAME: Rule[] = [
  { re: /\byou should have\b/gi },
  { re: /\byou shouldn['’]t have\b/gi },
  { re: new RegExp(`\\byou (?:didn${APOS}t|did not|failed to|forgot to|never)\\b`, 'gi'), notAfter: /\b(?:if|whether|in case|unless)\s+$/i },
  { re: /\byour (?:own )?fault\b/gi },
  { re: /\bas (?:i|we) (?:already |previously |have already )?(?:said|stated|mentioned|explained)\b/gi },
  { re: /\b(?:like|as) i (?:already )?told you\b/gi },
  { re: /\bas previously stated\b/gi },
  { re: /\byou need to read\b/gi },
  // Deflecting: "that's not our problem" tells the customer whose problem it is.
  { re: new RegExp(`\\bnot (?:our|my) (?:problem|fault|responsibility|concern)\\b`, 'gi') },
  { re: new RegExp(`\\b(?:that|this|it)(?:${APOS}s| is) (?:your|the customer${APOS}s) (?:own )?(?:problem|responsibility)\\b`, 'gi') },
  { re: /[你您]应[该該]/g, notAfter: /(?:如果|若|要是|假如)$/ },
  { re: /[你您]没有/g, notAfter: /(?:如果|若|要是|假如|是否)$/ },
  { re: /[你您]自己(?:的问题|的错|造成|弄)?/g },
  { re: /早就(?:说过|说了|告诉)/g },
  { re: /(?:我|我们)已经(?:说过|说了|告诉过)/g },
  // 您的问题 is also "your question/issue" (您的问题已解决): blame only when it says whose fault it is.
  { re: /[你您](?:自己)?的错/g },
  { re: /(?:是|属于|在于|归于)[你您](?:自己)?的(?:责任|问题)/g },
  { re: /(?:不是|并非|不属于)我们的(?:问题|责任|错)|不关我们的事|与我们无关|[跟和]我们没(?:有)?关系/g },
];

/** "We can't wait to help", "we can't thank you enough": eagerness and thanks, not refusal ("we can't wait any longer" is). */
const EAGER_AFTER_CANT = '(?!\\s+(?:wait(?:\\s+to\\b|\\s+for\\s+you\\b|\\s*[!.,]|\\s*$)|thank\\b|stress enough|emphasi[sz]e enough|say enough|apologi[sz]e enough|agree more|be happier|be more (?:grateful|pleased|happy|thankful)))';

const NEGATIVE: Rule[] = [
  { re: new RegExp(`\\bwe (?:can${APOS}t|cannot|can not|are unable to|won${APOS}t be able to)\\b${EAGER_AFTER_CANT}`, 'gi') },
  { re: new RegExp(`\\bwe${APOS}re unable to\\b`, 'gi') },
  { re: /\bunfortunately,? there (?:is|'s|’s) nothing\b/gi },
  { re: /\bnothing (?:we|i) can do\b/gi },
  { re: /\bimpossible\b/gi },
  { re: /\bno way\b/gi },
  { re: new RegExp(`\\b(?:our |the )?policy (?:does not|doesn${APOS}t|won${APOS}t) allow\\b`, 'gi') },
  { re: /\bnot (?:allowed|permitted)\b/gi },
  // 恨不能 (long to), 不能再好 / 不能错过 / 不能不: eager or emphatic, not refusal; 感激之情无法言表 is thanks.
  { re: /不能(?!再好|更好|错过|不|忘)/g, notAfter: /恨$/ },
  { re: /无法(?!言表|用言语)/g },
  { re: /没[办辦]法/g },
  { re: /不可能/g },
  { re: /做不到/g },
];

const JARGON: Rule[] = [
  { re: /\bescalat(?:e|ed|ing) (?:it |this )?to (?:L[1-3]|tier ?[1-3])\b/gi },
  { re: /\b(?:L[1-3]|tier[- ][1-3])(?: (?:team|support|queue))?\b/g },
  // The customer's own ticket (and a plane ticket) is their word too: "your ticket", "your ticket number".
  { re: /(?<!\byour\s+(?:[\w-]+\s+)?)\btickets?\b(?!\s+(?:number|reference|no\b|#|id\b|price|fare))/gi },
  { re: /\bSLAs?\b/gi },
  { re: /\bback[- ]?end\b/gi },
  { re: /\bsync jobs?\b/gi },
  { re: /\bas per\b/gi },
  { re: /\bRMAs?\b/gi },
  { re: /\bworkflows?\b/gi },
  { re: /\bqueues?d?\b/gi },
  { re: /\bSOPs?\b/g },
  { re: /(?<![您你]的)工[单單](?![号號]|编号|編號)/g },
  { re: /后[台臺]/g },
  { re: /系[统統]同步/g },
  { re: /流程/g },
];

const APOLOGY = /\b(?:sorry|apolog(?:y|ies|ise|ised|ize|ized|ising|izing)|regret)\b|抱歉|对不起|不好意思|很遗憾|道歉|致歉|[见見][谅諒]/i;

/** All-caps words that are normal (acronyms and codes), not shouting. */
const ACRONYMS = new Set([
  'OK', 'USA', 'UK', 'EU', 'ID', 'FAQ', 'SKU', 'URL', 'PDF', 'API', 'USB', 'SMS', 'PIN', 'VAT', 'GST', 'ETA',
  'UTC', 'GMT', 'EST', 'PST', 'CET', 'CEO', 'IOS', 'CSV', 'HTML', 'HTTP', 'HTTPS', 'GPS', 'IMEI', 'IBAN', 'BIC',
  'DHL', 'UPS', 'USPS', 'TNT', 'EMS', 'FEDEX', 'SLA', 'RMA', 'CRM', 'SOP', 'FYI', 'ASAP', 'DIY', 'TV', 'PC', 'DVD',
  'LED', 'LCD', 'RAM', 'SSD', 'CPU', 'WIFI', 'NFC', 'QR', 'AM', 'PM', 'USD', 'EUR', 'GBP', 'CNY', 'RMB', 'HKD',
  'TWD', 'JPY', 'AUD', 'CAD', 'NZD', 'SGD', 'VIP',
]);

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

function countMatches(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** Sentences: runs ending at . ! ? (followed by space or end) or Chinese 。！？, plus a trailing remainder. */
function countSentences(text: string): number {
  const parts = text.split(/(?<=[.!?…])(?=\s|$)|(?<=[。！？])/);
  return parts.filter((p) => /[\p{L}\p{N}]/u.test(p)).length;
}

function scan(text: string, folded: string, rules: Rule[], code: DraftFindingCode, out: DraftFinding[]): void {
  const found: { start: number; end: number }[] = [];
  for (const { re, notAfter } of rules) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (notAfter && notAfter.test(folded.slice(Math.max(0, start - 12), start))) continue;
      // Keep the longest of overlapping matches of one code.
      const overlap = found.findIndex((f) => start < f.end && end > f.start);
      if (overlap >= 0) {
        const f = found[overlap];
        if (end - start > f.end - f.start) found[overlap] = { start, end };
        continue;
      }
      found.push({ start, end });
    }
  }
  for (const { start, end } of found) out.push({ code, excerpt: text.slice(start, end), start, end });
}

function scanCaps(text: string, out: DraftFinding[]): void {
  const words: { start: number; end: number }[] = [];
  const re = /[A-Za-z]+(?:['’][A-Za-z]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[0];
    const letters = w.replace(/['’]/g, '');
    if (letters.length < 3 || letters !== letters.toUpperCase()) continue;
    if (ACRONYMS.has(letters)) continue;
    words.push({ start: m.index, end: m.index + w.length });
  }
  if (words.length < 2) return;
  // One finding per run of shouted words separated only by spaces and punctuation.
  let run = words[0];
  for (let i = 1; i <= words.length; i++) {
    const w = words[i];
    if (w && !/[A-Za-z\u3400-\u9fff]/.test(text.slice(run.end, w.start))) {
      run = { start: run.start, end: w.end };
      continue;
    }
    out.push({ code: 'all_caps', excerpt: text.slice(run.start, run.end), start: run.start, end: run.end });
    if (w) run = w;
  }
}

interface Limits {
  words: number;
  chars: number;
  sentences?: number;
  /** Social: a hard limit on all characters, whatever the language. */
  totalChars?: number;
}

const LIMITS: Record<Channel, Limits> = {
  chat: { words: 60, chars: 120, sentences: 3 },
  messaging: { words: 60, chars: 120, sentences: 3 },
  social: { words: Infinity, chars: Infinity, totalChars: 280 },
  email: { words: 250, chars: 500 },
  web: { words: 250, chars: 500 },
  voice: { words: 60, chars: 120 },
  unknown: { words: 250, chars: 500 },
};

function checkLength(text: string, channel: Channel): DraftFinding | null {
  const limits = LIMITS[channel] ?? LIMITS.unknown;
  if (limits.totalChars !== undefined) {
    const count = [...text.trim()].length;
    return count > limits.totalChars ? { code: 'too_long', measure: { count, limit: limits.totalChars, unit: 'characters' } } : null;
  }
  const han = countMatches(text, HAN);
  const latinWords = countMatches(text, LATIN_WORD);
  if (han > latinWords) {
    // Chinese: count characters (Han characters plus Latin words, each as one).
    const count = han + latinWords;
    if (count > limits.chars) return { code: 'too_long', measure: { count, limit: limits.chars, unit: 'characters' } };
  } else if (latinWords > limits.words) {
    return { code: 'too_long', measure: { count: latinWords, limit: limits.words, unit: 'words' } };
  }
  if (limits.sentences !== undefined) {
    const count = countSentences(text);
    if (count > limits.sentences) return { code: 'too_long', measure: { count, limit: limits.sentences, unit: 'sentences' } };
  }
  return null;
}

/** Wording in an agent's draft that tends to make a reply land badly, as codes with the words at fault. */
export function checkDraft(text: string, context: DraftContext): DraftFinding[] {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return [];
  const folded = foldHan(text);
  const positional: DraftFinding[] = [];
  scan(text, folded, BLAME, 'blame', positional);
  scan(text, folded, NEGATIVE, 'negative_phrasing', positional);
  scan(text, folded, JARGON, 'jargon', positional);
  scanCaps(text, positional);
  positional.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || DRAFT_FINDING_CODES.indexOf(a.code) - DRAFT_FINDING_CODES.indexOf(b.code));

  const findings = positional;
  const tooLong = checkLength(text, context.channel);
  if (tooLong) findings.push(tooLong);

  const emotion = context.customerEmotion;
  const score = Number.isFinite(context.customerScore) ? context.customerScore : 0;
  const due =
    context.apologyDue ??
    (emotion === 'anger' || emotion === 'frustration' || emotion === 'sadness' || score <= -0.3);
  if (due && !APOLOGY.test(folded)) findings.push({ code: 'missing_apology' });
  return findings;
}
