/**
 * An inference engine started on the host under nsys (`nsys launch … trtllm-serve MODEL`,
 * `nsys profile … vllm serve MODEL`): the same workload `docker run` starts for the engine's
 * container — a GPU process holding the engine's memory, a server behind its port, its startup
 * log ending in the readiness lines of the captures — until nsys (or Ctrl-C) ends it.
 */
import { findCatalogueModel } from '../../catalogue.js';
import { memory } from '../../dynamics.js';
import type { SimIO } from '../../io.js';

export type Engine = 'trtllm' | 'vllm' | 'sglang';

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const engineOf = (command: readonly string[]): Engine | undefined => {
  const names = command.map(base);
  if (names.includes('trtllm-serve')) return 'trtllm';
  if (names[0] === 'vllm' && command[1] === 'serve') return 'vllm';
  const m = command.indexOf('-m');
  if (m >= 0 && command[m + 1] === 'sglang.launch_server') return 'sglang';
  return undefined;
};

export const engineDefaults = {
  /** Default ports: trtllm-serve and vLLM 8000, SGLang 30000. */
  port: { trtllm: 8000, vllm: 8000, sglang: 30000 } as Record<Engine, number>,
  /** Process names as nvidia-smi shows them (README §1.4). */
  processName: { trtllm: 'python3', vllm: 'VLLM::EngineCore', sglang: 'sglang::scheduler' } as Record<Engine, string>,
  /** vLLM --gpu-memory-utilization 0.9; TRT-LLM free_gpu_memory_fraction 0.9; SGLang --mem-fraction-static 0.88. */
  memoryFraction: { trtllm: 0.9, vllm: 0.9, sglang: 0.88 } as Record<Engine, number>,
  /** Weights when the model is not in the catalogue (an 8B model in bf16). */
  unknownWeightsBytes: 16e9,
  defaultMaxTokens: 512,
  idleWaitMs: 60_000,
} as const;

const flag = (command: readonly string[], ...names: string[]): string | undefined => {
  for (let i = 0; i < command.length; i += 1) {
    const word = command[i]!;
    for (const name of names) {
      if (word === name) return command[i + 1];
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return undefined;
};

const modelOf = (engine: Engine, command: readonly string[]): string => {
  if (engine === 'sglang') return flag(command, '--model-path', '--model') ?? 'unknown';
  const at = command.findIndex((w) => base(w) === (engine === 'trtllm' ? 'trtllm-serve' : 'vllm'));
  const after = command.slice(at + 1).filter((w) => w !== 'serve');
  return after.find((w) => !w.startsWith('-')) ?? flag(command, '--model') ?? 'unknown';
};

const stamp = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

const startupLog = (engine: Engine, pid: number, now: number, model: string): string => {
  if (engine === 'trtllm') {
    return `[TensorRT-LLM] TensorRT LLM version: 1.3.0rc13\n[${stamp(now)}] [TRT-LLM] [I] Using LLM with PyTorch backend\n[${stamp(now)}] [TRT-LLM] [I] Loading model ${model}\n`;
  }
  if (engine === 'vllm') return `(APIServer pid=${pid}) INFO [api_server.py:1885] vLLM API server version 0.11.0\n(APIServer pid=${pid}) INFO [utils.py:328] non-default args: {'model': '${model}'}\n`;
  return `[${new Date(now).toISOString().replace('T', ' ').slice(0, 19)}] server_args=ServerArgs(model_path='${model}')\n`;
};

const readyLog = (engine: Engine, pid: number, now: number, host: string, port: number, fraction: number, gib: number): string => {
  const uvicorn = `INFO:     Started server process [${pid}]\nINFO:     Waiting for application startup.\nINFO:     Application startup complete.\nINFO:     Uvicorn running on http://${host}:${port} (Press CTRL+C to quit)\n`;
  if (engine === 'trtllm') return `[${stamp(now)}] [TRT-LLM] [I] Setting PyTorch memory fraction to ${fraction} (${gib} GiB)\n${uvicorn}`;
  if (engine === 'vllm') return uvicorn.replace(/^/gm, `(APIServer pid=${pid}) `);
  return `${uvicorn}The server is fired up and ready to roll!\n`;
};

export const runEngine = async (io: SimIO, engine: Engine, command: readonly string[]): Promise<number> => {
  const model = modelOf(engine, command);
  const port = Number(flag(command, '--port') ?? engineDefaults.port[engine]);
  const host = flag(command, '--host') ?? '0.0.0.0';
  const state = io.read();
  const now = io.now();
  const totalMiB = state.box.memTotalKb / 1024;
  const weightsMiB = (findCatalogueModel(model)?.sizeBytes ?? engineDefaults.unknownWeightsBytes) / 1024 / 1024;
  const fraction = Number(flag(command, '--gpu-memory-utilization', '--mem-fraction-static') ?? engineDefaults.memoryFraction[engine]);
  // vLLM/SGLang take a share of all memory; TRT-LLM adds a share of what is free after the weights.
  const availableMiB = memory(state, now).availableKb / 1024;
  const memoryMiB = engine === 'trtllm' ? weightsMiB + fraction * Math.max(0, availableMiB - weightsMiB) : Math.max(weightsMiB, fraction * totalMiB);
  const loadMs = state.tuning.serverReadyMs;
  const pid = io.update((s, at) => {
    const id = s.nextPid;
    s.nextPid += 1;
    s.gpuProcesses.push({ pid: id, name: engineDefaults.processName[engine], type: 'C', memoryMiB: Math.round(memoryMiB), startedAt: at, loadMs, containerId: undefined, fileCacheMiB: Math.round(weightsMiB) });
    return id;
  });
  const serverId = `${engine}-${pid}`;
  io.write(startupLog(engine, pid, now, model));
  io.servers.start({
    id: serverId,
    kind: engine,
    port,
    model,
    servedName: flag(command, '--served-model-name', '--served_model_name') ?? model,
    readyAfterMs: loadMs,
    ttftMs: state.tuning.ttftMs,
    tokenDelayMs: state.tuning.tokenDelayMs,
    maxConcurrency: Number(flag(command, '--max_batch_size', '--max-batch-size', '--max-num-seqs') ?? state.tuning.serverConcurrency),
    defaultMaxTokens: engineDefaults.defaultMaxTokens,
  });
  try {
    if (!(await io.sleep(loadMs))) return 130;
    if (io.read().faults['server-never-ready'] !== true) {
      io.write(readyLog(engine, pid, io.now(), host, port, fraction, Math.round((memoryMiB / 1024) * 100) / 100));
    }
    while (await io.sleep(engineDefaults.idleWaitMs)) {
      // Serving happens in the server host; the process only has to stay alive.
    }
    return 130;
  } finally {
    io.servers.stop(serverId);
    io.update((s) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
    });
  }
};
