import { describe, expect, it } from 'vitest';
import { explainEngineFailure } from '../../../../../../src/recipes/engine-failures.js';
import { ngcVllm } from '../../../../../../src/recipes/serve/ngc-vllm.js';
import { findCatalogueModel } from '../../../catalogue.js';
import { rootedFs } from '../../../sim-fs.js';
import type { TestBox } from '../../../testing.js';
import { dockerBox, run, writeModel } from '../docker-testing.js';
import { majorMinor, vllmVersionOf } from './vllm-version.js';

const GB = 1_000_000_000;
const hub = '/home/demo/.cache/huggingface/hub';
const nvfp4Moe = 'nvidia/Qwen3-30B-A3B-NVFP4';

/** A model in the HF cache as `hf download` leaves it (the demo box seeds the NVFP4 one this way). */
const cacheModel = (box: TestBox, id: string, config: Record<string, unknown>, bytes: number): void =>
  writeModel(box, `${hub}/models--${id.replace('/', '--')}/snapshots/0123456789abcdef0123456789abcdef01234567`, bytes, config);

const catalogueConfig = (id: string): Record<string, unknown> => {
  const model = findCatalogueModel(id);
  if (!model) throw new Error(`${id} is not in the catalogue`);
  return model.config;
};

/** `docker run` of vLLM serving `model` from the mounted HF cache, then the box clock moved past startup. */
const serve = async (box: TestBox, image: string, model: string) => {
  const started = await run(box, 'run', '-d', '--name', 'eng', '--gpus', 'all', '-p', '8000:8000', '-v', '/home/demo/.cache/huggingface:/root/.cache/huggingface', image, ...(image.startsWith('nvcr.io/') ? ['vllm', 'serve'] : []), model);
  expect(started.code).toBe(0);
  box.advance(30_000);
  const logs = await run(box, 'logs', 'eng');
  const status = (await run(box, 'inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'eng')).stdout.trim();
  return { log: `${logs.stdout}${logs.stderr}`, stderr: logs.stderr, status };
};

describe('vLLM version by image', () => {
  it('NGC releases ship the release notes’ vLLM; 25.09 keeps DGX OS’s build; a tag between takes the earlier release', () => {
    expect(vllmVersionOf('nvcr.io/nvidia/vllm', '25.09-py3')).toBe('0.10.1.1+381074ae.nv25.09');
    const cases: [string, string][] = [
      ['25.10-py3', '0.10.2+'],
      ['25.11-py3', '0.10.2+'],
      ['26.01-py3', '0.11.1+'],
      ['26.03-py3', '0.17.1+'],
      ['26.04-py3', '0.17.1+'],
      ['26.05-py3', '0.20.1+'],
      ['26.10-py3', '0.31.0+'],
      ['26.12-py3', '0.31.0+'],
    ];
    for (const [tag, prefix] of cases) {
      const version = vllmVersionOf('nvcr.io/nvidia/vllm', tag);
      expect(version.startsWith(prefix), `${tag} → ${version}`).toBe(true);
      expect(version.endsWith(`.nv${tag.slice(0, 5)}`)).toBe(true);
    }
  });

  it('agrees with the app’s table wherever the app knows the release exactly', () => {
    for (const tag of ['25.10-py3', '26.01-py3', '26.03-py3', '26.05-py3', '26.10-py3']) {
      const known = ngcVllm(`nvcr.io/nvidia/vllm:${tag}`);
      expect(known?.kind).toBe('exact');
      expect(vllmVersionOf('nvcr.io/nvidia/vllm', tag).split('+')[0]).toBe(known!.vllm.join('.'));
    }
  });

  it('upstream tags name their vLLM; latest and nightly are recent', () => {
    expect(vllmVersionOf('vllm/vllm-openai', 'v0.11.0')).toBe('0.11.0');
    expect(vllmVersionOf('vllm/vllm-openai', 'v0.12.0')).toBe('0.12.0');
    expect(majorMinor(vllmVersionOf('vllm/vllm-openai', 'latest'))[1]).toBeGreaterThanOrEqual(31);
    expect(vllmVersionOf('vllm/vllm-openai', 'nightly')).toMatch(/^0\.31\.1\.dev\d+\+g[0-9a-f]{9}$/);
  });

  it('the log’s two version lines and the image’s VLLM_VERSION agree', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    cacheModel(box, 'Qwen/Qwen3-8B', catalogueConfig('Qwen/Qwen3-8B'), 16 * GB);
    const { log } = await serve(box, 'nvcr.io/nvidia/vllm:26.03-py3', 'Qwen/Qwen3-8B');
    const version = vllmVersionOf('nvcr.io/nvidia/vllm', '26.03-py3');
    expect(log).toContain(`vLLM API server version ${version}\n`);
    expect(log).toContain(`Initializing a V1 LLM engine (v${version}) with config`);
    const env = (await run(box, 'image', 'inspect', '--format', '{{json .Config.Env}}', 'nvcr.io/nvidia/vllm:26.03-py3')).stdout;
    expect(env).toContain(`"VLLM_VERSION=${version}"`);
    expect((await run(box, 'inspect', '--format', '{{json .Config.Env}}', 'eng')).stdout).toContain(`"VLLM_VERSION=${version}"`);
  });

  it('an upstream image prints its tag’s version', async () => {
    const box = dockerBox();
    cacheModel(box, 'Qwen/Qwen3-8B', catalogueConfig('Qwen/Qwen3-8B'), 16 * GB);
    const { log } = await serve(box, 'vllm/vllm-openai:v0.11.0', 'Qwen/Qwen3-8B');
    expect(log).toContain('vLLM API server version 0.11.0\n');
    expect(log).toContain('Initializing a V1 LLM engine (v0.11.0)');
  });
});

describe('vLLM before 0.12 with an NVFP4 MoE model (the review)', () => {
  it('loads the weights, then dies in the profiling run with "Failed to initialize GEMM" and exits 1', async () => {
    const box = dockerBox();
    cacheModel(box, nvfp4Moe, catalogueConfig(nvfp4Moe), 17.8 * GB);
    const { log, stderr, status } = await serve(box, 'nvcr.io/nvidia/vllm:25.09-py3', nvfp4Moe);
    expect(log).toContain('Detected ModelOpt NVFP4 checkpoint');
    expect(log).toContain('Model loading took');
    expect(log).not.toMatch(/KV cache size|Application startup complete/);
    const engineErrors = stderr.split('\n').filter((l) => l.includes('(EngineCore pid=187) ERROR'));
    expect(engineErrors[0]).toMatch(/EngineCore failed to start\.$/);
    expect(engineErrors.some((l) => l.includes('in profile_run'))).toBe(true);
    expect(engineErrors.some((l) => l.includes('torch.ops._C.cutlass_fp4_group_mm('))).toBe(true);
    expect(engineErrors.at(-1)).toMatch(/\[core\.py:718\] RuntimeError: Failed to initialize GEMM$/);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('(APIServer pid=1) RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}');
    expect(status).toBe('exited 1');
    expect(box.state().gpuProcesses).toEqual([]);
  });

  it('the app explains it as vllm-nvfp4-moe-unsupported, pointing to 26.03', async () => {
    const box = dockerBox();
    cacheModel(box, nvfp4Moe, catalogueConfig(nvfp4Moe), 17.8 * GB);
    const image = 'nvcr.io/nvidia/vllm:26.01-py3';
    const { log, status } = await serve(box, image, nvfp4Moe);
    expect(status).toBe('exited 1');
    expect(log).toContain('vLLM API server version 0.11.1+');
    const f = explainEngineFailure(log, { engine: 'vllm', image, modelFormat: 'nvfp4', hfTokenGiven: false });
    expect(f?.kind).toBe('vllm-nvfp4-moe-unsupported');
    expect(f?.message).toContain('vLLM 0.11 cannot run NVFP4 MoE');
    expect(f?.hint).toContain('nvcr.io/nvidia/vllm:26.03-py3');
    expect(f?.lastLines.some((l) => l.includes('Failed to initialize GEMM'))).toBe(true);
  });

  it('serves with 26.03-py3 (vLLM 0.17.1) and with upstream v0.12.0', async () => {
    for (const image of ['nvcr.io/nvidia/vllm:26.03-py3', 'vllm/vllm-openai:v0.12.0']) {
      const box = dockerBox();
      cacheModel(box, nvfp4Moe, catalogueConfig(nvfp4Moe), 17.8 * GB);
      const { log, status } = await serve(box, image, nvfp4Moe);
      expect(log, image).toContain('Application startup complete.');
      expect(log).not.toContain('Failed to initialize GEMM');
      expect(status).toBe('running 0');
    }
  });

  it('a dense NVFP4 model and an AWQ MoE model start on the old vLLM', async () => {
    const box = dockerBox();
    const dense = { ...catalogueConfig('Qwen/Qwen3-8B'), quantization_config: { quant_method: 'modelopt', quant_algo: 'NVFP4' } };
    cacheModel(box, 'acme/Dense-8B-NVFP4', dense, 5 * GB);
    cacheModel(box, 'Qwen/Qwen3-30B-A3B-AWQ', catalogueConfig('Qwen/Qwen3-30B-A3B-AWQ'), 17.2 * GB);
    const first = await serve(box, 'nvcr.io/nvidia/vllm:25.09-py3', 'acme/Dense-8B-NVFP4');
    expect(first.status).toBe('running 0');
    await run(box, 'rm', '-f', 'eng');
    const second = await serve(box, 'nvcr.io/nvidia/vllm:25.09-py3', 'Qwen/Qwen3-30B-A3B-AWQ');
    expect(second.status).toBe('running 0');
    expect(second.log).not.toContain('Detected ModelOpt NVFP4 checkpoint');
  });

  it('older ModelOpt exports that keep the algorithm in hf_quant_config.json fail the same way', async () => {
    const box = dockerBox();
    const { quantization_config: _dropped, ...bare } = catalogueConfig(nvfp4Moe);
    const dir = `${hub}/models--acme--Moe-NVFP4/snapshots/0123456789abcdef0123456789abcdef01234567`;
    writeModel(box, dir, 17.8 * GB, bare);
    rootedFs({ root: box.root, home: '/home/demo' }).writeText(`${dir}/hf_quant_config.json`, JSON.stringify({ producer: { name: 'modelopt', version: '0.29.0' }, quantization: { quant_algo: 'NVFP4', kv_cache_quant_algo: null, group_size: 16 } }));
    const { log, status } = await serve(box, 'nvcr.io/nvidia/vllm:25.10-py3', 'acme/Moe-NVFP4');
    expect(status).toBe('exited 1');
    expect(log).toContain('RuntimeError: Failed to initialize GEMM');
  });
});
