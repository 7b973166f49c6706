/**
 * The demo Help Center of acme.zendesk.com, from the Markdown articles next
 * to this file: the Help Center API endpoints Deskmate's sync uses (shapes as
 * developer.zendesk.com documents them) and the article pages its links open.
 * Pure request → answer, so it is tested without a browser; ../serve.ts
 * routes the browser's requests here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markdownToHtml } from '../../../lib/knowledge/import.ts';

export const DEMO_HOST = 'acme.zendesk.com';
const ORIGIN = `https://${DEMO_HOST}`;
const DIR = resolve(import.meta.dirname);

export interface DemoArticle {
  id: number;
  locale: string;
  slug: string;
  title: string;
  section: string;
  labels: string[];
  /** HTML, as a Help Center stores it. */
  body: string;
  updatedAt: string;
  draft: boolean;
}

/** What a demo endpoint answers: JSON for the API, HTML for pages. */
export interface DemoAnswer {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** Reads `<locale>/<slug>.md` files: front matter (our own simple `key: value` lines) and a Markdown body. */
export function loadDemoArticles(dir = DIR): DemoArticle[] {
  const articles: DemoArticle[] = [];
  for (const locale of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.md')).sort()) {
      const text = readFileSync(join(dir, locale, file), 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`${locale}/${file}: no front matter`);
      const meta = Object.fromEntries(m[1]!.split('\n').map((l) => /^(\w+):\s*(.*)$/.exec(l)!).map(([, k, v]) => [k!, v!.replace(/^"(.*)"$/, '$1')]));
      articles.push({
        id: Number(meta.id),
        locale,
        slug: file.replace(/\.md$/, ''),
        title: meta.title!,
        section: meta.section!,
        labels: meta.labels!.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean),
        body: markdownToHtml(m[2]!),
        updatedAt: new Date(meta.updated!).toISOString().replace('.000Z', 'Z'),
        draft: false,
      });
    }
  }
  return articles;
}

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const notFound: DemoAnswer = { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };

export interface DemoHelpCenter {
  articles: DemoArticle[];
  locales: string[];
  /** Answers a Help Center API GET or an /hc page; null when the path is not the Help Center's. */
  answer(url: URL): DemoAnswer | null;
  /** Changes an article as an editor would (updated_at moves to `at`), to show an incremental sync. */
  edit(id: number, locale: string, change: Partial<Pick<DemoArticle, 'title' | 'body' | 'draft' | 'labels'>>, at?: Date): void;
}

