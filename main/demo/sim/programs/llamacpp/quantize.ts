/**
 * `llama-quantize [--options] IN.gguf [OUT.gguf] TYPE [nthreads]`, following
 * tools/quantize/quantize.cpp: the same argument rules (a TYPE in second place means the output
 * is `<dir>/ggml-model-TYPE.gguf`), the same error lines, a per-tensor log and the tail the
 * capture shows (`llama_model_quantize_impl: model size = … MiB (16.00 BPW)`, `quant size`,
 * `llama_quantize: quantize time = … ms`). Time: tuning.convertMsPerGiB of the input.
 */
import { exitWith } from '../downloads/args.js';
import { endActivity, setActivity } from '../../dynamics.js';
import type { Program, SimIO } from '../../io.js';
import { readGgufFile, writeGgufFile, type GgufInfo } from './gguf-file.js';
import { elements, shapeFromGguf, tensorList } from './model-shape.js';
import { outputBpw, parseQuantType, usageText, type QuantType } from './quant-types.js';
import { llamaBuildInfo } from './server-log.js';

const flagOptions = ['--allow-requantize', '--leave-output-tensor', '--pure', '--keep-split', '--dry-run'];
const valueOptions = ['--imatrix', '--include-weights', '--exclude-weights', '--output-tensor-type', '--token-embedding-type', '--tensor-type', '--tensor-type-file', '--prune-layers', '--override-kv', '--target-bpw', '--target-size'];

/** Bytes per weight of the input's bulk tensors, by general.file_type. */
const inputBpw: Record<number, { bpw: number; ggml: string }> = { 0: { bpw: 32, ggml: 'f32' }, 1: { bpw: 16, ggml: 'f16' }, 32: { bpw: 16, ggml: 'bf16' }, 7: { bpw: 8.5, ggml: 'q8_0' } };

/** ggml type of an already-quantized input, for the "requantizing … is disabled" error. */
const quantizedGgml: Record<number, string> = { 2: 'q4_0', 3: 'q4_1', 8: 'q5_0', 9: 'q5_1', 14: 'q4_K', 15: 'q4_K', 16: 'q5_K', 17: 'q5_K', 18: 'q6_K', 38: 'mxfp4' };
const fileTypeGgml = (ftype: number): string => quantizedGgml[ftype] ?? 'q4_K';

const mib = (bytes: number) => bytes / 1024 / 1024;
const kQuant = (q: QuantType) => /_K$|^IQ/.test(q.ggml.toUpperCase());

interface Options {
  readonly allowRequantize: boolean;
  readonly imatrix: string | undefined;
  readonly input: string;
  readonly output: string;
  readonly type: QuantType;
  readonly threads: number | undefined;
}

/** quantize.cpp's argument handling; a number is the exit code of a usage error. */
const parseOptions = (io: SimIO): Options | number => {
  const argv = io.argv;
  const usage = () => exitWith(io, '', 1, usageText(io.program));
  if (argv.length < 2) return usage();
  let i = 0;
  let allowRequantize = false;
  let imatrix: string | undefined;
  for (; i < argv.length && argv[i]!.startsWith('--'); i += 1) {
    const arg = argv[i]!;
    if (flagOptions.includes(arg)) allowRequantize ||= arg === '--allow-requantize';
    else if (valueOptions.includes(arg) && i < argv.length - 1) {
      i += 1;
      if (arg === '--imatrix') imatrix = argv[i];
    } else if (arg === '--state-file') {
      if (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) i += 1;
    } else return usage();
  }
  if (argv.length - i < 2) {
    io.write(`${io.program}: bad arguments\n`);
    return usage();
  }
  const input = argv[i]!;
  i += 1;
  let output: string;
  let type = parseQuantType(argv[i]!);
  if (type) {
    const slash = input.lastIndexOf('/');
    output = `${slash >= 0 ? input.slice(0, slash + 1) : ''}ggml-model-${type.name}.gguf`;
    i += 1;
  } else {
    output = argv[i]!;
    i += 1;
    if (i >= argv.length) return exitWith(io, 'llama_quantize: missing ftype\n', 1);
    type = parseQuantType(argv[i]!);
    if (!type) return exitWith(io, `llama_quantize: invalid ftype '${argv[i]}'\n`, 1);
    i += 1;
  }
  let threads: number | undefined;
  if (i < argv.length) {
    const n = Number.parseInt(argv[i]!, 10);
    if (Number.isNaN(n)) return exitWith(io, `llama_quantize: invalid nthread '${argv[i]}' (stoi)\n`, 1);
    threads = n;
  }
  if (io.fs.resolve(input, io.cwd) === io.fs.resolve(output, io.cwd)) {
    return exitWith(io, `llama_quantize: error: input and output files are the same: '${input}'\n`, 1);
  }
  return { allowRequantize, imatrix, input, output, type, threads };
};

const failed = (io: SimIO, input: string, reason: string): number => {
  io.error(`llama_model_quantize: failed to quantize: ${reason}\nllama_quantize: failed to quantize model from '${input}'\n`);
  return 1;
};

