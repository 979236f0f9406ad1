/**
 * The review's failure through the Serve page's service on the demo box: the seeded
 * nvidia/Qwen3-30B-A3B-NVFP4 under an NGC vLLM before 0.12 dies with "Failed to initialize GEMM"
 * and the server is explained as vllm-nvfp4-moe-unsupported, naming the image that works; under
 * 26.03-py3 (vLLM 0.17.1) the same launch becomes ready.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConnection, demoServer } from '../../../../../../e2e/harness/app-connection.js';
import type { ServerView } from '../../../../../../src/domain/serve.js';
import { startDemoBox } from '../../../../demo-box.js';
import { silentLogger } from '../../../../../services/log.js';
import { ServeService } from '../../../../../services/serve/serve-service.js';
import { TunnelService } from '../../../../../services/tunnels/tunnel-service.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const until = async <T>(probe: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const serveOnDemoBox = async () => {
  const box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-nvfp4-')), log: silentLogger });
  cleanup.push(() => box.stop());
  box.update((s) => {
    s.tuning.serverReadyMs = 400;
    s.tuning.downloadBytesPerSec = 2 * 1024 ** 4;
  });
  const connection = appConnection(demoServer(box));
  await connection.connect();
  const tunnels = new TunnelService({ connection: () => connection, changed: () => {}, log: silentLogger });
  const latest = new Map<string, ServerView>();
  const serve = new ServeService({
    connection: () => connection,
    tunnels,
    changed: (_d, list) => list.forEach((s) => latest.set(s.key, s)),
    progressed: () => {},
    log: silentLogger,
    limits: { followIntervalMs: 100, watchIntervalMs: 500 },
  });
  cleanup.push(() => (serve.dispose(), tunnels.dispose(), connection.disconnect()));
  return { connection, serve, latest };
};

const model = 'nvidia/Qwen3-30B-A3B-NVFP4';
const info = { sizeBytes: 17_832_000_000, quantization: 'nvfp4', dtype: null };

describe('an NVFP4 MoE model under NGC vLLM on the demo box', () => {
  it('before 0.12 (26.01-py3): the server fails and is explained as vllm-nvfp4-moe-unsupported, naming 26.03-py3', async () => {
    const { connection, serve, latest } = await serveOnDemoBox();
    expect((await connection.exec('docker pull nvcr.io/nvidia/vllm:26.01-py3', { timeoutMs: 60_000 })).code).toBe(0);
    const started = await serve.launch('demo', { engine: 'vllm', model, image: 'nvcr.io/nvidia/vllm:26.01-py3' }, info);
    const failed = await until(() => latest.get(started.key)?.state === 'failed' && latest.get(started.key), 20_000, 'the failure');
    expect(failed.failure).toMatchObject({ kind: 'vllm-nvfp4-moe-unsupported' });
    expect(failed.failure!.message).toContain('vLLM 0.11 cannot run NVFP4 MoE models on GB10');
    expect(failed.failure!.hint).toContain('nvcr.io/nvidia/vllm:26.03-py3');
    expect(failed.failure!.lastLines.some((l) => l.includes('RuntimeError: Failed to initialize GEMM'))).toBe(true);
  }, 60_000);

  it('with 26.03-py3 (vLLM 0.17.1) the same model becomes ready', async () => {
    const { connection, serve, latest } = await serveOnDemoBox();
    expect((await connection.exec('docker pull nvcr.io/nvidia/vllm:26.03-py3', { timeoutMs: 60_000 })).code).toBe(0);
    const started = await serve.launch('demo', { engine: 'vllm', model, image: 'nvcr.io/nvidia/vllm:26.03-py3' }, info);
    const ready = await until(() => latest.get(started.key)?.state === 'ready' && latest.get(started.key), 20_000, 'vLLM to be ready');
    expect(ready.failure ?? null).toBeNull();
  }, 60_000);
});
