/**
 * llama.cpp on the box for the export chain (issue 12): where its converter and quantizer are, the
 * build that gets them when they are missing (CUDA, GB10's sm_121 as NVIDIA's Spark playbook
 * builds it: `-DCMAKE_CUDA_ARCHITECTURES=121a-real`), the quantize types offered with llama.cpp's
 * own size and quality notes, and the disk the chain needs.
 */
import type { ExportQuant, ExportStepName, ExportStepState, LlamaCppTools } from '../../domain/export.js';
import { remotePath, sh } from '../../remote/quote.js';

/** Checkouts looked at, in order (NVIDIA's playbooks clone into ~/llama.cpp). */
export const llamaCppCheckouts = ['~/llama.cpp', '~/src/llama.cpp', '/opt/llama.cpp'] as const;
const convertName = 'convert_hf_to_gguf.py';

/** Fenced listing: the converters found, their venvs' pythons, llama-quantize on PATH and in the checkouts' builds. */
export const llamaCppToolsCommand = (): string =>
  [
    'echo @@convert',
    sh`ls -1d ${llamaCppCheckouts.map((c) => remotePath(`${c}/${convertName}`))} 2>/dev/null`,
    'echo @@venv',
    sh`ls -1d ${llamaCppCheckouts.map((c) => remotePath(`${c}/.venv/bin/python`))} 2>/dev/null`,
    'echo @@quantize',
    'command -v llama-quantize',
    sh`ls -1d ${llamaCppCheckouts.map((c) => remotePath(`${c}/build/bin/llama-quantize`))} 2>/dev/null`,
    'echo @@end',
  ].join('; ');

const section = (output: string, name: string): string[] => {
  const start = output.indexOf(`@@${name}\n`);
  if (start < 0) return [];
  const body = output.slice(start + name.length + 3);
  const end = body.indexOf('@@');
  return (end < 0 ? body : body.slice(0, end))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
};

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/'));

/**
 * The build as one `&&` line (no `exit`: the job's shell must live on to write the exit code): clone
 * when there is no checkout, CUDA build of the tools, the converter's Python packages in a venv.
 */
export const llamaCppBuildScript = (): string => {
  const dir = remotePath(llamaCppCheckouts[0]);
  return [
    sh`test -d ${dir} || git clone --depth 1 https://github.com/ggml-org/llama.cpp ${dir}`,
    sh`cd ${dir}`,
    'cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=121a-real -DCMAKE_BUILD_TYPE=Release',
    'cmake --build build --config Release -j --target llama-quantize llama-server llama-cli',
    'python3 -m venv .venv',
    '.venv/bin/pip install -r requirements/requirements-convert_hf_to_gguf.txt',
  ].join(' && ');
};

/** What llamaCppToolsCommand printed, as the tools (without a build job: the service adds it). */
export const parseLlamaCppTools = (output: string): Omit<LlamaCppTools, 'build'> => {
  const convertScript = section(output, 'convert')[0] ?? null;
  const checkout = convertScript === null ? null : folderOf(convertScript);
  const python = section(output, 'venv').find((p) => checkout !== null && p === `${checkout}/.venv/bin/python`) ?? 'python3';
  const quantizers = section(output, 'quantize');
  // The checkout's own build goes with its converter; else what is on the PATH.
  const quantizeTool = quantizers.find((q) => checkout !== null && q === `${checkout}/build/bin/llama-quantize`) ?? quantizers[0] ?? null;
  return { checkout, convertScript, python, quantizeTool, buildCommand: llamaCppBuildScript() };
};

/**
 * Bits per weight of the bulk tensors, llama.cpp's own note (QUANT_OPTIONS: size and perplexity
 * added on Llama-3-8B, kept verbatim), and our advice in a word the page translates.
 */
export const quantInfo: Record<ExportQuant, { readonly bpw: number; readonly note: string; readonly advice: 'usual' | 'lossless' | 'worse' | null }> = {
  Q4_K_M: { bpw: 4.82, note: '4.58G, +0.1754 ppl @ Llama-3-8B', advice: 'usual' },
  Q5_K_M: { bpw: 5.67, note: '5.33G, +0.0569 ppl @ Llama-3-8B', advice: null },
  Q6_K: { bpw: 6.56, note: '6.14G, +0.0217 ppl @ Llama-3-8B', advice: null },
  Q8_0: { bpw: 8.5, note: '7.96G, +0.0026 ppl @ Llama-3-8B', advice: 'lossless' },
  Q4_K_S: { bpw: 4.57, note: '4.37G, +0.2689 ppl @ Llama-3-8B', advice: null },
  Q3_K_M: { bpw: 3.91, note: '3.74G, +0.6569 ppl @ Llama-3-8B', advice: 'worse' },
};

const outtypeBits = { f16: 16, bf16: 16, q8_0: 8.5 } as const;

/** Head room on top of the files: temp files, the Ollama blob copy is counted separately below. */
export const exportDiskMarginBytes = 2 * 1024 ** 3;

/**
 * Bytes each file takes for a model of `parameters` weights: the merged safetensors (bf16), convert's
 * GGUF, the quantized one; `ollama create` copies the final GGUF into its blob store, so it counts
 * twice. A step already done (its marker there) needs nothing new.
 */
export const exportSizes = (parameters: number, o: { merge: boolean; outtype: keyof typeof outtypeBits; quant: ExportQuant | null }) => {
  const merged = o.merge ? parameters * 2 : 0;
  const converted = (parameters * outtypeBits[o.outtype]) / 8;
  const quantized = o.quant === null ? 0 : (parameters * quantInfo[o.quant].bpw) / 8;
  const final = o.quant === null ? converted : quantized;
  return { merged, converted, quantized, final };
};
export type ExportSizes = ReturnType<typeof exportSizes>;

/** Bytes still to be written when the steps in `done` are finished already (a retry), margin included. */
export const remainingNeed = (sizes: ExportSizes, done: Partial<Record<ExportStepName, ExportStepState>> = {}): number => {
  const finished = (step: ExportStepName) => done[step] === 'done' || done[step] === 'skipped';
  return (finished('merge') ? 0 : sizes.merged) + (finished('convert') ? 0 : sizes.converted) + (finished('quantize') ? 0 : sizes.quantized) + (finished('create') ? 0 : sizes.final) + exportDiskMarginBytes;
};
