/**
 * Known ways a model server fails to start on GB10, recognised from the tail of its log and the
 * launch's context, each explained as the app's error shape (code, message, hint) with the last
 * log lines. Docker-level problems (amd64 image, port taken, disk full) are docker-problems'
 * advice, not repeated here; readiness and the last error line come from engine-log.
 */
import { appError, type AppError, type ErrorCode } from '../contract/errors.js';
import { classifyDockerError } from '../remote/parsers/docker-errors.js';
import { readEngineLog } from '../remote/parsers/engine-log.js';
import { adviseDockerProblem } from './docker-problems.js';
import { dropPageCacheCommand } from './memory-guard.js';
import type { WeightFormat } from './memory-model.js';
import type { ServeEngineId } from './serve/serve-engines.js';
import { firstNgcVllmAtLeast, ngcVllm } from './serve/ngc-vllm.js';

export const engineFailureLimits = {
  /** Log lines shown with an explanation: enough for a Python traceback's last frames and its exception. */
  lastLines: 20,
  /** vLLM gained NVFP4 MoE kernels for GB10 (SM 12.1) in 0.12.0; earlier ones fail with "Failed to initialize GEMM" (the review; vllm-project/vllm#29242). */
  vllmNvfp4MoeMinVersion: [0, 12] as const,
} as const;

export interface EngineFailureContext {
  readonly engine: ServeEngineId;
  /** The image the server runs in (`vllm/vllm-openai:v0.11.0`, `nvcr.io/nvidia/vllm:25.11-py3`); null for a host process. */
  readonly image: string | null;
  readonly modelFormat: WeightFormat | 'gguf' | null;
  /** A Hugging Face token was given to the launch. */
  readonly hfTokenGiven: boolean;
}

export type EngineFailureKind =
  | 'vllm-nvfp4-moe-unsupported'
  | 'startup-memory-check'
  | 'no-room-for-kv-cache'
  | 'out-of-memory'
  | 'model-gated'
  | 'model-not-found'
  | 'docker'
  | 'port-in-use'
  | 'readiness-timeout';

export interface EngineFailure {
  readonly kind: EngineFailureKind;
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  /** The log line that gave it away; null for a timeout with no such line. */
  readonly line: string | null;
  readonly lastLines: readonly string[];
  /** The facts the sentence and hint were made from, for a translation of them (`variant` picks which wording). */
  readonly params?: Readonly<Record<string, string | number>>;
}

const stripCr = (l: string): string => l.replace(/\r$/, '');

export const lastLogLines = (log: string, n: number = engineFailureLimits.lastLines): string[] =>
  log
    .split('\n')
    .map(stripCr)
    .filter((l) => l.trim() !== '')
    .slice(-n);

/** vLLM's version from the log's `vLLM API server version X`, an upstream tag (`v0.11.0`, `0.12.0-aarch64`), or an NGC release whose notes say which vLLM it ships (ngc-vllm.ts); null when none says. */
export const vllmVersion = (image: string | null, log: string): readonly [number, number] | null => {
  const fromLog = /vLLM API server version v?(\d+)\.(\d+)/.exec(log);
  if (fromLog) return [Number(fromLog[1]), Number(fromLog[2])];
  if (image === null) return null;
  const ngc = ngcVllm(image);
  if (ngc?.kind === 'exact') return [ngc.vllm[0], ngc.vllm[1]];
  const tag = /:(?:v)?(\d+)\.(\d+)\.\d+(?:[-.].*)?$/.exec(image);
  if (!tag || image.startsWith('nvcr.io/')) return null;
  return [Number(tag[1]), Number(tag[2])];
};

const before = (v: readonly [number, number], min: readonly [number, number]): boolean => v[0] < min[0] || (v[0] === min[0] && v[1] < min[1]);

const oomHints: Readonly<Record<ServeEngineId, string>> = {
  vllm: 'Lower --gpu-memory-utilization (or --kv-cache-memory) or --max-model-len, stop other servers, or use a 4-bit model.',
  trtllm: 'Lower free_gpu_memory_fraction in the LLM-API options, or --max_batch_size / --max_num_tokens, or use a 4-bit model.',
  sglang: 'Lower --mem-fraction-static (activations need what it leaves) or --max-running-requests, or use a 4-bit model.',
  'llama-server': 'Use a smaller context (-c), a smaller quantization, or stop other servers holding memory.',
  ollama: 'Use a smaller context (num_ctx) or quantization, or unload other models (ollama stop NAME).',
};

type Found = Omit<EngineFailure, 'lastLines'>;
type Matcher = (line: string, ctx: EngineFailureContext, log: string) => Found | null;

