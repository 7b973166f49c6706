/**
 * Everything that can go wrong with a model call, as one code the UI translates
 * (`faultMessage`), a status when there was one, and a technical detail in
 * English for the diagnostics line. A detail never carries the API key or a
 * header value: server messages quote keys back ("Incorrect API key provided:
 * sk-…"), so every detail goes through `scrub`.
 *
 * No SDK here: the panel imports these codes and keys. Classifying the SDK's errors is
 * sdk-faults.ts, in the background only.
 */
import type { MessageKey } from '../i18n';
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

// ---------------------------------------------------------------- UI text

/** The panel's message for each fault (public/_locales, `fault_<code>`; checked against en by the type). */
export const LLM_FAULT_KEYS = {
  unauthorized: 'fault_unauthorized',
  forbidden: 'fault_forbidden',
  origin_refused: 'fault_origin_refused',
  model_not_found: 'fault_model_not_found',
  rate_limited: 'fault_rate_limited',
  server: 'fault_server',
  timeout: 'fault_timeout',
  unreachable: 'fault_unreachable',
  cut: 'fault_cut',
  invalid_json: 'fault_invalid_json',
  bad_request: 'fault_bad_request',
  cancelled: 'fault_cancelled',
} as const satisfies Record<LlmFaultCode, MessageKey>;
export type LlmFaultKey = (typeof LLM_FAULT_KEYS)[LlmFaultCode];

export interface FaultMessage {
  key: LlmFaultKey;
  /** What to do about it at this provider (an `llm_hint_*` key), when there is something specific. */
  hint: LlmHintKey | null;
}

/** The message key for a fault and, for the provider, the hint that explains it there. */
export function faultMessage(f: Pick<LlmFault, 'code' | 'status'>, provider: LlmProvider): FaultMessage {
  let hint = presetFor(provider).hints[f.code] ?? null;
  // DeepSeek's 402 is an empty balance; its other refusals are not.
  if (hint === 'llm_hint_deepseek_balance' && f.status !== 402) hint = null;
  return { key: LLM_FAULT_KEYS[f.code], hint };
}
