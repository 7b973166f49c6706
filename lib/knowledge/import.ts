/**
 * Import of knowledge articles from files: JSON, CSV, Markdown, HTML, a zip of
 * them (folders inside) or a folder (many files). All or nothing: one
 * malformed file and nothing is returned, only every fault found, each with
 * its file and the line or field. Limits on file count and sizes, and on what
 * a zip may unpack to, keep a bad or hostile file from exhausting the service
 * worker.
 *
 * Ids are stable across re-imports of the same files:
 * `import:<file set>:<article id, or its path>:<locale>`.
 */
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { detectLanguage } from '../analysis/language';
import { parseCsv } from '../csv';
import { htmlMeta, htmlToText } from './html-text';
import type { Article } from './types';

export interface ImportFile {
  /** Path as the picker gives it: 'faq.json', 'kb/en/refunds.md' (a folder), 'kb.zip'. */
  name: string;
  data: Uint8Array | string;
}
export interface ImportError {
  file: string;
  line?: number;
  field?: string;
  message: string;
}
export type ImportResult =
  | { ok: true; articles: Article[]; /** Files of a type that holds no articles (images…), left alone. */ skipped: string[] }
  | { ok: false; errors: ImportError[] };

export interface ImportLimits {
  /** Files after unpacking zips. */
  maxFiles: number;
  /** One file, as given or unpacked. */
  maxFileBytes: number;
  /** Everything, unpacked. */
  maxTotalBytes: number;
  maxArticles: number;
  /** Unpacked size over packed size above which a large zip entry is refused as a zip bomb. */
  maxZipRatio: number;
}
export const IMPORT_LIMITS: ImportLimits = {
  maxFiles: 2_000,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxArticles: 20_000,
  maxZipRatio: 100,
};

export interface ImportOptions {
  /** The file set's name in ids; by default the single file's or folder's name, else 'files'. */
  setName?: string;
  limits?: Partial<ImportLimits>;
  /** updatedAt for articles that carry no date (ISO); default now. */
  now?: string;
}

const MAX_ERRORS = 100;
const SUPPORTED = /\.(json|csv|md|markdown|html?|zip)$/i;
const JUNK = /(^|\/)(__MACOSX\/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)/i;

class Fault extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}

/** An article as a file states it, before ids and locale are settled. */
interface Draft {
  file: string;
  line?: number;
  field: string;
  /** Id in the file, or the path (plus '#n' for one of many in a file). */
  key: string;
  title: string;
  body: string;
  url: string;
  locale: string;
  updatedAt: string;
  labels: string[];
}

