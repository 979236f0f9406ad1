import { describe, expect, it } from 'vitest';
import { captureSection, readCapture } from '../../main/demo/sim/programs/docker/capture-files.js';
import { errorCodes } from '../contract/errors.js';
import { type EngineFailureContext, engineFailureError, explainEngineFailure, explainReadinessTimeout, vllmVersion } from './engine-failures.js';

const vllmCtx: EngineFailureContext = { engine: 'vllm', image: 'vllm/vllm-openai:v0.11.0', modelFormat: 'nvfp4', hfTokenGiven: false };
const gb10Tail = readCapture('vllm-startup-tail-gb10.log');
/** The captured GB10 startup up to the KV-cache lines, before the server says it is ready. */
const gb10Loading = gb10Tail.split('\n').slice(0, 5).join('\n');
const withError = (...lines: string[]): string => `${gb10Loading}\n${lines.join('\n')}\n`;

describe('explainEngineFailure', () => {
  it('says nothing about a healthy GB10 start', () => {
    expect(explainEngineFailure(gb10Tail, vllmCtx)).toBeNull();
    expect(explainEngineFailure(readCapture('trtllm-serve.txt'), { ...vllmCtx, engine: 'trtllm' })).toBeNull();
  });

  it("vLLM before 0.12 with NVFP4 MoE: the review's `Failed to initialize GEMM` → NGC ≥ 0.12 or AWQ", () => {
    const log = withError(
      // The review's line; the prefix and message tail follow vLLM's logger and nvfp4_blockwise_moe_kernel.cu (vllm-project/vllm#29242).
      '(EngineCore_DP0 pid=860990) ERROR 08-23 22:37:40 [core.py:708] RuntimeError: Failed to initialize GEMM: status=7 workspace_size=0 num_experts=128 M=4 N=1536 K=2048',
    );
    const f = explainEngineFailure(log, vllmCtx)!;
    expect(f.kind).toBe('vllm-nvfp4-moe-unsupported');
    expect(f.code).toBe('unsupported');
    expect(f.message).toBe('vLLM 0.11 cannot run NVFP4 MoE models on GB10: its FP4 MoE kernels do not support SM 12.1 before vLLM 0.12.');
    expect(f.hint).toMatch(/NGC vLLM image that ships vLLM 0\.12 or later.*AWQ/);
    expect(f.lastLines.at(-1)).toContain('Failed to initialize GEMM');
  });

  it("NGC 25.11's FlashInfer wording (vllm-project/vllm#30163) is the same failure; the version is unknown from an NGC tag", () => {
    const f = explainEngineFailure('ERROR ... FlashInfer kernels unavailable for ModelOptNvFp4FusedMoE on current platform', { ...vllmCtx, image: 'nvcr.io/nvidia/vllm:25.11-py3' })!;
    expect(f.kind).toBe('vllm-nvfp4-moe-unsupported');
    expect(f.message).toMatch(/^This vLLM cannot run/);
  });

  it('with vLLM ≥ 0.12 the GEMM failure points to AWQ or TensorRT-LLM instead', () => {
    // vllm-project/vllm#30163 (2× DGX Spark, vllm/vllm-openai:v0.12.0-aarch64).
    const f = explainEngineFailure('RuntimeError: [FP4 gemm Runner] Failed to run cutlass FP4 gemm on sm120. Error: Error Internal', { ...vllmCtx, image: 'vllm/vllm-openai:v0.12.0-aarch64' })!;
    expect(f.message).toBe('vLLM 0.12 failed in its FP4 MoE kernel on GB10.');
    expect(f.hint).toMatch(/AWQ.*TensorRT-LLM/);
  });

  it('an amd64 image: the captured exec format error, advised by docker-problems', () => {
    const f = explainEngineFailure(captureSection('amd64 image on arm64')[1]!, vllmCtx)!;
    expect(f).toMatchObject({ kind: 'docker', code: 'image-arch-mismatch', line: 'exec /usr/local/bin/docker-entrypoint.sh: exec format error' });
    expect(f.hint).toMatch(/Arm64/);
  });

  it('CUDA out of memory in each engine wording, with the engine’s own setting in the hint', () => {
    const cases: [EngineFailureContext['engine'], string, RegExp][] = [
      // vLLM worker (wtdcode/vllm-backport#24, shortened).
      ['vllm', "(EngineCore pid=162129) ERROR 08-14 16:06:55 [core.py:1349] RuntimeError: Worker failed with error 'CUDA out of memory. Tried to allocate 2.96 GiB. GPU 0 has a total capacity of 79.25 GiB of which 1.16 GiB is free.'", /--gpu-memory-utilization/],
      ['sglang', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 MiB. GPU 0 has a total capacity of 22.19 GiB of which 1.50 MiB is free.', /--mem-fraction-static/],
      // TRT-LLM C++ runtime (NVIDIA/TensorRT-LLM#498).
      ['trtllm', "[TensorRT-LLM][ERROR] CUDA runtime error in ::cudaMallocAsync(ptr, n, mCudaStream->get()): out of memory (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:112)", /free_gpu_memory_fraction/],
      // llama.cpp (ggml-org/llama.cpp#20431).
      ['llama-server', 'ggml_backend_cuda_buffer_type_alloc_buffer: allocating 144817.04 MiB on device 0: cudaMalloc failed: out of memory\nalloc_tensor_range: failed to allocate CUDA0 buffer of size 151851674624\nllama_model_load: error loading model: unable to allocate CUDA0 buffer', /-c\)/],
      // Ollama (ollama/ollama#9782 title).
      ['ollama', 'Error: llama runner process has terminated: CUDA error: out of memory', /num_ctx/],
    ];
    for (const [engine, log, hint] of cases) {
      const f = explainEngineFailure(log, { ...vllmCtx, engine })!;
      expect(f.kind, engine).toBe('out-of-memory');
      expect(f.code).toBe('out-of-memory');
      expect(f.hint).toMatch(hint);
    }
  });

  it("vLLM's startup memory check on UMA (vllm-project/vllm#35313): the fraction that fits and the drop-caches command", () => {
    const line = 'ValueError: Free memory on device cuda:0 (74.9/142.5 GiB) on startup is less than desired GPU memory utilization (0.9, 128.25 GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.';
    const f = explainEngineFailure(withError(`(EngineCore pid=860990) ${line}`), vllmCtx)!;
    expect(f.kind).toBe('startup-memory-check');
    expect(f.message).toBe('vLLM found 74.9 GiB free of 142.5 GiB and wanted 128.25 GiB (--gpu-memory-utilization 0.9).');
    expect(f.hint).toContain('Lower --gpu-memory-utilization to 0.52 or less');
    expect(f.hint).toContain('sync; echo 3 | sudo tee /proc/sys/vm/drop_caches');
  });

  it('no room for the KV cache (SYNTH: vLLM and SGLang source wordings) asks to raise the fraction', () => {
    expect(explainEngineFailure('ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.', vllmCtx)?.hint).toMatch(/Raise --gpu-memory-utilization/);
    expect(explainEngineFailure('RuntimeError: Not enough memory. Please try to increase --mem-fraction-static.', { ...vllmCtx, engine: 'sglang' })?.hint).toMatch(/Raise --mem-fraction-static/);
  });

  it('a gated repo without a token → give one; with a token → accept the terms', () => {
    // huggingface_hub's wording (city96/ComfyUI_ExtraModels#99 and others).
    const log = [
      'huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-66f4b037-1bf3d7d219afbc904ee05694;5601d2c9)',
      'Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json.',
      'Access to model meta-llama/Llama-3.1-8B-Instruct is restricted. You must have access to it and be authenticated to access it. Please log in.',
    ].join('\n');
    const without = explainEngineFailure(log, vllmCtx)!;
    expect(without).toMatchObject({ kind: 'model-gated', code: 'not-found' });
    expect(without.hint).toMatch(/^Give a Hugging Face token/);
    expect(explainEngineFailure(log, { ...vllmCtx, hfTokenGiven: true })!.hint).toMatch(/^The token was refused/);
  });

  it('a repository that is not there (vast-ai/base-image#128, vLLM APIServer)', () => {
    const log = [
      '(APIServer pid=2960) huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. (Request ID: Root=1-69aa2f15-66396d560525c0fb463d8d99)',
      '(APIServer pid=2960) Repository Not Found for url: https://huggingface.co/Qwen/Qwen3.5-27B-AWQ/resolve/main/config.json.',
    ].join('\n');
    const f = explainEngineFailure(log, vllmCtx)!;
    expect(f).toMatchObject({ kind: 'model-not-found', code: 'not-found' });
    expect(f.hint).toMatch(/Check the model id.*token/);
    // SYNTH: Ollama CLI wording.
    expect(explainEngineFailure('Error: model "qwen3:30b" not found, try pulling it first', { ...vllmCtx, engine: 'ollama' })!.hint).toMatch(/^Pull it first/);
  });

  it('port in use: uvicorn errno 98 and Ollama via docker-errors, llama-server (SYNTH) via the same advice', () => {
    // SYNTH: uvicorn's errno-98 line as docker-errors already matches it.
    const uvicorn = explainEngineFailure("(APIServer pid=1624) ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use", vllmCtx)!;
    expect(uvicorn).toMatchObject({ kind: 'port-in-use', code: 'port-in-use' });
    expect(uvicorn.message).toBe('Port 8000 on the box is already taken by another program or container.');
    expect(uvicorn.hint).toContain("sudo ss -ltnp 'sport = :8000'");
    // SYNTH: Go's listen error as `ollama serve` prints it.
    expect(explainEngineFailure('Error: listen tcp 127.0.0.1:11434: bind: address already in use', { ...vllmCtx, engine: 'ollama' })!.message).toMatch(/^Port 11434/);
    expect(explainEngineFailure("main: couldn't bind HTTP server socket, hostname: 0.0.0.0, port: 8080", { ...vllmCtx, engine: 'llama-server' })!.message).toMatch(/^Port 8080/);
  });

  it('every explanation is a valid app error with the last log lines as details', () => {
    const f = explainEngineFailure(withError('torch.OutOfMemoryError: CUDA out of memory.'), vllmCtx)!;
    const error = engineFailureError(f);
    expect(errorCodes).toContain(error.code);
    expect(error.details).toEqual(f.lastLines);
    expect(error.details).toHaveLength(6);
  });
});

