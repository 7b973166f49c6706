/**
 * The model client the background service worker uses: the `openai` SDK against any
 * OpenAI-compatible endpoint, with our own retries and timeouts (retry.ts), every
 * failure as an LlmFault (faults.ts), and nothing thrown at the caller.
 *
 * Cancellation is the caller's AbortSignal: one controller per ticket and request kind,
 * aborted when a newer request starts or the agent switches tickets. A cancelled call
 * reports `cancelled` (and keeps any partial text), never a timeout.
 */
import OpenAI from 'openai';
import type { z } from 'zod';
import type { Settings } from '../settings/catalogue';
import { fault, type FaultContext, type LlmFault } from './faults';
import { toFault } from './sdk-faults';
import { completeJsonWith, type JsonResult } from './json';
import { azureApiVersion, presetFor, type LlmProvider, type ProviderPreset } from './presets';
import { Attempt, DEFAULT_RETRY, DEFAULT_TIMEOUTS, retryDelay, sleep, type RetryPolicy, type Timeouts } from './retry';
import type { ChatMessage } from './prompts';

export interface ModelConfig {
  provider: LlmProvider;
  /** '' uses the preset's default. */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** Extra headers for a company proxy. */
  headers?: Record<string, string>;
  embeddingsModel?: string;
  /** Tests and the bench pass their own; the service worker uses the global fetch. */
  fetch?: typeof fetch;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** The Origin the endpoint sees; defaults to this context's (chrome-extension://… in the worker). */
  origin?: string;
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; fault: LlmFault };

export type ConnectionReport =
  | { ok: true; models: string[]; /** null when no model is configured yet. */ modelFound: boolean | null }
  | { ok: false; fault: LlmFault };

export interface ChatRequest {
  messages: ChatMessage[];
  signal?: AbortSignal;
  temperature?: number;
  maxTokens?: number;
}

export interface StreamRequest extends ChatRequest {
  /** Each piece of text as it arrives. */
  onDelta?: (delta: string) => void;
}

export interface StreamResult {
  /** Everything that arrived, also when the stream failed halfway. */
  text: string;
  /** True only when the model said it was done (a finish_reason arrived). */
  complete: boolean;
  finishReason?: string;
  fault?: LlmFault;
  attempts: number;
  /** Request start (of the attempt that streamed) to the first text. */
  ttftMs?: number;
}

export interface ModelClient {
  readonly config: Readonly<ModelConfig>;
  readonly preset: ProviderPreset;
  listModels(signal?: AbortSignal): Promise<Outcome<{ models: string[] }>>;
  testConnection(signal?: AbortSignal): Promise<ConnectionReport>;
  streamChat(request: StreamRequest): Promise<StreamResult>;
  completeJson<S extends z.ZodType>(schema: S, request: ChatRequest & { name: string }): Promise<JsonResult<z.infer<S>>>;
  embed(texts: string[], signal?: AbortSignal): Promise<Outcome<{ vectors: number[][] }>>;
}

/**
 * The endpoint from settings, or null when none is configured (Deskmate then works without a model).
 * `requireModel: false` is for "test connection" in the options, which lists the models to pick from.
 */
export function modelConfigFromSettings(
  s: Pick<Settings, 'llmProvider' | 'llmBaseUrl' | 'llmModel' | 'llmApiKey' | 'llmHeaders' | 'embeddingsModel'>,
  { requireModel = true } = {},
): ModelConfig | null {
  const baseUrl = s.llmBaseUrl || presetFor(s.llmProvider).baseUrl;
  if (!baseUrl || (requireModel && !s.llmModel)) return null;
  return { provider: s.llmProvider, baseUrl, model: s.llmModel, apiKey: s.llmApiKey, headers: s.llmHeaders, embeddingsModel: s.embeddingsModel };
}

const SECRET_HEADER_RE = /auth|key|token|secret|cookie|signature|session/i;

