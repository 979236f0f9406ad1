/**
 * Fine-tune runs as host jobs (src/remote/commands/host-job.ts): `llamafactory-cli train run.yaml`
 * detached in the workspace, so a run survives the laptop sleeping; its YAML beside the job's
 * files; stop (a marker, then SIGTERM to the group), resume (resume_from_checkpoint, with the
 * trainer log cut back to the checkpoint so no step is logged twice), what the box says about a
 * run (output folder listing, last log lines), the curve read by byte offset, and LlamaBoard.
 */
import type { FinetuneEnvironment } from '../../domain/finetune.js';
import { hostJobsRoot, isJobId, startHostJobCommand } from '../../remote/commands/host-job.js';
import { remotePath, sh } from '../../remote/quote.js';

export const finetuneJobKind = 'pgx-finetune';
export const curveReadLimitBytes = 1_048_576;
export const llamaboardPort = 7860;

export const runJobId = (kind: 'train' | 'predict', name: string, now: number): string => {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'run';
  const id = `ft-${kind === 'train' ? 't' : 'p'}-${slug}-${now.toString(36)}`;
  if (!isJobId(id)) throw new Error(`bad run id ${id}`);
  return id;
};

/** The job's own folder on the box (`~/…`). */
export const runDir = (id: string): string => `${hostJobsRoot}/${id}`;
export const runYamlPath = (id: string): string => `${runDir(id)}/run.yaml`;

