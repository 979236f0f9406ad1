/**
 * Model downloads as host jobs (host-job.ts): `hf download`, `modelscope download` or `ollama
 * pull` detached on the box with its output in the job's log, so a download survives a dropped
 * connection and an app restart and is found again from its job folder.
 *
 * The token (HF / ModelScope) never appears on a command line or in a file that stays: the app
 * writes it over SFTP into `token` in the job folder (created with mode 600), and the job's first
 * act reads it into the tool's environment variable with the shell's own `read` and deletes the
 * file. So `ps` shows only the script (no token), the log never holds it, and what remains is the
 * tool process's own environment, readable by the same user alone (/proc/PID/environ). (Not
 * stdin of the start command: the job must not inherit the exec's channel, see host-job.ts.)
 *
 * A resumed job keeps what it printed before in `earlier/log` (one folder down, so the job
 * listing, which reads every small file of a job folder, never reads it), followed by a marker
 * line: progress is read from both, a failure from what follows the last marker.
 */
import type { DownloadRequest, DownloadSource } from '../../domain/model-download.js';
import { remotePath, sh } from '../quote.js';
import { InvalidDockerArgument } from './docker-names.js';
import { hostJobsRoot, isJobId, startHostJobCommand } from './host-job.js';

/** spec.json's `kind`: how the app tells a download job from other jobs. */
export const downloadJobKind = 'model-download';

/** Hub repo ids: `ORG/NAME` of letters, digits, `-`, `_`, `.` (the hubs' own rule). */
const repoIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;
/** Ollama names: `[namespace/]name[:tag]`, lower-case in the library, case kept by the CLI. */
const ollamaNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)*(?::[A-Za-z0-9_.-]+)?$/;
/** A branch, tag or commit. */
const revisionPattern = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$/;

/** Which environment variable each tool reads its token from. */
export const tokenVariable: Readonly<Record<Exclude<DownloadSource, 'ollama'>, string>> = {
  huggingface: 'HF_TOKEN',
  modelscope: 'MODELSCOPE_API_TOKEN',
};

/** A checked request: the id and revision are what the hubs accept, so nothing odd reaches a shell or a job id. */
export const checkDownload = (request: DownloadRequest): DownloadRequest => {
  const id = request.id.trim();
  if (request.source === 'ollama') {
    if (!ollamaNamePattern.test(id) || id.length > 200) throw new InvalidDockerArgument(`"${id}" is not an Ollama model name (like qwen3:8b).`);
    if (request.revision !== undefined) throw new InvalidDockerArgument('Ollama models take a tag in the name (qwen3:8b), not a revision.');
    if (request.useToken) throw new InvalidDockerArgument('Ollama pulls from its library without a token.');
  } else if (!repoIdPattern.test(id) || /--|\.\./.test(id)) throw new InvalidDockerArgument(`"${id}" is not a repository id (ORGANISATION/NAME, like Qwen/Qwen3-8B).`);
  // `..` is no git ref name (git check-ref-format), and the hubs refuse `--` and `..` in ids (the cache folder is models--ORG--NAME).
  if (request.revision !== undefined && (!revisionPattern.test(request.revision) || request.revision.includes('..'))) throw new InvalidDockerArgument(`"${request.revision}" is not a revision (a branch, tag or commit).`);
  return { ...request, id };
};

/** A job id from the model and the time: `dl-qwen-qwen3-8b-m1abc`, within host-job's id rule. */
export const downloadJobId = (request: DownloadRequest, now: number): string => {
  const slug = request.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const id = `dl-${slug || 'model'}-${now.toString(36)}`;
  if (!isJobId(id)) throw new InvalidDockerArgument(`Could not make a job id for "${request.id}".`);
  return id;
};

/** The download tool's command line. */
export const downloadToolCommand = (request: DownloadRequest): string => {
  const { source, id, revision } = checkDownload(request);
  const rev = revision === undefined ? '' : sh` --revision ${revision}`;
  switch (source) {
    case 'huggingface':
      return sh`hf download ${id}` + rev;
    case 'modelscope':
      return sh`modelscope download --model ${id}` + rev;
    case 'ollama':
      return sh`ollama pull ${id}`;
  }
};

const tokenFile = (jobId: string) => remotePath(`${hostJobsRoot}/${jobId}/token`);

/** The token file as SFTP names it: relative to the home folder, where an SFTP session starts. */
export const downloadTokenSftpPath = (jobId: string): string => {
  if (!isJobId(jobId)) throw new InvalidDockerArgument(`"${jobId}" is not a job id.`);
  return `${hostJobsRoot.replace(/^~\//, '')}/${jobId}/token`;
};

