/**
 * A run's view from what the box says: its job (spec.json, pid alive or not, exit code), the
 * stopped marker, the output folder, its trainer log's newest entries and the console's last
 * lines — a failure read into a sentence, what to do, and the failing lines.
 */
import type { RunError, RunState, RunView } from '../../domain/finetune.js';
import { parseLmfError, type LmfErrorKind } from '../../remote/parsers/llamafactory-console.js';
import type { TrainerLogEntry } from '../../remote/parsers/llamafactory-trainer-log.js';
import { progressOf } from './curve.js';
import { checkpointSteps, finetuneJobKind, runYamlPath, type RunFacts, type RunSpec } from './run-commands.js';

const hints: Readonly<Record<LmfErrorKind, readonly [string, string]>> = {
  'undefined-dataset': ['A dataset in the YAML is not registered in dataset_info.json.', 'Register it on the Datasets step, then start again.'],
  'dataset-info-missing': ['There is no dataset_info.json in the workspace’s data folder.', 'Register a dataset on the Datasets step first.'],
  'data-file-missing': ['A registered dataset’s file is missing from the data folder.', 'Upload the file again and register it under a new name.'],
  'unknown-template': ['LLaMA Factory does not know the template in the YAML.', 'Pick a template it knows: the form proposes one for the model’s family.'],
  'model-not-found': ['The base model is neither a folder on the box nor in its Hugging Face cache.', 'Download it on the Models page, or give the folder it is in.'],
  'output-dir-not-empty': ['The output folder already has files and the YAML does not allow overwriting them.', 'Choose another output folder, or set overwrite_output_dir: true.'],
  'quantized-merge': ['Adapters cannot be merged into a quantized model.', 'Export from the bf16 base model instead.'],
  'adapter-not-found': ['The adapter folder has no adapter_config.json.', 'Check that the training run finished and its output folder is still there.'],
  'keyboard-interrupt': ['The run was interrupted.', 'Resume it from its latest checkpoint.'],
  'disk-full': ['The box’s disk is full.', 'Free space (the Files page shows what the caches hold), then resume.'],
  'out-of-memory': ['The run ran out of memory.', 'Use QLoRA 4-bit, a shorter cutoff length or a smaller batch, then start again.'],
  other: ['The run failed.', 'Read the lines below, correct the YAML, then start again.'],
};

export const runErrorOf = (logTail: string, exitCode: number | null): RunError => {
  const lines = logTail.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\r').pop()!.trimEnd());
  const found = parseLmfError(logTail);
  const failing = lines.slice(-12);
  if (!found) {
    return exitCode === null
      ? { message: 'The run ended without an exit code (the box restarted, or the process was killed).', hint: 'Resume it from its latest checkpoint.', lines: failing }
      : { message: `The run ended with exit code ${exitCode}.`, hint: hints.other[1], lines: failing };
  }
  const [sentence, hint] = hints[found.kind];
  return { message: found.subject !== null ? `${sentence.replace(/\.$/, '')}: ${found.subject}.` : sentence, hint, lines: failing };
};

export interface RunJob {
  readonly id: string;
  readonly spec: RunSpec;
  readonly running: boolean;
  readonly exitCode: number | null;
}

export const isRunSpec = (spec: Readonly<Record<string, unknown>> | null): spec is Readonly<Record<string, unknown>> & RunSpec =>
  spec !== null && spec['kind'] === finetuneJobKind && (spec['type'] === 'train' || spec['type'] === 'predict') && typeof spec['outputDir'] === 'string' && typeof spec['startedAt'] === 'number';

export const runStateOf = (job: RunJob, facts: RunFacts): RunState => {
  if (job.running) return 'running';
  if (facts.stoppedMarker) return 'stopped';
  if (job.exitCode === 0) return 'done';
  return 'failed';
};

export interface CurveState {
  readonly latest: TrainerLogEntry | null;
  readonly latestLoss: number | null;
  readonly latestEvalLoss: number | null;
}

export const runViewOf = (deviceId: string, job: RunJob, facts: RunFacts, curve: CurveState, endedAt: number | null): RunView => {
  const state = runStateOf(job, facts);
  const s = job.spec;
  const method = s.method === 'lora' || s.method === 'qlora' || s.method === 'full' || s.method === 'freeze' ? s.method : null;
  const progress = progressOf(curve.latest);
  const done = state === 'done' && progress.totalSteps !== null ? { step: progress.totalSteps, etaSeconds: 0 } : {};
  return {
    id: job.id,
    deviceId,
    name: typeof s.name === 'string' ? s.name : job.id,
    kind: s.type,
    state,
    method,
    baseModel: typeof s.baseModel === 'string' ? s.baseModel : '',
    adapter: typeof s.adapter === 'string' ? s.adapter : null,
    trainRunId: typeof s.trainRunId === 'string' ? s.trainRunId : null,
    datasets: Array.isArray(s.datasets) ? s.datasets.map(String) : [],
    outputDir: s.outputDir,
    yamlPath: runYamlPath(job.id),
    startedAt: s.startedAt,
    endedAt: state === 'running' ? null : endedAt,
    ...progress,
    ...done,
    ...(state !== 'running' ? { etaSeconds: state === 'done' ? 0 : null } : {}),
    latestLoss: curve.latestLoss,
    latestEvalLoss: curve.latestEvalLoss,
    checkpoints: checkpointSteps(facts.outputEntries).map((step) => ({ step, path: `${s.outputDir}/checkpoint-${step}` })),
    error: state === 'failed' ? runErrorOf(facts.logTail, job.exitCode) : null,
    attempt: typeof s.attempt === 'number' && s.attempt >= 1 ? s.attempt : 1,
  };
};
