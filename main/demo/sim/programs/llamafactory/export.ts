/**
 * `llamafactory-cli export CONFIG.yaml`: merges LoRA adapters into the base model and saves it
 * (train/tuner.py export_model @ ff6d4d1), printing what a real run prints: LLaMA Factory's
 * records on stdout, transformers' (explicit format) and tqdm on stderr, in the order of a public
 * log (Qwen2.5 merge, 2025-04: "Merged 1 adapter(s)." … "Ollama modelfile saved in …"). Shards
 * appear one by one (tuning.convertMsPerGiB per GiB) while the CPU (export_device cpu, the
 * default) or the GPU (auto) is busy. The refusals are the real ValueErrors; a full disk fails
 * with Python's OSError, or safetensors' error when a shard is being written.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import { SimFsError } from '../../io.js';
import { formatTqdm } from '../downloads/tqdm.js';
import { checkTemplate, LmfError, num, resolveModel, str, type ModelInfo, type TrainConfig } from './config.js';
import { chainedTraceback, hfLine, lmfLines, logLine, traceback } from './console.js';
import { configJson, exportDtype, fixTokenizer, generationConfigJson, indexJson, planShards, writeShard, writeTokenizer } from './export-files.js';
import { chatTemplate, ollamaModelfile } from './template.js';

export const exportTiming = {
  /** Loading the base shards takes this share of the per-GiB time; writing takes all of it. */
  loadShare: 0.3,
  /** Merging (W + BA for every target module) takes this share. */
  mergeShare: 0.2,
  /** torch uses several cores for the merge on the CPU. */
  cpuCores: 8,
  /** With export_device auto the GPU does the merge. */
  gpuUtil: 45,
} as const;

/** Line numbers of transformers' records in the public log (transformers 4.51). */
const hfLines = { config: 423, generationConfig: 909, sharded: 3033, weights: 3040, tokenizerConfig: 2500, specialTokens: 2509 } as const;

const diskFull = 'OSError: [Errno 28] No space left on device';
const safetensorsFull = 'safetensors_rust.SafetensorError: Error while serializing: IoError(Os { code: 28, kind: StorageFull, message: "No space left on device" })';

const tail = (line: string): [string, string] => {
  const at = line.indexOf(': ');
  return [line.slice(0, at), line.slice(at + 2)];
};

/** Whether a YAML key is set (absent and `null` both mean unset, as in the dataclasses). */
const isSet = (config: TrainConfig, key: string): boolean => config[key] !== undefined && config[key] !== null;

/** Checks export_model and get_infer_args make before any weight is touched. */
const checkConfig = (config: TrainConfig, adapters: readonly string[]): string => {
  if (isSet(config, 'export_quantization_bit') && !isSet(config, 'export_quantization_dataset')) throw new LmfError('ValueError', 'Quantization dataset is necessary for exporting.');
  if (adapters.length > 0 && (str(config, 'finetuning_type') ?? 'lora') !== 'lora') throw new LmfError('ValueError', 'Adapter is only valid for the LoRA method.');
  if (isSet(config, 'quantization_bit') && adapters.length > 1) throw new LmfError('ValueError', 'Quantized model only accepts a single adapter. Merge them first.');
  checkTemplate(config);
  const dir = str(config, 'export_dir');
  if (dir === undefined) throw new LmfError('ValueError', 'Please specify `export_dir` to save model.');
  if (adapters.length > 0 && isSet(config, 'export_quantization_bit')) throw new LmfError('ValueError', 'Please merge adapters before quantizing the model.');
  return dir;
};

const loadModel = (io: SimIO, name: string): ModelInfo | undefined => {
  try {
    return resolveModel(io, name);
  } catch (error) {
    if (!(error instanceof LmfError)) throw error;
    // load_tokenizer: `raise OSError("Failed to load tokenizer.") from e`.
    io.error(chainedTraceback([error.exception, error.message], ['OSError', 'Failed to load tokenizer.']));
    return undefined;
  }
};

