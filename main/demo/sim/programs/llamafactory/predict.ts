/**
 * `do_predict: true` + `predict_with_generate: true` (train/sft/workflow.py run_sft): generates
 * for every eval_dataset sample (tuning.trainStepMs per batch of per_device_eval_batch_size) with
 * a python3 GPU process, writes LogCallback's progress-only lines every 5 steps (prediction
 * without training only), prints HF's tqdm and `***** predict metrics *****`, then writes
 * predict_results.json and all_results.json (HF save_metrics: json.dump indent 4, sorted keys,
 * no trailing newline) and generated_predictions.jsonl (ensure_ascii=False).
 */
import { endActivity, noise, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import { bool, checkTemplate, LmfError, num, resolveModel, str, type TrainConfig } from './config.js';
import { hfLine, lmfLines, logLine, tqdm, traceback } from './console.js';
import { readSamples } from './predict-data.js';
import { generatePrediction, similarity } from './predict-text.js';
import { pyDumps, pyf, pyFloatRepr, timedelta, type PyFloat } from './py-format.js';
import { chatTemplate, renderLabel, renderPrompt } from './template.js';
import { atomicWrite } from './train-files.js';

export const predictTiming = {
  /** LogCallback.on_prediction_step writes a line every this many steps. */
  logEvery: 5,
  /** Generation keeps the GPU busy but below training's load. */
  gpuUtil: 70,
  /** KV cache and activations on top of the weights, MiB. */
  overheadMiB: 2_500,
} as const;

/** transformers' evaluation_loop / prediction records (line numbers of transformers 4.51, approximate). */
const hfPredictLines = { running: 4307, examples: 4309, batch: 4312 } as const;

/** HF log_metrics: sorted keys, padded, runtime as H:MM:SS.ff, floats rounded to 4 places. */
export const metricsBlock = (split: string, metrics: Readonly<Record<string, number>>): string => {
  const shown = Object.keys(metrics).sort().map((k): [string, string] => {
    const v = metrics[k]!;
    if (k.endsWith('_runtime')) return [k, `${timedelta(v)}.${String(Math.floor((v % 1) * 100)).padStart(2, '0')}`];
    return [k, pyFloatRepr(Math.round(v * 1e4) / 1e4)];
  });
  const kw = Math.max(...shown.map(([k]) => k.length));
  const vw = Math.max(...shown.map(([, v]) => v.length));
  return `***** ${split} metrics *****\n${shown.map(([k, v]) => `  ${k.padEnd(kw)} = ${v.padStart(vw)}\n`).join('')}`;
};

/** all_results.json read back with Python's int/float distinction (json.load keeps `3.0` a float). */
const readMetrics = (io: SimIO, path: string): Record<string, unknown> => {
  if (!io.fs.exists(path)) return {};
  const out: Record<string, unknown> = {};
  for (const m of io.fs.readText(path).matchAll(/^\s*"([^"]+)": (-?[\d.eE+-]+|true|false|null),?$/gm)) {
    const raw = m[2]!;
    out[m[1]!] = /^-?[\d.eE+-]+$/.test(raw) ? (/[.eE]/.test(raw) ? pyf(Number(raw)) : Number(raw)) : JSON.parse(raw);
  }
  return out;
};

export const saveMetrics = (io: SimIO, dir: string, split: string, metrics: Readonly<Record<string, PyFloat | number>>): void => {
  atomicWrite(io, `${dir}/${split}_results.json`, pyDumps(metrics, { indent: 4, sortKeys: true }));
  atomicWrite(io, `${dir}/all_results.json`, pyDumps({ ...readMetrics(io, `${dir}/all_results.json`), ...metrics }, { indent: 4, sortKeys: true }));
};

/** Checks get_train_args makes for prediction, with the real texts. */
const checkPredict = (config: TrainConfig): void => {
  if ((str(config, 'stage') ?? 'sft') === 'sft' && !bool(config, 'predict_with_generate')) throw new LmfError('ValueError', 'Please enable `predict_with_generate` to save model predictions.');
  if (str(config, 'eval_dataset') === undefined && num(config, 'val_size', 0) < 1e-6) throw new LmfError('ValueError', 'Please make sure eval_dataset be provided or val_size >1e-6');
  checkTemplate(config);
};

/**
 * Runs prediction. `afterTraining` names the adapter a train+predict run just wrote (the model
 * in memory is the tuned one, and LogCallback writes no progress lines when do_train is set).
 */
