/**
 * LLaMA Factory's result files: train_results.json / eval_results.json / predict_results.json /
 * all_results.json (HF save_metrics: flat numbers), generated_predictions.jsonl (prompt with the
 * template's special tokens, predict, label; UTF-8 kept) and data/dataset_info.json (entries
 * kept whole, unknown keys included, so the app can merge its own entry without losing any).
 */

export type ResultResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const parseObject = (text: string): ResultResult<Record<string, unknown>> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
};

const num = (r: Record<string, unknown>, key: string): number | null => (typeof r[key] === 'number' ? (r[key] as number) : null);

/** Any *_results.json: every numeric metric by name. */
export const parseMetricsJson = (text: string): ResultResult<Readonly<Record<string, number>>> => {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(parsed.value)) if (typeof v === 'number') metrics[k] = v;
  return { ok: true, value: metrics };
};

export interface TrainResults {
  readonly epoch: number | null;
  readonly totalFlos: number | null;
  readonly trainLoss: number | null;
  readonly trainRuntime: number | null;
  readonly trainSamplesPerSecond: number | null;
  readonly trainStepsPerSecond: number | null;
}

export const parseTrainResults = (text: string): ResultResult<TrainResults> => {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  return { ok: true, value: { epoch: num(r, 'epoch'), totalFlos: num(r, 'total_flos'), trainLoss: num(r, 'train_loss'), trainRuntime: num(r, 'train_runtime'), trainSamplesPerSecond: num(r, 'train_samples_per_second'), trainStepsPerSecond: num(r, 'train_steps_per_second') } };
};

/** predict_results.json; scores are percentages 0–100. */
export interface PredictResults {
  readonly bleu4: number | null;
  readonly rouge1: number | null;
  readonly rouge2: number | null;
  readonly rougeL: number | null;
  readonly runtime: number | null;
  readonly samplesPerSecond: number | null;
  readonly stepsPerSecond: number | null;
  readonly modelPreparationTime: number | null;
}

export const parsePredictResults = (text: string): ResultResult<PredictResults> => {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  return {
    ok: true,
    value: {
      bleu4: num(r, 'predict_bleu-4'),
      rouge1: num(r, 'predict_rouge-1'),
      rouge2: num(r, 'predict_rouge-2'),
      rougeL: num(r, 'predict_rouge-l'),
      runtime: num(r, 'predict_runtime'),
      samplesPerSecond: num(r, 'predict_samples_per_second'),
      stepsPerSecond: num(r, 'predict_steps_per_second'),
      modelPreparationTime: num(r, 'predict_model_preparation_time'),
    },
  };
};

export interface GeneratedPrediction {
  readonly prompt: string;
  readonly predict: string;
  readonly label: string;
}

/** generated_predictions.jsonl; bad or partial lines are counted, not thrown. */
export const parseGeneratedPredictions = (text: string): { readonly rows: readonly GeneratedPrediction[]; readonly badLines: number } => {
  const rows: GeneratedPrediction[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseObject(line);
    const r = parsed.ok ? parsed.value : undefined;
    if (r && typeof r['prompt'] === 'string' && typeof r['predict'] === 'string' && typeof r['label'] === 'string') rows.push({ prompt: r['prompt'], predict: r['predict'], label: r['label'] });
    else badLines += 1;
  }
  return { rows, badLines };
};

export interface DatasetInfoEntry {
  readonly name: string;
  readonly fileName: string | null;
  readonly hubUrl: string | null;
  readonly formatting: 'alpaca' | 'sharegpt' | string;
  readonly ranking: boolean;
  readonly columns: Readonly<Record<string, string>>;
  /** The entry exactly as in the file (unknown keys included). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export const parseDatasetInfo = (text: string): ResultResult<readonly DatasetInfoEntry[]> => {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed;
  const entries: DatasetInfoEntry[] = [];
  for (const [name, value] of Object.entries(parsed.value)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const raw = value as Record<string, unknown>;
    const columns: Record<string, string> = {};
    if (typeof raw['columns'] === 'object' && raw['columns'] !== null) for (const [k, v] of Object.entries(raw['columns'] as Record<string, unknown>)) if (typeof v === 'string') columns[k] = v;
    entries.push({
      name,
      fileName: typeof raw['file_name'] === 'string' ? raw['file_name'] : null,
      hubUrl: typeof raw['hf_hub_url'] === 'string' ? raw['hf_hub_url'] : null,
      formatting: typeof raw['formatting'] === 'string' ? raw['formatting'] : 'alpaca',
      ranking: raw['ranking'] === true,
      columns,
      raw,
    });
  }
  return { ok: true, value: entries };
};
