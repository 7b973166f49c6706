import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * A saved helpdesk page (path relative to the repository) in a fresh happy-dom
 * window at `url`. Scripts are not run: this is the page as an adapter first sees it.
 */
export function loadPage(file: string, url: string): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  window.document.write(readFileSync(resolve(ROOT, file), 'utf8'));
  return window.document as unknown as Document;
}
