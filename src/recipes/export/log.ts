/**
 * What the export chain's log says beyond each step's state (parseExportLog in chain.ts): how far
 * the running step is, the model's answer to the test prompt, and why a step failed, as a sentence
 * and what to do.
 */
import type { ExportStepName } from '../../domain/export.js';

/** The lines a step printed: from its `PGX-STEP` line to the next marker of another step. */
export const stepOutput = (log: string, step: ExportStepName): string[] => {
  const lines = log.split('\n');
  const start = lines.findLastIndex((l) => l.trim() === `PGX-STEP ${step}`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^PGX-STEP /.test(line.trim())) break;
    if (/^PGX-(DONE|SKIP) /.test(line.trim())) continue;
    out.push(line);
  }
  return out;
};

/**
 * 0–1 from the step's last progress mark: llama-quantize's `[ 12/ 292]` tensor count, or a tqdm bar's
 * percent (the converter's `Writing:`, the merge's shards; tqdm redraws with \r, so a line holds several).
 */
export const stepProgress = (log: string, step: ExportStepName): number | null => {
  let progress: number | null = null;
  for (const line of stepOutput(log, step)) {
    for (const part of line.split('\r')) {
      const tensors = /^\[\s*(\d+)\/\s*(\d+)\]/.exec(part.trim());
      if (tensors && Number(tensors[2]) > 0) progress = Math.min(1, Number(tensors[1]) / Number(tensors[2]));
      const bar = /(\d{1,3})%\|/.exec(part);
      if (bar) progress = Math.min(1, Number(bar[1]) / 100);
    }
  }
  return progress;
};

/** The reply `ollama run` printed for the test prompt (null before the test step ran). */
export const testAnswer = (log: string): string | null => {
  if (!log.split('\n').some((l) => l.trim() === 'PGX-STEP test')) return null;
  // ollama run without a terminal prints the reply on stdout; its errors start with "Error:".
  const text = stepOutput(log, 'test')
    .filter((l) => !/^Error: /.test(l))
    .join('\n')
    .trim();
  return text === '' ? null : text;
};

const stepNames: Record<ExportStepName, string> = { merge: 'The merge', convert: 'The GGUF conversion', quantize: 'Quantizing', create: '`ollama create`', test: 'The test prompt' };
const retryHint = 'Retry goes on from this step: the steps that finished are not done again.';

/** Free space under which a failure with no reason of its own is put down to the disk (its error could not even be logged). */
export const nearlyFullBytes = 1024 ** 3;

/**
 * Why `step` failed, from its output: a sentence and what to do. `freeBytes` is the box's free
 * space now: a full disk swallows the failing tool's own error (the log cannot grow either).
 */
export const explainExportFailure = (log: string, step: ExportStepName, freeBytes: number | null = null): { message: string; hint: string; lines: string[] } => {
  const output = stepOutput(log, step);
  const lines = output.filter((l) => l.trim() !== '').slice(-12);
  const text = output.join('\n');
  const what = stepNames[step];
  if (/No space left on device|Errno 28|StorageFull/.test(text) || (step === 'quantize' && /basic_ios::clear: iostream error/.test(text)) || (freeBytes !== null && freeBytes < nearlyFullBytes))
    return { message: `${what} failed: the box’s disk is full.`, hint: `Free space on the box (Files → Space on the box lists what takes it), then Retry. ${retryHint}`, lines };
  if (/command not found|No such file or directory|can't open file/.test(text))
    return { message: `${what} failed: a program or file it needs is not on the box.`, hint: `The last lines below name it. Install or build it (llama.cpp: Build on this page), then Retry. ${retryHint}`, lines };
  if (/could not connect to ollama|connection refused/i.test(text))
    return { message: `${what} failed: Ollama is not running on the box.`, hint: `Start it (sudo systemctl start ollama, or Apps → Ollama), then Retry. ${retryHint}`, lines };
  if (/out of memory|CUDA out of memory|Killed/i.test(text))
    return { message: `${what} failed: the box ran out of memory.`, hint: `Stop what else runs (Overview lists it) or merge on the CPU, then Retry. ${retryHint}`, lines };
  return { message: `${what} failed.`, hint: `Its last lines are below. Fix the cause, then Retry. ${retryHint}`, lines };
};
