/**
 * Message sentiment, emotion and conversation escalation risk. Local,
 * synchronous, no DOM and no network (runs in the background service worker);
 * a pass over the text with Map look-ups, a few microseconds a message.
 *
 * analyzeSentiment(text, language?)
 * - English: lexicon + rules, VADER-like, for customer messages and tweets.
 *   Handles and links are dropped and hashtags read as words; contractions are
 *   split (he'll is not hell) and elongations squeezed (loooove). Words and
 *   phrases of up to five words carry valences in -4..4 (see lexicon/en.ts for
 *   what the tiers mean); intensifiers and diminishers scale the next sentiment
 *   word; a negator in the three words before flips a positive word (×-0.74),
 *   turns a negative one into faint praise (×-0.4, "not bad") and leaves
 *   swearing alone. A negated expectation is a complaint ("never came", "won't
 *   let me", "no refund") and no/zero/without + a noun a lack ("no wifi"); a
 *   wait (for 2 hours, since Tuesday) and a repeat (third time) count. Before
 *   "but"/"however" counts half and after it 1.5×; an ALL-CAPS word in
 *   mixed-case text counts 1.3×; "!" and "??" push the total away from zero;
 *   emoji and emoticons (lexicon/emoji.ts) count as words. Then the message as
 *   a whole: irony flips praise (thanks for losing my bag, "…again. Great.",
 *   an eye-roll); a question or a polite request damps the clear words it asks
 *   about (Is my flight delayed?) and thanks that closes one is a courtesy,
 *   while a why-question or "where is my …" is a complaint. The sum s maps to
 *   s/√(s²+15); |score| < NEUTRAL_BAND is neutral. A post shared on (a link
 *   with a hashtag, a $TICKER, "RT @" or "via @") and no I / we / you is a
 *   report, not the writer's experience: its sum counts 0.3× (headlines read
 *   as neutral). A customer's screenshot link alone changes nothing.
 * - Chinese (simplified and traditional; traditional is folded to simplified
 *   characters first): longest-match scan over a lexicon of sentiment words,
 *   negators (不 没 别 无 未 …), degree adverbs (很 非常 太 特别 有点 …),
 *   contrast words (但是 不过 可是 …) and neutral shadows (好像, 快递, 不但 …)
 *   so that 不错 is one positive word, 不好 negative, 很不好 more negative and
 *   不太好 mildly negative. A negator reaches the next sentiment word within four
 *   characters of its clause; a negated expectation is a complaint (没有收到),
 *   and a negator left with nothing to negate by the end of its clause a mild
 *   lack (筷子都没有, 根本不是我点的). Waits and lateness are patterns (等了两个小时,
 *   一点半才送到, 三天了还没); a question damps the good it asks about (有没有优惠？).
 * - Words that cancel out exactly lean to the last one said, inside the neutral
 *   band (量大，味道差 stays neutral as a label, with a negative sign).
 * - Emotion: cue words and phrases per emotion in both languages, scaled by the
 *   same degree words; a negated joy cue ("not happy", 不开心) counts towards
 *   sadness, other negated cues count nothing. Cues that disagree with a clear
 *   sentiment count less ("I still love it" is no frustration). With no cue
 *   strong enough, a clearly negative message is `frustration` and a clearly
 *   positive one `joy`. A cue with no valence of its own (不开心, "gutted")
 *   carries its emotion's sign into the score.
 * - drivers: the words and phrases that carried the score (or the emotion),
 *   largest first, with their signed contribution.
 *
 *
 * The English scan is in ./sentiment-en.ts, the Chinese one in ./sentiment-zh.ts,
 * what they share (entries, scoring, emotion) in ./sentiment-core.ts;
 * escalation risk over a conversation in ./escalation.ts.
 */
import { detectLanguage, type DetectedLanguage } from './language.ts';
import { finish, type SentimentResult } from './sentiment-core.ts';
import { scanEnglish } from './sentiment-en.ts';
import { scanChinese } from './sentiment-zh.ts';

export { EMOTIONS, NEUTRAL_BAND, type Driver, type Emotion, type SentimentLabel, type SentimentResult } from './sentiment-core.ts';

const MAX_CHARS = 5000;

/**
 * Sentiment, emotion and drivers of one message. `language` (as from
 * detectLanguage) picks the analyser; without it the text is detected. Chinese
 * text of either script uses the Chinese lexicon, everything else English.
 */
export function analyzeSentiment(text: string, language?: DetectedLanguage | 'zh'): SentimentResult {
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const lang = language ?? detectLanguage(t).language;
  const zh = lang === 'zh' || lang === 'zh-Hans' || lang === 'zh-Hant';
  return zh ? finish(scanChinese(t), 'zh') : finish(scanEnglish(t), 'en');
}
