/**
 * A stand-in language model for the demo and the bench: the mock
 * OpenAI-compatible server on 127.0.0.1, set as Deskmate's endpoint through
 * the options page, as an agent or a team lead would.
 */
import { startMockLlm, type MockLlm, type MockOptions } from '../../tests/mock-llm/server.ts';
import type { DemoSession } from './demo-session.ts';

/** Sets Deskmate's model endpoint in the options page and waits until each value is saved. */
export async function setModelEndpoint(session: DemoSession, url: string, model = 'mock-chat'): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  for (const [id, value] of [['llmBaseUrl', url], ['llmModel', model]] as const) {
    await options.locator(`#${id}`).fill(value);
    await options.locator(`#${id}`).press('Tab');
    await options.getByTestId(`setting-${id}`).getByRole('status').waitFor();
  }
  await options.close();
}

export async function startDemoModel(session: DemoSession, options: MockOptions = { ttftMs: 300, tokenDelayMs: 25 }): Promise<MockLlm> {
  const mock = await startMockLlm(options);
  await setModelEndpoint(session, mock.url);
  return mock;
}
