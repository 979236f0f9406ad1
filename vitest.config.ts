import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,main,renderer,scripts,e2e/harness,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real sshd / servers on loopback: keep them from starving 2 cores.
    maxWorkers: 2,
  },
});