export const exportModel = async (io: SimIO, config: TrainConfig): Promise<number> => {
  const adapters = (str(config, 'adapter_name_or_path') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  const exportRel = checkConfig(config, adapters).replace(/\/+$/, '');
  const model = loadModel(io, str(config, 'model_name_or_path') ?? '');
  if (!model) return 1;
  const out = (name: string) => `${exportRel}/${name}`;
  const exportDir = io.fs.resolve(exportRel, io.cwd);
  const lmf = (name: string, message: string, level: 'INFO' | 'WARNING' = 'INFO') => io.write(logLine(io.now(), level, name, level === 'INFO' ? lmfLines.info : lmfLines.warning, message));
  const hf = (file: string, line: number, message: string) => io.error(hfLine(io.now(), file, line, message));

  const template = chatTemplate(config, model.config['model_type']);
  if (str(config, 'template') === undefined) lmf('llamafactory.data.template', '`template` was not specified, try parsing the chat template from the tokenizer.', 'WARNING');
  const fix = fixTokenizer(io, model, template);
  if (fix.replacedEos) lmf('llamafactory.data.template', `Replace eos token: ${fix.replacedEos}.`);
  if (fix.addedPad) lmf('llamafactory.data.template', `Add pad token: ${fix.addedPad}`);
  if (fix.extraStops.length > 0) lmf('llamafactory.data.template', `Add ${fix.extraStops.join(',')} to stop words.`);
  lmf('llamafactory.model.model_utils.attention', 'Using torch SDPA for faster training and inference.');

  const onGpu = str(config, 'export_device') === 'auto';
  const msPerGiB = io.read().tuning.convertMsPerGiB;
  const gib = (bytes: number) => bytes / 2 ** 30;
  const pid = io.update((s, now) => {
    const id = s.nextPid;
    s.nextPid += 1;
    if (onGpu) s.gpuProcesses.push({ pid: id, name: 'python3', type: 'C', memoryMiB: Math.round(model.weightBytes / 2 ** 20) + 600, startedAt: now, loadMs: 2000, containerId: undefined, fileCacheMiB: Math.round(model.weightBytes / 2 ** 20) });
    setActivity(s, `llamafactory-export:${id}`, onGpu ? { util: exportTiming.gpuUtil, cpuCores: 1 } : { cpuCores: exportTiming.cpuCores }, now);
    return id;
  });
  let writing: 'json' | 'shard' | 'tokenizer' = 'json';
  try {
    const baseShards = io.fs.list(model.path).filter((f) => f.endsWith('.safetensors'));
    const started = io.now();
    for (let i = 1; i <= baseShards.length && baseShards.length > 1; i += 1) {
      if (!(await io.sleep((msPerGiB * exportTiming.loadShare * gib(model.weightBytes)) / baseShards.length))) return interrupted(io);
      const elapsedS = (io.now() - started) / 1000;
      io.error(`\r${formatTqdm({ desc: 'Loading checkpoint shards', n: i, total: baseShards.length, elapsedS, rate: elapsedS > 0 ? i / elapsedS : 0, unit: 'it', unitScale: false })}`);
    }
    if (baseShards.length > 1) io.error('\n');
    for (const adapter of adapters) {
      if (!io.fs.exists(`${io.fs.resolve(adapter, io.cwd)}/adapter_config.json`)) throw new LmfError('ValueError', `Can't find 'adapter_config.json' at '${adapter}'`);
    }
    // A quantized model (quantization_bit, or a quantized checkpoint) keeps the adapter unmerged.
    const quantized = isSet(config, 'quantization_bit') || model.config['quantization_config'] !== undefined;
    if (adapters.length > 0) {
      if (!quantized) {
        if (!(await io.sleep(msPerGiB * exportTiming.mergeShare * gib(model.weightBytes)))) return interrupted(io);
        lmf('llamafactory.model.adapter', `Merged ${adapters.length} adapter(s).`);
      }
      lmf('llamafactory.model.adapter', `Loaded adapter(s): ${adapters.join(',')}`);
    }
    lmf('llamafactory.model.loader', `all params: ${model.parameterCount.toLocaleString('en-US')}`);
    if (quantized && adapters.length > 0) throw new LmfError('ValueError', 'Cannot merge adapters to a quantized model.');
    if (!quantized) lmf('llamafactory.train.tuner', `Convert model dtype to: torch.${exportDtype(model)}.`);

    io.fs.mkdirp(exportDir);
    io.fs.writeText(`${exportDir}/config.json`, configJson(model));
    hf('configuration_utils.py', hfLines.config, `Configuration saved in ${out('config.json')}`);
    io.fs.writeText(`${exportDir}/generation_config.json`, generationConfigJson(io, model));
    hf('configuration_utils.py', hfLines.generationConfig, `Configuration saved in ${out('generation_config.json')}`);
    const exportSize = num(config, 'export_size', 5);
    const shards = planShards(model, exportSize * 1e9);
    writing = 'shard';
    for (const shard of shards) {
      if (!(await io.sleep(msPerGiB * gib(shard.bytes)))) return interrupted(io);
      writeShard(io, `${exportDir}/${shard.name}`, shard.bytes);
    }
    writing = 'json';
    if (shards.length > 1) {
      io.fs.writeText(`${exportDir}/model.safetensors.index.json`, indexJson(shards));
      hf('modeling_utils.py', hfLines.sharded, `The model is bigger than the maximum size per checkpoint (${exportSize}GB) and is going to be split in ${shards.length} checkpoint shards. You can find where each parameters has been saved in the index located at ${out('model.safetensors.index.json')}.`);
    } else hf('modeling_utils.py', hfLines.weights, `Model weights saved in ${out('model.safetensors')}`);
    writing = 'tokenizer';
    try {
      writeTokenizer(io, model, exportDir, fix);
      hf('tokenization_utils_base.py', hfLines.tokenizerConfig, `tokenizer config file saved in ${out('tokenizer_config.json')}`);
      hf('tokenization_utils_base.py', hfLines.specialTokens, `Special tokens file saved in ${out('special_tokens_map.json')}`);
    } catch (error) {
      if (!(error instanceof SimFsError && error.code === 'ENOSPC')) throw error;
      lmf('llamafactory.train.tuner', 'Cannot save tokenizer, please copy the files manually: [Errno 28] No space left on device.', 'WARNING');
    }
    writing = 'json';
    io.fs.writeText(`${exportDir}/Modelfile`, ollamaModelfile(template));
    lmf('llamafactory.train.tuner', `Ollama modelfile saved in ${out('Modelfile')}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SimFsError && error.code === 'ENOSPC')) throw error;
    // Python's buffered write fails at close without a file name; the Rust writer says StorageFull.
    io.error(traceback(...tail(writing === 'shard' ? safetensorsFull : diskFull)));
    return 1;
  } finally {
    io.update((s, now) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
      endActivity(s, `llamafactory-export:${pid}`, now);
    });
  }
};

const interrupted = (io: SimIO): number => {
  io.error(`\n${traceback('KeyboardInterrupt', '').replace('KeyboardInterrupt: \n', 'KeyboardInterrupt\n')}`);
  return 130;
};
