import { describe, expect, it, vi } from 'vitest';
import { helpdeskFetch } from '../../lib/content/helpdesk-fetch';

function fakeFetch(routes: Record<string, () => Response>) {
  return vi.fn(async (input: URL | RequestInfo, _init?: RequestInit) => {
    const url = new URL(String(input));
    const route = routes[url.pathname];
    return route ? route() : new Response('{"error":"not found"}', { status: 404 });
  });
}

const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });

describe('helpdesk API calls from the page (the agent session)', () => {
  const origin = 'https://acme.zendesk.com';

  it('reads a Help Center page same-origin with the session cookies and reports status, JSON and Retry-After', async () => {
    const fetch = fakeFetch({ '/api/v2/help_center/locales.json': () => json({ locales: ['en-us'] }, { status: 429, headers: { 'Retry-After': '7' } }) });
    const result = await helpdeskFetch({ method: 'GET', path: '/api/v2/help_center/locales.json' }, { doc: document, origin, fetch });
    expect(result).toEqual({ status: 429, json: { locales: ['en-us'] }, retryAfter: '7' });
    const init = fetch.mock.calls[0]![1]!;
    expect(String(fetch.mock.calls[0]![0])).toBe(`${origin}/api/v2/help_center/locales.json`);
    expect(init.credentials).toBe('same-origin');
    expect(init.redirect).toBe('error');
  });

  it("sends a write with the session's CSRF token from the current user, as JSON", async () => {
    const fetch = fakeFetch({
      '/api/v2/users/me.json': () => json({ user: { id: 1, authenticity_token: 'tok-123' } }),
      '/api/v2/tickets.json': () => json({ ticket: { id: 77 } }, { status: 201 }),
    });
    const result = await helpdeskFetch({ method: 'POST', path: '/api/v2/tickets.json', body: { ticket: { subject: 'Gap' } } }, { doc: document, origin, fetch });
    expect(result.status).toBe(201);
    const post = fetch.mock.calls.find((c) => String(c[0]).endsWith('/tickets.json'))![1]!;
    expect((post.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123');
    expect(JSON.parse(String(post.body))).toEqual({ ticket: { subject: 'Gap' } });
  });

  it('refuses a path outside the allowed API, before any request', async () => {
    const fetch = fakeFetch({});
    await expect(helpdeskFetch({ method: 'GET', path: '/api/v2/users/1/password.json' }, { doc: document, origin, fetch })).rejects.toThrow('not allowed');
    await expect(helpdeskFetch({ method: 'GET', path: '/api/v2/help_center/../../users.json' }, { doc: document, origin, fetch })).rejects.toThrow('not allowed');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('gives null JSON for a body that is not JSON (an HTML error page)', async () => {
    const fetch = fakeFetch({ '/api/v2/help_center/articles.json': () => new Response('<html>Maintenance</html>', { status: 503 }) });
    const result = await helpdeskFetch({ method: 'GET', path: '/api/v2/help_center/articles.json' }, { doc: document, origin, fetch });
    expect(result).toEqual({ status: 503, json: null, retryAfter: null });
  });
});