export function importFiles(files: ImportFile[], options: ImportOptions = {}): ImportResult {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const now = options.now ?? new Date().toISOString();
  const errors: ImportError[] = [];
  const skipped: string[] = [];
  const paths = files.map((f) => cleanPath(f.name));
  const folder = commonFolder(paths);
  const set = slug(options.setName ?? (folder || (files.length === 1 ? basename(paths[0]!).replace(/\.[^.]+$/, '') : '') || 'files'));

  // 1. Unpack and check sizes, before parsing anything.
  const texts: { file: string; rel: string; text: string }[] = [];
  let total = 0;
  const admit = (file: string, rel: string, bytes: Uint8Array | string) => {
    const size = typeof bytes === 'string' ? bytes.length : bytes.byteLength;
    if (size > limits.maxFileBytes) throw new Fault({ file, message: `is ${mb(size)}; the limit for one file is ${mb(limits.maxFileBytes)}` });
    total += size;
    if (total > limits.maxTotalBytes) throw new Fault({ file, message: `the files add up to more than ${mb(limits.maxTotalBytes)}` });
    if (texts.length >= limits.maxFiles) throw new Fault({ file, message: `more than ${limits.maxFiles} files` });
    texts.push({ file, rel, text: decode(file, bytes) });
  };
  try {
    files.forEach((f, i) => {
      const path = paths[i]!;
      const rel = folder ? path.slice(folder.length + 1) : path;
      if (/\.zip$/i.test(path)) {
        if (typeof f.data === 'string') throw new Fault({ file: path, message: 'a zip must be given as bytes' });
        const zip = unzip(path, f.data, limits, total);
        skipped.push(...zip.skipped.map((name) => `${path}/${name}`));
        for (const entry of zip.entries) {
          const entryRel = files.length === 1 ? entry.name : `${rel}/${entry.name}`;
          if (/\.zip$/i.test(entry.name)) throw new Fault({ file: `${path}/${entry.name}`, message: 'a zip inside a zip is not read; unpack it first' });
          else admit(`${path}/${entry.name}`, entryRel, entry.data);
        }
      } else if (JUNK.test(path) || !SUPPORTED.test(path)) skipped.push(path);
      else admit(path, rel, f.data);
    });
  } catch (e) {
    if (e instanceof Fault) return { ok: false, errors: [e.error] };
    throw e;
  }

  // 2. Parse every file, collecting every fault.
  const drafts: Draft[] = [];
  for (const { file, rel, text } of texts) {
    try {
      const ext = /\.([^.]+)$/.exec(file)![1]!.toLowerCase();
      const found =
        ext === 'json' ? fromJson(file, rel, text, errors) : ext === 'csv' ? fromCsv(file, rel, text, errors) : ext === 'html' || ext === 'htm' ? [fromHtml(file, rel, text)] : [fromMarkdown(file, rel, text)];
      drafts.push(...found);
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      errors.push(e.error);
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  if (!errors.length && !drafts.length) errors.push({ file: paths.join(', ') || '(no files)', message: 'no articles found: give JSON, CSV, Markdown or HTML files, or a zip of them' });
  if (drafts.length > limits.maxArticles) errors.push({ file: set, message: `${drafts.length} articles; the limit is ${limits.maxArticles}` });

  // 3. Settle locale, date and id; an id twice is a fault too.
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const d of drafts) {
    if (errors.length >= MAX_ERRORS) break;
    const at = (field: string, message: string) => errors.push({ file: d.file, ...(d.line ? { line: d.line } : {}), field: `${d.field}${field}`, message });
    const locale = d.locale ? normaliseLocale(d.locale) : detectLocale(`${d.title}\n${d.body.slice(0, 4_000)}`);
    if (!locale) {
      at('locale', `"${d.locale}" is not a language tag (like en-us or zh-cn)`);
      continue;
    }
    const updatedAt = d.updatedAt ? isoDate(d.updatedAt) : now;
    if (!updatedAt) {
      at('updatedAt', `"${d.updatedAt}" is not a date (use ISO 8601, like 2026-03-02 or 2026-03-02T10:00:00Z)`);
      continue;
    }
    if (d.url && !/^https?:\/\/[^\s/]+/i.test(d.url)) {
      at('url', `"${d.url}" is not an http(s) address`);
      continue;
    }
    if (!d.title) {
      at('title', 'the title is empty');
      continue;
    }
    if (!d.body) {
      at('body', 'the article has no text');
      continue;
    }
    const id = `import:${set}:${d.key}:${locale}`;
    const first = seen.get(id);
    if (first) {
      at('id', `article "${d.key}" in ${locale} appears twice (first in ${first})`);
      continue;
    }
    seen.set(id, d.file);
    articles.push({ id, source: 'import', externalId: d.key, locale, title: d.title, body: d.body, url: d.url, updatedAt, labels: d.labels });
  }
  return errors.length ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, articles, skipped };
}

// ------------------------------------------------------------------ files

