/**
 * The `openai` SDK's errors as LlmFaults (background only: this imports the SDK).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { fault, retryAfterMs, type FaultContext, type LlmFault } from './faults';

const isExtensionOrigin = (o: string | undefined) => !!o && /^(chrome|moz|safari-web)-extension:\/\//i.test(o);

/** The chain of causes as one line ("fetch failed: getaddrinfo ENOTFOUND llm.example"). */
function causeChain(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const msg = (e as { message?: unknown }).message;
    const code = (e as { code?: unknown }).code;
    if (typeof msg === 'string' && msg && !parts.includes(msg)) parts.push(typeof code === 'string' && !msg.includes(code) ? `${msg} (${code})` : msg);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(': ') || String(err);
}

/** A 404 that names a model (OpenAI's model_not_found, Ollama's `model "x" not found`). */
const MODEL_404_RE = /model|deployment/i;

/**
 * Classifies an SDK error. The caller checks its own timers and signal first: an abort it caused
 * reaches here only as a generic abort.
 */
export function toFault(err: unknown, ctx: FaultContext): LlmFault {
  if (err instanceof APIConnectionTimeoutError) return fault('timeout', 'the endpoint did not answer in time', ctx);
  if (err instanceof APIUserAbortError) return fault('cancelled', 'cancelled', ctx);
  if (err instanceof APIConnectionError) {
    // fetch's TypeError covers DNS, refused connections, TLS and CORS alike; the cause says which.
    return fault('unreachable', causeChain(err.cause ?? err), ctx);
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const detail = err.message;
    if (status === 401) return fault('unauthorized', detail, ctx, { status });
    if (status === 403 || status === 402) {
      // Ollama answers an Origin it doesn't allow with an empty 403 (no JSON, no text).
      const empty = /\(no body\)/.test(detail);
      if (status === 403 && empty && (ctx.provider === 'ollama' || isExtensionOrigin(ctx.origin))) {
        return fault('origin_refused', `403 with an empty body from origin ${ctx.origin ?? '(the extension)'}`, ctx, { status });
      }
      return fault('forbidden', detail, ctx, { status });
    }
    if (status === 404) {
      return fault('model_not_found', MODEL_404_RE.test(detail) ? detail : `${detail} (no such path: check the base URL ends in /v1)`, ctx, { status });
    }
    if (status === 408) return fault('timeout', detail, ctx, { status });
    if (status === 429) return fault('rate_limited', detail, ctx, { status, retryAfterMs: retryAfterMs(err.headers) });
    if (status >= 500) return fault('server', detail, ctx, { status });
    return fault('bad_request', detail, ctx, { status });
  }
  // An error event inside a stream that had already started: the server's fault.
  if (err instanceof APIError) return fault('server', err.message, ctx);
  if (err instanceof Error && err.name === 'AbortError') return fault('cancelled', 'cancelled', ctx);
  // A body cut mid-stream surfaces from the reader as a TypeError ("terminated") or similar.
  return fault('cut', causeChain(err), ctx);
}
