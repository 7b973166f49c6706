/** An HTTP response as plain data that can cross the message channel: status, JSON body (null when not JSON), Retry-After. */
export interface HttpResult {
  status: number;
  json: unknown;
  retryAfter: string | null;
}

export async function httpResult(res: Response): Promise<HttpResult> {
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  return { status: res.status, json, retryAfter: res.headers.get('retry-after') };
}