function unzip(file: string, bytes: Uint8Array, limits: ImportLimits, already: number): { entries: { name: string; data: Uint8Array }[]; skipped: string[] } {
  const skipped: string[] = [];
  let count = 0;
  let declared = already;
  let entries: Record<string, Uint8Array>;
  try {
    // The sizes a zip declares decide what fflate allocates, so checking them here bounds memory even when they lie.
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || JUNK.test(f.name)) return false;
        if (!SUPPORTED.test(f.name)) {
          skipped.push(cleanPath(f.name));
          return false;
        }
        const name = `${file}/${f.name}`;
        if (++count > limits.maxFiles) throw new Fault({ file, message: `holds more than ${limits.maxFiles} files` });
        if (f.originalSize > limits.maxFileBytes) throw new Fault({ file: name, message: `would unpack to ${mb(f.originalSize)}; the limit for one file is ${mb(limits.maxFileBytes)}` });
        if (f.originalSize > 1024 * 1024 && f.originalSize > f.size * limits.maxZipRatio) {
          throw new Fault({ file: name, message: `unpacks ${Math.round(f.originalSize / Math.max(1, f.size))} times larger than it is packed: refused as a zip bomb` });
        }
        declared += f.originalSize;
        if (declared > limits.maxTotalBytes) throw new Fault({ file, message: `would unpack to more than ${mb(limits.maxTotalBytes)}` });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Fault) throw e;
    throw new Fault({ file, message: `is not a readable zip file (${e instanceof Error ? e.message : String(e)})` });
  }
  const out = Object.entries(entries).map(([name, data]) => ({ name: cleanPath(name), data }));
  return { entries: out.sort((a, b) => a.name.localeCompare(b.name)), skipped };
}

function decode(file: string, data: Uint8Array | string): string {
  if (typeof data === 'string') return data.replace(/^\ufeff/, '');
  try {
    if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(data.subarray(2));
    if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(data.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\ufeff/, '');
  } catch {
    // Excel's "CSV" in Chinese Windows is GBK/Big5: say how to fix it rather than import mojibake.
    throw new Fault({ file, message: 'is not UTF-8 text; save it as UTF-8 (in Excel: "CSV UTF-8")' });
  }
}

// ------------------------------------------------------------------- JSON

const text = (max: number) => z.string().max(max);
const jsonArticle = z.looseObject({
  id: z.union([text(500), z.number()]).optional(),
  title: text(1_000),
  body: text(5_000_000).optional(),
  html: text(5_000_000).optional(),
  url: text(2_048).optional(),
  locale: text(35).optional(),
  updatedAt: z.union([text(64), z.number()]).optional(),
  updated_at: z.union([text(64), z.number()]).optional(),
  labels: z.union([z.array(text(200)), text(2_000)]).optional(),
});

/** Articles of a JSON file; a bad item goes to `errors` and the others are still checked. */
function fromJson(file: string, rel: string, source: string, errors: ImportError[]): Draft[] {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Fault({ file, line: lineAt(source, jsonErrorOffset(source, message)), message: `not valid JSON: ${message}` });
  }
  const wrapped = !Array.isArray(value) && typeof value === 'object' && value !== null && 'articles' in value;
  const list = wrapped ? (value as { articles: unknown }).articles : value;
  if (!Array.isArray(list)) throw new Fault({ file, line: 1, message: 'expected an array of articles, or an object with an "articles" array' });
  const prefix = wrapped ? 'articles' : '';
  const drafts: Draft[] = [];
  list.forEach((item, i) => {
    const parsed = jsonArticle.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ file, field: `${prefix}[${i}]${issue.path.map((p) => `.${String(p)}`).join('')}`, message: issue.message });
      return;
    }
    const a = parsed.data;
    const field = `${prefix}[${i}].`;
    if (a.body === undefined && a.html === undefined) {
      errors.push({ file, field: `${field}body`, message: 'needs "body" (text) or "html"' });
      return;
    }
    const date = a.updatedAt ?? a.updated_at;
    drafts.push({
      file,
      field,
      key: a.id !== undefined && String(a.id).trim() ? String(a.id).trim() : `${rel}#${i + 1}`,
      title: oneLine(a.title),
      body: a.html !== undefined ? htmlToText(a.html) : plainText(a.body ?? ''),
      url: (a.url ?? '').trim(),
      locale: (a.locale ?? '').trim(),
      updatedAt: date === undefined ? '' : String(date),
      labels: labelsOf(a.labels ?? []),
    });
  });
  return drafts;
}

