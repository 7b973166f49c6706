/**
 * Article HTML to plain text, for the knowledge store and search. Runs in the
 * background service worker, which has no DOMParser, so it streams through
 * htmlparser2 instead of building a DOM.
 *
 * Paragraphs, headings, list items, table rows, block quotes and the like each
 * become one paragraph; paragraphs are separated by a blank line; `<br>` is a
 * line break inside a paragraph; `<pre>` keeps its lines. Scripts, styles,
 * templates, forms' option lists, SVG, iframes and the document head are
 * dropped. Entities are decoded; runs of whitespace (including no-break and
 * zero-width spaces) collapse to one space.
 */
import { Parser } from 'htmlparser2';

/** Elements that end the paragraph before them and start a new one after. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Table cells stay on their row's line, separated by a space. */
const CELL = new Set(['td', 'th']);
/** Elements whose content is never article text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe', 'object', 'select', 'textarea', 'button']);

// \u00a0 no-break space, \u2000-\u200a spaces, \u202f, \u205f, \u3000 ideographic space, \ufeff BOM.
const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;
// Zero-width space/joiners and soft hyphens carry nothing a reader sees.
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad]/g;
const LINE_BREAK = '\u2028';

function normaliseInline(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .split(LINE_BREAK)
    .map((line) => line.replace(SPACE, ' ').trim())
    // A blank line would read as a paragraph break: <br><br> is one line break.
    .filter((line) => line !== '')
    .join('\n');
}

function normalisePre(text: string): string {
  const lines = text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').split(/\n|\u2028/).map((l) => l.replace(/[ \t\u00a0]+$/, ''));
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  // A blank line inside <pre> would read as a paragraph break; keep the lines together.
  return lines.filter((l) => l.trim() !== '').join('\n');
}

/** Plain text of an HTML fragment or document: paragraphs separated by a blank line. */
export function htmlToText(html: string): string {
  const paragraphs: string[] = [];
  let buffer = '';
  let skipDepth = 0;
  let preDepth = 0;
  let cellOpen = false;

  const flush = () => {
    const text = preDepth > 0 ? normalisePre(buffer) : normaliseInline(buffer);
    if (text) paragraphs.push(text);
    buffer = '';
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth) return;
        if (name === 'br') {
          buffer += LINE_BREAK;
          return;
        }
        if (CELL.has(name)) {
          // Cells of one row read as one line: "Standard 3–5 days".
          if (cellOpen) buffer += ' ';
          cellOpen = true;
          return;
        }
        if (name === 'img') return;
        if (BLOCK.has(name)) {
          flush();
          if (name === 'pre') preDepth++;
          if (name === 'tr') cellOpen = false;
        }
      },
      ontext(text) {
        if (!skipDepth) buffer += text;
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          if (skipDepth) skipDepth--;
          return;
        }
        if (skipDepth || CELL.has(name) || name === 'br') return;
        if (BLOCK.has(name)) {
          flush();
          if (name === 'pre' && preDepth) preDepth--;
          if (name === 'tr') cellOpen = false;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs.join('\n\n');
}

/** What an HTML page says it is: its `<title>`, else its first `<h1>`, and `<html lang>`; '' when absent. */
export function htmlMeta(html: string): { title: string; lang: string } {
  let title = '';
  let h1 = '';
  let lang = '';
  let inTitle = false;
  let h1Depth = 0;
  let h1Done = false;
  let svgDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'html' && !lang) lang = (attribs.lang ?? '').trim();
        if (name === 'svg') svgDepth++;
        // An SVG <title> is an image caption, not the page's title.
        if (name === 'title' && !svgDepth) inTitle = true;
        if (name === 'h1' && !h1Done) h1Depth++;
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (h1Depth) h1 += text;
      },
      onclosetag(name) {
        if (name === 'svg' && svgDepth) svgDepth--;
        if (name === 'title') inTitle = false;
        if (name === 'h1' && h1Depth) {
          h1Depth--;
          if (!h1Depth) h1Done = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const clean = (s: string) => s.replace(INVISIBLE, '').replace(SPACE, ' ').trim();
  return { title: clean(title) || clean(h1), lang };
}
