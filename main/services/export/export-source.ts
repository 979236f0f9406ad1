/**
 * Where an export's weights come from, read on the box: a fine-tune run (its adapter, base model
 * and template from the run's own YAML) or a full model folder, with the model's parameter count
 * (from config.json) for the disk estimate.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ExportSource } from '../../../src/domain/export.js';
import type { ResolvedSource } from '../../../src/recipes/export/plan.js';
import { modelShapeFromConfig } from '../../../src/recipes/finetune/memory.js';
import { launcher, modelConfigCommand, runYamlPath } from '../../../src/recipes/finetune/run-commands.js';
import { readRunYaml } from '../../../src/recipes/finetune/yaml.js';
import { remotePath, sh } from '../../../src/remote/quote.js';
import type { FinetuneDatasets } from '../finetune/finetune-datasets.js';
import type { FinetuneService } from '../finetune/finetune-service.js';

interface Deps {
  readonly deviceId: string;
  readonly exec: (command: string) => Promise<{ code: number | null; stdout: string }>;
  readonly finetune: FinetuneService;
  readonly datasets: FinetuneDatasets;
}

const parametersOf = async (deps: Deps, command: string): Promise<number | null> => {
  const config = await deps.exec(command);
  return config.code === 0 ? (modelShapeFromConfig(config.stdout)?.parameters ?? null) : null;
};

export const resolveExportSource = async (source: ExportSource, deps: Deps): Promise<ResolvedSource & { parameters: number | null }> => {
  const env = await deps.datasets.environment(deps.deviceId);
  const cli = env.kind === 'host' ? launcher(env) : null;
  if (source.kind === 'model') {
    const parameters = await parametersOf(deps, sh`cat ${remotePath(`${source.modelDir}/config.json`)}`);
    const problems = parameters === null ? [`${source.modelDir} has no readable config.json: it is not a Hugging Face model folder that llama.cpp can convert.`] : [];
    return { label: source.modelDir, baseModel: source.modelDir, adapterDir: null, modelDir: source.modelDir, template: source.template, launcher: cli, problems, parameters };
  }
  const run = (await deps.finetune.refresh(deps.deviceId)).find((r) => r.id === source.runId);
  if (!run) throw new AppFailure(appError('not-found', 'That fine-tune run is not on this box any more.', 'Pick another run on the Export page.'));
  const problems: string[] = [];
  if (run.kind !== 'train') problems.push(`“${run.name}” is a prediction, not a training run.`);
  else if (run.state !== 'done') problems.push(`The run “${run.name}” has not finished (${run.state}), so its adapter is not saved yet.`);
  const yaml = readRunYaml((await deps.exec(sh`cat ${remotePath(runYamlPath(run.id))}`)).stdout);
  if (!yaml.ok) problems.push(`The run’s YAML could not be read: ${yaml.reason}`);
  const template = yaml.ok ? (yaml.value.template ?? 'default') : 'default';
  const lora = !yaml.ok || yaml.value.finetuningType === 'lora';
  const parameters = await parametersOf(deps, modelConfigCommand(run.baseModel, env.workspace));
  return {
    label: run.name,
    baseModel: run.baseModel,
    // LoRA (and QLoRA): the adapter is merged into the base model; full and freeze runs saved a whole model.
    adapterDir: lora ? run.outputDir : null,
    modelDir: lora ? null : run.outputDir,
    template,
    launcher: cli,
    problems,
    parameters,
  };
};
