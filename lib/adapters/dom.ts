/** DOM helpers shared by the site adapters: selector fallbacks and message text. */
import type { Site } from '../types';
import { AdapterError, type SelectorSpec } from './types';

export function first(root: ParentNode, spec: SelectorSpec): Element | null {
  for (const css of spec.css) {
    const found = root.querySelector(css);
    if (found) return found;
  }
  return null;
}

/** All matches of the first fallback that matches anything. */
export function all(root: ParentNode, spec: SelectorSpec): Element[] {
  for (const css of spec.css) {
    const found = root.querySelectorAll(css);
    if (found.length > 0) return [...found];
  }
  return [];
}

export function required(adapter: Site, root: ParentNode, spec: SelectorSpec): Element {
  const found = first(root, spec);
  if (!found) throw new AdapterError(adapter, spec.name, `no element matches ${spec.css.join(' | ')}`);
  return found;
}

/** Elements that end a line; the paragraph-like ones leave a blank line. */
const LINE = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'SECTION', 'TABLE', 'TR']);
const PARAGRAPH = new Set(['BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'OL', 'P', 'PRE', 'UL']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'BUTTON', 'SVG', 'IMG', 'INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The readable text of a message body: paragraphs are separated by a blank
 * line, list items and other blocks by a line break, inline whitespace
 * collapses, and nodes matching `remove` (quoted history, signatures, read
 * receipts) are left out. Only reads: the page is never modified.
 */
export function blockText(el: Element, remove: readonly string[] = []): string {
  // Walks the page's own nodes (no clone: cloning every body was most of the
  // cost of reading a long ticket) and skips what matches `remove`.
  const skip = remove.join(', ');
  let out = '';
  // Breaks are owed, not written, until text follows: nested blocks give one break, not several.
  let owed = 0;
  const owe = (n: number) => {
    owed = Math.max(owed, n);
  };
  const write = (text: string) => {
    if (out && owed) out = out.replace(/[ ]+$/, '') + '\n'.repeat(owed);
    owed = 0;
    out += out.endsWith('\n') || !out ? text.replace(/^ +/, '') : text;
  };
  const walk = (node: Node, listDepth: number) => {
    if (node.nodeType === 3) {
      const text = (node.nodeValue ?? '').replace(/\s+/g, ' ');
      if (text.trim() || (text && !owed && out && !out.endsWith(' '))) write(text);
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    const tag = e.tagName.toUpperCase();
    if (SKIP.has(tag) || e.getAttribute('aria-hidden') === 'true' || (skip && e !== el && e.matches(skip))) return;
    if (tag === 'BR') {
      owed += 1;
      return;
    }
    const level = PARAGRAPH.has(tag) && !(tag === 'UL' || tag === 'OL') || (tag === 'UL' || tag === 'OL') && listDepth === 0 ? 2 : LINE.has(tag) || PARAGRAPH.has(tag) ? 1 : 0;
    if (level) owe(level);
    if (tag === 'LI') {
      const parent = e.parentElement;
      const ordered = parent?.tagName.toUpperCase() === 'OL';
      const index = ordered ? [...parent!.children].indexOf(e) + 1 : 0;
      write(`${'  '.repeat(Math.max(0, listDepth - 1))}${ordered ? `${index}.` : '-'} `);
    }
    const depth = tag === 'UL' || tag === 'OL' ? listDepth + 1 : listDepth;
    for (const child of e.childNodes) walk(child, depth);
    if (level) owe(level);
  };
  walk(el, 0);
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Email clients quote history and add signatures as plain text too. Everything
 * from the first such marker on is dropped: "On … wrote:", Outlook's
 * "From:/Sent:" header block, "-----Original Message-----", the Chinese
 * equivalents, and the "-- " signature delimiter.
 */
const CUT_MARKERS: readonly RegExp[] = [
  /^on\b.{3,200}\bwrote:?$/i,
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^(from|发件人|寄件者|發件人)\s*[:：].+$/i,
  /^在.{3,100}(写道|寫道)\s*[:：]?$/,
  /^於.{3,100}寫道\s*[:：]?$/,
  /^--\s?$/,
  /^(sent from my|从我的|從我的).{0,40}$/i,
];

export function stripQuotedTail(text: string): string {
  const lines = text.split('\n');
  const cut = lines.findIndex((line, i) => {
    if (i === 0) return false;
    if (!CUT_MARKERS.some((re) => re.test(line))) return false;
    // Outlook's header only counts as history when a Sent:/Date: line follows.
    if (/^(from|发件人|寄件者|發件人)\s*[:：]/i.test(line)) {
      return lines.slice(i + 1, i + 4).some((l) => /^(sent|date|发送时间|寄件日期|日期)\s*[:：]/i.test(l));
    }
    return true;
  });
  return (cut === -1 ? text : lines.slice(0, cut).join('\n')).trim();
}

/** The text of an element, or '' when absent. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