export const predict = async (io: SimIO, config: TrainConfig, afterTraining?: string): Promise<number> => {
  checkPredict(config);
  const modelName = str(config, 'model_name_or_path') ?? '';
  const model = resolveModel(io, modelName);
  const adapters = (str(config, 'adapter_name_or_path') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const adapter of adapters) {
    if (!io.fs.exists(`${io.fs.resolve(adapter, io.cwd)}/adapter_config.json`)) throw new LmfError('ValueError', `Can't find 'adapter_config.json' at '${adapter}'`);
  }
  const samples = readSamples(io, config);
  const template = chatTemplate(config, model.config['model_type']);
  const outputRel = str(config, 'output_dir') ?? 'saves';
  const outputDir = io.fs.resolve(outputRel, io.cwd);
  const log = (name: string, message: string, level: 'INFO' | 'WARNING' = 'INFO', line: number = lmfLines.info) => io.write(logLine(io.now(), level, name, line, message));
  const hf = (line: number, message: string) => io.error(hfLine(io.now(), 'trainer.py', line, message));
  const logPath = `${outputDir}/trainer_log.jsonl`;
  if (!afterTraining) {
    log('llamafactory.hparams.parser', 'Process rank: 0, world size: 1, device: cuda:0, distributed training: False, compute dtype: torch.bfloat16', 'INFO', 468);
    for (const name of new Set(samples.map((s) => s.file))) log('llamafactory.data.loader', `Loading dataset ${name}...`);
    log('llamafactory.model.model_utils.attention', 'Using torch SDPA for faster training and inference.');
    if (adapters.length > 0) {
      log('llamafactory.model.adapter', `Merged ${adapters.length} adapter(s).`);
      log('llamafactory.model.adapter', `Loaded adapter(s): ${adapters.join(',')}`);
    }
    log('llamafactory.model.loader', `all params: ${model.parameterCount.toLocaleString('en-US')}`);
    if (bool(config, 'overwrite_output_dir') && io.fs.exists(logPath)) {
      log('llamafactory.train.callbacks', 'Previous trainer log in this folder will be deleted.', 'WARNING', lmfLines.warningOnce);
      io.fs.remove(logPath);
    }
  }
  log('llamafactory.train.sft.workflow', 'Batch generation can be very slow. Consider using `scripts/vllm_infer.py` instead.', 'WARNING', lmfLines.warningOnce);
  const batch = num(config, 'per_device_eval_batch_size', 8);
  const steps = Math.ceil(samples.length / batch);
  hf(hfPredictLines.running, '\n***** Running Prediction *****');
  hf(hfPredictLines.examples, `  Num examples = ${samples.length.toLocaleString('en-US')}`);
  hf(hfPredictLines.batch, `  Batch size = ${batch}`);
  io.fs.mkdirp(outputDir);
  const tuned = adapters.length > 0 || afterTraining !== undefined;
  const seedBase = `${modelName}|${tuned ? (afterTraining ?? adapters.join(',')) : 'base'}`;
  const pid = io.update((s, now) => {
    const id = s.nextPid;
    s.nextPid += 1;
    s.gpuProcesses.push({ pid: id, name: 'python3', type: 'C', memoryMiB: Math.round(model.weightBytes / 2 ** 20) + predictTiming.overheadMiB, startedAt: now, loadMs: 3000, containerId: undefined, fileCacheMiB: Math.round(model.weightBytes / 2 ** 20) });
    setActivity(s, `llamafactory-predict:${id}`, { util: predictTiming.gpuUtil, cpuCores: 1.2 }, now);
    return id;
  });
  try {
    const started = io.now();
    io.error(`\r${tqdm(0, steps, 0)}`);
    for (let step = 1; step <= steps; step += 1) {
      if (!(await io.sleep(io.read().tuning.trainStepMs))) {
        io.error(`\n${traceback('KeyboardInterrupt', '').replace('KeyboardInterrupt: \n', 'KeyboardInterrupt\n')}`);
        return 130;
      }
      const elapsed = (io.now() - started) / 1000;
      io.error(`\r${tqdm(step, steps, elapsed / step)}`);
      if (!afterTraining && step % predictTiming.logEvery === 0) {
        const entry = { current_steps: step, total_steps: steps, percentage: pyf(Math.round((step / steps) * 1e4) / 100), elapsed_time: timedelta(elapsed), remaining_time: timedelta(((steps - step) * elapsed) / step) };
        io.fs.writeText(logPath, `${pyDumps(entry)}\n`, { append: true });
      }
    }
    io.error('\n');
    const rows = samples.map((s, i) => {
      const label = renderLabel(template, s.response);
      return { prompt: renderPrompt(template, s.query, s.system), predict: generatePrediction(label, `${seedBase}|${s.dataset}|${i}`, tuned), label };
    });
    const scores = similarity(rows.map((r) => [r.predict, r.label] as const));
    const runtime = Math.max((io.now() - started) / 1000, 1e-3);
    const metrics: Record<string, PyFloat> = {
      'predict_bleu-4': pyf(scores['bleu-4']),
      predict_model_preparation_time: pyf(Math.round((0.0015 + noise(`lmf-prep:${modelName}`, 0) * 0.002) * 1e4) / 1e4),
      'predict_rouge-1': pyf(scores['rouge-1']),
      'predict_rouge-2': pyf(scores['rouge-2']),
      'predict_rouge-l': pyf(scores['rouge-l']),
      predict_runtime: pyf(Math.round(runtime * 1e4) / 1e4),
      predict_samples_per_second: pyf(Math.round((samples.length / runtime) * 1e3) / 1e3),
      predict_steps_per_second: pyf(Math.round((steps / runtime) * 1e3) / 1e3),
    };
    io.write(metricsBlock('predict', Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v.value]))));
    saveMetrics(io, outputDir, 'predict', metrics);
    log('llamafactory.train.sft.trainer', `Saving prediction results to ${outputRel.replace(/\/+$/, '')}/generated_predictions.jsonl`);
    atomicWrite(io, `${outputDir}/generated_predictions.jsonl`, rows.map((r) => `${pyDumps(r, { ensureAscii: false })}\n`).join(''));
    return 0;
  } finally {
    io.update((s, now) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
      endActivity(s, `llamafactory-predict:${pid}`, now);
    });
  }
};