/**
 * Where JSON.parse gave up. V8 says "at position N" for most faults but not
 * for an unexpected token ("Unexpected token '}', …"), so find the shortest
 * prefix that is already wrong, rather than merely unfinished.
 */
function jsonErrorOffset(source: string, message: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/end of JSON input/i.test(message)) return source.length;
  const wrong = (n: number) => {
    try {
      JSON.parse(source.slice(0, n));
      return false;
    } catch (e) {
      const m = e instanceof Error ? e.message : '';
      const p = /position (\d+)/.exec(m);
      return !/end of JSON input/i.test(m) && !(p && Number(p[1]) >= n);
    }
  };
  let lo = 0;
  let hi = source.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (wrong(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

// -------------------------------------------------------------------- CSV

const CSV_COLUMNS: Record<string, string[]> = {
  id: ['id', 'article_id'],
  title: ['title', 'name', 'question'],
  body: ['body', 'text', 'content', 'answer'],
  html: ['html', 'body_html'],
  url: ['url', 'link', 'html_url'],
  locale: ['locale', 'language', 'lang'],
  updatedAt: ['updated_at', 'updatedat', 'updated', 'last_modified'],
  labels: ['labels', 'tags', 'label_names'],
};

/** Articles of a CSV file; a bad row goes to `errors` and the others are still checked. */
function fromCsv(file: string, rel: string, source: string, errors: ImportError[]): Draft[] {
  const lines = csvRowLines(file, source);
  const rows = parseCsv(source);
  if (!rows.length) throw new Fault({ file, message: 'the file is empty' });
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const col: Partial<Record<string, number>> = {};
  for (const [name, aliases] of Object.entries(CSV_COLUMNS)) {
    const at = header.findIndex((h) => aliases.includes(h));
    if (at >= 0) col[name] = at;
  }
  const dup = header.find((h, i) => h && header.indexOf(h) !== i);
  if (dup) throw new Fault({ file, line: 1, field: dup, message: `column "${dup}" appears twice in the header` });
  if (col.title === undefined) throw new Fault({ file, line: 1, field: 'title', message: 'the header has no "title" column' });
  if (col.body === undefined && col.html === undefined) throw new Fault({ file, line: 1, field: 'body', message: 'the header has no "body" or "html" column' });
  const drafts: Draft[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = lines.length === rows.length ? lines[i + 1] : undefined;
    if (row.every((f) => !f.trim())) return;
    if (row.length !== header.length) {
      errors.push({ file, ...(line ? { line } : {}), message: `${row.length} fields where the header has ${header.length} (a comma in an unquoted field?)` });
      return;
    }
    const get = (name: string) => (col[name] === undefined ? '' : row[col[name]!]!);
    const id = get('id').trim();
    const html = get('html');
    drafts.push({
      file,
      ...(line ? { line } : {}),
      field: '',
      key: id || `${rel}#${i + 1}`,
      title: oneLine(get('title')),
      body: html.trim() ? htmlToText(html) : plainText(get('body')),
      url: get('url').trim(),
      locale: get('locale').trim(),
      updatedAt: get('updatedAt').trim(),
      labels: labelsOf(get('labels')),
    });
  });
  return drafts;
}

/**
 * The line each non-blank CSV record starts on, by the same rules as
 * lib/csv.ts (a quote opens only at the start of a field), which returns the
 * fields but not where they were. Also catches a quote never closed.
 */
function csvRowLines(file: string, s: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let rowLine = 1;
  let rowEmpty = true;
  let fieldStart = true;
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
      else if (ch === '\n') line++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (!rowEmpty) starts.push(rowLine);
      if (ch === '\r' && s[i + 1] === '\n') i++;
      line++;
      rowLine = line;
      rowEmpty = true;
      fieldStart = true;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      quoteLine = line;
    }
    // A lone ',' makes a row of empty fields, which parseCsv keeps.
    if (ch !== '\ufeff' || i > 0) rowEmpty = false;
    fieldStart = ch === ',';
  }
  if (quoted) throw new Fault({ file, line: quoteLine, message: 'a quoted field opened here is never closed' });
  if (!rowEmpty) starts.push(rowLine);
  return starts;
}

