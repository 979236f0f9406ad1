/**
 * What the Playground service tests share: the simulated engine started in-process (its TTFT and
 * inter-token delay are the truth), hand-written misbehaving servers, and a service whose tunnel
 * list is whatever the test says, recording every event it sends.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppError } from '../../../src/contract/errors.js';
import type { ReplyStats, ServerReplyStats } from '../../../src/domain/playground.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { initialState } from '../../demo/sim/box.js';
import type { ServerSpec } from '../../demo/sim/io.js';
import { startOpenAiServer, type RunningServer } from '../../demo/sim/servers/openai-server.js';
import { fileLogStore, memoryStateStore } from '../../demo/sim/state-store.js';
import { silentLogger } from '../log.js';
import { cleanups } from '../service-test-kit.js';
import { PlaygroundService } from './playground-service.js';

/** The service tests' one clean-up list, run after each test (`afterEach(runCleanups)`). */
export { cleanups, runCleanups } from '../service-test-kit.js';

export const served = 'qwen3-30b';

export const simSpec = (overrides: Partial<ServerSpec>): ServerSpec => ({
  id: 'c0ffee',
  kind: 'vllm',
  port: 8000,
  model: '/models/Qwen3-30B-A3B-NVFP4',
  servedName: served,
  readyAfterMs: 0,
  ttftMs: 80,
  tokenDelayMs: 15,
  maxConcurrency: 8,
  defaultMaxTokens: 32,
  ...overrides,
});

/** The simulated engine, started in-process: its TTFT and inter-token delay are the truth. */
export const startSim = async (overrides: Partial<ServerSpec> = {}): Promise<number> => {
  const store = memoryStateStore(initialState({ now: Date.now() }));
  const logs = fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-play-')));
  const server: RunningServer = startOpenAiServer({ spec: simSpec(overrides), store, logs, listenPort: 0, neverReady: false, pid: 4242 });
  cleanups.push(() => server.stop());
  return server.ready;
};

/** A hand-written server for what the simulator never does (no usage chunk, HTTP 500, a cut stream). */
export const startRaw = async (handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> => {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
};

export const sseChunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: served, choices: [{ index: 0, delta: finish ? {} : { content }, logprobs: null, finish_reason: finish }] })}\n\n`;

export const tunnelTo = (localPort: number, boxPort = 8000, state: TunnelView['state'] = 'ready', lastError: string | null = null): TunnelView => ({
  id: 't1',
  deviceId: 'dev',
  boxPort,
  localPort,
  preferredPort: boxPort,
  label: null,
  appId: null,
  url: `http://127.0.0.1:${localPort}/`,
  state,
  connections: 0,
  bytesIn: 0,
  bytesOut: 0,
  lastError,
});

interface Finished {
  readonly streamId: string;
  readonly stats: ReplyStats | null;
  readonly error: AppError | null;
}

/** A service whose tunnel list is whatever the test says, and every event it sent. */
export const harness = (tunnels: TunnelView[], openTo?: number) => {
  const streamed: Array<{ streamId: string; delta: string; reasoning?: string; at: number }> = [];
  const statsEvents: ServerReplyStats[] = [];
  const opened: Array<{ boxPort: number; label?: string }> = [];
  const waiters = new Map<string, (f: Finished & { at: number }) => void>();
  const finishedById = new Map<string, Finished & { at: number }>();
  const service = new PlaygroundService({
    tunnels: {
      list: () => tunnels,
      open: (_deviceId, boxPort, options) => {
        opened.push({ boxPort, ...(options?.label ? { label: options.label } : {}) });
        const view = tunnelTo(openTo ?? 1, boxPort);
        tunnels.push(view);
        return Promise.resolve(view);
      },
    },
    events: {
      streamed: (_client, payload) => streamed.push({ ...payload, at: performance.now() }),
      finished: (_client, payload) => {
        const entry = { ...payload, at: performance.now() };
        finishedById.set(payload.streamId, entry);
        waiters.get(payload.streamId)?.(entry);
      },
      stats: (entry) => statsEvents.push(entry),
    },
    log: silentLogger,
  });
  cleanups.push(() => service.dispose());
  const finished = (streamId: string) =>
    new Promise<Finished & { at: number }>((resolve) => {
      const done = finishedById.get(streamId);
      if (done) resolve(done);
      else waiters.set(streamId, resolve);
    });
  const chat = (maxTokens: number, boxPort = 8000, model = served) =>
    service.chat('client-1', { deviceId: 'dev', boxPort, model, messages: [{ role: 'user', content: 'Tell me about GB10.' }], maxTokens, temperature: 0.7, system: 'Be brief.' });
  return { service, streamed, statsEvents, opened, finished, chat };
};
