/**
 * Curve points from trainer_log.jsonl read by byte offset: only whole lines count (the last one
 * may be half written), and the next read starts right after the last newline used — so reads
 * that meet a cut connection or a slow writer never skip or repeat a line.
 */
import type { CurvePoint, RunView } from '../../domain/finetune.js';
import { parseTrainerLogLine, type TrainerLogEntry } from '../../remote/parsers/llamafactory-trainer-log.js';

/** UTF-8 length of a string (src/ has no TextEncoder or Buffer); a lone surrogate counts 3 like U+FFFD. */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

export const pointOf = (e: TrainerLogEntry): CurvePoint | null => {
  if (e.kind === 'progress') return null;
  return {
    step: e.currentSteps,
    ...(e.loss !== null ? { loss: e.loss } : {}),
    ...(e.evalLoss !== null ? { evalLoss: e.evalLoss } : {}),
    ...(e.lr !== null ? { lr: e.lr } : {}),
    epoch: e.epoch ?? 0,
  };
};

export interface CurveRead {
  readonly points: CurvePoint[];
  /** Every whole line's entry (progress lines too: they move the run's progress). */
  readonly entries: TrainerLogEntry[];
  readonly nextOffset: number;
}

/** `text` is the file from `fromOffset` on. */
export const readCurveChunk = (text: string, fromOffset: number): CurveRead => {
  const end = text.lastIndexOf('\n');
  if (end < 0) return { points: [], entries: [], nextOffset: fromOffset };
  const whole = text.slice(0, end + 1);
  const entries: TrainerLogEntry[] = [];
  for (const line of whole.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseTrainerLogLine(line.replace(/\r$/, ''));
    if (entry) entries.push(entry);
  }
  return { points: entries.map(pointOf).filter((p): p is CurvePoint => p !== null), entries, nextOffset: fromOffset + utf8Length(whole) };
};

/** The byte length of the lines whose step is at most `step` (what a resume from checkpoint-`step` keeps). */
export const bytesThroughStep = (text: string, step: number): number => {
  let bytes = 0;
  for (const line of text.split(/(?<=\n)/)) {
    if (!line.endsWith('\n')) break;
    const entry = parseTrainerLogLine(line.trim());
    if (entry && entry.currentSteps > step) break;
    bytes += utf8Length(line);
  }
  return bytes;
};

/** Progress fields of a run view from its newest trainer-log entry. */
export const progressOf = (e: TrainerLogEntry | null): Pick<RunView, 'step' | 'totalSteps' | 'epoch' | 'etaSeconds' | 'tokensPerSecond'> => ({
  step: e?.currentSteps ?? 0,
  totalSteps: e?.totalSteps ?? null,
  epoch: e?.epoch ?? null,
  etaSeconds: e?.remainingSeconds ?? null,
  tokensPerSecond: e?.throughput ?? null,
});
