/**
 * `llm_ttft_overhead_p95_ms`: time to the first draft token through the
 * extension (click "Draft a reply" in the side panel -> first text shown)
 * minus the same mock server's time to first token for a direct SDK call,
 * measured side by side, alternating, in one run with a fixed first-token
 * delay. The extension path includes the knowledge lookup, prompt building,
 * redaction, the assist port and the panel's render.
 */
import type { Page } from 'playwright-core';
import { startMockLlm } from '../tests/mock-llm/server.ts';
import { directTtftMs, quantile } from './bench-llm.ts';
import type { DemoSession } from './lib/demo-session.ts';
import { setModelEndpoint } from './lib/demo-model.ts';

export const MOCK_TTFT_MS = 100;

/** Click "Draft a reply" -> the first draft text in the panel (performance.now() in the panel), then wait for the end. */
function panelTtft(panel: Page): Promise<number> {
  return panel.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="assist-draft"]')!;
        let first: number | null = null;
        let t0 = 0;
        const text = () => document.querySelector('[data-testid="assist-result-draft"] [data-testid="assist-text"]')?.textContent?.replace('▍', '') ?? '';
        const state = () => document.querySelector('[data-testid="assist-result-draft"] [data-testid="assist-variant"]')?.getAttribute('data-state');
        const observer = new MutationObserver(() => {
          if (first === null && state() === 'streaming' && text().length > 0) first = performance.now() - t0;
          if (first !== null && state() !== 'streaming') {
            observer.disconnect();
            resolve(first);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        t0 = performance.now();
        button.click();
      }),
  );
}

export async function assistFigures(session: DemoSession, panel: Page, rounds: number, record: (name: string, value: number, unit: string, about: string) => void) {
  const mock = await startMockLlm({ ttftMs: MOCK_TTFT_MS, tokenDelayMs: 2 });
  try {
    await setModelEndpoint(session, mock.url);
    await panel.getByTestId('assist-draft').waitFor();
    // tsx names functions with a __name helper the page does not have.
    await panel.evaluate('globalThis.__name = (f) => f');
    // Warm both paths (connections, the worker's first model client).
    await directTtftMs(mock.url, 2);
    await panelTtft(panel);
    const extension: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < rounds; i++) {
      direct.push(...(await directTtftMs(mock.url, 1)));
      extension.push(await panelTtft(panel));
    }
    record('llm_direct_ttft_p95_ms', quantile(direct, 0.95), 'ms', `direct SDK stream to the mock (first token delayed ${MOCK_TTFT_MS} ms), p95`);
    record('llm_extension_ttft_p95_ms', quantile(extension, 0.95), 'ms', 'panel "Draft a reply" click -> first draft text shown, same mock, p95');
    record('llm_ttft_overhead_p95_ms', quantile(extension, 0.95) - quantile(direct, 0.95), 'ms', 'the extension path minus the direct call, p95 (target < 30 ms)');
  } finally {
    await mock.close();
  }
}