/** Checked in this order over all lines: the first matcher any line satisfies wins (root causes before their consequences). */
const matchers: readonly Matcher[] = [
  (line, ctx, log) => {
    // vLLM's CUTLASS FP4 MoE (`Failed to initialize GEMM`, the review), its FP4 gemm runner, and NGC 25.11's missing FlashInfer kernels (vllm-project/vllm#30163).
    if (ctx.engine !== 'vllm' || !/Failed to initialize GEMM|\[FP4 gemm Runner\] Failed to (?:initialize|run) cutlass FP4 gemm|FlashInfer kernels unavailable for ModelOptNvFp4FusedMoE/.test(line)) return null;
    const version = vllmVersion(ctx.image, log);
    const min = engineFailureLimits.vllmNvfp4MoeMinVersion;
    // An NGC tag between two releases whose notes were read is bounded by them; an unknown one counts as old.
    const bound = version === null && ctx.image !== null ? ngcVllm(ctx.image) : null;
    const old = version !== null ? before(version, min) : bound?.kind !== 'at-least' || before([bound.vllm[0], bound.vllm[1]], min);
    return {
      kind: 'vllm-nvfp4-moe-unsupported',
      code: 'unsupported',
      message: old
        ? `${version === null ? 'This vLLM' : `vLLM ${version.join('.')}`} cannot run NVFP4 MoE models on GB10: its FP4 MoE kernels do not support SM 12.1 before vLLM 0.12.`
        : `${version === null ? 'This vLLM (0.12 or later)' : `vLLM ${version.join('.')}`} failed in its FP4 MoE kernel on GB10.`,
      hint: old
        ? `Use an NGC vLLM image that ships vLLM 0.12 or later (${firstNgcVllmAtLeast(min) ?? 'nvcr.io/nvidia/vllm'} or newer), or an AWQ build of the model (such as Qwen3-30B-A3B-AWQ).`
        : 'Use an AWQ build of the model, or serve the NVFP4 model with TensorRT-LLM.',
      line,
      params: { variant: old ? 'old' : 'new', version: version === null ? '' : version.join('.'), image: firstNgcVllmAtLeast(min) ?? 'nvcr.io/nvidia/vllm' },
    };
  },
  (line) => {
    // vLLM's startup check (vllm-project/vllm#35313, DGX Spark/GH200): cudaMemGetInfo on UMA does not count reclaimable page cache.
    const m = /Free memory on device(?: \S+)? \(([\d.]+)\/([\d.]+) GiB\) on startup is less than desired GPU memory utilization \(([\d.]+), ([\d.]+) GiB\)/.exec(line);
    if (!m) return null;
    const fits = Math.floor((Number(m[1]) / Number(m[2])) * 100) / 100;
    return {
      kind: 'startup-memory-check',
      code: 'out-of-memory',
      message: `vLLM found ${m[1]} GiB free of ${m[2]} GiB and wanted ${m[4]} GiB (--gpu-memory-utilization ${m[3]}).`,
      hint: `Lower --gpu-memory-utilization to ${fits} or less, stop other servers, or drop the page cache first (GB10's CUDA does not count it as free; needs sudo). Run: ${dropPageCacheCommand}`,
      line,
      params: { free: m[1]!, total: m[2]!, fraction: m[3]!, wanted: m[4]!, fits, command: dropPageCacheCommand },
    };
  },
  (line, ctx) => {
    // SYNTH: vLLM's `ValueError: No available memory for the cache blocks…` and SGLang's `Not enough memory. Please try to increase --mem-fraction-static.` as their sources raise them (not captured).
    if (!/No available memory for the cache blocks|Not enough memory\. Please try to increase --mem-fraction-static/.test(line)) return null;
    const setting = ctx.engine === 'sglang' ? '--mem-fraction-static' : '--gpu-memory-utilization';
    return {
      kind: 'no-room-for-kv-cache',
      code: 'out-of-memory',
      message: 'The weights took all the memory the engine was allowed: none was left for the KV cache.',
      hint: `Raise ${setting} if the memory guard allows it, or use a 4-bit model.`,
      line,
      params: { setting },
    };
  },
  (line, ctx) =>
    // torch (vLLM, SGLang, TRT-LLM's PyTorch backend), TRT-LLM's C++ runtime, llama.cpp/ggml, and Ollama's runner.
    /OutOfMemoryError|CUDA out of memory|cudaMalloc failed: out of memory|failed to allocate CUDA\d* buffer|unable to allocate CUDA\d* buffer|\[TensorRT-LLM\]\[ERROR\] CUDA runtime error in .*: out of memory|CUDA error: out of memory/.test(line)
      ? { kind: 'out-of-memory', code: 'out-of-memory', message: 'The server ran out of memory (CUDA out of memory).', hint: oomHints[ctx.engine], line, params: { variant: ctx.engine } }
      : null,
  (line, ctx) => {
    if (!/GatedRepoError|Cannot access gated repo|You are trying to access a gated repo/.test(line)) return null;
    return {
      kind: 'model-gated',
      code: 'not-found',
      message: 'The model is gated on Hugging Face: it needs an account that accepted its terms.',
      hint: ctx.hfTokenGiven
        ? "The token was refused: accept the model's terms on its Hugging Face page with the account the token belongs to, or use a token with read access."
        : "Give a Hugging Face token (Settings → Access Tokens) of an account that accepted the model's terms.",
      line,
      params: { variant: ctx.hfTokenGiven ? 'token' : 'noToken' },
    };
  },
  (line, ctx) => {
    // HF (`RepositoryNotFoundError`, `Repository Not Found for url`), HF's repo-id check when a local path is missing, Ollama (SYNTH: `Error: model "x" not found, try pulling it first`, its CLI wording).
    if (!/RepositoryNotFoundError|Repository Not Found for url|HFValidationError: Repo id must be|Error: model "[^"]+" not found/.test(line)) return null;
    const localPath = /HFValidationError/.test(line);
    return {
      kind: 'model-not-found',
      code: 'not-found',
      message: localPath ? 'The model path does not exist inside the server, so it was read as a Hugging Face id and rejected.' : 'The model was not found.',
      hint: localPath
        ? 'Check the model folder and its mount into the container (-v box-path:container-path).'
        : ctx.engine === 'ollama'
          ? 'Pull it first, or check the name (ollama list).'
          : ctx.hfTokenGiven
            ? 'Check the model id (owner/name, case matters) and that the token can read it.'
            : 'Check the model id (owner/name, case matters); a private or gated model also needs a Hugging Face token.',
      line,
      params: { variant: localPath ? 'localPath' : ctx.engine === 'ollama' ? 'ollama' : ctx.hfTokenGiven ? 'token' : 'noToken' },
    };
  },
  (line) => {
    // SYNTH: llama-server's `couldn't bind HTTP server socket, hostname: H, port: P` (server.cpp's LOG_ERR, not captured); uvicorn's errno 98 and Go's `bind: address already in use` are docker-errors' port matcher.
    const m = /couldn't bind HTTP server socket, hostname: (\S+), port: (\d+)/.exec(line);
    if (!m) return null;
    const advice = adviseDockerProblem({ kind: 'port-in-use', line, hostIp: m[1]!, port: Number(m[2]) });
    return { kind: 'port-in-use', code: advice.code, message: advice.message, hint: advice.fixCommand === null ? advice.hint : `${advice.hint} Run: ${advice.fixCommand}`, line };
  },
];

