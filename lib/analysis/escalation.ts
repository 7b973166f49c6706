/**
 * Escalation risk of a conversation, from the customer's messages: rising or
 * sustained negativity, threats to cancel or leave, asks for a manager or a
 * human, and complaint or legal words.
 */
import { foldHan } from '../han-fold.ts';
import { analyzeSentiment, NEUTRAL_BAND } from './sentiment.ts';

export interface EscalationMessage {
  role: string;
  text: string;
  at?: string | number | Date;
}
export type EscalationReason = 'legal' | 'manager' | 'leave' | 'rising' | 'sustained' | 'last_negative';

export interface EscalationRisk {
  level: 'low' | 'medium' | 'high';
  /** For logs and the eval, in English. */
  reasons: string[];
  /** The same reasons as codes, for the interface to say in the agent's language. */
  codes: EscalationReason[];
}

const LEGAL_EN = /\b(?:lawyers?|attorneys?|sue|suing|lawsuits?|legal action|take (?:you|this) to court|small claims|court|bbb|better business bureau|ftc|consumer protection|ombudsman|trading standards|regulators?|report (?:you|this) to)\b/i;
const LEGAL_ZH = /投诉|律师|起诉|法院|法律|12315|12345|消协|消费者协会|工商局|市场监管|曝光|媒体|维权|报警|警察/;
const MANAGER_EN = /\b(?:manager|supervisor|someone (?:in charge|senior|else)|higher[- ]up|escalate|escalation|your boss|(?:real|actual|live) (?:person|human|agent)|speak to a human|talk to a human)\b/i;
const MANAGER_ZH = /经理|主管|领导|负责人|上级|老板|转人工|人工客服|找人工|真人/;
const LEAVE_EN = /\b(?:cancel(?:l?ing|l?ed)? (?:my|the|our) (?:[\w-]+ )?(?:subscription|account|membership|plan|service|contract|order)|close my account|switch(?:ing)? to|go(?:ing)? (?:to|with) (?:a |your )?competitor|take my business|taking my business|never (?:buy|order|use|shop)\w* (?:from|with|here|again)|never again|chargeback|dispute the charge|unsubscribe|leave (?:a )?(?:bad |negative |1[- ]star )?review|one[- ]star review|1[- ]star)\b/i;
const LEAVE_ZH = /退订|取消订单|取消会员|注销|销户|再也不|不会再|换一家|换别家|差评|拒付|退钱|全额退款/;

/**
 * Escalation risk from the customer's messages (role `customer` or `user`; the
 * others are ignored): the level and, for the agent, why.
 * high: legal or complaint words, or two signals together (asks for a manager,
 * threatens to cancel or leave, negativity rising to strongly negative or
 * three negative messages with no positive one between). medium: one signal,
 * or the last customer message that was not neutral strongly negative. low otherwise.
 */
export function escalationRisk(
  messages: readonly EscalationMessage[],
  /** Sentiment already computed for a customer message's text (the background caches it). */
  scoreOf: (text: string) => number = (text) => analyzeSentiment(text).score,
): EscalationRisk {
  const customer = messages.filter((m) => m.role === 'customer' || m.role === 'user');
  const reasons: string[] = [];
  const codes: EscalationReason[] = [];
  if (!customer.length) return { level: 'low', reasons, codes };
  const scores = customer.map((m) => scoreOf(m.text));
  let legal = false;
  let manager = false;
  let leave = false;
  for (const m of customer) {
    const zh = foldHan(m.text);
    legal ||= LEGAL_EN.test(m.text) || LEGAL_ZH.test(zh);
    manager ||= MANAGER_EN.test(m.text) || MANAGER_ZH.test(zh);
    leave ||= LEAVE_EN.test(m.text) || LEAVE_ZH.test(zh);
  }
  const last = scores[scores.length - 1];
  const first = scores[0];
  // The last message that said how the customer feels: a neutral "Any news?" after an angry one leaves the anger standing.
  const lastFelt = scores.findLast((s) => Math.abs(s) >= NEUTRAL_BAND) ?? last;
  const rising = scores.length >= 2 && last <= -0.3 && last < first - 0.25;
  let run = 0;
  let longestRun = 0;
  // A neutral follow-up ("Any news on my refund?") neither adds to nor ends a run; only a positive message ends it.
  for (const s of scores) longestRun = Math.max(longestRun, (run = s <= -NEUTRAL_BAND ? run + 1 : s >= NEUTRAL_BAND ? 0 : run));
  const sustained = longestRun >= 3;
  const add = (code: EscalationReason, reason: string) => {
    codes.push(code);
    reasons.push(reason);
  };
  if (legal) add('legal', 'complaint or legal words (lawyer, regulator, 投诉 …)');
  if (manager) add('manager', 'asks for a manager, supervisor or a human');
  if (leave) add('leave', 'threatens to cancel, leave or post a bad review');
  if (rising) add('rising', `negativity rising across customer messages (${first.toFixed(2)} → ${last.toFixed(2)})`);
  else if (sustained) add('sustained', `${longestRun} negative customer messages with no positive one between`);
  const signals = [manager, leave, rising || sustained].filter(Boolean).length;
  let level: EscalationRisk['level'] = 'low';
  if (legal || signals >= 2) level = 'high';
  else if (signals === 1) level = 'medium';
  else if (lastFelt <= -0.5) {
    level = 'medium';
    add('last_negative', `last customer message strongly negative (${lastFelt.toFixed(2)})`);
  }
  return { level, reasons, codes };
}