/** The line between a run's output and the next run's in a resumed job's log. */
export const resumeMarker = '--- pgx-companion: download resumed ---';

/**
 * Before a start: the job folder, no cancelled mark or stale token; for a resume, the last run's
 * log appended to `earlier/log` with the marker.
 */
export const prepareDownloadCommand = (jobId: string, resume: boolean): string => {
  if (!isJobId(jobId)) throw new InvalidDockerArgument(`"${jobId}" is not a job id.`);
  const dir = `${hostJobsRoot}/${jobId}`;
  const log = remotePath(`${dir}/log`);
  const earlier = remotePath(`${dir}/earlier/log`);
  // No `if` or braces: the demo box's shell runs simple lists only (and `;` keeps the rest going when there is no log).
  const carry = resume ? `; ${sh`[ -f ${log} ] && cat ${log} >> ${earlier} && echo >> ${earlier} && echo ${resumeMarker} >> ${earlier}`}` : '';
  return `${sh`mkdir -p ${remotePath(`${dir}/earlier`)}`}${carry}; ${sh`rm -f ${remotePath(`${dir}/cancelled`)} ${tokenFile(jobId)}`}`;
};

/** The job's script: take the token out of its file (when one was sent), then the tool. */
export const downloadJobScript = (jobId: string, request: DownloadRequest): string => {
  const tool = downloadToolCommand(request);
  if (!request.useToken || request.source === 'ollama') return tool;
  const variable = tokenVariable[request.source];
  return [
    sh`[ -f ${tokenFile(jobId)} ] && IFS= read -r PGX_TOKEN < ${tokenFile(jobId)}; rm -f ${tokenFile(jobId)}; export ${variable}="$PGX_TOKEN"; unset PGX_TOKEN`,
    tool,
  ].join('\n');
};

export interface DownloadJobSpec {
  readonly kind: typeof downloadJobKind;
  readonly source: DownloadSource;
  readonly model: string;
  readonly revision: string | null;
  readonly useToken: boolean;
  readonly startedAt: number;
}

/**
 * Starts (or, with the same id, restarts: hf and ModelScope go on from their partial files,
 * Ollama from its partial blobs) a download job, after prepareDownloadCommand and, with a
 * token, the token file written.
 */
export const startDownloadCommand = (jobId: string, request: DownloadRequest, startedAt: number): string => {
  const checked = checkDownload(request);
  const spec: DownloadJobSpec = { kind: downloadJobKind, source: checked.source, model: checked.id, revision: checked.revision ?? null, useToken: checked.useToken, startedAt };
  return startHostJobCommand({ id: jobId, script: downloadJobScript(jobId, checked), spec: { ...spec } });
};

/** Marks the job cancelled (so it reads as such, not as failed), then stops its process group. */
export const cancelDownloadCommand = (jobId: string, pid: number | null): string => {
  if (!isJobId(jobId)) throw new InvalidDockerArgument(`"${jobId}" is not a job id.`);
  const mark = sh`echo 1 > ${remotePath(`${hostJobsRoot}/${jobId}/cancelled`)}`;
  if (pid === null) return mark;
  if (!Number.isInteger(pid) || pid < 1) throw new InvalidDockerArgument('Process ids are whole numbers above 0.');
  return `${mark}; ${sh`kill -TERM -- ${`-${pid}`}`}; true`;
};

/** The last `bytes` of a job's log (earlier runs first): tqdm redraws with `\r`, so lines can be long and few. */
export const downloadLogCommand = (jobId: string, bytes: number): string => {
  if (!isJobId(jobId)) throw new InvalidDockerArgument(`"${jobId}" is not a job id.`);
  if (!Number.isInteger(bytes) || bytes < 1) throw new InvalidDockerArgument(`${bytes} is not a number of bytes.`);
  return sh`cat ${remotePath(`${hostJobsRoot}/${jobId}/earlier/log`)} ${remotePath(`${hostJobsRoot}/${jobId}/log`)} 2>/dev/null | tail -c ${String(bytes)}`;
};

/** Free space where a download lands: the HF home (or HOME) for the hubs, HOME for Ollama's client. */
export const downloadSpaceCommand = (source: DownloadSource): string =>
  source === 'huggingface'
    ? 'd=${HF_HOME:-$HOME/.cache/huggingface}; [ -d "$d" ] || d=$HOME; df -B1 --output=source,size,used,avail,target "$d"'
    : source === 'modelscope'
      ? 'd=${MODELSCOPE_CACHE:-$HOME/.cache/modelscope}; [ -d "$d" ] || d=$HOME; df -B1 --output=source,size,used,avail,target "$d"'
      : 'df -B1 --output=source,size,used,avail,target "$HOME"';
