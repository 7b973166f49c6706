/**
 * The reference side of `llm_ttft_overhead_p95_ms`: time to first token of a direct `openai` SDK
 * streaming call to the same server the extension talks to. The bench measures the extension's
 * time (request in the side panel -> first token shown) in the same run and subtracts this.
 *
 *   tsx scripts/bench-llm.ts [--rounds 30] [--ttft 200]   (starts the mock itself and prints figures)
 */
import OpenAI from 'openai';
import { pathToFileURL } from 'node:url';
import { startMockLlm } from '../tests/mock-llm/server.ts';

/** Milliseconds from sending the request to the first text chunk, for `n` sequential streamed calls. */
export async function directTtftMs(url: string, n: number, model = 'mock-chat'): Promise<number[]> {
  const sdk = new OpenAI({ baseURL: url, apiKey: 'bench', maxRetries: 0 });
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const stream = await sdk.chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'Task: draft\nReply language: en (English).' }],
    });
    let first: number | undefined;
    for await (const chunk of stream) {
      if (first === undefined && chunk.choices[0]?.delta?.content) first = performance.now() - t0;
    }
    if (first !== undefined) samples.push(first);
  }
  return samples;
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const ttft = arg('ttft', 200);
  const mock = await startMockLlm({ ttftMs: ttft, tokenDelayMs: 5 });
  try {
    await directTtftMs(mock.url, 2); // warm the connection pool
    const samples = await directTtftMs(mock.url, arg('rounds', 30));
    const round = (x: number) => Math.round(x * 100) / 100;
    console.log(`direct SDK time to first token against the mock (fixed first-token delay ${ttft} ms), ${samples.length} calls\n`);
    console.log(`llm_direct_ttft_p50_ms=${round(quantile(samples, 0.5))} ms`);
    console.log(`llm_direct_ttft_p95_ms=${round(quantile(samples, 0.95))} ms`);
  } finally {
    await mock.close();
  }
}
