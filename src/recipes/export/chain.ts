/**
 * The export chain as one script for a host job (issue 12): merge the LoRA adapter
 * (`llamafactory-cli export`), convert to GGUF (llama.cpp's convert_hf_to_gguf.py), quantize
 * (llama-quantize), `ollama create` from the Modelfile, then one test prompt (`ollama run`).
 * Each step leaves a marker when it succeeds and is skipped when its marker is there, so a chain
 * that failed (a full disk at quantize) goes on from the step that failed: merge and convert are
 * not done again. Steps print `PGX-STEP name` / `PGX-SKIP name` / `PGX-DONE name` lines that
 * parseExportLog reads back. Only `&&`, `||` and `;` join commands (the demo box's shell has no
 * `if`), and every value is quoted by the one helper.
 */
import { exportStepNames, type ExportStepName, type ExportStepState } from '../../domain/export.js';
import { remotePath, sh } from '../../remote/quote.js';

export const exportSteps = exportStepNames;
export type ExportStep = ExportStepName;

export interface ExportPlan {
  /** The chain's folder on the box: merge.yaml, Modelfile, the GGUFs and the markers live here. */
  readonly workDir: string;
  /** `llamafactory-cli` (a venv's or on PATH); null when the source is already a full model folder (no merge). */
  readonly launcher: string | null;
  /** The merged (or source) model folder that convert reads. */
  readonly modelDir: string;
  readonly convertScript: string;
  /** The Python that runs the converter (llama.cpp's venv, or python3). */
  readonly python: string;
  readonly quantizeTool: string;
  /** convert's --outtype. */
  readonly outtype: 'f16' | 'bf16' | 'q8_0';
  /** llama-quantize's type (Q4_K_M …), or null to stop at convert's output. */
  readonly quant: string | null;
  readonly ollamaName: string;
  readonly testPrompt: string;
}

const marker = (p: ExportPlan, step: ExportStep) => remotePath(`${p.workDir}/.pgx-${step}-done`);

/** The GGUF convert writes and the one quantize writes (the one `ollama create` uses). */
export const exportFiles = (p: ExportPlan) => {
  const converted = `${p.workDir}/model-${p.outtype}.gguf`;
  const final = p.quant ? `${p.workDir}/model-${p.quant}.gguf` : converted;
  return { mergeYaml: `${p.workDir}/merge.yaml`, modelfile: `${p.workDir}/Modelfile`, converted, final };
};

/** One step: announced, skipped when its marker is there, else run and marked; a failure ends the chain. */
const step = (p: ExportPlan, name: ExportStep, command: string): string => {
  const done = marker(p, name).text;
  return [
    sh`echo ${`PGX-STEP ${name}`}`,
    sh`test -f ${marker(p, name)} && echo ${`PGX-SKIP ${name}`}`,
    // Not there: run it, and mark it only when it succeeded (a skipped step is not marked again).
    `test -f ${done} || ${command} && test ! -f ${done} && touch ${done} && ${sh`echo ${`PGX-DONE ${name}`}`}`,
    `test -f ${done} || exit 1`,
  ].join('\n');
};

/** The steps this plan's chain runs (merge only with an adapter, quantize only with a type). */
export const exportChainSteps = (p: Pick<ExportPlan, 'launcher' | 'quant'>): ExportStep[] => exportSteps.filter((s) => (s !== 'merge' || p.launcher !== null) && (s !== 'quantize' || p.quant !== null));

export const exportChainScript = (p: ExportPlan): string => {
  if (!/^[a-z0-9][a-z0-9._-]*(:[a-z0-9._-]+)?$/.test(p.ollamaName)) throw new RangeError(`“${p.ollamaName}” is not an Ollama model name (lowercase letters, digits, . _ - and an optional :tag)`);
  const f = exportFiles(p);
  const steps: string[] = [];
  if (p.launcher !== null) steps.push(step(p, 'merge', sh`${remotePath(p.launcher)} export ${remotePath(f.mergeYaml)}`));
  steps.push(step(p, 'convert', sh`${p.python === 'python3' ? 'python3' : remotePath(p.python)} ${remotePath(p.convertScript)} ${remotePath(p.modelDir)} --outtype ${p.outtype} --outfile ${remotePath(f.converted)}`));
  if (p.quant) steps.push(step(p, 'quantize', sh`${remotePath(p.quantizeTool)} ${remotePath(f.converted)} ${remotePath(f.final)} ${p.quant}`));
  steps.push(step(p, 'create', sh`ollama create ${p.ollamaName} -f ${remotePath(f.modelfile)}`));
  // The test prompt runs every time (it is the check, not a product).
  steps.push([sh`echo ${'PGX-STEP test'}`, sh`ollama run ${p.ollamaName} ${p.testPrompt} && echo ${'PGX-DONE test'} || exit 1`].join('\n'));
  return steps.join('\n');
};

export type StepState = ExportStepState;

/** Each step's state from the job's log (and whether the job ended, and how). */
export const parseExportLog = (log: string, ended: { exitCode: number | null } | null): Record<ExportStep, StepState> => {
  const states = Object.fromEntries(exportSteps.map((s) => [s, 'waiting'])) as Record<ExportStep, StepState>;
  let current: ExportStep | null = null;
  for (const line of log.split('\n')) {
    const m = /^PGX-(STEP|SKIP|DONE) (merge|convert|quantize|create|test)$/.exec(line.trim());
    if (!m) continue;
    const name = m[2] as ExportStep;
    if (m[1] === 'STEP') {
      states[name] = 'running';
      current = name;
    } else {
      states[name] = m[1] === 'SKIP' ? 'skipped' : 'done';
      if (current === name) current = null;
    }
  }
  if (current !== null && ended !== null && ended.exitCode !== 0) states[current] = 'failed';
  return states;
};
