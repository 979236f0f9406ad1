/**
 * `llama-server -m MODEL.gguf [--host H] [--port P] [-c N] [-np N] [-ngl N] [--alias NAME] …`
 * as a host process (a job under nohup, or inside `nsys launch`): logs its startup on stderr,
 * registers a `llama-server` GPU process and serves the OpenAI API through io.servers (kind
 * 'llama-server'); after the load it prints `server is listening` and runs until interrupted.
 */
import { memory } from '../../dynamics.js';
import type { Program, SimIO } from '../../io.js';
import { readGgufFile } from './gguf-file.js';
import { shapeFromGguf } from './model-shape.js';
import { fileTypeName } from './quant-types.js';
import { modelLoadFailure, serverLoadLines, serverPreludeLines, serverReadyLines } from './server-log.js';

export const llamaServerDefaults = {
  /** llama-server's defaults: 127.0.0.1:8080, 4 slots, context 4096 per the model loader's cap. */
  host: '127.0.0.1',
  port: 8080,
  slots: 4,
  ctx: 4096,
  /** Its default model path (common.h), which exists nowhere on a real box either. */
  model: 'models/7B/ggml-model-f16.gguf',
  /** Replies without max_tokens stop here in the simulation (llama-server's -n is unlimited). */
  defaultMaxTokens: 512,
  /** Compute buffers on top of weights and KV cache. */
  computeMiB: 512,
  /** How long the idle loop waits between checks for Ctrl-C. */
  idleWaitMs: 60_000,
} as const;

const valueOptions = new Set(['-m', '--model', '--host', '--port', '-c', '--ctx-size', '-np', '--parallel', '-ngl', '--n-gpu-layers', '--gpu-layers', '-a', '--alias', '-t', '--threads', '-b', '--batch-size', '-ub', '--ubatch-size', '-fa', '--flash-attn', '--api-key', '--cache-type-k', '-ctk', '--cache-type-v', '-ctv', '-n', '--n-predict', '--mmproj', '--chat-template', '--reasoning-format', '--temp', '--top-p', '--top-k', '--seed', '--chat-template-kwargs', '--reasoning-budget', '--spec-type', '--cache-reuse']);
const flagOptions = new Set(['--jinja', '--no-warmup', '--no-mmap', '--mlock', '--cont-batching', '--metrics', '--verbose', '-v', '--no-webui', '--embedding', '--embeddings']);

const parse = (argv: readonly string[]): Map<string, string> | string => {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (flagOptions.has(arg)) continue;
    if (!valueOptions.has(arg)) return arg;
    const value = argv[i + 1];
    if (value === undefined) return arg;
    values.set(arg, value);
    i += 1;
  }
  return values;
};

const pick = (values: Map<string, string>, ...names: string[]): string | undefined => names.map((n) => values.get(n)).find((v) => v !== undefined);

export const llamaServer: Program = async (io: SimIO) => {
  const values = parse(io.argv);
  if (typeof values === 'string') {
    io.error(`error: invalid argument: ${values}\n`);
    return 1;
  }
  const host = pick(values, '--host') ?? llamaServerDefaults.host;
  const port = Number(pick(values, '--port') ?? llamaServerDefaults.port);
  const ctx = Number(pick(values, '-c', '--ctx-size') ?? llamaServerDefaults.ctx) || llamaServerDefaults.ctx;
  const slots = Number(pick(values, '-np', '--parallel') ?? llamaServerDefaults.slots) || llamaServerDefaults.slots;
  const modelPath = pick(values, '-m', '--model') ?? llamaServerDefaults.model;
  const info = readGgufFile(io.fs.hostPath(io.fs.resolve(modelPath, io.cwd)));
  const shape = info ? shapeFromGguf(info.metadata) : undefined;
  io.error(serverPreludeLines({ host, port, modelPath }));
  if (!info) {
    io.error(modelLoadFailure(modelPath));
    return 1;
  }
  const fileMiB = info.sizeBytes / 1024 / 1024;
  const params = Number(info.metadata['general.parameter_count'] ?? 0n) || info.sizeBytes / 2;
  // K and V, f16, every layer, every slot's share of the context.
  const kvMiB = shape ? (ctx * shape.layers * shape.kvHeads * shape.headDim * 2 * 2) / 1024 / 1024 : 0;
  const state = io.read();
  const freeMiB = memory(state, io.now()).availableKb / 1024;
  io.error(
    serverLoadLines({
      modelPath,
      shape,
      kvPairs: Object.keys(info.metadata).length,
      tensors: info.tensorCount,
      fileType: fileTypeName(Number(info.metadata['general.file_type'] ?? 1)),
      fileMiB,
      bpw: (info.sizeBytes * 8) / params,
      freeMiB,
      ctx,
      slots,
      kvMiB,
    }),
  );
  const loadMs = state.tuning.serverReadyMs;
  const pid = io.update((s, now) => {
    const id = s.nextPid;
    s.nextPid += 1;
    s.gpuProcesses.push({
      pid: id,
      name: 'llama-server',
      type: 'C',
      memoryMiB: Math.round(fileMiB + kvMiB + llamaServerDefaults.computeMiB),
      startedAt: now,
      loadMs,
      containerId: undefined,
      fileCacheMiB: Math.round(fileMiB),
    });
    return id;
  });
  const serverId = `llama-server-${pid}`;
  io.servers.start({
    id: serverId,
    kind: 'llama-server',
    port,
    model: modelPath,
    servedName: pick(values, '-a', '--alias') ?? modelPath,
    readyAfterMs: loadMs,
    ttftMs: state.tuning.ttftMs,
    tokenDelayMs: state.tuning.tokenDelayMs,
    maxConcurrency: slots,
    defaultMaxTokens: llamaServerDefaults.defaultMaxTokens,
  });
  try {
    if (!(await io.sleep(loadMs))) return 130;
    // A server that never becomes ready keeps loading forever: no ready lines.
    if (io.read().faults['server-never-ready'] !== true) io.error(serverReadyLines({ host, port, slots, ctx }));
    while (await io.sleep(llamaServerDefaults.idleWaitMs)) {
      // Serving happens in the server host; this process only has to stay alive.
    }
    io.error('srv    operator(): operator(): cleaning up before exit...\n');
    return 130;
  } finally {
    io.servers.stop(serverId);
    io.update((s) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
    });
  }
};
