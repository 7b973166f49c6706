import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the suite launches Chromium with the built extension.
          fileParallelism: false,
          testTimeout: 60_000,
          expect: { poll: { timeout: 10_000, interval: 50 } },
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
