/**
 * Serves the demo helpdesk on the real-looking origins (acme.zendesk.com,
 * acme.lightning.force.com) by request routing inside the browser context, so
 * the extension's production match patterns apply and no localhost permission
 * ships.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

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

export async function routeDemoHelpdesk(context: BrowserContext, pace: DemoPace): Promise<void> {
  await context.route('https://acme.zendesk.com/**', (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/demo-assets/')) return asset(route, pathname);
    if (/^\/agent\/tickets\/\d+$/.test(pathname)) return page(route, 'zendesk/agent-workspace.html', pace);
    return route.fulfill({ status: 404, body: 'not part of the demo' });
  });
  await context.route('https://acme.lightning.force.com/**', (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/demo-assets/')) return asset(route, pathname);
    if (pathname.startsWith('/lightning/')) return page(route, 'salesforce/service-console.html', pace);
    return route.fulfill({ status: 404, body: 'not part of the demo' });
  });
}
