/**
 * `llamafactory-cli train CONFIG.yaml`: checks the config, then runs step by step
 * (state.tuning.trainStepMs per optimizer step) with a `python3` GPU process and GPU activity,
 * printing the console of the capture (logger lines, tqdm `\r` redraws, string-valued HF log
 * dicts, the train-metrics block) and writing trainer_log.jsonl like LogCallback, checkpoints
 * every save_steps and the result files at the end.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import { bool, checkTemplate, LmfError, num, resolveDatasets, resolveModel, str, type TrainConfig } from './config.js';
import { lmfLines, logLine, tqdm } from './console.js';
import { pyDumps, pyf, pyG4, timedelta } from './py-format.js';
import { atomicWrite, metricsJson, modelCard, trainerStateJson, writeCheckpoint, writeWeights, type TrainerState } from './train-files.js';
import { epochAt, learningRateAt, lossAt, planTraining } from './train-plan.js';

const lastCheckpoint = (io: SimIO, dir: string): number | undefined => {
  if (!io.fs.exists(dir)) return undefined;
  const steps = io.fs.list(dir).map((n) => /^checkpoint-(\d+)$/.exec(n)?.[1]).filter((s): s is string => s !== undefined).map(Number);
  return steps.length > 0 ? Math.max(...steps) : undefined;
};

const readState = (io: SimIO, checkpoint: string): TrainerState => {
  const json = JSON.parse(io.fs.readText(`${checkpoint}/trainer_state.json`)) as { global_step: number; epoch: number; log_history: Array<Record<string, unknown>>; total_flos: number; num_input_tokens_seen: number };
  return { globalStep: json.global_step, epoch: json.epoch, logHistory: json.log_history, totalFlos: json.total_flos, tokensSeen: json.num_input_tokens_seen };
};

export const train = async (io: SimIO, config: TrainConfig): Promise<number> => {
  const log = (name: string, line: number, message: string) => io.write(logLine(io.now(), 'INFO', name, line, message));
  checkTemplate(config);
  const modelName = str(config, 'model_name_or_path') ?? '';
  const model = resolveModel(io, modelName);
  const datasets = resolveDatasets(io, config, 'dataset');
  const outputRel = str(config, 'output_dir') ?? 'saves';
  const outputDir = io.fs.resolve(outputRel, io.cwd);
  const overwrite = bool(config, 'overwrite_output_dir');
  let resumeStep: number | undefined;
  const resume = str(config, 'resume_from_checkpoint');
  if (resume !== undefined) resumeStep = readState(io, io.fs.resolve(resume, io.cwd)).globalStep;
  else if (!overwrite && io.fs.exists(outputDir) && io.fs.list(outputDir).length > 0) {
    resumeStep = lastCheckpoint(io, outputDir);
    if (resumeStep === undefined) throw new LmfError('ValueError', 'Output directory already exists and is not empty. Please set `overwrite_output_dir`.');
    log('llamafactory.hparams.parser', 431, `Resuming training from ${outputRel}/checkpoint-${resumeStep}.`);
    log('llamafactory.hparams.parser', 432, 'Change `output_dir` or use `overwrite_output_dir` to avoid.');
  }
  const records = datasets.reduce((sum, d) => sum + d.records, 0);
  const plan = planTraining(config, model, records);
  const epochs = num(config, 'num_train_epochs', 3);
  const logPath = `${outputDir}/trainer_log.jsonl`;
  log('llamafactory.hparams.parser', 468, 'Process rank: 0, world size: 1, device: cuda:0, distributed training: False, compute dtype: torch.bfloat16');
  for (const d of datasets) log('llamafactory.data.loader', lmfLines.info, `Loading dataset ${d.file.split('/').pop()}...`);
  log('llamafactory.model.model_utils.checkpointing', lmfLines.info, 'Gradient checkpointing enabled.');
  log('llamafactory.model.adapter', lmfLines.info, `Fine-tuning method: ${{ lora: 'LoRA', qlora: 'LoRA', full: 'Full', freeze: 'Freeze' }[plan.method]}`);
  log('llamafactory.model.loader', lmfLines.info, `trainable params: ${plan.trainable.toLocaleString('en-US')} || all params: ${(model.parameterCount + (plan.method === 'lora' || plan.method === 'qlora' ? plan.trainable : 0)).toLocaleString('en-US')} || trainable%: ${((plan.trainable / model.parameterCount) * 100).toFixed(4)}`);
  if (overwrite && io.fs.exists(logPath)) {
    io.write(logLine(io.now(), 'WARNING', 'llamafactory.train.callbacks', lmfLines.warningOnce, 'Previous trainer log in this folder will be deleted.'));
    io.fs.remove(logPath);
  }
  const hf = (line: number, message: string) => io.error(`[INFO|trainer.py:${line}] ${new Date(io.now()).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',')} >> ${message}\n`);
  hf(2405, '***** Running training *****');
  hf(2406, `  Num examples = ${plan.trainRecords.toLocaleString('en-US')}`);
  hf(2407, `  Num Epochs = ${epochs}`);
  hf(2408, `  Instantaneous batch size per device = ${plan.batch}`);
  hf(2411, `  Total train batch size (w. parallel, distributed & accumulation) = ${plan.batch * plan.gradAccum}`);
  hf(2412, `  Gradient Accumulation steps = ${plan.gradAccum}`);
  hf(2413, `  Total optimization steps = ${plan.totalSteps.toLocaleString('en-US')}`);
  hf(2414, `  Number of trainable parameters = ${plan.trainable.toLocaleString('en-US')}`);

  const startStep = resumeStep ?? 0;
  let trainerState: TrainerState = resumeStep !== undefined ? readState(io, `${outputDir}/checkpoint-${resumeStep}`) : { globalStep: 0, epoch: 0, logHistory: [], totalFlos: 0, tokensSeen: 0 };
  if (resumeStep !== undefined && io.fs.exists(logPath)) {
    // Lines past the checkpoint were written by the run that died; the resumed run writes them again.
    const kept = io.fs.readText(logPath).split('\n').filter((l) => l.trim() !== '' && (JSON.parse(l) as { current_steps: number }).current_steps <= startStep);
    atomicWrite(io, logPath, kept.map((l) => `${l}\n`).join(''));
  }
  io.fs.mkdirp(outputDir);
  const started = io.now();
  const pid = io.update((s, now) => {
    const id = s.nextPid;
    s.nextPid += 1;
    s.gpuProcesses.push({ pid: id, name: 'python3', type: 'C', memoryMiB: plan.memoryMiB, startedAt: now, loadMs: 3000, containerId: undefined, fileCacheMiB: Math.round(model.weightBytes / 2 ** 20) });
    setActivity(s, `llamafactory:${id}`, { util: 96, cpuCores: 1.5 }, now);
    return id;
  });
  const withTokens = bool(config, 'include_num_input_tokens_seen');
  const saveOptions = { baseModel: modelName, config, epochs, saveOnlyModel: bool(config, 'save_only_model') };
  const losses: number[] = [];
  const timing = (step: number) => {
    const elapsed = (io.now() - started) / 1000;
    return { elapsed, remaining: step > 0 ? ((plan.totalSteps - step) * elapsed) / step : 0 };
  };
  const appendLog = (entry: Record<string, unknown>) => io.fs.writeText(logPath, `${pyDumps(entry)}\n`, { append: true });
  try {
    io.error(`\r${tqdm(startStep, plan.totalSteps, 0)}`);
    for (let step = startStep + 1; step <= plan.totalSteps; step += 1) {
      if (!(await io.sleep(io.read().tuning.trainStepMs))) {
        io.error('\n');
        io.write('Traceback (most recent call last):\n  File "/usr/local/bin/llamafactory-cli", line 8, in <module>\n    sys.exit(main())\n             ^^^^^^\nKeyboardInterrupt\n');
        return 130;
      }
      losses.push(lossAt(step, plan.totalSteps, outputRel));
      const { elapsed, remaining } = timing(step);
      io.error(`\r${tqdm(step, plan.totalSteps, elapsed / Math.max(1, step - startStep))}`);
      const epoch = epochAt(plan, step);
      const tokens = step * plan.batch * plan.gradAccum * plan.tokensPerSample;
      trainerState = { ...trainerState, globalStep: step, epoch, totalFlos: 6 * model.parameterCount * tokens, tokensSeen: withTokens ? tokens : 0 };
      if (step % plan.loggingSteps === 0) {
        const window = losses.slice(-plan.loggingSteps);
        const loss = Math.round((window.reduce((a, b) => a + b, 0) / window.length) * 1e4) / 1e4;
        const lr = learningRateAt(plan, step);
        const gradNorm = 0.6 + losses.length % 7 / 10;
        io.write(`{'loss': '${pyG4(loss)}', 'grad_norm': '${pyG4(gradNorm)}', 'learning_rate': '${pyG4(lr)}', 'epoch': '${pyG4(Math.round(epoch * 100) / 100)}'}\n`);
        trainerState = { ...trainerState, logHistory: [...trainerState.logHistory, { epoch: pyf(epoch), grad_norm: pyf(gradNorm), learning_rate: pyf(lr), loss: pyf(loss), step }] };
        appendLog({
          current_steps: step, total_steps: plan.totalSteps, loss: pyf(loss), lr: pyf(lr), epoch: pyf(epoch),
          percentage: pyf(Math.round((step / plan.totalSteps) * 1e4) / 100), elapsed_time: timedelta(elapsed), remaining_time: timedelta(remaining),
          ...(withTokens ? { throughput: pyf(Math.round((tokens / Math.max(elapsed, 1e-3)) * 100) / 100), total_tokens: tokens } : {}),
        });
      }
      if (plan.evalSteps !== undefined && step % plan.evalSteps === 0) {
        const evalLoss = Math.round((lossAt(step, plan.totalSteps, `${outputRel}:eval`) + 0.08) * 1e4) / 1e4;
        io.write(`{'eval_loss': '${pyG4(evalLoss)}', 'eval_runtime': '${pyG4(plan.evalRecords * 0.05)}', 'epoch': '${pyG4(Math.round(epoch * 100) / 100)}'}\n`);
        trainerState = { ...trainerState, logHistory: [...trainerState.logHistory, { epoch: pyf(epoch), eval_loss: pyf(evalLoss), step }] };
        appendLog({ current_steps: step, total_steps: plan.totalSteps, eval_loss: pyf(evalLoss), epoch: pyf(epoch), percentage: pyf(Math.round((step / plan.totalSteps) * 1e4) / 100), elapsed_time: timedelta(elapsed), remaining_time: timedelta(remaining) });
      }
      if (step % plan.saveSteps === 0 || step === plan.totalSteps) writeCheckpoint(io, outputDir, plan, trainerState, saveOptions);
    }
    io.error('\n');
    const runtime = (io.now() - started) / 1000;
    const trainLoss = losses.length > 0 ? losses.reduce((a, b) => a + b, 0) / losses.length : 0;
    const metrics = {
      epoch: pyf(epochs),
      total_flos: pyf(trainerState.totalFlos),
      train_loss: pyf(trainLoss),
      train_runtime: pyf(Math.round(runtime * 1e4) / 1e4),
      train_samples_per_second: pyf(Math.round(((plan.trainRecords * epochs) / Math.max(runtime, 1e-3)) * 1e3) / 1e3),
      train_steps_per_second: pyf(Math.round((plan.totalSteps / Math.max(runtime, 1e-3)) * 1e3) / 1e3),
    };
    io.write(`{'train_runtime': '${pyG4(runtime)}', 'train_samples_per_second': '${pyG4(metrics.train_samples_per_second.value)}', 'train_steps_per_second': '${pyG4(metrics.train_steps_per_second.value)}', 'train_loss': '${pyG4(trainLoss)}', 'epoch': '${pyG4(epochs)}'}\n`);
    writeWeights(io, outputDir, plan, modelName, config);
    atomicWrite(io, `${outputDir}/trainer_state.json`, trainerStateJson(plan, trainerState, epochs));
    atomicWrite(io, `${outputDir}/train_results.json`, metricsJson(metrics));
    atomicWrite(io, `${outputDir}/all_results.json`, metricsJson(metrics));
    io.write(trainMetricsBlock(metrics, runtime));
    atomicWrite(io, `${outputDir}/README.md`, modelCard(outputRel.split('/').filter(Boolean).pop() ?? 'saves', modelName, datasets.map((d) => d.name), str(config, 'finetuning_type') ?? 'lora', plan.method === 'lora' || plan.method === 'qlora'));
    if (bool(config, 'plot_loss')) {
      io.fs.writeText(`${outputDir}/training_loss.png`, '\u0089PNG\r\n');
      io.write(`Figure saved at: ${outputRel}/training_loss.png\n`);
    }
    return 0;
  } finally {
    io.update((s, now) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== pid);
      endActivity(s, `llamafactory:${pid}`, now);
    });
  }
};

/** HF `log_metrics`: keys padded, values right-aligned; flos in GF, runtime as H:MM:SS.ff. */
const trainMetricsBlock = (metrics: Record<string, { value: number }>, runtime: number): string => {
  const runtimeText = `${timedelta(runtime)}.${String(Math.floor((runtime % 1) * 100)).padStart(2, '0')}`;
  const shown: Array<[string, string]> = Object.entries(metrics).map(([k, v]) => [
    k,
    k === 'total_flos' ? `${Math.floor(v.value / 2 ** 30)}GF` : k === 'train_runtime' ? runtimeText : k === 'epoch' ? (Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value)) : String(Math.round(v.value * 1e4) / 1e4),
  ]);
  const kw = Math.max(...shown.map(([k]) => k.length));
  const vw = Math.max(...shown.map(([, v]) => v.length));
  return `***** train metrics *****\n${shown.map(([k, v]) => `  ${k.padEnd(kw)} = ${v.padStart(vw)}\n`).join('')}`;
};