// --------------------------------------------------------------- Markdown

function fromMarkdown(file: string, rel: string, source: string): Draft {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const meta: Record<string, string | string[]> = {};
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end < 0) throw new Fault({ file, line: 1, message: 'front matter opened with "---" is never closed' });
    let listKey = '';
    for (let i = 1; i < end; i++) {
      const l = lines[i]!;
      if (!l.trim() || /^\s*#/.test(l)) continue;
      const item = /^\s+-\s+(.*)$/.exec(l);
      if (item && listKey) {
        (meta[listKey] as string[]).push(unquote(item[1]!));
        continue;
      }
      const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(l);
      if (!kv) throw new Fault({ file, line: i + 1, message: 'front matter line is not "key: value"' });
      const key = kv[1]!.toLowerCase();
      const value = kv[2]!.trim();
      listKey = value === '' ? key : '';
      meta[key] = value === '' ? [] : /^\[.*\]$/.test(value) ? value.slice(1, -1).split(',').map(unquote).filter(Boolean) : unquote(value);
    }
    start = end + 1;
  }
  const str = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta[k];
      if (typeof v === 'string' && v) return v;
    }
    return '';
  };
  let title = str('title');
  let body = lines.slice(start);
  if (!title) {
    let fenced = false;
    const h1 = body.findIndex((l) => {
      if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
      return !fenced && /^#\s+\S/.test(l);
    });
    if (h1 < 0) throw new Fault({ file, line: start + 1, field: 'title', message: 'no title: add "title:" front matter or a "# heading"' });
    title = body[h1]!.replace(/^#\s+/, '').replace(/\s+#+\s*$/, '');
    body = [...body.slice(0, h1), ...body.slice(h1 + 1)];
  }
  const id = str('id');
  const labels = meta.labels ?? meta.tags ?? [];
  return {
    file,
    field: '',
    key: id || rel,
    title: oneLine(title),
    body: withoutTitle(htmlToText(markdownToHtml(body.join('\n'))), oneLine(title)),
    url: str('url'),
    locale: str('locale', 'lang', 'language'),
    updatedAt: str('updated_at', 'updatedat', 'updated', 'date'),
    labels: labelsOf(labels),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:|\/)[^\s)]*)\)/g, '<a href="$2">$1</a>')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '<strong>$2</strong>')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '<em>$1</em>');
}

/**
 * A small Markdown (CommonMark's everyday subset: headings, paragraphs, lists,
 * quotes, fenced code, tables, rules, emphasis, code and links) to HTML. Raw
 * HTML in the Markdown is shown as text, not passed through.
 */
