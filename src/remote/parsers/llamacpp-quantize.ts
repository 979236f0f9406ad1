/**
 * Output of `llama-quantize`: the per-tensor `[ 292/ 292] …` progress, the
 * `llama_model_quantize_impl: model size / quant size` lines and the timing tail. The tail's
 * prefix changed from `main:` to `llama_quantize:` and the sizes gained `(N.NN BPW)` (README
 * gotcha 12); older builds label MiB values `MB`. All variants parse to the same fields.
 */

export interface QuantizeSize {
  readonly value: number;
  /** `MiB` in current builds, `MB` in older ones (the same binary megabytes). */
  readonly unit: string;
  /** null on builds that did not print `(N.NN BPW)`. */
  readonly bpw: number | null;
}

export type QuantizeProblemKind = 'invalid-ftype' | 'missing-ftype' | 'missing-imatrix' | 'requantize-disabled' | 'usage' | 'failed';

export interface QuantizeOutput {
  /** From `quantizing 'IN' to 'OUT' as TYPE`. */
  readonly input: string | null;
  readonly output: string | null;
  readonly type: string | null;
  /** The last `[ i/ n]` tensor line. */
  readonly progress: { readonly tensor: number; readonly tensors: number } | null;
  readonly modelSize: QuantizeSize | null;
  readonly quantSize: QuantizeSize | null;
  readonly quantizeMs: number | null;
  readonly totalMs: number | null;
  /** `WARNING: 8 of 938 tensor(s) required fallback quantization`. */
  readonly fallback: { readonly count: number; readonly of: number } | null;
  readonly succeeded: boolean;
  readonly problem: { readonly kind: QuantizeProblemKind; readonly line: string } | null;
}

const sizeRe = (which: string) => new RegExp(`llama_model_quantize_impl: ${which} size\\s*=\\s*([\\d.]+) (MiB|MB)(?: \\(([\\d.]+) BPW\\))?`);

const problemRules: ReadonlyArray<readonly [QuantizeProblemKind, RegExp]> = [
  ['invalid-ftype', /: invalid ftype '/],
  ['missing-ftype', /: missing ftype/],
  ['missing-imatrix', /Missing importance matrix|without an importance matrix/],
  ['requantize-disabled', /requantizing from type \S+ is disabled/],
  ['failed', /failed to quantize/],
  ['usage', /^usage: \S*llama-quantize/],
];

export const parseQuantizeOutput = (text: string): QuantizeOutput => {
  const lines = text.split(/\r?\n/);
  const last = (re: RegExp): RegExpExecArray | null => {
    let found: RegExpExecArray | null = null;
    for (const line of lines) found = re.exec(line) ?? found;
    return found;
  };
  const size = (m: RegExpExecArray | null): QuantizeSize | null => (m ? { value: Number(m[1]), unit: m[2]!, bpw: m[3] === undefined ? null : Number(m[3]) } : null);
  const job = last(/quantizing '([^']+)' to '([^']+)' as (\S+)/);
  const tensor = last(/^\[\s*(\d+)\/\s*(\d+)\]/);
  const quantizeTime = last(/^(?:llama_quantize|main): quantize time =\s*([\d.]+) ms/);
  const totalTime = last(/^(?:llama_quantize|main):\s+total time =\s*([\d.]+) ms/);
  const fallback = last(/WARNING: (\d+) of (\d+) tensor\(s\) required fallback quantization/);
  let problem: QuantizeOutput['problem'] = null;
  for (const [kind, re] of problemRules) {
    const line = lines.find((l) => re.test(l));
    if (line !== undefined) {
      problem = { kind, line: line.trim() };
      break;
    }
  }
  return {
    input: job?.[1] ?? null,
    output: job?.[2] ?? null,
    type: job?.[3] ?? null,
    progress: tensor ? { tensor: Number(tensor[1]), tensors: Number(tensor[2]) } : null,
    modelSize: size(last(sizeRe('model'))),
    quantSize: size(last(sizeRe('quant'))),
    quantizeMs: quantizeTime ? Number(quantizeTime[1]) : null,
    totalMs: totalTime ? Number(totalTime[1]) : null,
    fallback: fallback ? { count: Number(fallback[1]), of: Number(fallback[2]) } : null,
    succeeded: problem === null && quantizeTime !== null,
    problem,
  };
};
