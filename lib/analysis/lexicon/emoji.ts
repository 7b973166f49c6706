/**
 * Emoji and emoticons for lib/analysis/sentiment.ts: valence (same scale as
 * the word lexicons), the emotion they cue, and whether they mark the words
 * around them as ironic (an eye-roll after "thanks for losing my bag").
 * Each pattern is compiled once; ASCII emoticons need the characters in
 * EMOTICON_CHARS, so plain text skips the scan.
 */
import type { Emotion } from '../sentiment.ts';

export interface EmojiCue {
  re: RegExp;
  v: number;
  emotion: Exclude<Emotion, 'neutral'> | null;
  ironic?: boolean;
}

export const EMOJI: EmojiCue[] = [
  { re: /(?:[:;=]-?[)\]D]|\^_?\^|😀|😃|😄|😁|😊|🙂|😍|🥰|👍|❤️?|♥|🎉|🙏|<3|😆|😉|😋|😎|🤗|😘|💕|💖|💗|💙|💚|💜|🧡|💛|✨|⭐|🌟|👌|🙌|👏|💯|✅|😇|🥳|🤩|☺️?|😌|🎊|🥂)/gu, v: 1.8, emotion: 'joy' },
  { re: /(?:😂|🤣|xD|XD)/gu, v: 1.5, emotion: 'joy' },
  { re: /(?:[:;=]-?[(\[]|:'\(|😞|😢|😭|☹️?|🙁|😔|💔|😥|😓|😪)/gu, v: -1.8, emotion: 'sadness' },
  { re: /(?:😡|🤬|😠|👎|💢|🤮|🤢)/gu, v: -2.4, emotion: 'anger' },
  { re: /(?:😩|😫|😖|😣|🤦(?:\u200d[♂♀]️?)?|😑|😕|❌|🤷(?:\u200d[♂♀]️?)?)/gu, v: -1.2, emotion: 'frustration' },
  { re: /(?:🙄|😒|🙃|😏)/gu, v: -1.2, emotion: 'frustration', ironic: true },
  { re: /(?::-?\/|:-?\||😐|😬)/gu, v: -0.8, emotion: 'frustration' },
  { re: /(?:😱|😨|😰|😟|😧|😦)/gu, v: -1.2, emotion: 'fear' },
  { re: /(?:😮|😲|🤯|😯|😳|‼️|⁉️)/gu, v: 0, emotion: 'surprise' },
];

/** Text with none of these characters and only ASCII has no emoji or emoticon. */
export const EMOTICON_CHARS = /[:;=^<xX]|[^\x00-\x7f]/;