export function markdownToHtml(md: string): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  const endPara = () => {
    if (para.length) out.push(`<p>${para.map(inline).join(' ').replace(/ ?\u2028 ?/g, '<br>')}</p>`);
    para = [];
  };
  const endList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(l);
    if (fence) {
      endPara();
      endList();
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) code.push(lines[i]!);
      out.push(`<pre>${escapeHtml(code.join('\n'))}</pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    const item = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(l);
    if (!l.trim()) {
      endPara();
      endList();
    } else if (heading) {
      endPara();
      endList();
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    } else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(l) && !para.length) {
      endList();
      out.push('<hr>');
    } else if (item) {
      endPara();
      const tag = /\d/.test(item[1]!) ? 'ol' : 'ul';
      if (list && list.tag !== tag) endList();
      list ??= { tag, items: [] };
      list.items.push(item[2]!);
    } else if (list && /^\s+\S/.test(l)) {
      list.items[list.items.length - 1] += ` ${l.trim()}`;
    } else if (/^\s*>/.test(l)) {
      endPara();
      endList();
      const quote: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]!); i++) quote.push(lines[i]!.replace(/^\s*>\s?/, ''));
      i--;
      out.push(`<blockquote>${markdownToHtml(quote.join('\n'))}</blockquote>`);
    } else if (/^\s*\|.*\|\s*$/.test(l)) {
      endPara();
      endList();
      const rows: string[] = [];
      for (; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!); i++) {
        const cells = lines[i]!.trim().slice(1, -1).split('|').map((c) => c.trim());
        if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
        rows.push(`<tr>${cells.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
      }
      i--;
      out.push(`<table>${rows.join('')}</table>`);
    } else {
      endList();
      // Two trailing spaces or a backslash: a hard line break.
      para.push(/( {2,}|\\)$/.test(l) ? `${l.replace(/( {2,}|\\)$/, '')}\u2028` : l.trim());
    }
  }
  endPara();
  endList();
  return out.join('\n');
}

// ------------------------------------------------------------------- HTML

function fromHtml(file: string, rel: string, source: string): Draft {
  const { title, lang } = htmlMeta(source);
  if (!title) throw new Fault({ file, field: 'title', message: 'no title: the page has neither <title> nor <h1>' });
  return { file, field: '', key: rel, title, body: withoutTitle(htmlToText(source), title), url: '', locale: lang, updatedAt: '', labels: [] };
}

// ---------------------------------------------------------------- helpers

/** 'en_US' → 'en-us', 'zh-Hans(-CN)' → 'zh-cn', 'zh-Hant(-TW)' → 'zh-tw'; '' when not a language tag. */
export function normaliseLocale(tag: string): string {
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (/^zh-hans(-|$)/.test(t) || t === 'zh-sg') return 'zh-cn';
  if (/^zh-hant(-|$)/.test(t)) return /-(hk|mo)$/.test(t) ? t.replace('hant-', '') : 'zh-tw';
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(t) ? t : '';
}

/** The language of an article's text as a locale: en, zh-cn, zh-tw, or 'und' (undetermined). */
export function detectLocale(text: string): string {
  const { language } = detectLanguage(text);
  return language === 'en' ? 'en' : language === 'zh-Hans' ? 'zh-cn' : language === 'zh-Hant' ? 'zh-tw' : 'und';
}

function isoDate(value: string): string {
  const v = value.trim();
  if (/^\d{9,13}$/.test(v)) {
    const n = Number(v);
    return new Date(n < 1e11 ? n * 1000 : n).toISOString();
  }
  // Date.parse reads "12" or "March" as dates; ask for a year-month-day start.
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return '';
  const ms = Date.parse(v.replace(' ', 'T'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function labelsOf(value: string | string[]): string[] {
  const all = (Array.isArray(value) ? value : value.split(/[,;|]/)).map((l) => l.trim()).filter(Boolean);
  return [...new Set(all)];
}

/** The page's heading usually repeats the title, which is shown apart. */
const withoutTitle = (body: string, title: string) => (body === title ? '' : body.startsWith(`${title}\n\n`) ? body.slice(title.length + 2) : body);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const plainText = (s: string) => s.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).filter(Boolean).join('\n')).filter(Boolean).join('\n\n');
const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');
const lineAt = (s: string, offset: number) => s.slice(0, offset).split('\n').length;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
const cleanPath = (p: string) => p.replace(/\\/g, '/').replace(/^(\.?\/)+/, '');
const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const slug = (s: string) => s.trim().toLowerCase().replace(/[\s:]+/g, '-') || 'files';

/** The folder all paths share ('kb' for kb/en/a.md and kb/zh/b.md), '' when they share none. */
function commonFolder(paths: string[]): string {
  const first = paths[0]?.split('/')[0] ?? '';
  return paths.length && paths.every((p) => p.includes('/') && p.split('/')[0] === first) ? first : '';
}
