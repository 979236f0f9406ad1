import { defineConfig } from 'vitest/config';

/** Tests that measure time: run after the others, one file at a time, on a quiet machine. */
export default defineConfig({
  test: {
    include: ['{src,main}/**/*.timing.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/harness/vitest-global.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
