/**
 * `python3 convert_hf_to_gguf.py MODEL_DIR [--outfile PATH] [--outtype f32|f16|bf16|q8_0|
 * tq1_0|tq2_0|auto]`: reads config.json and the shards, logs like the real script (Python
 * logging to stderr: `INFO:hf-to-gguf:…`, one line per tensor, the gguf writer's summary, a
 * tqdm `Writing:` bar) and writes a GGUF of the right size. Time: tuning.convertMsPerGiB.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { Program, SimIO } from '../../io.js';
import { exitWith, lastValue, parseArgs } from '../downloads/args.js';
import { formatTqdm } from '../downloads/tqdm.js';
import { writeGgufFile } from './gguf-file.js';
import { readModelDir, type ModelDir } from './model-dir.js';
import { elements, shapeToGguf, sizeLabel, tensorList, type TensorSpec } from './model-shape.js';

const outTypes = ['f32', 'f16', 'bf16', 'q8_0', 'tq1_0', 'tq2_0', 'auto'] as const;
type OutType = Exclude<(typeof outTypes)[number], 'auto'>;
/** llama_ftype written to general.file_type, and bytes per weight of the bulk tensors. */
const outTypeInfo: Record<OutType, { ftype: number; bytes: number }> = {
  f32: { ftype: 0, bytes: 4 },
  f16: { ftype: 1, bytes: 2 },
  bf16: { ftype: 32, bytes: 2 },
  q8_0: { ftype: 7, bytes: 34 / 32 },
  tq1_0: { ftype: 36, bytes: 1.6875 / 8 },
  tq2_0: { ftype: 37, bytes: 2.0625 / 8 },
};

export const convertTiming = {
  /** Share of the run spent reading tensors (the per-tensor log); the rest is the Writing bar. */
  readShare: 0.2,
  tickMs: 200,
  /** Python + torch keep a few cores busy while converting. */
  cpuCores: 4,
} as const;

const usage =
  'usage: convert_hf_to_gguf.py [-h] [--vocab-only] [--outfile OUTFILE] [--outtype {f32,f16,bf16,q8_0,tq1_0,tq2_0,auto}] [--bigendian] [--use-temp-file] [--no-lazy] [--model-name MODEL_NAME] [--verbose] [--split-max-tensors SPLIT_MAX_TENSORS] [--split-max-size SPLIT_MAX_SIZE] [--dry-run] [--no-tensor-first-split] [--metadata METADATA] [--print-supported-models] [--remote] [--mmproj] [model]\n';

/** gguf_writer.format_n_bytes_to_str: `4.1G`, `35.0G`. */
export const formatNBytes = (n: number): string => {
  let value = n;
  for (const unit of ['', 'K', 'M', 'G']) {
    if (Math.abs(value) < 1000) return `${value.toFixed(1)}${unit}`;
    value /= 1000;
  }
  return `${value.toFixed(1)}T - over 1TB, split recommended`;
};

const pyTraceback = (io: SimIO, script: string, frames: string[], last: string): string =>
  ['Traceback (most recent call last):', `  File "${io.fs.resolve(script, io.cwd)}", line 9853, in <module>`, '    main()', ...frames, last, ''].join('\n');

interface Plan {
  readonly outType: OutType;
  readonly tensors: ReadonlyArray<TensorSpec & { qtype: string; bytes: number; oldDtype: string }>;
  readonly totalBytes: number;
}

const plan = (dir: ModelDir, requested: (typeof outTypes)[number]): Plan => {
  const outType: OutType = requested === 'auto' ? (dir.torchDtype === 'bfloat16' ? 'bf16' : dir.torchDtype === 'float32' ? 'f32' : 'f16') : requested;
  const bulk = outTypeInfo[outType];
  const mxfp4 = dir.quantMethod === 'mxfp4';
  const torch = `torch.${dir.torchDtype}`;
  const tensors = (dir.shape ? tensorList(dir.shape) : []).map((t) => {
    const small = t.role === 'norm' || t.role === 'bias' || t.role === 'router' || t.role === 'rope';
    if (small) return { ...t, qtype: 'F32', bytes: elements(t) * 4, oldDtype: torch };
    if (mxfp4 && t.role === 'experts') return { ...t, qtype: 'MXFP4', bytes: (elements(t) * 4.25) / 8, oldDtype: 'torch.uint8' };
    return { ...t, qtype: outType.toUpperCase(), bytes: elements(t) * bulk.bytes, oldDtype: torch };
  });
  return { outType, tensors, totalBytes: Math.round(tensors.reduce((sum, t) => sum + t.bytes, 0)) };
};

