/**
 * The review's failure through the Serve page's service on the demo box: the seeded
 * nvidia/Qwen3-30B-A3B-NVFP4 under an NGC vLLM before 0.12 dies with "Failed to initialize GEMM"
 * and the server is explained as vllm-nvfp4-moe-unsupported, naming the image that works; under
 * 26.03-py3 (vLLM 0.17.1) the same launch becomes ready.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serveOn } from '../../../../../services/serve/serve-test-kit.js';
import { laptopOn, runCleanups, testDemoBox, until } from '../../../../../services/service-test-kit.js';

afterEach(runCleanups);

const serveOnDemoBox = async () => {
  const box = await testDemoBox('nvfp4', { serverReadyMs: 400 });
  box.update((s) => {
    s.tuning.downloadBytesPerSec = 2 * 1024 ** 4;
  });
  const side = await laptopOn(box);
  const { serve, latest } = serveOn(side);
  return { connection: side.connection, serve, latest };
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
