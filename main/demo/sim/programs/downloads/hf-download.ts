/**
 * `hf download` / `huggingface-cli download REPO [FILES…] [--revision R] [--local-dir D]
 * [--cache-dir C] [--include P]… [--exclude P]… [--token T] [--quiet]`.
 *
 * Output as the tools print it with stderr not a terminal: a `Fetching N files` tqdm bar that
 * stays open while per-file bars (bytes, rate, ETA) run and close, then the path on stdout
 * (the snapshot folder, the --local-dir as given, or the one file). The real tool downloads
 * up to 8 files at once and interleaves their bars; the simulation downloads one at a time so
 * each bar is whole — same lines, simpler order.
 */
import { findCatalogueModel } from '../../catalogue.js';
import { SimFsError, type SimIO } from '../../io.js';
import { allValues, lastValue, parseArgs, pythonPath } from './args.js';
import { hfFailureOutput, type HfFailure, type HfFlavour } from './hf-errors.js';
import { cacheTargets, hfCacheRoot, hfRepoFolder, localDirTargets, resolveToken, writeRef } from './hf-layout.js';
import { globMatch, planRepoFiles } from './repo-files.js';
import { transferFiles } from './transfer.js';
import { formatTqdm } from './tqdm.js';

const valueOptions = ['--repo-type', '--revision', '--include', '--exclude', '--cache-dir', '--local-dir', '--token', '--max-workers', '--local-dir-use-symlinks'];
const flagOptions = ['--force-download', '--resume-download', '--quiet', '-h', '--help'];

const usageError = (io: SimIO, flavour: HfFlavour, message: string): number => {
  if (flavour === 'hf') {
    io.error(`Usage: hf download [OPTIONS] REPO_ID [FILENAMES]...\nTry 'hf download -h' for help.\n\nError: ${message}\n`);
  } else {
    io.error(`usage: huggingface-cli <command> [<args>] download [-h] [--repo-type {model,dataset,space}] [--revision REVISION] [--include INCLUDE [INCLUDE ...]] [--exclude EXCLUDE [EXCLUDE ...]] [--cache-dir CACHE_DIR] [--local-dir LOCAL_DIR] [--force-download] [--token TOKEN] [--quiet] [--max-workers MAX_WORKERS] repo_id [filenames ...]\nhuggingface-cli <command> [<args>] download: error: ${message}\n`);
  }
  return 2;
};

export const hfDownload = async (io: SimIO, argv: readonly string[], flavour: HfFlavour): Promise<number> => {
  const args = parseArgs(argv, valueOptions, flagOptions);
  if (args.unknown) return usageError(io, flavour, flavour === 'hf' ? `No such option: ${args.unknown}` : `unrecognized arguments: ${args.unknown}`);
  if (args.missingValue) return usageError(io, flavour, flavour === 'hf' ? `Option '${args.missingValue}' requires an argument.` : `argument ${args.missingValue}: expected one argument`);
  const [repoId, ...filenames] = args.positionals;
  if (!repoId) return usageError(io, flavour, flavour === 'hf' ? "Missing argument 'REPO_ID'." : 'the following arguments are required: repo_id');

  const quiet = args.flags.has('--quiet');
  const out: SimIO = quiet ? { ...io, error: () => undefined } : io;
  if (flavour === 'huggingface-cli') out.error("⚠️  Warning: 'huggingface-cli download' is deprecated. Use 'hf download' instead.\n");
  if (lastValue(args, '--local-dir-use-symlinks') !== undefined) {
    out.error('Ignoring --local-dir-use-symlinks. Downloading to a local directory does not use symlinks anymore.\n');
  }

  const requestedRevision = lastValue(args, '--revision') ?? 'main';
  const token = resolveToken(io, lastValue(args, '--token'));
  const context = { repoId, revision: requestedRevision, file: '.gitattributes', home: io.fs.home, seed: `${repoId}:${io.now()}` };
  const fail = (failure: HfFailure, extra: { expectedBytes?: number; targetDir?: string; file?: string } = {}): number => {
    const output = hfFailureOutput(failure, flavour, { ...context, ...extra });
    io.error(output.stderr);
    io.write(output.stdout);
    return 1;
  };

  const model = (lastValue(args, '--repo-type') ?? 'model') === 'model' ? findCatalogueModel(repoId) : undefined;
  if (!model) return fail('not-found');
  const revisionOk = requestedRevision === 'main' || (requestedRevision.length >= 7 && model.revision.startsWith(requestedRevision));
  if (!revisionOk) return fail('revision');
  const commit = model.revision;

  const includes = allValues(args, '--include');
  const excludes = allValues(args, '--exclude');
  const files = planRepoFiles(model, 'hf').filter((f) =>
    filenames.length > 0
      ? filenames.includes(f.name)
      : (includes.length === 0 || includes.some((p) => globMatch(p, f.name))) && !excludes.some((p) => globMatch(p, f.name)),
  );
  if (filenames.length > 0 && files.length < filenames.length) {
    io.error(flavour === 'hf' ? 'Error: File not found in repository.\n' : `huggingface_hub.errors.RemoteEntryNotFoundError: 404 Client Error.\n\nEntry Not Found for url: https://huggingface.co/${model.id}/resolve/${commit}/${filenames.find((n) => !files.some((f) => f.name === n))}.\n`);
    if (flavour === 'hf') io.write('Set HF_DEBUG=1 as environment variable for full traceback.\n');
    return 1;
  }

  const single = filenames.length === 1;
  const localDir = lastValue(args, '--local-dir');
  const repoFolder = hfRepoFolder(hfCacheRoot(io, lastValue(args, '--cache-dir')), model.id);
  const targetRoot = localDir !== undefined ? io.fs.resolve(localDir, io.cwd) : repoFolder;
  const targets = localDir !== undefined ? localDirTargets(io, model, targetRoot, commit, files) : cacheTargets(io, model, repoFolder, commit, files);

  const fetching = (n: number, seconds: number) =>
    formatTqdm({ desc: `Fetching ${files.length} files`, n, total: files.length, elapsedS: seconds, rate: n === 0 ? 0 : n / Math.max(seconds, 0.001), unit: 'it', unitScale: false });
  if (!single) out.error(`\r${fetching(0, 0)}`);
  if (flavour === 'hf' && token === undefined) {
    out.error('Warning: You are sending unauthenticated requests to the HF Hub. Please set a HF_TOKEN to enable higher rate limits and faster downloads.\n');
  }
  // Gated repos list fine but refuse the first file without a token.
  if (model.gated && token === undefined) return fail('gated', { file: files[0]?.name ?? 'config.json' });

  let result;
  try {
    result = await transferFiles(out, targets, `download:hf:${model.id}`);
  } catch (error) {
    if (error instanceof SimFsError && error.code === 'ENOSPC') result = { kind: 'no-space' as const, target: targets[0]!, freeBytes: 0 };
    else throw error;
  }
  if (result.kind === 'interrupted') return 130;
  if (result.kind === 'no-space') {
    if (!single) out.error('\n');
    const dir = localDir !== undefined ? `${targetRoot}/.cache/huggingface/download` : `${repoFolder}/blobs`;
    return fail('no-space', { expectedBytes: result.target.file.size, targetDir: dir });
  }
  if (localDir === undefined && requestedRevision === 'main') writeRef(io, repoFolder, 'main', commit);
  if (!single) out.error(`\r${fetching(files.length, result.seconds)}\n`);

  const base = localDir !== undefined ? pythonPath(localDir) : `${repoFolder}/snapshots/${commit}`;
  io.write(`${single ? `${base}/${files[0]!.name}` : base}\n`);
  return 0;
};
