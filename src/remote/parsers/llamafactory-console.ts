/**
 * LLaMA Factory's console: HF Trainer log dicts printed between tqdm `\r` redraws (float-valued
 * in older transformers, string-valued in recent ones: `{'loss': '0.3713', …}`; gotcha 9), the
 * `***** train metrics *****` block, and the exceptions users meet first, turned into
 * `{ kind, message }`.
 */

export type LossDict = Readonly<Record<string, number | null>>;

/** Every `{'loss'…}`, `{'eval_loss'…}` and `{'train_runtime'…}` dict in the text, in order. */
export const parseLogDicts = (text: string): LossDict[] => {
  const dicts: LossDict[] = [];
  for (const match of text.matchAll(/\{'(?:loss|eval_loss|train_runtime|predict_runtime)'.*?\}/g)) {
    const dict: Record<string, number | null> = {};
    for (const pair of match[0].matchAll(/'([\w/.-]+)': (?:'([^']*)'|([^,}]+))/g)) {
      const raw = (pair[2] ?? pair[3] ?? '').trim();
      const value = Number(raw);
      dict[pair[1]!] = raw === '' || !Number.isFinite(value) ? null : value;
    }
    dicts.push(dict);
  }
  return dicts;
};

export interface TrainMetrics {
  readonly epoch: number | null;
  /** GFLOPs as printed (`11076559GF`). */
  readonly totalFlosGf: number | null;
  readonly trainLoss: number | null;
  readonly trainRuntimeSeconds: number | null;
  readonly trainSamplesPerSecond: number | null;
  readonly trainStepsPerSecond: number | null;
}

/** The `***** train metrics *****` block; null when absent. */
export const parseTrainMetrics = (text: string): TrainMetrics | null => {
  const start = text.indexOf('***** train metrics *****');
  if (start < 0) return null;
  const values: Record<string, string> = {};
  for (const line of text.slice(start).split('\n').slice(1)) {
    const match = /^\s+(\w+)\s+=\s+(\S+)\s*$/.exec(line);
    if (!match) break;
    values[match[1]!] = match[2]!;
  }
  const num = (key: string) => (values[key] !== undefined && Number.isFinite(Number(values[key])) ? Number(values[key]) : null);
  const runtime = /^(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(values['train_runtime'] ?? '');
  const flos = /^(\d+)GF$/.exec(values['total_flos'] ?? '');
  return {
    epoch: num('epoch'),
    totalFlosGf: flos ? Number(flos[1]) : null,
    trainLoss: num('train_loss'),
    trainRuntimeSeconds: runtime ? Number(runtime[1]) * 3600 + Number(runtime[2]) * 60 + Number(`${runtime[3]}.${runtime[4] ?? '0'}`) : null,
    trainSamplesPerSecond: num('train_samples_per_second'),
    trainStepsPerSecond: num('train_steps_per_second'),
  };
};

export type LmfErrorKind =
  | 'undefined-dataset'
  | 'dataset-info-missing'
  | 'data-file-missing'
  | 'unknown-template'
  | 'model-not-found'
  | 'output-dir-not-empty'
  | 'quantized-merge'
  | 'adapter-not-found'
  | 'keyboard-interrupt'
  | 'disk-full'
  | 'out-of-memory'
  | 'other';

export interface LmfError {
  readonly kind: LmfErrorKind;
  /** The exception line (`ValueError: …`), or the whole last line for unknown failures. */
  readonly message: string;
  /** The dataset, template or model the message names, when it names one. */
  readonly subject: string | null;
}

const patterns: ReadonlyArray<readonly [LmfErrorKind, RegExp]> = [
  ['undefined-dataset', /ValueError: Undefined dataset (\S+) in dataset_info\.json\./],
  ['dataset-info-missing', /ValueError: Cannot open (\S+) due to/],
  ['data-file-missing', /ValueError: File (\S+) not found\./],
  ['unknown-template', /ValueError: Template (\S+) does not exist\./],
  ['model-not-found', /OSError: (\S+) is not a local folder and is not a valid model identifier/],
  ['output-dir-not-empty', /ValueError: (Output directory already exists and is not empty)/],
  ['quantized-merge', /ValueError: (Cannot merge adapters to a quantized model|Please merge adapters before quantizing the model)/],
  ['adapter-not-found', /ValueError: Can't find 'adapter_config\.json' at '([^']*)'/],
  ['disk-full', /(?:OSError: \[Errno 28\] No space left on device)(?:: '([^']*)')?/],
  // safetensors (Rust) writing a shard: `SafetensorError: Error while serializing: IoError(Os { code: 28, kind: StorageFull, … })`.
  ['disk-full', /SafetensorError: Error while serializing: IoError\(Os \{ code: 28, kind: StorageFull/],
  ['out-of-memory', /(torch\.OutOfMemoryError|CUDA out of memory)/],
  ['keyboard-interrupt', /^(KeyboardInterrupt)\s*$/m],
];

/** The first known failure in a console log, or the last exception line; null when none. */
export const parseLmfError = (text: string): LmfError | null => {
  for (const [kind, re] of patterns) {
    const match = re.exec(text);
    if (match) {
      const line = text.slice(text.lastIndexOf('\n', match.index) + 1).split('\n')[0]!.trim();
      const named = kind === 'undefined-dataset' || kind === 'unknown-template' || kind === 'model-not-found' || kind === 'data-file-missing' || kind === 'dataset-info-missing' || kind === 'disk-full' || kind === 'adapter-not-found';
      return { kind, message: line, subject: named ? (match[1] ?? null) : null };
    }
  }
  const exception = [...text.matchAll(/^(\w+(?:\.\w+)*(?:Error|Exception)): .*$/gm)].pop();
  return exception ? { kind: 'other', message: exception[0], subject: null } : null;
};
