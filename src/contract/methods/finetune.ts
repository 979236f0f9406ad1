import { z } from 'zod';
import { Empty, Id, Name } from '../schema-helpers.js';
import { AbsPath } from './files.js';
import {
  CurveChunk,
  DatasetCheck,
  DatasetEntry,
  DatasetFormat,
  DatasetName,
  EvalResults,
  FinetuneEnvironment,
  FinetuneMemoryEstimate,
  RunView,
  TrainingSettings,
} from '../../domain/finetune.js';
import { TryPlan, TryStatus } from '../../domain/finetune-try.js';

const RunId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a run id');
const YamlText = z.string().min(1).max(256 * 1024);

/**
 * Fine-tuning with LLaMA Factory. Uploading a dataset is the Files feature's: files:upload (the
 * desktop app) or files:stage-* then files:upload (browser mode) into the environment's dataDir;
 * then finetune:check-dataset reads it on the box, and finetune:register-dataset adds it to
 * dataset_info.json. Runs change as finetune:changed; their curves grow as finetune:curve-appended;
 * a run that ends or fails is also told once as finetune:ended (for a notification).
 */
export const finetuneMethods = {
  /** Where LLaMA Factory is on the box (host venv / PATH, a container, or missing with install commands) and its workspace. */
  'finetune:environment': {
    request: z.strictObject({ deviceId: Id }),
    response: FinetuneEnvironment,
  },
  /** The entries of the workspace's dataset_info.json (an empty list when the file does not exist yet). */
  'finetune:datasets': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ infoPath: z.string(), entries: z.array(DatasetEntry) }),
  },
  /**
   * Validates a JSON / JSONL dataset file on the box (up to 256 MiB): format, columns, empty
   * fields, line-numbered problems, a preview, counts and an approximate token-length histogram
   * (with records over `cutoffLen` counted when given).
   */
  'finetune:check-dataset': {
    request: z.strictObject({ deviceId: Id, path: AbsPath, cutoffLen: z.number().int().min(1).optional() }),
    response: DatasetCheck,
  },
  /**
   * Registers a checked file under `name` in dataset_info.json: the file is copied into the data
   * folder when it is elsewhere, and the file is rewritten atomically keeping every other entry.
   * A name already taken is refused (conflict) and the file is left as it was.
   */
  'finetune:register-dataset': {
    request: z.strictObject({ deviceId: Id, name: DatasetName, path: AbsPath, format: DatasetFormat.optional() }),
    response: z.object({ infoPath: z.string(), entry: DatasetEntry }),
  },
  /** The form as LLaMA Factory YAML (what the page shows, editable), and the memory it needs against the box's. */
  'finetune:yaml': {
    request: z.strictObject({ deviceId: Id, settings: TrainingSettings }),
    response: z.object({ yaml: z.string(), memory: FinetuneMemoryEstimate }),
  },
  /**
   * Starts a training run with this YAML (as edited) as a detached job on the box. Refused
   * (memory-guard) when the estimate says it cannot fit, unless `force`.
   */
  'finetune:start': {
    request: z.strictObject({ deviceId: Id, name: Name, yaml: YamlText, force: z.boolean().default(false) }),
    response: RunView,
  },
  /** Every run on the box, newest first (found from the box: they survive an app restart). */
  'finetune:runs': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(RunView),
  },
  /** One run with its YAML and the console's last lines. */
  'finetune:run': {
    request: z.strictObject({ deviceId: Id, runId: RunId, tail: z.number().int().min(1).max(10_000).default(200) }),
    response: z.object({ run: RunView, yaml: z.string(), log: z.string() }),
  },
  /**
   * Curve points from trainer_log.jsonl starting at byte `fromOffset` (0 at first), up to the last
   * whole line; pass nextOffset back for the next ones. When `attempt` differs from what the caller
   * had, the run was resumed: start again from 0.
   */
  'finetune:curve': {
    request: z.strictObject({ deviceId: Id, runId: RunId, fromOffset: z.number().int().min(0).default(0) }),
    response: CurveChunk,
  },
  /** Stops a running run (SIGTERM to its process group); checkpoints stay. */
  'finetune:stop': {
    request: z.strictObject({ deviceId: Id, runId: RunId }),
    response: Empty,
  },
  /** Starts a stopped or failed training run again from its latest checkpoint. */
  'finetune:resume': {
    request: z.strictObject({ deviceId: Id, runId: RunId }),
    response: RunView,
  },
  /**
   * Batch prediction (do_predict + predict_with_generate) on registered datasets, with the training
   * run's adapter, or with the base model alone when `base` (to compare). A new predict run.
   */
  'finetune:predict': {
    request: z.strictObject({
      deviceId: Id,
      runId: RunId,
      datasets: z.array(DatasetName).min(1).max(32),
      base: z.boolean().default(false),
      maxSamples: z.number().int().min(1).max(100_000).default(50),
    }),
    response: RunView,
  },
  /** A finished predict run's BLEU-4 / ROUGE and the first `limit` label vs prediction rows. */
  'finetune:results': {
    request: z.strictObject({ deviceId: Id, runId: RunId, limit: z.number().int().min(1).max(10_000).default(200) }),
    response: EvalResults,
  },
  /** Starts LlamaBoard (`llamafactory-cli webui`) on the box if needed and opens a tunnel to it. */
  'finetune:llamaboard': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ url: z.string(), localPort: z.number().int(), boxPort: z.number().int() }),
  },
  /**
   * Try it: what Start would run for a finished training run (the two `llamafactory-cli api`
   * command lines, base and base + adapter, on two free ports of the box) and the memory they need.
   */
  'finetune:try-plan': {
    request: z.strictObject({ deviceId: Id, runId: RunId }),
    response: TryPlan,
  },
  /**
   * Starts the two servers as host jobs (any earlier Try it servers stop first). Refused
   * (memory-guard) when the two copies of the base model cannot fit, unless `force`. Chat with
   * each through playground:chat (boxPort, model); poll finetune:try-status until both are ready.
   */
  'finetune:try-start': {
    request: z.strictObject({ deviceId: Id, runId: RunId, force: z.boolean().default(false) }),
    response: TryStatus,
  },
  /** The Try it servers on the box: starting, ready (their /v1/models answers through a tunnel) or failed (with why). */
  'finetune:try-status': {
    request: z.strictObject({ deviceId: Id }),
    response: TryStatus,
  },
  /** Stops both Try it servers and forgets their jobs. */
  'finetune:try-stop': {
    request: z.strictObject({ deviceId: Id }),
    response: TryStatus,
  },
  /** Forgets a run that is not running: its job folder (its output folder stays unless `deleteOutput`). */
  'finetune:remove': {
    request: z.strictObject({ deviceId: Id, runId: RunId, deleteOutput: z.boolean().default(false) }),
    response: Empty,
  },
} as const;