export function createModelClient(config: ModelConfig): ModelClient {
  const preset = presetFor(config.provider);
  const baseURL = (config.baseUrl || preset.baseUrl).replace(/\/+$/, '');
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const extra = config.headers ?? {};
  const ctx: FaultContext = {
    provider: config.provider,
    secrets: [config.apiKey, ...Object.entries(extra).filter(([k]) => SECRET_HEADER_RE.test(k)).map(([, v]) => v)],
    origin: config.origin ?? Object.entries(extra).find(([k]) => k.toLowerCase() === 'origin')?.[1] ?? globalThis.location?.origin,
  };

  // A null header is omitted: no key means no Authorization header at all (Ollama, vLLM, LM Studio),
  // and Azure's key goes in api-key instead. The SDK insists on some apiKey, hence the placeholder.
  const headers: Record<string, string | null> = {};
  if (preset.auth === 'api-key') Object.assign(headers, { 'api-key': config.apiKey || null, Authorization: null });
  else if (!config.apiKey) headers.Authorization = null;
  Object.assign(headers, extra);
  const apiVersion = azureApiVersion(baseURL, preset);
  const sdk = new OpenAI({
    apiKey: config.apiKey || 'no-key',
    organization: null,
    project: null,
    baseURL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout: Math.max(timeouts.requestMs, timeouts.firstTokenMs) + 5_000,
    fetch: config.fetch,
    defaultHeaders: headers,
    defaultQuery: apiVersion ? { 'api-version': apiVersion } : undefined,
    logLevel: 'off',
  });

  /** A non-streamed call with the request timeout and the retry policy. */
  async function request<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<Outcome<{ value: T }>> {
    for (let attempt = 0; ; attempt++) {
      const a = new Attempt(signal);
      a.arm(timeouts.requestMs);
      let f: LlmFault;
      try {
        return { ok: true, value: await run(a.signal) };
      } catch (err) {
        f = a.timedOut ? fault('timeout', `no answer within ${timeouts.requestMs} ms`, ctx) : a.cancelled ? fault('cancelled', 'cancelled', ctx) : toFault(err, ctx);
      } finally {
        a.dispose();
      }
      const wait = retryDelay(f, attempt, policy);
      if (wait === null) return { ok: false, fault: f };
      if (!(await sleep(wait, signal))) return { ok: false, fault: fault('cancelled', 'cancelled while waiting to retry', ctx) };
    }
  }

  const opts = (signal: AbortSignal) => ({ signal, maxRetries: 0 });
  const params = (r: ChatRequest) => ({
    model: config.model,
    messages: r.messages,
    ...(r.temperature === undefined ? {} : { temperature: r.temperature }),
    ...(r.maxTokens === undefined ? {} : { max_tokens: r.maxTokens }),
  });

  async function listModels(signal?: AbortSignal): Promise<Outcome<{ models: string[] }>> {
    const r = await request(signal, async (s) => (await sdk.models.list(opts(s))).data.map((m) => m.id));
    return r.ok ? { ok: true, models: [...r.value].sort() } : r;
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    if (preset.keyRequired && !config.apiKey) return { ok: false, fault: fault('unauthorized', `no API key set; ${preset.label} needs one`, ctx) };
    const listed = await listModels(signal);
    // Some proxies have no /models; the probe below still tells whether key and model work.
    if (!listed.ok && listed.fault.code !== 'model_not_found') return listed;
    const models = listed.ok ? listed.models : [];
    if (!config.model) return { ok: true, models, modelFound: null };
    if (models.includes(config.model)) return { ok: true, models, modelFound: true };
    // Not listed (Azure lists models, not deployment names): ask the model itself, briefly.
    const probe = await request(signal, (s) =>
      sdk.chat.completions.create({ model: config.model, messages: [{ role: 'user', content: 'Reply with the word OK.' }] }, opts(s)),
    );
    return probe.ok ? { ok: true, models, modelFound: true } : probe;
  }

  async function streamChat(r: StreamRequest): Promise<StreamResult> {
    let text = '';
    for (let attempt = 0; ; attempt++) {
      const a = new Attempt(r.signal);
      const started = performance.now();
      let ttftMs: number | undefined;
      let finishReason: string | undefined;
      let f: LlmFault | undefined;
      a.arm(timeouts.firstTokenMs);
      try {
        const stream = await sdk.chat.completions.create({ ...params(r), stream: true }, opts(a.signal));
        for await (const chunk of stream) {
          a.arm(timeouts.idleMs);
          const choice = chunk.choices[0];
          const delta = choice?.delta?.content;
          if (delta) {
            ttftMs ??= performance.now() - started;
            text += delta;
            r.onDelta?.(delta);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
        }
      } catch (err) {
        f = toFault(err, ctx);
      } finally {
        a.dispose();
      }
      // The SDK ends a stream quietly when it is aborted: our flags say why.
      if (a.timedOut) f = fault('timeout', text ? `no text for ${timeouts.idleMs} ms` : `no first token within ${timeouts.firstTokenMs} ms`, ctx);
      else if (a.cancelled) f = fault('cancelled', 'cancelled', ctx);
      else if (!f && !finishReason) f = fault('cut', 'the stream ended before the model finished', ctx);
      else if (f && text && f.code === 'unreachable') f = { ...f, code: 'cut' };
      if (!f) return { text, complete: true, finishReason, attempts: attempt + 1, ttftMs };
      const wait = text ? null : retryDelay(f, attempt, policy);
      if (wait === null) return { text, complete: false, finishReason, fault: f, attempts: attempt + 1, ttftMs };
      if (!(await sleep(wait, r.signal))) return { text, complete: false, fault: fault('cancelled', 'cancelled while waiting to retry', ctx), attempts: attempt + 1 };
    }
  }

  async function completeText(r: ChatRequest & { responseFormat?: object }): Promise<Outcome<{ text: string }>> {
    const out = await request(r.signal, (s) =>
      sdk.chat.completions.create(
        { ...params(r), ...(r.responseFormat ? { response_format: r.responseFormat as { type: 'json_object' } } : {}) },
        opts(s),
      ),
    );
    return out.ok ? { ok: true, text: out.value.choices[0]?.message?.content ?? '' } : out;
  }

  const json = completeJsonWith(completeText, preset.structuredOutput, ctx);

  async function embed(texts: string[], signal?: AbortSignal): Promise<Outcome<{ vectors: number[][] }>> {
    const model = config.embeddingsModel || config.model;
    const vectors: number[][] = [];
    // Providers cap the inputs per request (OpenAI 2048, DashScope 10); 10 fits all of them.
    for (let i = 0; i < texts.length; i += 10) {
      const batch = texts.slice(i, i + 10);
      const r = await request(signal, (s) => sdk.embeddings.create({ model, input: batch, encoding_format: 'float' }, opts(s)));
      if (!r.ok) return r;
      const sorted = [...r.value.data].sort((x, y) => x.index - y.index);
      vectors.push(...sorted.map((d) => d.embedding as number[]));
    }
    return { ok: true, vectors };
  }

  return { config, preset, listModels, testConnection, streamChat, completeJson: json, embed };
}
