/**
 * What the PII detectors share: where a number may start and end (ASCII
 * boundaries, so numbers glued to Chinese text are found), and the words before
 * a number that make it a reference or an identifier rather than personal data.
 */
import type { PiiType } from './pii.ts';

/** Start of a number: not inside an ASCII word, not after `X-` (order ids), not after `9.` (decimals, versions). */
export const LB = String.raw`(?<![0-9A-Za-z_])(?<![0-9A-Za-z]-)(?<!\d\.)`;
/**
 * End of a number: not followed by a digit, nor by -digit / .digit. A letter may
 * follow: Chinese chat glues ASCII words on (13800138000APP闪退); codes that
 * mix letters and digits are excluded by LB, which does not let a number
 * start right after a letter.
 */
export const RB = String.raw`(?![0-9_])(?![\-.]\d)`;
/** For phones and SSNs also: not the tail of a longer space-grouped number (tracking numbers in fours). */
export const LB_PHONE = LB + String.raw`(?<!\d{2} )`;

/** Words that make a long number an order / tracking / ticket reference rather than a card or phone. */
export const REFERENCE_CUE_RE =
  /(?:\b(?:order(?!ed\b|ing\b)|tracking|invoice|ref(?:erence)?|ticket|case|parcel|shipment|waybill|serial)|订单|訂單|单号|單號|运单|運單|快递(?![员員小哥])|快遞(?![员員小哥])|物流|追踪|追蹤|工单|工單|编号|編號|参考号|參考號)[^\d\n@]{0,14}$/i;
/** Words that make a plain number an identifier, for detectors that have no phone word to go on. */
export const ID_CUE_RE =
  /(?:\b(?:id|code|no\.?|num(?:ber)?|#|booking|transaction|confirmation|member(?:ship)?|account|acct|po|asin|sku|build|version|serial|reference|ref|order|invoice|ticket|case|tracking|amount|total|qty|quantity|price|date)|交易|会员|會員|流水|编号|編號|号|號|码|碼|单|單|额|額|金|价|價|数|數|期)[^\d\n@]{0,6}$/i;

export type Push = (start: number, end: number, type: PiiType, name?: string) => void;

export const before = (text: string, start: number, n: number): string => text.slice(Math.max(0, start - n), start);

/** A reference word (order, tracking, 订单…) shortly before, and no word of the kind itself after it. */
export function afterReferenceWord(text: string, start: number, kindWord: RegExp): boolean {
  const m = REFERENCE_CUE_RE.exec(before(text, start, 40));
  return m !== null && !kindWord.test(m[0]);
}