export function createDemoHelpCenter(articles = loadDemoArticles(), options: { incrementalPageSize?: number } = {}): DemoHelpCenter {
  const locales = [...new Set(articles.map((a) => a.locale))].sort((a, b) => (a === 'en-us' ? -1 : b === 'en-us' ? 1 : a.localeCompare(b)));
  const pageSize = options.incrementalPageSize ?? 1_000;
  const htmlUrl = (a: DemoArticle) => `${ORIGIN}/hc/${a.locale}/articles/${a.id}-${a.slug}`;
  const sectionId = (name: string) => 360010000000 + [...new Set(articles.filter((a) => a.locale === 'en-us').map((a) => a.section))].indexOf(name);
  const shape = (a: DemoArticle) => ({
    id: a.id,
    url: `${ORIGIN}/api/v2/help_center/${a.locale}/articles/${a.id}.json`,
    html_url: htmlUrl(a),
    author_id: 361000000009,
    comments_disabled: true,
    draft: a.draft,
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    section_id: sectionId(articles.find((x) => x.id === a.id && x.locale === 'en-us')?.section ?? a.section),
    created_at: '2026-01-15T09:00:00Z',
    updated_at: a.updatedAt,
    edited_at: a.updatedAt,
    name: a.title,
    title: a.title,
    source_locale: 'en-us',
    locale: a.locale,
    outdated: false,
    outdated_locales: [],
    permission_group_id: 361000000001,
    user_segment_id: null,
    label_names: a.labels,
    body: a.body,
  });

  function list(url: URL, locale: string): DemoAnswer {
    if (!locales.includes(locale)) return notFound;
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    // Agents see drafts in lists too, flagged `draft: true`.
    const mine = articles.filter((a) => a.locale === locale).sort((a, b) => a.id - b.id);
    const pageCount = Math.max(1, Math.ceil(mine.length / perPage));
    const at = (p: number) => `${ORIGIN}/api/v2/help_center/${locale}/articles.json?page=${p}&per_page=${perPage}`;
    return {
      status: 200,
      json: {
        articles: mine.slice((page - 1) * perPage, page * perPage).map(shape),
        page,
        per_page: perPage,
        page_count: pageCount,
        count: mine.length,
        next_page: page < pageCount ? at(page + 1) : null,
        previous_page: page > 1 ? at(page - 1) : null,
        sort_by: 'position',
        sort_order: 'asc',
      },
    };
  }

  function incremental(url: URL): DemoAnswer {
    const raw = url.searchParams.get('start_time');
    if (raw === null || !/^\d+$/.test(raw)) return { status: 400, json: { error: 'InvalidValue', description: 'start_time is required and must be an epoch time in seconds' } };
    const start = Number(raw);
    const changed = articles.filter((a) => epoch(a.updatedAt) >= start).sort((a, b) => epoch(a.updatedAt) - epoch(b.updatedAt) || a.id - b.id);
    const page = changed.slice(0, pageSize);
    const end = page.length ? epoch(page[page.length - 1]!.updatedAt) : start;
    const more = changed.length > page.length;
    // As documented: next_page carries the next start_time, which is this page's end_time.
    return {
      status: 200,
      json: { articles: page.map(shape), count: changed.length, end_time: end, next_page: more ? `${ORIGIN}/api/v2/help_center/incremental/articles.json?start_time=${end}` : null },
    };
  }

  function show(locale: string, id: number): DemoAnswer {
    const a = articles.find((x) => x.id === id && x.locale === locale);
    return a ? { status: 200, json: { article: shape(a) } } : notFound;
  }

  function page(url: URL): DemoAnswer | null {
    const m = /^\/hc(?:\/([a-z]{2}-[a-z]{2}))?(?:\/articles\/(\d+)(?:-[\w-]*)?)?\/?$/.exec(url.pathname);
    if (!m) return null;
    const locale = m[1] ?? 'en-us';
    if (!locales.includes(locale)) return { status: 404, html: pageHtml('en-us', 'Page not found', '<p>This page does not exist.</p>') };
    if (m[2]) {
      const a = articles.find((x) => x.id === Number(m[2]) && x.locale === locale && !x.draft);
      if (!a) return { status: 404, html: pageHtml(locale, 'Page not found', '<p>This article does not exist in this language.</p>') };
      const others = articles.filter((x) => x.id === a.id && x.locale !== locale && !x.draft).map((x) => `<a href="/hc/${x.locale}/articles/${x.id}-${x.slug}" hreflang="${x.locale}">${x.locale}</a>`);
      return { status: 200, html: pageHtml(locale, a.title, `<p class="section">${escape(a.section)}</p><h1>${escape(a.title)}</h1><article>${a.body}</article><p class="meta">Updated ${a.updatedAt.slice(0, 10)}${others.length ? ` · ${others.join(' · ')}` : ''}</p>`) };
    }
    const sections = new Map<string, DemoArticle[]>();
    for (const a of articles.filter((x) => x.locale === locale && !x.draft)) sections.set(a.section, [...(sections.get(a.section) ?? []), a]);
    const body = [...sections].map(([name, list]) => `<h2>${escape(name)}</h2><ul>${list.map((a) => `<li><a href="/hc/${locale}/articles/${a.id}-${a.slug}">${escape(a.title)}</a></li>`).join('')}</ul>`).join('');
    return { status: 200, html: pageHtml(locale, 'Acme Help Center', `<h1>Acme Help Center</h1>${body}`) };
  }

  return {
    articles,
    locales,
    answer(url) {
      const p = url.pathname.replace(/\.json$/, '');
      if (p.startsWith('/hc')) return page(url);
      if (p === '/api/v2/help_center/locales') return { status: 200, json: { locales, default_locale: 'en-us' } };
      if (p === '/api/v2/help_center/incremental/articles') return incremental(url);
      let m = /^\/api\/v2\/help_center(?:\/([a-z]{2}-[a-z]{2}))?\/articles$/.exec(p);
      if (m) return list(url, m[1] ?? 'en-us');
      m = /^\/api\/v2\/help_center(?:\/([a-z]{2}-[a-z]{2}))?\/articles\/(\d+)$/.exec(p);
      if (m) return show(m[1] ?? 'en-us', Number(m[2]));
      return p.startsWith('/api/v2/help_center') ? { status: 404, json: { error: 'InvalidEndpoint', description: 'Not found' } } : null;
    },
    edit(id, locale, change, at = new Date()) {
      const a = articles.find((x) => x.id === id && x.locale === locale);
      if (!a) throw new Error(`no demo article ${id} in ${locale}`);
      Object.assign(a, change, { updatedAt: at.toISOString().replace(/\.\d{3}Z$/, 'Z') });
    },
  };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pageHtml(locale: string, title: string, main: string): string {
  const lang = locale === 'zh-cn' ? 'zh-Hans' : locale === 'zh-tw' ? 'zh-Hant' : 'en';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)} – Acme Help Center</title>
<style>body{font:16px/1.6 -apple-system,"Segoe UI",Arial,"Noto Sans SC","Noto Sans TC",sans-serif;max-width:760px;margin:0 auto;padding:24px;color:#1f2933}
header{border-bottom:1px solid #e4e7eb;margin-bottom:24px;padding-bottom:12px}header a{color:#1f73b7;text-decoration:none;font-weight:600}
table{border-collapse:collapse}td{border:1px solid #d9dee3;padding:4px 10px}.section,.meta{color:#616e7c;font-size:14px}</style></head>
<body><header><a href="/hc/${locale}">Acme Help Center</a></header><main>${main}</main></body></html>`;
}
