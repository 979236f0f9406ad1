/**
 * Each model the demo box is seeded with (demo-models.ts) is one its engine takes on the demo
 * box: the NVFP4 MoE and the BF16 repo under vLLM and TensorRT-LLM from the mounted HF cache,
 * the Q4_K_M GGUF under llama-server, and qwen3:1.7b under Ollama. So every Models → Serve path
 * the demo offers ends in a server that answers, not in a file the engine cannot find. (The
 * simulated vLLM 0.10 serves the NVFP4 MoE model: it does not print the review's "Failed to
 * initialize GEMM"; the Serve side decides whether the simulator should.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConnection, demoServer } from '../../e2e/harness/app-connection.js';
import type { SshConnection } from '../ssh/connection.js';
import { silentLogger } from '../services/log.js';
import { startDemoBox, type DemoBox } from './demo-box.js';
import { demoModels } from './demo-models.js';
import { findCatalogueModel } from './sim/catalogue.js';

let box: DemoBox;
let ssh: SshConnection;

beforeAll(async () => {
  box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-demo-serve-')), log: silentLogger });
  box.update((s) => {
    s.tuning.serverReadyMs = 300;
    s.tuning.downloadBytesPerSec = 2 * 1024 ** 4;
  });
  ssh = appConnection(demoServer(box));
  await ssh.connect();
}, 60_000);

afterAll(async () => {
  ssh.disconnect();
  await box.stop();
});

const run = async (command: string) => ssh.exec(command, { timeoutMs: 60_000 });

/** Runs a container, waits for its ready line or its exit, answers its log; the container is removed after. */
const serve = async (name: string, args: string, ready: RegExp): Promise<{ ready: boolean; log: string }> => {
  const started = await run(`docker run -d --gpus all --name ${name} ${args}`);
  expect(started.code, started.stderr).toBe(0);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      const log = await run(`docker logs ${name}`);
      const text = log.stdout + log.stderr;
      if (ready.test(text)) return { ready: true, log: text };
      const state = (await run(`docker inspect -f '{{.State.Status}}' ${name}`)).stdout.trim();
      if (state === 'exited' || Date.now() > deadline) return { ready: false, log: text };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await run(`docker rm -f ${name}`);
  }
};

const hfCache = '-v "$HOME"/.cache/huggingface:/root/.cache/huggingface';

describe('the seeded models serve on the demo box', () => {
  // NGC 26.03 (vLLM 0.17.1): the first listed release whose vLLM runs NVFP4 MoE on GB10 (ngc-vllm.ts).
  it.each([...demoModels.hub])('%s with vLLM (NGC 26.03) from the HF cache', async (id) => {
    const result = await serve('vllm-check', `${hfCache} nvcr.io/nvidia/vllm:26.03-py3 vllm serve ${id} --gpu-memory-utilization 0.5`, /Application startup complete/);
    expect(result.ready, result.log.split('\n').slice(-5).join('\n')).toBe(true);
    const model = findCatalogueModel(id)!;
    expect(result.log).toContain(`Resolved architecture: ${model.architecture}`);
    // The weights it loaded are the seeded files, not the simulator's estimate from the name.
    expect(result.log).toContain(`Model loading took ${(model.sizeBytes / 1024 ** 3).toFixed(4)} GiB`);
  }, 60_000);

  it('the NVFP4 MoE model on DGX OS’s vLLM (NGC 25.09, vLLM 0.10) fails as in the review', async () => {
    const result = await serve('vllm-old', `${hfCache} nvcr.io/nvidia/vllm:25.09-py3 vllm serve nvidia/Qwen3-30B-A3B-NVFP4 --gpu-memory-utilization 0.5`, /Application startup complete/);
    expect(result.ready).toBe(false);
    expect(result.log).toContain('Failed to initialize GEMM');
  }, 60_000);

  it.each([...demoModels.hub])('%s with TensorRT-LLM from the HF cache', async (id) => {
    const result = await serve('trt-check', `${hfCache} nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13 trtllm-serve ${id} --backend pytorch --host 0.0.0.0 --port 8000`, /Application startup complete/);
    expect(result.ready, result.log.split('\n').slice(-5).join('\n')).toBe(true);
  }, 60_000);

  it('the GGUF with llama-server from ~/models', async () => {
    const result = await serve('llama-check', `-v "$HOME"/models:/models ghcr.io/ggml-org/llama.cpp:server-cuda -m /models/${demoModels.gguf.name} --host 0.0.0.0 --port 8080`, /server is listening/);
    expect(result.ready, result.log.split('\n').slice(-5).join('\n')).toBe(true);
    expect(result.log).toContain('Q4_K');
  }, 60_000);

  it('qwen3:1.7b with Ollama', async () => {
    expect((await run('ollama list')).stdout).toContain(demoModels.ollama);
    const reply = await run(`ollama run ${demoModels.ollama} 'Say hi'`);
    expect(reply.code, reply.stderr).toBe(0);
    expect(reply.stdout.trim().length).toBeGreaterThan(0);
  }, 60_000);
});