const fromDocker = (log: string): Found | null => {
  const problem = classifyDockerError(log);
  if (!problem) return null;
  const advice = adviseDockerProblem(problem);
  return {
    kind: problem.kind === 'port-in-use' ? 'port-in-use' : 'docker',
    code: advice.code,
    message: advice.message,
    hint: advice.fixCommand === null ? advice.hint : `${advice.hint} Run: ${advice.fixCommand}`,
    line: problem.line,
  };
};

/** The known failure the log shows, or null when it shows none. */
export const explainEngineFailure = (log: string, ctx: EngineFailureContext): EngineFailure | null => {
  const lines = log.split('\n').map(stripCr).filter((l) => l.trim() !== '');
  for (const match of matchers) {
    for (const line of lines) {
      const found = match(line, ctx, log);
      if (found) return { ...found, lastLines: lastLogLines(log) };
    }
  }
  const docker = fromDocker(log);
  return docker ? { ...docker, lastLines: lastLogLines(log) } : null;
};

/** Why a server did not become ready in `waitedSeconds`: a known failure if the log shows one, else the timeout with its last error and lines. */
export const explainReadinessTimeout = (log: string, ctx: EngineFailureContext, waitedSeconds: number): EngineFailure => {
  const known = explainEngineFailure(log, ctx);
  if (known) return known;
  const state = readEngineLog(log);
  return {
    kind: 'readiness-timeout',
    code: 'not-ready',
    message: `The server did not report ready within ${waitedSeconds} s.`,
    hint:
      state.lastError !== null
        ? `Its last error: ${state.lastError}`
        : 'It may still be loading (a first load of a large model can take minutes): wait longer, or read the log below.',
    line: state.lastError,
    lastLines: lastLogLines(log),
    params: { seconds: waitedSeconds, variant: state.lastError !== null ? 'lastError' : 'loading', lastError: state.lastError ?? '' },
  };
};

export const engineFailureError = (f: EngineFailure): AppError => appError(f.code, f.message, f.hint, f.lastLines);
