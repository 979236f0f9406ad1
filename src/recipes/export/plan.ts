/**
 * The export chain for a set of settings, from what was read on the box: the folder it writes
 * (under ~/models, so the Models library lists its GGUF and llama.cpp can serve it), the merge YAML,
 * the Modelfile, the job script, the disk it needs, and what stops it from starting. Pure; the
 * service reads the box and passes the facts in.
 */
import type { ExportDisk, ExportSettings, ExportStepName, ExportStepState, LlamaCppTools } from '../../domain/export.js';
import { exportChainScript, exportFiles, type ExportPlan } from './chain.js';
import { mergeYaml } from './merge-yaml.js';
import { familyOfTemplate, modelfile, type ChatFamily } from './modelfile.js';
import { exportSizes, remainingNeed, type ExportSizes } from './tools.js';

/** Where the source's weights are, as the service found them. */
export interface ResolvedSource {
  /** What the page shows: the run's name, or the folder. */
  readonly label: string;
  /** The model the weights start from (a hub id or a folder). */
  readonly baseModel: string;
  /** The LoRA adapter to merge; null for a full model (convert reads modelDir as is). */
  readonly adapterDir: string | null;
  /** A full model's folder (null when merging: the merge writes it). */
  readonly modelDir: string | null;
  readonly template: string;
  /** llamafactory-cli on the box; null when LLaMA Factory is not installed on the host. */
  readonly launcher: string | null;
  /** Sentences that stop it (the run has not finished …). */
  readonly problems: readonly string[];
}

export interface PlanFacts {
  readonly home: string;
  readonly source: ResolvedSource;
  readonly tools: Omit<LlamaCppTools, 'build'>;
  /** The model's parameter count from its config.json; null when unread. */
  readonly parameters: number | null;
  readonly freeBytes: number | null;
  /** Steps already done in this folder (a retry): they need no new space. */
  readonly done?: Partial<Record<ExportStepName, ExportStepState>>;
  /** Where the merge writes, when the user's merge YAML moved export_dir (default: the export's `merged` folder). */
  readonly mergedDir?: string;
}

/** `qwen3-huanhuan:q4_k_m` → `qwen3-huanhuan-q4_k_m`: the export's folder name. */
export const exportSlug = (ollamaName: string): string => ollamaName.replace(/:/g, '-');

export const exportWorkDir = (home: string, ollamaName: string): string => `${home}/models/${exportSlug(ollamaName)}`;

const familyLabel: Record<ChatFamily, string> = { chatml: 'ChatML', llama3: 'Llama 3' };
export const chatFamilyLabel = (family: ChatFamily): string => familyLabel[family];

export interface BuiltPlan {
  readonly plan: ExportPlan;
  readonly workDir: string;
  readonly mergeYaml: string | null;
  readonly modelfile: string;
  readonly script: string;
  readonly family: ChatFamily | null;
  readonly disk: ExportDisk;
  readonly sizes: ExportSizes | null;
  readonly blockers: string[];
}

export const buildExportPlan = (s: ExportSettings, f: PlanFacts): BuiltPlan => {
  const workDir = exportWorkDir(f.home, s.ollamaName);
  const merge = f.source.adapterDir !== null;
  const blockers = [...f.source.problems];
  const family = familyOfTemplate(f.source.template);
  if (family === null) blockers.push(`The chat template “${f.source.template}” has no Ollama template here (Qwen/ChatML and Llama 3 are known); a wrong template makes a model that answers nonsense.`);
  if (merge && f.source.launcher === null) blockers.push('Merging the adapter needs LLaMA Factory on the box itself (the Fine-tune page shows how to install it).');
  if (f.tools.convertScript === null) blockers.push('llama.cpp’s convert_hf_to_gguf.py is not on the box (looked in ~/llama.cpp, ~/src/llama.cpp, /opt/llama.cpp): build llama.cpp below, or clone it there.');
  if (s.quant !== null && f.tools.quantizeTool === null) blockers.push('llama-quantize is not on the box: build llama.cpp below, or choose no quantization.');

  const plan: ExportPlan = {
    workDir,
    launcher: merge ? (f.source.launcher ?? 'llamafactory-cli') : null,
    modelDir: merge ? (f.mergedDir ?? `${workDir}/merged`) : (f.source.modelDir ?? workDir),
    convertScript: f.tools.convertScript ?? '~/llama.cpp/convert_hf_to_gguf.py',
    python: f.tools.python,
    quantizeTool: f.tools.quantizeTool ?? 'llama-quantize',
    outtype: s.outtype,
    quant: s.quant,
    ollamaName: s.ollamaName,
    testPrompt: s.testPrompt,
  };
  const files = exportFiles(plan);
  const yaml = merge ? mergeYaml({ baseModel: f.source.baseModel, adapterDir: f.source.adapterDir!, template: f.source.template, exportDir: plan.modelDir, shardSizeGb: s.shardSizeGb, device: s.mergeDevice, legacyFormat: s.legacyFormat }) : null;
  const text = modelfile({ from: `./${files.final.slice(workDir.length + 1)}`, family: family ?? 'chatml', temperature: s.temperature, numCtx: s.numCtx, system: s.system });

  let sizes: ExportSizes | null = null;
  let disk: ExportDisk = { mergedBytes: null, convertedBytes: null, quantizedBytes: null, needBytes: null, freeBytes: f.freeBytes, verdict: 'unknown' };
  if (f.parameters !== null) {
    sizes = exportSizes(f.parameters, { merge, outtype: s.outtype, quant: s.quant });
    const need = remainingNeed(sizes, f.done);
    disk = { mergedBytes: merge ? sizes.merged : null, convertedBytes: sizes.converted, quantizedBytes: s.quant === null ? null : sizes.quantized, needBytes: need, freeBytes: f.freeBytes, verdict: f.freeBytes === null ? 'unknown' : f.freeBytes >= need ? 'ok' : 'short' };
  }
  return { plan, workDir, mergeYaml: yaml, modelfile: text, script: exportChainScript(plan), family, disk, sizes, blockers };
};
