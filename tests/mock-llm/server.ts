/**
 * A mock OpenAI-compatible endpoint for unit, end-to-end tests, the bench and the demo:
 * GET /v1/models, POST /v1/chat/completions (SSE with a fixed first-token delay and per-token
 * delay, or one JSON answer; response_format json_schema / json_object), POST /v1/embeddings,
 * CORS for the extension's chrome-extension:// origin, and every fault the client must explain.
 *
 *   tsx tests/mock-llm/server.ts --port 8799 [--ttft 300] [--token-delay 20]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { embedText, instanceOf, replyText, schemaInPrompt, tokenize } from './replies';

export type MockFault =
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  /** Ollama without OLLAMA_ORIGINS: an empty 403 for any request from an extension origin. */
  | { kind: 'origin' }
  | { kind: 'model_not_found' }
  /** `times` requests in a row (default 1), then success; so are server_error and invalid_json. */
  | { kind: 'rate_limit'; times?: number; retryAfterS?: number; retryAfterMs?: number }
  | { kind: 'server_error'; times?: number; status?: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Streams `afterTokens` tokens, then goes silent with the connection open. */
  | { kind: 'stall'; afterTokens: number }
  /** Streams `afterTokens` tokens, then drops the connection. */
  | { kind: 'cut'; afterTokens: number }
  /** Streams `afterTokens` tokens, then an error event (as OpenAI does when a stream fails server-side). */
  | { kind: 'stream_error'; afterTokens: number }
  /** Non-streamed chat answers are broken JSON, `times` times (default 1). */
  | { kind: 'invalid_json'; times?: number };

export interface MockOptions {
  port?: number;
  ttftMs?: number;
  tokenDelayMs?: number;
  /** false: refuse response_format json_schema with a 400, like a provider without it. */
  jsonSchema?: boolean;
  /** false: refuse json_object too. */
  jsonObject?: boolean;
  /** When set, requests must carry it (Bearer or api-key), else 401. */
  apiKey?: string;
  models?: string[];
}

export interface MockRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: any;
  status: number;
}

export interface MockLlm {
  /** Base URL for the SDK, ending in /v1. */
  url: string;
  close(): Promise<void>;
  setFault(fault: MockFault | null): void;
  configure(options: Partial<Omit<MockOptions, 'port'>>): void;
  /** Every request but CORS preflights, in order, with its answer's status. */
  requests: MockRequest[];
}

