/**
 * npm run eval -- read PAGE.html [--site zendesk|salesforce] [--url URL]
 *
 * Loads a saved helpdesk page in headless Chromium (its scripts off; shadow
 * roots saved as declarative shadow DOM are attached by the parser), detects
 * the site from its structure, runs the adapter code and prints the active
 * ticket's conversation as JSON. Support engineers use it to see why a page
 * stopped working.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { PageReadResult } from '../../lib/adapters/read-page.ts';
import { SITES, type Site } from '../../lib/types.ts';
import { findChromium } from '../lib/chromium.ts';
import { adapterBundle } from '../lib/page-bundle.ts';

export async function readSavedPage(file: string, options: { site?: Site; url: string }): Promise<PageReadResult> {
  const html = await readFile(file);
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // The saved page is served at its URL; nothing else it asks for is fetched.
    await context.route('**/*', (route) =>
      route.request().url() === options.url ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(options.url);
    // The page's own scripts are off, so the adapters are evaluated through the debugger protocol, not a <script>.
    const call = `${await adapterBundle()}\nDeskmateRead.readPage(document, ${JSON.stringify(options.site)});`;
    return (await page.evaluate(call)) as PageReadResult;
  } finally {
    await browser.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, url: { type: 'string', default: 'https://saved-page.invalid/' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npm run eval -- read PAGE.html [--site zendesk|salesforce] [--url URL]');
    return 2;
  }
  if (values.site && !SITES.includes(values.site as Site)) {
    console.error(`unknown site ${values.site}; known: ${SITES.join(', ')}`);
    return 2;
  }
  const result = await readSavedPage(file, { site: values.site as Site | undefined, url: values.url! });
  if (!result.ok) {
    console.error(JSON.stringify(result));
    return 1;
  }
  console.log(JSON.stringify(result.reading, null, 2));
  return 0;
}
