/**
 * Helpdesk API calls made from the helpdesk page itself, so they carry the
 * agent's own session (same origin, the helpdesk's cookies) and need no token
 * in Deskmate. Only the paths the protocol allows; writes carry the page's
 * CSRF token as the helpdesk's own front end does.
 */
import { HELPDESK_API_PATH, type ContentPayload, type HelpdeskFetchResult } from '../messaging';
import { httpResult } from '../http-result';

const TIMEOUT_MS = 30_000;

async function csrfToken(doc: Document, origin: string, fetcher: typeof fetch): Promise<string | null> {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  if (meta) return meta;
  // Zendesk gives the session's token with the current user.
  try {
    const res = await fetcher(new URL('/api/v2/users/me.json', origin), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const json = (await res.json()) as { user?: { authenticity_token?: unknown } };
    return typeof json.user?.authenticity_token === 'string' ? json.user.authenticity_token : null;
  } catch {
    return null;
  }
}

export async function helpdeskFetch(
  request: ContentPayload<'helpdesk.fetch'>,
  env: { doc: Document; origin: string; fetch?: typeof fetch },
): Promise<HelpdeskFetchResult> {
  const fetcher = env.fetch ?? fetch.bind(globalThis);
  if (!HELPDESK_API_PATH.test(request.path)) throw new Error('path not allowed');
  const url = new URL(request.path, env.origin);
  if (url.origin !== env.origin) throw new Error('path not allowed');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    const token = await csrfToken(env.doc, env.origin, fetcher);
    if (token) headers['X-CSRF-Token'] = token;
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  }
  const res = await fetcher(url, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    credentials: 'same-origin',
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return httpResult(res);
}
