/**
 * Output of llama.cpp's `convert_hf_to_gguf.py` (Python logging + a tqdm bar, all on stderr):
 * the model being loaded, the gguf writer's `…: n_tensors = 311, total_size = 4.1G` line, the
 * `Writing:` progress, and the `Model successfully exported to …` line. Newer converters (the
 * DGX Spark capture) also print `Writing tensors to …` and `Done writing 124B model tensors (bf16).`
 */
import { parseTqdmFrame, tqdmPieces, type TqdmFrame } from './hf-download.js';

export type ConvertProblemKind = 'not-a-directory' | 'missing-config' | 'unsupported-model' | 'unsupported-quantization' | 'no-space' | 'bad-arguments' | 'failed';

export interface ConvertProblem {
  readonly kind: ConvertProblemKind;
  readonly line: string;
}

export interface ConvertOutput {
  readonly model: string | null;
  readonly architecture: string | null;
  /** Where the GGUF is written: the success line, else the writer's or `Writing tensors to` line. */
  readonly outfile: string | null;
  readonly nTensors: number | null;
  /** `total_size = 4.1G` in bytes (SI, as gguf-py formats it). */
  readonly totalBytes: number | null;
  /** The latest `Writing:` frame. */
  readonly progress: TqdmFrame | null;
  readonly succeeded: boolean;
  readonly problem: ConvertProblem | null;
}

const si: Record<string, number> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

const problemRules: ReadonlyArray<readonly [ConvertProblemKind, RegExp]> = [
  ['no-space', /No space left on device|\[Errno 28\]/],
  ['not-a-directory', /Error: .* is not a directory/],
  ['missing-config', /FileNotFoundError: .*config\.json/],
  ['unsupported-model', /Model \S+ is not supported/],
  ['unsupported-quantization', /Quant method is not yet supported/],
  ['bad-arguments', /convert_hf_to_gguf\.py: error:/],
  ['failed', /^(?:Traceback \(most recent call last\)|ERROR:hf-to-gguf:)/],
];

export const parseConvertOutput = (text: string): ConvertOutput => {
  const lines = text.split(/\r?\n|\r/);
  const find = (re: RegExp): RegExpExecArray | null => {
    let found: RegExpExecArray | null = null;
    for (const line of lines) found = re.exec(line) ?? found;
    return found;
  };
  const writer = find(/^INFO:gguf\.gguf_writer:(.+): n_tensors = (\d+), total_size = ([\d.]+)([KMGT]?)/);
  const success = find(/^INFO:hf-to-gguf:Model successfully exported to (.+)$/);
  const writingTo = find(/^INFO:hf-to-gguf:Writing tensors to (.+)$/);
  const done = find(/^INFO:hf-to-gguf:Done writing .* model tensors/);
  let progress: TqdmFrame | null = null;
  for (const piece of tqdmPieces(text)) {
    const frame = parseTqdmFrame(piece);
    if (frame && frame.desc === 'Writing') progress = frame;
  }
  let problem: ConvertProblem | null = null;
  // Specific causes first: a traceback's last line says more than its first.
  for (const [kind, re] of problemRules) {
    const line = lines.find((l) => re.test(l));
    if (line !== undefined) {
      problem = { kind, line: line.trim() };
      break;
    }
  }
  const succeeded = problem === null && (success !== null || done !== null);
  return {
    model: find(/^INFO:hf-to-gguf:Loading model: (.+)$/)?.[1]?.trim() ?? null,
    architecture: find(/^INFO:hf-to-gguf:Model architecture: (.+)$/)?.[1]?.trim() ?? null,
    outfile: success?.[1]?.trim() ?? writer?.[1]?.trim() ?? writingTo?.[1]?.trim() ?? null,
    nTensors: writer ? Number(writer[2]) : null,
    totalBytes: writer ? Math.round(Number(writer[3]) * (si[writer[4] ?? ''] ?? 1)) : null,
    progress,
    succeeded,
    problem,
  };
};
