/**
 * LLaMA Factory's `trainer_log.jsonl` (LogCallback.on_log / on_prediction_step): one JSON object
 * per line, keys current_steps, total_steps, loss, eval_loss, predict_loss, reward, accuracy, lr,
 * epoch, percentage, elapsed_time, remaining_time, [throughput, total_tokens],
 * [vram_allocated, vram_reserved]; keys whose value is None are dropped. The file is read while
 * it is written, so a partial last line is expected and skipped.
 */

export interface TrainerLogEntry {
  readonly currentSteps: number;
  readonly totalSteps: number;
  readonly loss: number | null;
  readonly evalLoss: number | null;
  readonly predictLoss: number | null;
  readonly reward: number | null;
  readonly accuracy: number | null;
  readonly lr: number | null;
  readonly epoch: number | null;
  readonly percentage: number | null;
  /** Seconds, from str(timedelta): "0:09:01", "1 day, 2:03:04". */
  readonly elapsedSeconds: number | null;
  readonly remainingSeconds: number | null;
  readonly throughput: number | null;
  readonly totalTokens: number | null;
  readonly vramAllocatedGiB: number | null;
  readonly vramReservedGiB: number | null;
  /** What the line is: a training log, an evaluation, or prediction progress. */
  readonly kind: 'train' | 'eval' | 'progress';
}

export interface TrainerLog {
  readonly entries: readonly TrainerLogEntry[];
  /** The last line had no newline and did not parse (being written). */
  readonly partialLastLine: boolean;
  /** Complete lines that were not trainer-log objects. */
  readonly badLines: number;
}

export const parseTimedelta = (text: unknown): number | null => {
  if (typeof text !== 'string') return null;
  const match = /^(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
};

const n = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null);

export const parseTrainerLogLine = (line: string): TrainerLogEntry | null => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  const current = n(r['current_steps']);
  const total = n(r['total_steps']);
  if (current === null || total === null) return null;
  const loss = n(r['loss']);
  const evalLoss = n(r['eval_loss']);
  return {
    currentSteps: current,
    totalSteps: total,
    loss,
    evalLoss,
    predictLoss: n(r['predict_loss']),
    reward: n(r['reward']),
    accuracy: n(r['accuracy']),
    lr: n(r['lr']),
    epoch: n(r['epoch']),
    percentage: n(r['percentage']),
    elapsedSeconds: parseTimedelta(r['elapsed_time']),
    remainingSeconds: parseTimedelta(r['remaining_time']),
    throughput: n(r['throughput']),
    totalTokens: n(r['total_tokens']),
    vramAllocatedGiB: n(r['vram_allocated']),
    vramReservedGiB: n(r['vram_reserved']),
    kind: loss !== null ? 'train' : evalLoss !== null ? 'eval' : 'progress',
  };
};

export const parseTrainerLog = (text: string): TrainerLog => {
  const lines = text.replace(/\r/g, '').split('\n');
  const last = lines.pop() ?? '';
  const entries: TrainerLogEntry[] = [];
  let badLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const entry = parseTrainerLogLine(line);
    if (entry) entries.push(entry);
    else badLines += 1;
  }
  let partialLastLine = false;
  if (last.trim() !== '') {
    const entry = parseTrainerLogLine(last);
    if (entry) entries.push(entry);
    else partialLastLine = true;
  }
  return { entries, partialLastLine, badLines };
};
