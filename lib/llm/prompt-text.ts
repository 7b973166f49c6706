/**
 * The English wording prompts use for codes: tone guidance (lib/analysis/tone.ts), channels,
 * languages and rewrite kinds. The model reads English instructions best whatever language it
 * replies in; the reply language is a separate line. Kept apart from prompts.ts so the wording
 * can be tuned without touching the structure the tests check.
 */
import type { GuidanceAvoid, GuidanceStep } from '../analysis/tone';
import type { Channel } from '../types';
import type { ReplyLanguage, RewriteKind } from './prompts';

export const GUIDANCE_TEXT: Record<GuidanceStep | GuidanceAvoid, string> & Record<string, string | undefined> = {
  acknowledge_feelings: 'acknowledge how the customer feels',
  thank: 'thank the customer',
  apologise: 'apologise sincerely, once',
  reassure: 'reassure them it will be sorted out',
  explain_what_happened: 'explain briefly what happened',
  ask_for_details: 'ask for the details you need, one question at a time',
  answer_question: 'answer the question directly',
  confirm_details: 'confirm the order or account details (by placeholder or reference, never in full)',
  confirm_amount: 'confirm the amount involved',
  move_to_private: 'invite them to a private channel for account specifics',
  give_next_step: 'say what happens next',
  give_timeline: 'give a timeline, only as the knowledge states it',
  offer_escalation: 'offer to escalate to a supervisor',
  check_understanding: 'check the answer helped',
  invite_reply: 'invite them to reply with questions',
  blame: 'blaming the customer',
  defensive_language: 'defensive language',
  negative_phrasing: 'negative phrasing ("we can\'t", "unfortunately" stacked)',
  minimising_feelings: 'minimising their feelings',
  excessive_cheerfulness: 'excessive cheerfulness',
  promises_you_cannot_keep: 'promises you cannot keep',
  jargon: 'jargon and internal terms',
  long_paragraphs: 'long paragraphs',
  long_sentences: 'long sentences',
  lists_and_links: 'lists and links',
  internal_details_in_public: 'internal details in public',
  personal_data_in_public: 'personal data in public',
  generic_template: 'a generic template feel',
  informal_address: 'informal address',
  idioms_and_slang: 'idioms and slang',
};

export const CHANNEL_STYLE: Record<Channel, string> = {
  chat: 'live chat. Brief: 1 to 3 short sentences, conversational, one question at a time, no greeting line or sign-off beyond a few words.',
  messaging: 'messaging app or SMS. Short: 1 or 2 plain sentences, no lists, no formatting.',
  email: 'email. Complete and structured: a greeting, short paragraphs, numbered steps when there are steps, a clear next step, and a closing line.',
  social: 'public social media. Public and brand-safe: short, never mention account details, order numbers or personal data, and invite the customer to a private message for specifics.',
  voice: 'voice call. Speakable: what the agent will say aloud, in short spoken sentences, no lists, links or symbols; put citations at the very end of a sentence so the agent can skip them.',
  web: 'web form, answered by email. Complete and clear, in short paragraphs, with a clear next step.',
  unknown: 'unknown channel. Clear and complete, in short paragraphs.',
};

export const LANGUAGE_NAME: Record<ReplyLanguage, string> = {
  en: 'English',
  'zh-Hans': 'Simplified Chinese, 简体中文',
  'zh-Hant': 'Traditional Chinese, 繁體中文',
};

export const REWRITE_TASK: Record<RewriteKind, string> = {
  shorter: 'Make it shorter: keep what the customer needs, drop repetition and filler.',
  expand: 'Expand it: add the helpful detail and the next step a customer would otherwise ask about, without inventing facts.',
  friendlier: 'Make it friendlier and warmer, still professional.',
  formal: 'Make it more formal and polite.',
  empathetic: 'Make it more empathetic: acknowledge the customer\'s situation and feelings before the answer.',
  grammar: 'Fix grammar, spelling and punctuation only; change nothing else.',
  translate: 'Translate it faithfully, keeping the tone.',
  custom: 'Rewrite it as the agent asks below.',
};
