import type { Channel } from '../types';

/**
 * A channel from the words the helpdesk shows ("via messaging", "Case Origin:
 * Email", "通过电子邮件"). Labels are localized by the helpdesk, so this matches
 * keywords in English and Chinese.
 */
const RULES: readonly [RegExp, Channel][] = [
  [/whatsapp|messenger|line\b|wechat|微信|sms|text message|messaging|消息|訊息|短信|簡訊/i, 'messaging'],
  [/twitter|\bx\b|facebook|instagram|social|社交|社群/i, 'social'],
  [/e-?mail|邮件|郵件|電郵/i, 'email'],
  [/chat|聊天|即时|即時|交谈|交談/i, 'chat'],
  [/phone|voice|call|talk|电话|電話|语音|語音/i, 'voice'],
  [/web|form|widget|api|网页|網頁|表单|表單/i, 'web'],
];

export function channelFromLabel(label: string): Channel {
  for (const [re, channel] of RULES) if (re.test(label)) return channel;
  return 'unknown';
}
