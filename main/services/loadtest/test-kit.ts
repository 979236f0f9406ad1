/** What the load-test tests share: the simulated engine in-process, and settings to vary. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadTestSettings } from '../../../src/domain/loadtest.js';
import { exampleSettings } from '../../../src/loadtest/settings-example.js';
import { initialState } from '../../demo/sim/box.js';
import type { ServerSpec } from '../../demo/sim/io.js';
import { startOpenAiServer } from '../../demo/sim/servers/openai-server.js';
import { fileLogStore, memoryStateStore } from '../../demo/sim/state-store.js';

export const served = 'qwen3-30b';

/** Starts the simulated engine; returns its port and how to stop it. */
export const startSim = async (overrides: Partial<ServerSpec> = {}): Promise<{ port: number; stop: () => Promise<void> }> => {
  const spec: ServerSpec = { id: 'c0ffee', kind: 'vllm', port: 8000, model: '/models/Qwen3-30B-A3B-NVFP4', servedName: served, readyAfterMs: 0, ttftMs: 20, tokenDelayMs: 2, maxConcurrency: 64, defaultMaxTokens: 32, ...overrides };
  const server = startOpenAiServer({ spec, store: memoryStateStore(initialState({ now: Date.now() })), logs: fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-lt-'))), listenPort: 0, neverReady: false, pid: 4242 });
  return { port: await server.ready, stop: () => server.stop() };
};

export const settingsFor = (overrides: Partial<LoadTestSettings> = {}): LoadTestSettings =>
  exampleSettings({ target: { kind: 'url', baseUrl: 'http://127.0.0.1:8000/v1', model: served }, ...overrides });