/** A POSIX path joined and normalized (`.`, `..`, doubled slashes), without Node's path module (src/ is platform-neutral). */
export const joinPath = (base: string, path: string): string => {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${base.startsWith('/') || path.startsWith('/') ? '/' : ''}${parts.join('/')}`;
};

/** An output_dir as the box sees it: relative ones are under the workspace (where runs start). */
export const absoluteOutputDir = (workspace: string, outputDir: string): string => joinPath(workspace, outputDir);

/** The job's spec.json (what a run is, kept on the box so any laptop finds it). */
export interface RunSpec {
  readonly kind: typeof finetuneJobKind;
  readonly type: 'train' | 'predict';
  readonly name: string;
  readonly baseModel: string;
  readonly method: string | null;
  readonly datasets: readonly string[];
  readonly outputDir: string;
  readonly adapter: string | null;
  readonly trainRunId: string | null;
  readonly startedAt: number;
  readonly attempt: number;
}

export const launcher = (env: Pick<FinetuneEnvironment, 'venv'>): string => (env.venv === null ? 'llamafactory-cli' : `${env.venv}/bin/llamafactory-cli`);

/** Writes the YAML into the job folder (from stdin: it can be long and hold any character). */
export const writeRunYamlCommand = (id: string): string => sh`mkdir -p ${remotePath(runDir(id))} && cat > ${remotePath(runYamlPath(id))}`;

/**
 * Starts `llamafactory-cli train run.yaml [key=value…]` as the job; `overrides` are LLaMA Factory's
 * own command-line overrides (resume uses them), each quoted as one word.
 */
export const startRunCommand = (id: string, env: Pick<FinetuneEnvironment, 'venv' | 'workspace'>, spec: RunSpec, overrides: readonly string[] = []): string =>
  startHostJobCommand({
    id,
    workdir: env.workspace,
    spec: spec as unknown as Record<string, unknown>,
    // The stopped marker of an earlier attempt goes; the launcher runs with its output unbuffered so the log is live.
    script: [sh`rm -f ${remotePath(`${runDir(id)}/stopped`)}`, sh`PYTHONUNBUFFERED=1 ${remotePath(launcher(env))} train ${remotePath(runYamlPath(id))} ${[...overrides]}`].join('\n'),
  });

/** Marks the run stopped by the user, then ends its process group. */
export const stopRunCommand = (id: string, pid: number): string => {
  if (!Number.isInteger(pid) || pid < 1) throw new Error('bad pid');
  return sh`touch ${remotePath(`${runDir(id)}/stopped`)} && kill -TERM -- ${`-${pid}`}`;
};

/**
 * What the box says about a run, fenced: the job folder (a `stopped` marker), the output folder's
 * entries (checkpoints, result files), the last line of trainer_log.jsonl, the log's last lines.
 */
export const runFactsCommand = (id: string, outputDir: string, logLines: number): string =>
  [
    'echo @@job',
    sh`ls -1 ${remotePath(runDir(id))}`,
    'echo @@out',
    sh`ls -1 ${remotePath(outputDir)}`,
    'echo @@last',
    sh`tail -n 1 ${remotePath(`${outputDir}/trainer_log.jsonl`)}`,
    'echo @@log',
    sh`tail -n ${String(logLines)} ${remotePath(`${runDir(id)}/log`)}`,
    'echo @@end',
  ].join(' 2>/dev/null; ');

export interface RunFacts {
  readonly stoppedMarker: boolean;
  readonly outputEntries: readonly string[];
  readonly lastLogLine: string | null;
  readonly logTail: string;
}

export const parseRunFacts = (output: string): RunFacts => {
  const part = (name: string): string => {
    const start = output.indexOf(`@@${name}\n`);
    if (start < 0) return '';
    const rest = output.slice(start + name.length + 3);
    const end = rest.search(/^@@(job|out|last|log|end)$/m);
    return end < 0 ? rest : rest.slice(0, end);
  };
  const entries = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const last = part('last').trim();
  return { stoppedMarker: entries(part('job')).includes('stopped'), outputEntries: entries(part('out')), lastLogLine: last === '' ? null : last, logTail: part('log').replace(/\n$/, '') };
};

/** Checkpoint steps in an output folder listing, ascending (`tmp-checkpoint-N` is still being written). */
export const checkpointSteps = (entries: readonly string[]): number[] =>
  entries
    .map((e) => /^checkpoint-(\d+)$/.exec(e)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

/** trainer_log.jsonl from byte `offset` (at most curveReadLimitBytes); tail -c +N counts from 1. */
export const curveReadCommand = (outputDir: string, offset: number): string => {
  if (!Number.isInteger(offset) || offset < 0) throw new Error('bad offset');
  return sh`tail -c +${String(offset + 1)} ${remotePath(`${outputDir}/trainer_log.jsonl`)} | head -c ${String(curveReadLimitBytes)}`;
};

/** Keeps the first `bytes` of trainer_log.jsonl (through a temp file and mv). */
export const cutTrainerLogCommand = (outputDir: string, bytes: number): string => {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error('bad length');
  const log = remotePath(`${outputDir}/trainer_log.jsonl`);
  const temp = remotePath(`${outputDir}/.trainer_log.jsonl.pgx-cut`);
  return sh`head -c ${String(bytes)} ${log} > ${temp} && mv -f ${temp} ${log}`;
};

/** The result files of a predict run. */
export const readResultsCommand = (outputDir: string): string =>
  ['echo @@results', sh`cat ${remotePath(`${outputDir}/predict_results.json`)}`, 'echo @@predictions', sh`cat ${remotePath(`${outputDir}/generated_predictions.jsonl`)}`, 'echo @@end'].join(' 2>/dev/null; ');

export const parseResultsRead = (output: string): { readonly results: string; readonly predictions: string } => {
  const between = (a: string, b: string) => {
    const start = output.indexOf(`@@${a}\n`);
    const end = output.lastIndexOf(`@@${b}`);
    return start < 0 || end < start ? '' : output.slice(start + a.length + 3, end);
  };
  return { results: between('results', 'predictions'), predictions: between('predictions', 'end') };
};

/** A model's config.json on the box: a folder, or the Hugging Face cache's newest snapshot of a repo id. */
export const modelConfigCommand = (baseModel: string, workspace: string): string => {
  if (baseModel.startsWith('/') || baseModel.startsWith('~/') || !/^[\w.-]+\/[\w.-]+$/.test(baseModel)) {
    const folder = baseModel.startsWith('/') || baseModel.startsWith('~/') ? baseModel : joinPath(workspace, baseModel);
    return sh`cat ${remotePath(`${folder}/config.json`)}`;
  }
  const cache = `~/.cache/huggingface/hub/models--${baseModel.replace('/', '--')}/snapshots`;
  return sh`find ${remotePath(cache)} -mindepth 2 -maxdepth 2 -name config.json | head -n 1 | xargs -r cat`;
};

/** LlamaBoard: `llamafactory-cli webui` as its own job, on llamaboardPort. */
export const llamaboardJobId = 'ft-llamaboard';
export const startLlamaboardCommand = (env: Pick<FinetuneEnvironment, 'venv' | 'workspace'>, now: number): string =>
  startHostJobCommand({
    id: llamaboardJobId,
    workdir: env.workspace,
    spec: { kind: 'pgx-llamaboard', startedAt: now },
    script: sh`GRADIO_SERVER_PORT=${String(llamaboardPort)} ${remotePath(launcher(env))} webui`,
  });
