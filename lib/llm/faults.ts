/**
 * Everything that can go wrong with a model call, as one code the UI translates
 * (`faultMessage`), a status when there was one, and a technical detail in
 * English for the diagnostics line. A detail never carries the API key or a
 * header value: server messages quote keys back ("Incorrect API key provided:
 * sk-…"), so every detail goes through `scrub`.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { presetFor, type LlmHintKey, type LlmProvider } from './presets';

export const LLM_FAULT_CODES = [
  'unauthorized',
  'forbidden',
  'origin_refused',
  'model_not_found',
  'rate_limited',
  'server',
  'timeout',
  'unreachable',
  'cut',
  'invalid_json',
  'bad_request',
  'cancelled',
] as const;
export type LlmFaultCode = (typeof LLM_FAULT_CODES)[number];

export interface LlmFault {
  code: LlmFaultCode;
  status?: number;
  /** For rate_limited: how long the server asked us to wait. */
  retryAfterMs?: number;
  /** Technical, English, scrubbed of secrets; for diagnostics, not the main message. */
  detail: string;
}

/** What the caller of a failed call knows about it, to classify and scrub. */
export interface FaultContext {
  provider: LlmProvider;
  /** The API key and header values: never echoed in a detail. */
  secrets: readonly string[];
  /** The Origin the endpoint sees (the extension's), when known. */
  origin?: string;
}

const MAX_DETAIL = 300;

/** Removes secrets and anything shaped like a key or a bearer token from a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  out = out
    .replace(/\b(Bearer|Basic)\s+[^\s"',]+/gi, '$1 [redacted]')
    .replace(/\b(?:sk|pk|rk|key|api[-_]?key)[-_][A-Za-z0-9_\-*.]{6,}/gi, '[redacted]')
    .replace(/([?&](?:api[-_]?key|key|token|access_token)=)[^&\s]+/gi, '$1[redacted]');
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

export function fault(code: LlmFaultCode, detail: string, ctx: Pick<FaultContext, 'secrets'>, extra: Partial<LlmFault> = {}): LlmFault {
  return { ...extra, code, detail: scrub(detail, ctx.secrets) };
}

/** Retry-After as milliseconds: retry-after-ms, then seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const s = Number(raw);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

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

// ---------------------------------------------------------------- UI text

/** i18n keys for the fault messages (texts in the issue 6 report; the UI adds them to public/_locales). */
export const LLM_FAULT_KEYS = {
  unauthorized: 'llm_fault_unauthorized',
  forbidden: 'llm_fault_forbidden',
  origin_refused: 'llm_fault_origin_refused',
  model_not_found: 'llm_fault_model_not_found',
  rate_limited: 'llm_fault_rate_limited',
  server: 'llm_fault_server',
  timeout: 'llm_fault_timeout',
  unreachable: 'llm_fault_unreachable',
  cut: 'llm_fault_cut',
  invalid_json: 'llm_fault_invalid_json',
  bad_request: 'llm_fault_bad_request',
  cancelled: 'llm_fault_cancelled',
} as const satisfies Record<LlmFaultCode, string>;
export type LlmFaultKey = (typeof LLM_FAULT_KEYS)[LlmFaultCode];

export interface FaultMessage {
  key: LlmFaultKey;
  /** In the order of the message's placeholders. */
  substitutions: (string | number)[];
  hint: LlmHintKey | null;
}

/**
 * The message key and its substitutions for a fault, plus the provider's hint. Placeholders:
 * model_not_found $MODEL$, rate_limited $SECONDS$, server $STATUS$.
 */
export function faultMessage(f: LlmFault, provider: LlmProvider, model: string): FaultMessage {
  const key = LLM_FAULT_KEYS[f.code];
  const substitutions: (string | number)[] =
    f.code === 'model_not_found' ? [model] : f.code === 'rate_limited' ? [Math.max(1, Math.ceil((f.retryAfterMs ?? 10_000) / 1000))] : f.code === 'server' ? [f.status ?? 500] : [];
  const preset = presetFor(provider);
  let hint = preset.hints[f.code] ?? null;
  if (f.code === 'forbidden' && f.status !== 402 && hint === 'llm_hint_deepseek_balance') hint = null;
  return { key, substitutions, hint };
}
