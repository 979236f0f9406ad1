/**
 * `llamafactory-cli api [CONFIG.yaml [key=value …] | --key value …]`: LLaMA Factory's
 * OpenAI-style server (api/app.py run_api) on the Hugging Face engine. Arguments as read_args
 * reads them: a YAML (or JSON) with OmegaConf overrides, else HfArgumentParser flags, whose
 * leftovers are refused. Checks as get_infer_args / the loader make them (unknown template, an
 * adapter with a method other than LoRA, an adapter folder without adapter_config.json, a model
 * that is not there); a missing template only warns (the tokenizer's chat template is parsed).
 * It prints the loader's lines, `Visit http://localhost:PORT/docs for API document.` and
 * uvicorn's, serves on API_PORT (8000) as API_MODEL_NAME ("gpt-3.5-turbo"), and on SIGTERM shuts
 * down as uvicorn does.
 *
 * This is a simulator: nothing learns. An adapter's model card (README.md, written by train)
 * names the datasets it was tuned on; their (question, answer) pairs go to the server, which
 * answers with the answer to the closest question (servers/reply-text.ts voiceTokens), so a
 * tuned model answers in its dataset's voice and the base model does not.
 */
import type { SimIO } from '../../io.js';
import { checkTemplate, LmfError, loadConfig, resolveModel, str, type TrainConfig } from './config.js';
import { lmfLines, logLine } from './console.js';
import { readSamples } from './predict-data.js';
import { modelCardDatasets } from './train-files.js';

export const apiDefaults = {
  port: 8000,
  modelName: 'gpt-3.5-turbo',
  /** Tokens of an untuned reply when the request does not cap max_tokens. */
  maxTokens: 48,
  /** Activations and KV cache on top of the bf16 weights, MiB. */
  overheadMiB: 1_500,
  /** Pairs of the tuning data the server keeps. */
  voicePairs: 500,
} as const;

const coerce = (value: string): unknown => (/^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value);

/** read_args + HfArgumentParser: a config file, or `--key value` / `--key=value` flags. */
export const readApiArgs = (io: SimIO, argv: readonly string[]): TrainConfig => {
  const [first, ...rest] = argv;
  if (first !== undefined && /\.(ya?ml|json)$/.test(first)) return loadConfig(io, first, rest);
  const config: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    const flag = /^--([A-Za-z_][\w]*)(?:=(.*))?$/.exec(word);
    if (!flag) {
      unknown.push(word);
      continue;
    }
    const value = flag[2] ?? (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') ? argv[(i += 1)]! : 'true');
    config[flag[1]!] = coerce(value);
  }
  if (unknown.length > 0) throw new LmfError('ValueError', `Some specified arguments are not used by the HfArgumentParser: [${unknown.map((u) => `'${u}'`).join(', ')}]`);
  return config;
};

/** The (question, answer) pairs of the datasets an adapter's model card names, read from dataset_dir. */
const voiceOf = (io: SimIO, config: TrainConfig, adapter: string): Array<readonly [string, string]> => {
  const card = `${io.fs.resolve(adapter, io.cwd)}/README.md`;
  const names = io.fs.exists(card) ? modelCardDatasets(io.fs.readText(card)) : [];
  if (names.length === 0) return [];
  try {
    const samples = readSamples(io, { eval_dataset: names.join(','), dataset_dir: str(config, 'dataset_dir') ?? 'data', max_samples: apiDefaults.voicePairs });
    return samples.filter((s) => s.response.trim() !== '').map((s) => [s.query, s.response] as const);
  } catch {
    return []; // the dataset moved or changed since: the adapter still loads
  }
};

export const api = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const config = readApiArgs(io, argv);
  const log = (name: string, message: string, level: 'INFO' | 'WARNING' = 'INFO') => io.write(logLine(io.now(), level, name, level === 'INFO' ? lmfLines.info : lmfLines.warning, message));
  checkTemplate(config);
  const adapters = (str(config, 'adapter_name_or_path') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (adapters.length > 0 && (str(config, 'finetuning_type') ?? 'lora') !== 'lora') throw new LmfError('ValueError', 'Adapter is only valid for the LoRA method.');
  const modelName = str(config, 'model_name_or_path') ?? '';
  const model = resolveModel(io, modelName);
  for (const adapter of adapters) {
    if (!io.fs.exists(`${io.fs.resolve(adapter, io.cwd)}/adapter_config.json`)) throw new LmfError('ValueError', `Can't find 'adapter_config.json' at '${adapter}'`);
  }
  if (str(config, 'template') === undefined) log('llamafactory.data.template', '`template` was not specified, try parsing the chat template from the tokenizer.', 'WARNING');
  log('llamafactory.model.model_utils.kv_cache', 'KV cache is enabled for faster generation.');
  log('llamafactory.model.model_utils.attention', 'Using torch SDPA for faster training and inference.');
  if (adapters.length > 0) {
    log('llamafactory.model.adapter', `Merged ${adapters.length} adapter(s).`);
    log('llamafactory.model.adapter', `Loaded adapter(s): ${adapters.join(',')}`);
  }
  log('llamafactory.model.loader', `all params: ${model.parameterCount.toLocaleString('en-US')}`);
  const port = Number(io.env['API_PORT'] ?? apiDefaults.port);
  const state = io.read();
  const loadMs = state.tuning.serverReadyMs;
  const pid = io.update((s, now) => {
    const id = s.nextPid;
    s.nextPid += 1;
    const weightsMiB = Math.round(model.weightBytes / 2 ** 20);
    s.gpuProcesses.push({ pid: id, name: 'python3', type: 'C', memoryMiB: weightsMiB + apiDefaults.overheadMiB, startedAt: now, loadMs, containerId: undefined, fileCacheMiB: weightsMiB });
    return id;
  });
  const serverId = `llamafactory-api-${pid}`;
  const voice = adapters.flatMap((a) => voiceOf(io, config, a));
  io.servers.start({
    id: serverId,
    kind: 'llamafactory',
    subcommand: 'api',
    port,
    model: modelName,
    servedName: io.env['API_MODEL_NAME'] ?? apiDefaults.modelName,
    readyAfterMs: loadMs,
    ttftMs: state.tuning.ttftMs,
    tokenDelayMs: state.tuning.tokenDelayMs,
    maxConcurrency: 1,
    defaultMaxTokens: apiDefaults.maxTokens,
    ...(adapters.length > 0 ? { voice } : {}),
  });
  try {
    if (!(await io.sleep(loadMs))) return 130;
    io.write(`Visit http://localhost:${port}/docs for API document.\n`);
    io.error(`INFO:     Started server process [${pid}]\nINFO:     Waiting for application startup.\nINFO:     Application startup complete.\nINFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)\n`);
    while (await io.sleep(60_000)) {
      // Serving happens in the server host; this process only has to stay alive.
    }
    io.error(`INFO:     Shutting down\nINFO:     Waiting for application shutdown.\nINFO:     Application shutdown complete.\nINFO:     Finished server process [${pid}]\n`);
    return 0;
  } finally {
    io.servers.stop(serverId);
    io.update((s) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
    });
  }
};
