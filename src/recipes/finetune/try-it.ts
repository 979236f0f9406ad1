/**
 * "Try it": two `llamafactory-cli api` servers as host jobs (src/remote/commands/host-job.ts),
 * one with the base model, one with the base model + the run's adapter (or the run's own output
 * folder for full / freeze), each on a free port of the box (API_PORT) under a fixed name
 * (API_MODEL_NAME). The flags are HfArgumentParser's `--key value`: without a YAML first,
 * LLaMA Factory takes no `key=value` words. What they need in memory: the base weights twice
 * (bf16), plus per server the CUDA context and a 4 K-token KV cache.
 */
import type { FinetuneEnvironment } from '../../domain/finetune.js';
import type { TryMemory, TrySide } from '../../domain/finetune-try.js';
import { startHostJobCommand } from '../../remote/commands/host-job.js';
import { remotePath, sh } from '../../remote/quote.js';
import { formatGiB, memoryGuardLimits, type BoxMemory } from '../memory-guard.js';
import { finetuneOverheadBytes, type ModelShape } from './memory.js';
import { launcher } from './run-commands.js';

export const tryJobKind = 'pgx-finetune-try';
export const tryJobId = (side: TrySide): string => `ft-try-${side}`;
export const tryModelName = (side: TrySide): string => side;
/** Ports tried for the two servers, first free first (clear of 8000, 7860, 8888, 11434 …). */
export const tryPorts = { from: 18_100, to: 18_199 } as const;
/** Tokens of KV cache counted per server: a conversation of a few turns. */
export const tryKvTokens = 4096;

/** The job's spec.json. */
export interface TrySpec {
  readonly kind: typeof tryJobKind;
  readonly side: TrySide;
  readonly runId: string;
  readonly boxPort: number;
  readonly model: string;
  readonly command: string;
  readonly startedAt: number;
}

export const isTrySpec = (spec: Readonly<Record<string, unknown>> | null): spec is Readonly<Record<string, unknown>> & TrySpec =>
  spec !== null && spec['kind'] === tryJobKind && (spec['side'] === 'base' || spec['side'] === 'tuned') && typeof spec['boxPort'] === 'number' && typeof spec['runId'] === 'string';

/** The first two ports of tryPorts that nothing listens on (and no one else is given); null when none are left. */
export const pickTryPorts = (taken: Iterable<number>): { base: number; tuned: number } | null => {
  const busy = new Set(taken);
  const free: number[] = [];
  for (let port = tryPorts.from; port <= tryPorts.to && free.length < 2; port += 1) if (!busy.has(port)) free.push(port);
  return free.length === 2 ? { base: free[0]!, tuned: free[1]! } : null;
};

export interface TryModels {
  readonly baseModel: string;
  /** The run's output folder (absolute). */
  readonly outputDir: string;
  /** lora (QLoRA included), full or freeze. */
  readonly finetuningType: string;
  readonly template: string | null;
}

/** HfArgumentParser flags of each server. */
export const tryArgs = (m: TryModels, side: TrySide): string[] => {
  const lora = m.finetuningType === 'lora';
  const model = side === 'tuned' && !lora ? m.outputDir : m.baseModel;
  return [
    '--model_name_or_path',
    model,
    ...(side === 'tuned' && lora ? ['--adapter_name_or_path', m.outputDir, '--finetuning_type', 'lora'] : []),
    ...(m.template !== null ? ['--template', m.template] : []),
    '--infer_backend',
    'huggingface',
  ];
};

/** The command line one server runs (what the page shows, and what the job's script is). */
export const tryCommandLine = (env: Pick<FinetuneEnvironment, 'venv'>, side: TrySide, port: number, args: readonly string[]): string =>
  sh`API_PORT=${String(port)} API_MODEL_NAME=${tryModelName(side)} PYTHONUNBUFFERED=1 ${remotePath(launcher(env))} api ${[...args]}`;

/** Starts one server as its job, in the workspace (where `data/` and relative output folders are). */
export const startTryCommand = (env: Pick<FinetuneEnvironment, 'venv' | 'workspace'>, spec: TrySpec): string =>
  startHostJobCommand({ id: tryJobId(spec.side), workdir: env.workspace, spec: spec as unknown as Record<string, unknown>, script: spec.command });

/** What a server's log says: uvicorn is up, or the exception it died of. */
export const readTryLog = (log: string): { readonly serving: boolean; readonly error: string | null } => {
  const lines = log.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  const exception = [...lines].reverse().find((l) => /^[A-Za-z_.]*(Error|Exception|Interrupt)\b.*:/.test(l) || /^[A-Za-z_.]*(Error|Exception)$/.test(l));
  const bind = [...lines].reverse().find((l) => /^ERROR: +\[Errno \d+\]/.test(l));
  return { serving: lines.some((l) => /Uvicorn running on /.test(l)), error: exception ?? bind ?? null };
};

const GiB = 1024 ** 3;

/** Two servers' memory: bf16 weights, the CUDA context and a tryKvTokens KV cache each. */
export const estimateTryMemory = (model: ModelShape | null, box: BoxMemory | null): TryMemory => {
  if (model === null) return { perServerBytes: null, totalBytes: null, boxAvailableBytes: box?.availableBytes ?? null, verdict: 'unknown', message: 'The base model’s config.json is not on the box, so its size is unknown.' };
  const kv = 2 * model.layers * model.kvHeads * model.headDim * 2 * tryKvTokens;
  const perServer = model.parameters * 2 + finetuneOverheadBytes + kv;
  const total = perServer * 2;
  const base = { perServerBytes: perServer, totalBytes: total, boxAvailableBytes: box?.availableBytes ?? null };
  if (box === null) return { ...base, verdict: 'unknown', message: `Needs about ${formatGiB(total)} (${formatGiB(perServer)} per server); the box’s free memory could not be read.` };
  const room = box.availableBytes - memoryGuardLimits.osReserveBytes;
  if (total > room) return { ...base, verdict: 'refuse', message: `The two servers need about ${formatGiB(total)} (the base model twice) but ${formatGiB(Math.max(0, room))} is free after the ${formatGiB(memoryGuardLimits.osReserveBytes)} kept for the system: stop other models or training first.` };
  if (room - total < memoryGuardLimits.warnHeadroomBytes) return { ...base, verdict: 'warn', message: `The two servers need about ${formatGiB(total)} of ${formatGiB(room)} free: close to the edge.` };
  return { ...base, verdict: 'ok', message: `The two servers need about ${formatGiB(total)} (${(perServer / GiB).toFixed(1)} GiB each); ${formatGiB(room)} is free.` };
};