const EXTENSION_ORIGIN_RE = /^(chrome|moz)-extension:\/\//;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMockLlm(options: MockOptions = {}): Promise<MockLlm> {
  const opts: Required<Omit<MockOptions, 'port' | 'apiKey'>> & { apiKey?: string } = {
    ttftMs: 0,
    tokenDelayMs: 0,
    jsonSchema: true,
    jsonObject: true,
    models: ['mock-chat', 'mock-embed'],
    ...options,
  };
  let fault: MockFault | null = null;
  const requests: MockRequest[] = [];

  /** The fault for a request of this kind, if it applies; a counted one is used up one request at a time. */
  function consume(kind: 'stream' | 'chat' | 'other'): MockFault | null {
    const f = fault;
    if (!f) return null;
    if ((f.kind === 'cut' || f.kind === 'stall' || f.kind === 'stream_error') && kind !== 'stream') return null;
    if (f.kind === 'invalid_json' && kind !== 'chat') return null;
    if (f.kind === 'rate_limit' || f.kind === 'server_error' || f.kind === 'invalid_json') {
      const left = (f.times ?? 1) - 1;
      fault = left > 0 ? { ...f, times: left } : null;
    }
    return f;
  }

  function cors(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
    res.setHeader('Access-Control-Expose-Headers', 'retry-after, retry-after-ms, x-request-id');
    res.setHeader('Access-Control-Max-Age', '600');
  }

  function json(res: ServerResponse, log: MockRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    log.status = status;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
  const error = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

  async function stream(req: IncomingMessage, res: ServerResponse, log: MockRequest, body: any, f: MockFault | null) {
    log.status = 200;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    let gone = false;
    res.on('close', () => (gone = true));
    const id = `chatcmpl-mock-${requests.length}`;
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const tokens = tokenize(replyText(body));
    // Awaiting each write's flush: a cut must drop the connection after the tokens really left.
    const write = (s: string) => new Promise<void>((resolve) => res.write(s, () => resolve()));
    await sleep(opts.ttftMs);
    await write(chunk({ role: 'assistant', content: '' }));
    for (const [i, t] of tokens.entries()) {
      if (gone) return;
      if (f?.kind === 'cut' && i >= f.afterTokens) return void req.socket.destroy();
      if (f?.kind === 'stall' && i >= f.afterTokens) return;
      if (f?.kind === 'stream_error' && i >= f.afterTokens) {
        return void res.end(`data: ${JSON.stringify(error('The server is overloaded.', 'server_error'))}\n\n`);
      }
      if (i > 0) await sleep(opts.tokenDelayMs);
      await write(chunk({ content: t }));
    }
    if (gone) return;
    await write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  }

  function chat(req: IncomingMessage, res: ServerResponse, log: MockRequest, body: any, f: MockFault | null) {
    const format = body.response_format?.type as string | undefined;
    if ((format === 'json_schema' && !opts.jsonSchema) || (format === 'json_object' && !opts.jsonObject)) {
      return json(res, log, 400, error(`response_format.type '${format}' is not supported by this model`, 'invalid_request_error'));
    }
    if (body.stream) return void stream(req, res, log, body, f);
    let content: string;
    if (f?.kind === 'invalid_json') content = '{"scores": {"greeting": 5,';
    else if (format === 'json_schema') content = JSON.stringify(instanceOf(body.response_format.json_schema?.schema ?? {}));
    else {
      const schema = schemaInPrompt(body);
      if (format === 'json_object') content = JSON.stringify(schema ? instanceOf(schema) : { ok: true });
      else content = schema ? `Here it is:\n\`\`\`json\n${JSON.stringify(instanceOf(schema))}\n\`\`\`` : replyText(body);
    }
    json(res, log, 200, {
      id: `chatcmpl-mock-${requests.length}`,
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  }

  function embeddings(res: ServerResponse, log: MockRequest, body: any) {
    const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((t, index) => ({ object: 'embedding', index, embedding: embedText(String(t), body.dimensions ?? 64) }));
    json(res, log, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://mock');
    const origin = req.headers.origin ?? '';
    const refused = fault?.kind === 'origin' && EXTENSION_ORIGIN_RE.test(origin);
    if (refused) {
      // Ollama answers before CORS with an empty 403, preflight or not.
      if (req.method !== 'OPTIONS') requests.push({ method: req.method ?? '', path: url.pathname, query: url.search, headers: flat(req), body: null, status: 403 });
      res.writeHead(403).end();
      return;
    }
    cors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let raw = '';
    for await (const part of req) raw += part;
    const body = raw ? JSON.parse(raw) : null;
    const log: MockRequest = { method: req.method ?? '', path: url.pathname, query: url.search, headers: flat(req), body, status: 0 };
    requests.push(log);

    const key = req.headers.authorization?.replace(/^Bearer /, '') ?? req.headers['api-key'];
    // Echoes the key it got, as some providers do: the client must never pass it on.
    if (opts.apiKey && key !== opts.apiKey) return json(res, log, 401, error(`Incorrect API key provided: ${key ?? '(none)'}.`, 'invalid_request_error', 'invalid_api_key'));
    const f = consume(url.pathname !== '/v1/chat/completions' ? 'other' : body?.stream ? 'stream' : 'chat');
    switch (f?.kind) {
      case 'unauthorized':
        return json(res, log, 401, error('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      case 'forbidden':
        return json(res, log, 403, error('You are not allowed to use this model.', 'permission_error'));
      case 'rate_limit': {
        const headers: Record<string, string> = { 'retry-after': String(f.retryAfterS ?? 1) };
        if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
        return json(res, log, 429, error('Rate limit reached, please retry later.', 'requests', 'rate_limit_exceeded'), headers);
      }
      case 'server_error':
        return json(res, log, f.status ?? 500, error('The server had an error while processing your request.', 'server_error'));
      case 'hang':
        log.status = -1;
        return;
    }
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      return json(res, log, 200, { object: 'list', data: opts.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mock' })) });
    }
    if (req.method === 'POST' && (url.pathname === '/v1/chat/completions' || url.pathname === '/v1/embeddings')) {
      if (f?.kind === 'model_not_found' || !opts.models.includes(body?.model)) {
        return json(res, log, 404, error(`The model \`${body?.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));
      }
      return url.pathname === '/v1/embeddings' ? embeddings(res, log, body) : chat(req, res, log, body, f);
    }
    json(res, log, 404, error(`Unknown path ${url.pathname}`, 'invalid_request_error'));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify(error(String(err), 'server_error')));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setFault: (f) => void (fault = f),
    configure: (o) => void Object.assign(opts, o),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function flat(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const mock = await startMockLlm({ port: arg('port') ?? 8799, ttftMs: arg('ttft') ?? 300, tokenDelayMs: arg('token-delay') ?? 20 });
  console.log(`Mock OpenAI-compatible endpoint: ${mock.url} (models: mock-chat, mock-embed)`);
  process.on('SIGINT', () => void mock.close().then(() => process.exit(0)));
}
