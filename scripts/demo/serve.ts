/**
 * Serves the demo helpdesk on the real-looking origins (acme.zendesk.com,
 * acme.lightning.force.com) by request routing inside the browser context, so
 * the extension's production match patterns apply and no localhost permission
 * ships.
 *
 * acme.zendesk.com also answers, like a real Zendesk, the Help Center API the
 * knowledge sync uses (knowledge/help-center.ts: locales, article lists, the
 * incremental export, single articles, and the /hc article pages its links
 * open) and the ticket endpoints gap flags are delivered to
 * (knowledge/ticket-api.ts). acme.lightning.force.com refuses the REST API
 * with 401 INVALID_SESSION_ID, as a Lightning domain does, so Salesforce
 * Knowledge shows the import path.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { createDemoHelpCenter, loadDemoArticles, type DemoAnswer } from './knowledge/help-center.ts';
import { createDemoTicketApi, type DemoDelivery } from './knowledge/ticket-api.ts';

export const DEMO_URLS = {
  zendeskEmail: 'https://acme.zendesk.com/agent/tickets/1001',
  zendeskMessaging: 'https://acme.zendesk.com/agent/tickets/1002',
  salesforceCase: 'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZabIAF/view',
};

/** scripted: the customer writes on a timer; manual: only when a test calls deskmateDemo.customerWrites. */
export type DemoPace = 'scripted' | 'manual';

const DEMO_DIR = resolve(import.meta.dirname);
const ROOT = resolve(DEMO_DIR, '../..');
const ASSETS: Record<string, string> = {
  zendesk: join(DEMO_DIR, 'zendesk'),
  salesforce: join(DEMO_DIR, 'salesforce'),
  ckeditor5: join(ROOT, 'node_modules/ckeditor5/dist/browser'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function asset(route: Route, pathname: string) {
  const [, , dir, ...rest] = pathname.split('/');
  const base = ASSETS[dir ?? ''];
  const file = base ? normalize(join(base, ...rest)) : '';
  if (!base || !file.startsWith(base)) return route.fulfill({ status: 404, body: 'not found' });
  try {
    return await route.fulfill({ status: 200, body: await readFile(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  } catch {
    return route.fulfill({ status: 404, body: 'not found' });
  }
}

async function page(route: Route, file: string, pace: DemoPace) {
  const html = await readFile(join(DEMO_DIR, file), 'utf8');
  const body = html.replace('<head>', `<head>\n<script>window.__DEMO_PACE__ = ${JSON.stringify(pace)};</script>`);
  return route.fulfill({ status: 200, body, contentType: TYPES['.html'] });
}

/**
 * The demo Zendesk's server-side state, shared by every browser context of
 * this process (like one real Zendesk): its Help Center, and every ticket or
 * note delivered to it (`zendeskDeliveries`, in order).
 */
export const demoHelpCenter = createDemoHelpCenter();
const ticketApi = createDemoTicketApi();
export const zendeskDeliveries: DemoDelivery[] = ticketApi.deliveries;

/** Back to the articles on disk and no deliveries (between tests). */
export function resetDemoZendesk(): void {
  demoHelpCenter.articles.splice(0, demoHelpCenter.articles.length, ...loadDemoArticles());
  zendeskDeliveries.length = 0;
}

function answer(route: Route, a: DemoAnswer) {
  if (a.html !== undefined) return route.fulfill({ status: a.status, body: a.html, contentType: TYPES['.html'], headers: a.headers });
  return route.fulfill({ status: a.status, body: JSON.stringify(a.json), contentType: 'application/json; charset=utf-8', headers: a.headers });
}

function zendeskApi(route: Route, url: URL) {
  const request = route.request();
  const method = request.method();
  const headers = Object.fromEntries(Object.entries(request.headers()).map(([k, v]) => [k.toLowerCase(), v]));
  const reply = method === 'GET' ? demoHelpCenter.answer(url) : ticketApi.answer(method, url, request.postData(), headers);
  return answer(route, reply ?? { status: 404, json: { error: 'InvalidEndpoint', description: 'Not found' } });
}

export async function routeDemoHelpdesk(context: BrowserContext, pace: DemoPace): Promise<void> {
  await context.route('https://acme.zendesk.com/**', (route) => {
    const url = new URL(route.request().url());
    const { pathname } = url;
    if (pathname.startsWith('/demo-assets/')) return asset(route, pathname);
    if (/^\/agent\/tickets\/\d+$/.test(pathname)) return page(route, 'zendesk/agent-workspace.html', pace);
    if (pathname.startsWith('/api/v2/')) return zendeskApi(route, url);
    const hc = pathname.startsWith('/hc') ? demoHelpCenter.answer(url) : null;
    if (hc) return answer(route, hc);
    return route.fulfill({ status: 404, body: 'not part of the demo' });
  });
  await context.route('https://acme.lightning.force.com/**', (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/demo-assets/')) return asset(route, pathname);
    if (pathname.startsWith('/lightning/')) return page(route, 'salesforce/service-console.html', pace);
    // A Lightning domain does not take the page's session for the REST API.
    if (pathname.startsWith('/services/')) {
      return answer(route, { status: 401, json: [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }] });
    }
    return route.fulfill({ status: 404, body: 'not part of the demo' });
  });
}