const configNumber = (dir: ModelDir, key: string): string => String(dir.config[key] ?? '');

export const convertHfToGguf: Program = async (io) => {
  // Run as `python3 path/convert_hf_to_gguf.py …` the script is argv[0]; run directly it is not.
  const script = io.argv[0]?.endsWith('convert_hf_to_gguf.py') ? io.argv[0] : 'convert_hf_to_gguf.py';
  const argv = io.argv[0] === script ? io.argv.slice(1) : io.argv;
  const args = parseArgs(argv, ['--outfile', '--outtype', '--model-name', '--metadata', '--split-max-tensors', '--split-max-size'], ['--vocab-only', '--bigendian', '--use-temp-file', '--no-lazy', '--verbose', '--dry-run', '--no-tensor-first-split', '--remote', '--mmproj', '-h', '--help']);
  if (args.unknown) return exitWith(io, `${usage}convert_hf_to_gguf.py: error: unrecognized arguments: ${args.unknown}\n`, 2);
  const outtype = (lastValue(args, '--outtype') ?? 'auto') as (typeof outTypes)[number];
  if (!outTypes.includes(outtype)) {
    io.error(`${usage}convert_hf_to_gguf.py: error: argument --outtype: invalid choice: '${outtype}' (choose from ${outTypes.map((o) => `'${o}'`).join(', ')})\n`);
    return 2;
  }
  const given = args.positionals[0];
  if (given === undefined) return exitWith(io, `${usage}convert_hf_to_gguf.py: error: the following arguments are required: model\n`, 2);
  const path = io.fs.resolve(given, io.cwd);
  if (!io.fs.exists(path) || !io.fs.stat(path).isDirectory) {
    io.error(`ERROR:hf-to-gguf:Error: ${given} is not a directory\n`);
    return 1;
  }
  if (!io.fs.exists(`${path}/config.json`)) {
    io.error(pyTraceback(io, script, ['  File "…/convert_hf_to_gguf.py", line 640, in load_hparams', '    with open(dir_model / "config.json", "r", encoding="utf-8") as f:'], `FileNotFoundError: [Errno 2] No such file or directory: '${given.replace(/\/$/, '')}/config.json'`));
    return 1;
  }
  const dir = readModelDir(io, path);
  const name = path.split('/').pop() ?? 'model';
  io.error(`INFO:hf-to-gguf:Loading model: ${name}\n`);
  if (!dir.shape) {
    io.error(`ERROR:hf-to-gguf:Model ${dir.architecture} is not supported\n`);
    return 1;
  }
  if (dir.quantMethod === 'awq') {
    io.error(pyTraceback(io, script, ['  File "…/convert_hf_to_gguf.py", line 412, in dequant_model'], "NotImplementedError: Quant method is not yet supported: 'awq'"));
    return 1;
  }
  const work = plan(dir, outtype);
  const outfile = (lastValue(args, '--outfile') ?? `${given.replace(/\/$/, '')}/${name}-{ftype}.gguf`).replace('{ftype}', lastValue(args, '--outfile') ? work.outType : work.outType.toUpperCase());
  const log = (line: string) => io.error(`INFO:hf-to-gguf:${line}\n`);
  log(`Model architecture: ${dir.architecture}`);
  io.error('INFO:gguf.gguf_writer:gguf: This GGUF file is for Little Endian only\n');
  log('Exporting model...');

  const totalMs = (work.totalBytes / 2 ** 30) * io.read().tuning.convertMsPerGiB;
  io.update((state, now) => setActivity(state, `convert:${outfile}`, { cpuCores: convertTiming.cpuCores }, now));
  try {
    if (dir.shards.length > 1) log("gguf: loading model weight map from 'model.safetensors.index.json'");
    const perShard = Math.ceil(work.tensors.length / Math.max(1, dir.shards.length));
    const width = Math.max(...work.tensors.map((t) => t.name.length)) + 2;
    for (const [i, t] of work.tensors.entries()) {
      if (i % perShard === 0) log(`gguf: loading model part '${dir.shards[i / perShard]?.name ?? 'model.safetensors'}'`);
      log(`${`${t.name},`.padEnd(width)} ${t.oldDtype} --> ${t.qtype}, shape = {${t.dims.join(', ')}}`);
      if (!(await io.sleep((totalMs * convertTiming.readShare) / work.tensors.length))) return 130;
    }
    const s = dir.shape;
    log('Set meta model');
    log('Set model parameters');
    log(`gguf: context length = ${s.context}`);
    log(`gguf: embedding length = ${s.hidden}`);
    if (s.ff > 0) log(`gguf: feed forward length = ${s.ff}`);
    log(`gguf: head count = ${s.heads}`);
    log(`gguf: key-value head count = ${s.kvHeads}`);
    log(`gguf: rope theta = ${configNumber(dir, 'rope_theta')}`);
    log(`gguf: rms norm epsilon = ${s.rmsEps < 1e-4 ? s.rmsEps.toExponential().replace(/e-(\d)$/, 'e-0$1') : s.rmsEps}`);
    if (s.experts > 0) log(`gguf: expert count = ${s.experts}`);
    log(`gguf: file type = ${outTypeInfo[work.outType].ftype}`);
    log('Set model quantization version');
    log('Set model tokenizer');
    io.error(`INFO:gguf.vocab:Adding ${s.arch === 'llama' ? 280147 : 151387} merge(s).\n`);
    io.error(`INFO:gguf.vocab:Setting special token type eos to ${JSON.stringify(dir.config['eos_token_id'] ?? 0)}\n`);
    io.error('INFO:gguf.gguf_writer:Writing the following files:\n');
    io.error(`INFO:gguf.gguf_writer:${outfile}: n_tensors = ${work.tensors.length}, total_size = ${formatNBytes(work.totalBytes)}\n`);

    const rate = work.totalBytes / Math.max(totalMs / 1000, 1e-3);
    const bar = (n: number) => formatTqdm({ desc: 'Writing', n, total: work.totalBytes, elapsedS: n / rate, rate: n === 0 ? 0 : rate, unit: 'byte', unitScale: true });
    io.error(`\r${bar(0)}`);
    if (io.read().faults['disk-full'] === true) {
      io.error(`\n${pyTraceback(io, script, ['  File "…/gguf-py/gguf/gguf_writer.py", line 451, in write_tensors_to_file', '    ti.tensor.tofile(fout)'], 'OSError: [Errno 28] No space left on device')}`);
      return 1;
    }
    const host = io.fs.hostPath(io.fs.resolve(outfile, io.cwd));
    const metadata = {
      'general.architecture': s.arch,
      'general.type': 'model',
      'general.name': lastValue(args, '--model-name') ?? name,
      'general.size_label': sizeLabel(dir.parameterCount),
      'general.parameter_count': BigInt(dir.parameterCount),
      ...shapeToGguf(s),
      'general.file_type': outTypeInfo[work.outType].ftype,
      'general.quantization_version': 2,
    };
    const writeMs = totalMs * (1 - convertTiming.readShare);
    const ticks = Math.max(1, Math.ceil(writeMs / convertTiming.tickMs));
    for (let tick = 1; tick <= ticks; tick += 1) {
      const n = Math.round((work.totalBytes * tick) / ticks);
      // The file grows as tensors are written; an interrupted run leaves it short.
      writeGgufFile(host, n, work.tensors.length, metadata);
      if (!(await io.sleep(writeMs / ticks))) return 130;
      io.error(`\r${bar(n)}`);
    }
    io.error('\n');
    log(`Model successfully exported to ${outfile}`);
    return 0;
  } finally {
    io.update((state, now) => endActivity(state, `convert:${outfile}`, now));
  }
};
