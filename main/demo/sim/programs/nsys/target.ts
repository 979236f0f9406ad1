/**
 * The application nsys profiles or launches. A simulated program (found through the lookup the
 * integrator passes in: llama-server, hf, python3 convert_hf_to_gguf.py, …) runs for real with
 * a signal nsys can abort; an inference engine started on the host (`trtllm-serve`, `vllm serve`,
 * `python3 -m sglang.launch_server`) becomes a serving workload (engine.ts); anything else
 * "runs" until nsys ends the collection or for a few seconds.
 */
import { findCatalogueModel } from '../../catalogue.js';
import { abortableSleep } from '../../host.js';
import type { Program, SimIO } from '../../io.js';
import { engineOf, runEngine } from './engine.js';
import type { NsysWorkload } from './report-file.js';

/**
 * Finds a simulated program by the name it is invoked as; Python scripts are asked for as
 * `python:<script basename>` (e.g. `python:convert_hf_to_gguf.py`).
 */
export type ProgramLookup = (name: string) => Program | undefined;

export const targetTiming = {
  /** An unknown host command with no --duration "finishes" after this long. */
  genericRunMs: 5_000,
  /** Idle waits are chunked: setTimeout cannot wait longer than 2^31-1 ms. */
  idleWaitMs: 60_000,
} as const;

/** An io whose sleep and signal also answer to `signal` (nsys ending the collection). */
export const childIo = (io: SimIO, program: string, argv: readonly string[], signal: AbortSignal): SimIO => ({
  ...io,
  program,
  argv,
  signal,
  sleep: (ms) => abortableSleep(ms, signal),
});

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Tools that never touch CUDA: their reports hold OS runtime data only. */
const cpuTools = ['convert_hf_to_gguf.py', 'llama-quantize', 'hf', 'huggingface-cli', 'modelscope'];

/** Which engine's kernels a profile of this command shows. */
export const workloadOf = (command: readonly string[]): NsysWorkload => {
  if (command.length === 0) return 'none';
  const text = command.join(' ');
  const engine = engineOf(command);
  if (engine) return engine;
  if (/\bllama-(server|cli|bench)\b/.test(text)) return 'llama.cpp';
  // Tools that never touch CUDA: the report holds OS runtime data only.
  if (command.slice(0, 2).map(base).some((n) => cpuTools.includes(n))) return 'cpu';
  if (/\b(python3?|torchrun|accelerate|llamafactory-cli|deepspeed)\b/.test(text)) return 'pytorch';
  return 'generic';
};

/** Whether the command serves a mixture-of-experts model (fused MoE kernels in the profile). */
export const servesMoe = (command: readonly string[]): boolean =>
  command.some((word) => {
    const model = findCatalogueModel(word);
    return model !== undefined && /moe|gpt_oss/.test(String(model.config['model_type']));
  });

export const runTarget = async (io: SimIO, command: readonly string[], signal: AbortSignal, lookup: ProgramLookup): Promise<number> => {
  const [first, ...rest] = command;
  if (first === undefined) {
    // `nsys start` without an application: nothing to run, the collection is system-wide.
    const idle = childIo(io, 'nsys', [], signal);
    while (await idle.sleep(targetTiming.idleWaitMs)) {
      // Wait for stop/shutdown.
    }
    return 0;
  }
  const name = base(first);
  const engine = engineOf(command);
  if (engine) return runEngine(childIo(io, name, rest, signal), engine, command);
  const script = (name === 'python3' || name === 'python') && rest[0] !== undefined ? lookup(`python:${base(rest[0])}`) : undefined;
  const program = script ?? lookup(name);
  if (program) return program(childIo(io, name, rest, signal));
  const ran = await childIo(io, name, rest, signal).sleep(targetTiming.genericRunMs);
  return ran ? 0 : 130;
};