describe('explainReadinessTimeout', () => {
  it('a log that never said ready: the timeout with the last lines', () => {
    const f = explainReadinessTimeout(gb10Loading, vllmCtx, 600);
    expect(f).toMatchObject({ kind: 'readiness-timeout', code: 'not-ready', message: 'The server did not report ready within 600 s.', line: null });
    expect(f.hint).toMatch(/still be loading/);
    expect(f.lastLines.at(-1)).toContain('Maximum concurrency for 1,048,576 tokens per request: 1.15x');
  });

  it("an unknown error: engine-log's last error in the hint", () => {
    const f = explainReadinessTimeout(withError('(EngineCore pid=860990) ERROR 08-23 22:37:41 [core.py:708] EngineCore failed to start.'), vllmCtx, 300);
    expect(f.kind).toBe('readiness-timeout');
    expect(f.hint).toBe('Its last error: ERROR 08-23 22:37:41 [core.py:708] EngineCore failed to start.');
  });

  it('a known failure explains the timeout better than the timeout', () => {
    expect(explainReadinessTimeout(withError('torch.OutOfMemoryError: CUDA out of memory.'), vllmCtx, 300).kind).toBe('out-of-memory');
  });

  it('keeps only the last 20 lines', () => {
    const long = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    expect(explainReadinessTimeout(long, vllmCtx, 60).lastLines).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 30}`));
  });
});

describe('vllmVersion', () => {
  it('reads upstream tags and the log, not NGC release tags', () => {
    expect(vllmVersion('vllm/vllm-openai:v0.11.0', '')).toEqual([0, 11]);
    expect(vllmVersion('localhost:5000/vllm:0.12.1-aarch64', '')).toEqual([0, 12]);
    // NGC release tags: the release notes' vLLM when they were read (ngc-vllm.ts), else nothing exact.
    expect(vllmVersion('nvcr.io/nvidia/vllm:25.11-py3', '')).toBeNull();
    expect(vllmVersion('nvcr.io/nvidia/vllm:26.03-py3', '')).toEqual([0, 17]);
    expect(vllmVersion('nvcr.io/nvidia/vllm:26.01-py3', '')).toEqual([0, 11]);
    expect(vllmVersion('vllm/vllm-openai:nightly-aarch64', '')).toBeNull();
    // SYNTH: vLLM's `vLLM API server version X` log line (api_server.py).
    expect(vllmVersion('nvcr.io/nvidia/vllm:25.11-py3', 'INFO 09-24 20:54:30 [api_server.py:1896] vLLM API server version 0.11.0')).toEqual([0, 11]);
  });
});
