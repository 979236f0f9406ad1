/**
 * Curve points → chart columns. trainer_log.jsonl writes a loss line and, at eval steps, a separate
 * eval line for the same step: they merge into one x. Null where a line has no value at a step.
 */
import type { CurvePoint } from '../../src/domain/finetune.js';

export interface CurveColumns {
  readonly xs: number[];
  readonly loss: Array<number | null>;
  readonly evalLoss: Array<number | null>;
  readonly lr: Array<number | null>;
}

export const curveColumns = (points: readonly CurvePoint[]): CurveColumns => {
  const bySteps = new Map<number, { loss: number | null; evalLoss: number | null; lr: number | null }>();
  for (const p of points) {
    const row = bySteps.get(p.step) ?? { loss: null, evalLoss: null, lr: null };
    if (p.loss !== undefined) row.loss = p.loss;
    if (p.evalLoss !== undefined) row.evalLoss = p.evalLoss;
    if (p.lr !== undefined) row.lr = p.lr;
    bySteps.set(p.step, row);
  }
  const xs = [...bySteps.keys()].sort((a, b) => a - b);
  const rows = xs.map((x) => bySteps.get(x)!);
  return { xs, loss: rows.map((r) => r.loss), evalLoss: rows.map((r) => r.evalLoss), lr: rows.map((r) => r.lr) };
};

/** Seconds as 1 h 02 min / 3 min 05 s / 42 s. */
export const formatEta = (seconds: number | null): string => {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
};

/**
 * generated_predictions.jsonl keeps the prompt as the template rendered it (`<|im_start|>user\n…<|im_end|>`):
 * the viewer shows the words, without the chat template's markers and role headers.
 */
export const promptText = (prompt: string): string =>
  prompt
    .replace(/<\|start_header_id\|>\w+<\|end_header_id\|>/g, '')
    .replace(/<\|im_start\|>(system|user|assistant)\n?/g, '')
    .replace(/<\|[^|>\s]+\|>/g, '')
    .trim();
