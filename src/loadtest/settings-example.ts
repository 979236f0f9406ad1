import type { LoadTestSettings } from '../domain/loadtest.js';

/** A complete run's settings (a URL target on this computer, one level of 4, bundled prompts) for tests and fixtures to adjust. */
export const exampleSettings = (overrides: Partial<LoadTestSettings> = {}): LoadTestSettings => ({
  target: { kind: 'url', baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' },
  api: 'chat',
  requests: 8,
  parallel: [4],
  rate: { kind: 'unlimited' },
  stream: true,
  maxTokens: 8,
  minTokens: null,
  warmup: 0,
  dataset: { kind: 'bundled', language: 'en' },
  slo: { ttftMs: null, tpotMs: null },
  percentiles: [50, 90, 99],
  place: 'laptop',
  seed: 1,
  ...overrides,
});
