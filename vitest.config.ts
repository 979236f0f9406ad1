import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,main,renderer,scripts,e2e/harness,bench}/**/*.test.{ts,tsx}'],
    // Timing tests run alone afterwards (vitest.timing.config.ts).
    exclude: ['**/node_modules/**', '**/*.timing.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/harness/vitest-global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real sshd / servers on loopback: keep them from starving 2 cores.
    maxWorkers: 2,
  },
});