export const llamaQuantize: Program = async (io) => {
  const options = parseOptions(io);
  if (typeof options === 'number') return options;
  const { input, output, type } = options;
  io.error(llamaBuildInfo);
  io.error(`llama_quantize: quantizing '${input}' to '${output}' as ${type.name}${options.threads !== undefined && options.threads > 0 ? ` using ${options.threads} threads` : ''}\n`);
  const info: GgufInfo | undefined = readGgufFile(io.fs.hostPath(io.fs.resolve(input, io.cwd)));
  const shape = info ? shapeFromGguf(info.metadata) : undefined;
  if (!info || !shape) {
    io.error(`gguf_init_from_file: failed to open GGUF file '${input}'\n`);
    return failed(io, input, `llama_model_loader: failed to load model from ${input}`);
  }
  const fileType = Number(info.metadata['general.file_type'] ?? 1);
  const source = inputBpw[fileType];
  const tensors = tensorList(shape);
  const small = (role: string) => role === 'norm' || role === 'bias' || role === 'router' || role === 'rope';
  io.error(`llama_model_loader: loaded meta data with ${Object.keys(info.metadata).length} key-value pairs and ${info.tensorCount} tensors from ${input} (version GGUF V3 (latest))\n`);
  io.error(`llama_model_loader: - type  f32: ${String(tensors.filter((t) => small(t.role)).length).padStart(4)} tensors\n`);
  io.error(`llama_model_loader: - type ${(source?.ggml ?? 'q4_K').padStart(4)}: ${String(tensors.filter((t) => !small(t.role)).length).padStart(4)} tensors\n`);
  if (!source && !options.allowRequantize && type.name !== 'COPY') return failed(io, input, `requantizing from type ${fileTypeGgml(fileType)} is disabled`);
  if (type.needsImatrix && options.imatrix === undefined) {
    const first = tensors.find((t) => t.role === 'matrix')?.name ?? 'blk.0.attn_q.weight';
    io.error(`\n\n============================================================\nMissing importance matrix for tensor ${first} in a very low-bit quantization\nThe result will be garbage, so bailing out\n============================================================\n\n`);
    return failed(io, input, `Missing importance matrix for tensor ${first} in a very low-bit quantization`);
  }
  if (io.read().faults['disk-full'] === true) return failed(io, input, 'basic_ios::clear: iostream error');

  const inBpw = source?.bpw ?? 16;
  const totalMs = (info.sizeBytes / 2 ** 30) * io.read().tuning.convertMsPerGiB;
  const activity = `quantize:${output}`;
  io.update((state, now) => setActivity(state, activity, { cpuCores: Math.min(options.threads ?? 10, 20) }, now));
  let inBytes = 0;
  let outBytes = 0;
  let weights = 0;
  let fallbacks = 0;
  try {
    for (const [index, t] of tensors.entries()) {
      const n = elements(t);
      const sizeIn = small(t.role) ? n * 4 : (n * inBpw) / 8;
      const dims = [...t.dims, 1, 1, 1].slice(0, 4).map((d) => String(d).padStart(5)).join(', ');
      const prefix = `[${String(index + 1).padStart(4)}/${String(tensors.length).padStart(4)}] ${t.name.padStart(36)} - [${dims}], type = ${(small(t.role) ? 'f32' : (source?.ggml ?? 'q4_K')).padStart(6)}, `;
      weights += n;
      inBytes += sizeIn;
      if (small(t.role) || type.name === 'COPY') {
        outBytes += sizeIn;
        io.error(`${prefix}size = ${(sizeIn / 1e6).toFixed(3).padStart(8)} MB\n`);
      } else {
        let target = t.role === 'output' ? { ggml: 'q6_K', bpw: outputBpw(type) } : { ggml: type.ggml, bpw: type.bpw };
        if (t.role !== 'output' && kQuant(type) && (t.dims[0] ?? 0) % 256 !== 0) {
          io.error(`llama_model_quantize_impl : tensor cols ${t.dims[0]} x ${t.dims[1]} are not divisible by 256, required for ${type.ggml} - using fallback quantization q5_0\n`);
          target = { ggml: 'q5_0', bpw: 5.5 };
          fallbacks += 1;
        }
        const sizeOut = (n * target.bpw) / 8;
        outBytes += sizeOut;
        io.error(`${prefix}converting to ${target.ggml} .. size = ${mib(sizeIn).toFixed(2).padStart(8)} MiB -> ${mib(sizeOut).toFixed(2).padStart(8)} MiB\n`);
      }
      if (!(await io.sleep(totalMs / tensors.length))) return 130;
      // The output is written tensor by tensor: a disk that fills meanwhile fails the write there.
      if (io.read().faults['disk-full'] === true) return failed(io, input, 'basic_ios::clear: iostream error');
    }
    writeGgufFile(io.fs.hostPath(io.fs.resolve(output, io.cwd)), Math.round(outBytes), tensors.length, {
      ...info.metadata,
      'general.file_type': type.ftype ?? fileType,
    });
    io.error(`llama_model_quantize_impl: model size  = ${mib(inBytes).toFixed(2).padStart(8)} MiB (${((inBytes * 8) / weights).toFixed(2)} BPW)\n`);
    io.error(`llama_model_quantize_impl: quant size  = ${mib(outBytes).toFixed(2).padStart(8)} MiB (${((outBytes * 8) / weights).toFixed(2)} BPW)\n`);
    if (fallbacks > 0) io.error(`llama_model_quantize_impl: WARNING: ${fallbacks} of ${tensors.length} tensor(s) required fallback quantization\n`);
    io.write(`\nllama_quantize: quantize time = ${totalMs.toFixed(2).padStart(8)} ms\nllama_quantize:    total time = ${(totalMs + 1.5).toFixed(2).padStart(8)} ms\n`);
    return 0;
  } finally {
    io.update((state, now) => endActivity(state, activity, now));
  }
};
