/**
 * `modelscope download --model ID [FILES…] [--revision R] [--local_dir D] [--cache_dir C]
 * [--include P]… [--exclude P]…` as ModelScope's CLI prints it (captures quoted in public
 * issues): `Downloading Model from https://www.modelscope.cn to directory: …` on stdout,
 * logging lines `YYYY-MM-DD HH:MM:SS,mmm - modelscope - INFO - …` and tqdm bars
 * `Downloading [file]: …` / `Processing N items: …` on stderr.
 *
 * Cache layout: `~/.cache/modelscope/hub/models/ORG/NAME`, with dots in NAME written as `___`
 * (the llama.cpp capture converts `~/.cache/modelscope/hub/models/Qwen/Qwen3-1___7B/`).
 * Partial files live in `<dir>/._____temp/` until complete.
 */
import { findModelscopeModel } from '../../catalogue.js';
import { SimFsError, type Program, type SimIO } from '../../io.js';
import { allValues, lastValue, parseArgs } from './args.js';
import { globMatch, planRepoFiles } from './repo-files.js';
import { transferFiles, type TransferTarget } from './transfer.js';
import { formatTqdm } from './tqdm.js';

const endpoint = 'https://www.modelscope.cn';
const alternative = 'https://www.modelscope.ai';

/** Python logging's default asctime, `2025-09-12 13:39:49,270` (UTC here: the box clock). */
export const logTime = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())},${p(d.getUTCMilliseconds(), 3)}`;
};

const log = (io: SimIO, level: 'INFO' | 'WARNING' | 'ERROR', message: string) => io.error(`${logTime(io.now())} - modelscope - ${level} - ${message}\n`);

export const modelscopeCacheFolder = (io: SimIO, cacheDir: string | undefined, modelId: string): string => {
  const root = io.fs.resolve(cacheDir ?? io.env['MODELSCOPE_CACHE'] ?? '~/.cache/modelscope/hub', io.cwd);
  const [org, ...rest] = modelId.split('/');
  return `${root}/models/${org}/${rest.join('/').replace(/\./g, '___')}`;
};

const traceback = (io: SimIO, last: string): string =>
  [
    'Traceback (most recent call last):',
    `  File "${io.fs.home}/.local/bin/modelscope", line 8, in <module>`,
    '    sys.exit(run_cmd())',
    '             ^^^^^^^^^',
    `  File "${io.fs.home}/.local/lib/python3.12/site-packages/modelscope/cli/download.py", line 160, in execute`,
    '    snapshot_download(',
    last,
    '',
  ].join('\n');

const download = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const args = parseArgs(argv, ['--model', '--dataset', '--revision', '--local_dir', '--cache_dir', '--include', '--exclude', '--max-workers'], ['-h', '--help']);
  const bad = args.unknown ?? (args.missingValue ? `${args.missingValue} (expected one argument)` : undefined);
  if (bad) {
    io.error(`usage: modelscope <command> [<args>]\nmodelscope: error: unrecognized arguments: ${bad}\n`);
    return 2;
  }
  const id = lastValue(args, '--model');
  if (!id) {
    io.error('usage: modelscope <command> [<args>]\nmodelscope: error: one of the arguments --model --dataset is required\n');
    return 2;
  }
  const model = findModelscopeModel(id);
  if (!model) {
    log(io, 'WARNING', `Repo ${id} not exists on ${endpoint}, will try on alternative endpoint ${alternative}.`);
    log(io, 'ERROR', `Repo ${id} not exists on either ${endpoint} or ${alternative}`);
    io.error(traceback(io, `modelscope.hub.errors.NotExistError: Repo ${id} not exists on either ${endpoint} or ${alternative}`));
    return 1;
  }
  const msId = model.modelscopeId ?? model.id;
  const wanted = args.positionals;
  const includes = allValues(args, '--include');
  const excludes = allValues(args, '--exclude');
  const files = planRepoFiles(model, 'modelscope').filter((f) =>
    wanted.length > 0 ? wanted.includes(f.name) : (includes.length === 0 || includes.some((p) => globMatch(p, f.name))) && !excludes.some((p) => globMatch(p, f.name)),
  );
  const localDir = lastValue(args, '--local_dir');
  const dir = localDir !== undefined ? io.fs.resolve(localDir, io.cwd) : modelscopeCacheFolder(io, lastValue(args, '--cache_dir'), msId);

  io.write(`Downloading Model from ${endpoint} to directory: ${dir}\n`);
  log(io, 'INFO', `Got ${files.length} files, start to download ...`);
  const processing = (n: number, seconds: number) =>
    formatTqdm({ desc: `Processing ${files.length} items`, n, total: files.length, elapsedS: seconds, rate: n === 0 ? 0 : n / Math.max(seconds, 0.001), unit: 'it', unitScale: true });
  io.error(`\r${processing(0, 0)}`);
  const targets: TransferTarget[] = files.map((file) => ({
    file,
    finalPath: `${dir}/${file.name}`,
    partialPath: `${dir}/._____temp/${file.name}`,
    label: `Downloading [${file.name}]`,
    unit: 'B',
  }));
  let result;
  try {
    result = await transferFiles(io, targets, `download:modelscope:${msId}`);
  } catch (error) {
    if (!(error instanceof SimFsError && error.code === 'ENOSPC')) throw error;
    result = { kind: 'no-space' as const };
  }
  if (result.kind === 'interrupted') return 130;
  if (result.kind === 'no-space') {
    io.error(`\n${traceback(io, 'OSError: [Errno 28] No space left on device')}`);
    return 1;
  }
  // ModelScope clears its temp folder once every file is in place.
  if (io.fs.exists(`${dir}/._____temp`) && io.fs.list(`${dir}/._____temp`).length === 0) io.fs.remove(`${dir}/._____temp`, { recursive: true });
  io.error(`\r${processing(files.length, result.seconds)}\n`);
  log(io, 'INFO', `Download model '${msId}' successfully.`);
  return 0;
};

export const modelscopeProgram: Program = async (io) => {
  const [command, ...rest] = io.argv;
  if (command === 'download') return download(io, rest);
  if (command === undefined || command === '-h' || command === '--help') {
    io.write('usage: modelscope <command> [<args>]\n\npositional arguments:\n  {download,login,...}\n');
    return 0;
  }
  io.error(`usage: modelscope <command> [<args>]\nmodelscope: error: argument {download}: invalid choice: '${command}'\n`);
  return 2;
};
