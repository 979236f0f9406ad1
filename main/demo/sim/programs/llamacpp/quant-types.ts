/**
 * llama-quantize's QUANT_OPTIONS (tools/quantize/quantize.cpp, current order and descriptions,
 * as in the capture) with the llama_ftype numbers, and the bits per weight each type spends on
 * the bulk of the tensors. The tail's BPW then comes out like real runs: the output matrix is
 * kept at q6_K for the k/i-quants and legacy quants, so a small model with a big vocabulary
 * lands higher (Qwen3-1.7B Q4_K_M: 5.09 BPW in the capture; Llama-3-8B about 4.9).
 */
export interface QuantType {
  readonly name: string;
  /** llama_ftype; undefined for COPY (no number in the usage list). */
  readonly ftype: number | undefined;
  readonly desc: string;
  /** Average bits per weight of the non-output tensors. */
  readonly bpw: number;
  /** ggml type name of the bulk tensors (per-tensor log lines). */
  readonly ggml: string;
  /** Needs an importance matrix (quantize refuses without one). */
  readonly needsImatrix?: boolean;
}

const t = (name: string, ftype: number | undefined, desc: string, bpw: number, ggml: string, needsImatrix = false): QuantType => ({ name, ftype, desc, bpw, ggml, needsImatrix });

// Q1_0 / Q2_0 are new in 2026 builds; their ftype numbers were not captured — 40/41 are placeholders.
export const quantTypes: readonly QuantType[] = [
  t('Q1_0', 40, ' 1.125 bpw quantization', 1.125, 'q1_0'),
  t('Q2_0', 41, ' 2.25 bpw quantization (group 64)', 2.25, 'q2_0'),
  t('Q4_0', 2, ' 4.34G, +0.4685 ppl @ Llama-3-8B', 4.5, 'q4_0'),
  t('Q4_1', 3, ' 4.78G, +0.4511 ppl @ Llama-3-8B', 5.0, 'q4_1'),
  t('MXFP4_MOE', 38, ' MXFP4 MoE', 4.25, 'mxfp4'),
  t('Q5_0', 8, ' 5.21G, +0.1316 ppl @ Llama-3-8B', 5.5, 'q5_0'),
  t('Q5_1', 9, ' 5.65G, +0.1062 ppl @ Llama-3-8B', 6.0, 'q5_1'),
  t('IQ2_XXS', 19, ' 2.06 bpw quantization', 2.0625, 'iq2_xxs', true),
  t('IQ2_XS', 20, ' 2.31 bpw quantization', 2.3125, 'iq2_xs', true),
  t('IQ2_S', 28, ' 2.5  bpw quantization', 2.5, 'iq2_s', true),
  t('IQ2_M', 29, ' 2.7  bpw quantization', 2.7, 'iq2_s'),
  t('IQ1_S', 24, ' 1.56 bpw quantization', 1.5625, 'iq1_s', true),
  t('IQ1_M', 31, ' 1.75 bpw quantization', 1.75, 'iq1_m', true),
  t('TQ1_0', 36, ' 1.69 bpw ternarization', 1.6875, 'tq1_0'),
  t('TQ2_0', 37, ' 2.06 bpw ternarization', 2.0625, 'tq2_0'),
  t('Q2_K', 10, ' 2.96G, +3.5199 ppl @ Llama-3-8B', 2.93, 'q2_K'),
  t('Q2_K_S', 21, ' 2.96G, +3.1836 ppl @ Llama-3-8B', 2.9, 'q2_K', true),
  t('IQ3_XXS', 23, ' 3.06 bpw quantization', 3.0625, 'iq3_xxs'),
  t('IQ3_S', 26, ' 3.44 bpw quantization', 3.4375, 'iq3_s'),
  t('IQ3_M', 27, ' 3.66 bpw quantization mix', 3.66, 'iq3_s'),
  t('Q3_K', 12, 'alias for Q3_K_M', 3.91, 'q3_K'),
  t('IQ3_XS', 22, ' 3.3 bpw quantization', 3.3, 'iq3_s'),
  t('Q3_K_S', 11, ' 3.41G, +1.6321 ppl @ Llama-3-8B', 3.5, 'q3_K'),
  t('Q3_K_M', 12, ' 3.74G, +0.6569 ppl @ Llama-3-8B', 3.91, 'q3_K'),
  t('Q3_K_L', 13, ' 4.03G, +0.5562 ppl @ Llama-3-8B', 4.27, 'q3_K'),
  t('IQ4_NL', 25, ' 4.50 bpw non-linear quantization', 4.5, 'iq4_nl'),
  t('IQ4_XS', 30, ' 4.25 bpw non-linear quantization', 4.25, 'iq4_xs'),
  t('Q4_K', 15, 'alias for Q4_K_M', 4.82, 'q4_K'),
  t('Q4_K_S', 14, ' 4.37G, +0.2689 ppl @ Llama-3-8B', 4.57, 'q4_K'),
  t('Q4_K_M', 15, ' 4.58G, +0.1754 ppl @ Llama-3-8B', 4.82, 'q4_K'),
  t('Q5_K', 17, 'alias for Q5_K_M', 5.67, 'q5_K'),
  t('Q5_K_S', 16, ' 5.21G, +0.1049 ppl @ Llama-3-8B', 5.5, 'q5_K'),
  t('Q5_K_M', 17, ' 5.33G, +0.0569 ppl @ Llama-3-8B', 5.67, 'q5_K'),
  t('Q6_K', 18, ' 6.14G, +0.0217 ppl @ Llama-3-8B', 6.5625, 'q6_K'),
  t('Q8_0', 7, ' 7.96G, +0.0026 ppl @ Llama-3-8B', 8.5, 'q8_0'),
  t('F16', 1, '14.00G, +0.0020 ppl @ Mistral-7B', 16, 'f16'),
  t('BF16', 32, '14.00G, -0.0050 ppl @ Mistral-7B', 16, 'bf16'),
  t('F32', 0, '26.00G              @ 7B', 32, 'f32'),
  t('COPY', undefined, 'only copy tensors, no quantizing', 0, 'copy'),
];

/** quantize.cpp try_parse_ftype: name (case-insensitive) first, then the ftype number. */
export const parseQuantType = (text: string): QuantType | undefined => {
  const upper = text.toUpperCase();
  const byName = quantTypes.find((q) => q.name === upper);
  if (byName) return byName;
  if (!/^\d+$/.test(text)) return undefined;
  // Numbers resolve to the first option with that ftype (Q3_K_M's 12 → the Q3_K alias, as in C++).
  return quantTypes.find((q) => q.ftype === Number(text));
};

/** Bits the output matrix keeps (q6_K for quantized types; the type itself for 8-bit and up). */
export const outputBpw = (q: QuantType): number => (q.bpw >= 8 ? q.bpw : 6.5625);

/** Display name llama.cpp prints for a file type (print_info: file type). */
export const fileTypeName = (ftype: number): string => {
  const names: Record<number, string> = { 0: 'all F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K - Medium', 11: 'Q3_K - Small', 12: 'Q3_K - Medium', 13: 'Q3_K - Large', 14: 'Q4_K - Small', 15: 'Q4_K - Medium', 16: 'Q5_K - Small', 17: 'Q5_K - Medium', 18: 'Q6_K', 32: 'BF16', 38: 'MXFP4 MoE' };
  return names[ftype] ?? quantTypes.find((q) => q.ftype === ftype)?.name ?? `unknown, may not work (${ftype})`;
};

export const usageText = (executable: string): string => {
  const lines = [
    `usage: ${executable} [--help] [--allow-requantize] [--leave-output-tensor] [--pure] [--imatrix] [--include-weights]`,
    '       [--exclude-weights] [--output-tensor-type] [--token-embedding-type] [--tensor-type] [--tensor-type-file] [--prune-layers]',
    '       [--keep-split] [--override-kv] [--dry-run] [--target-bpw] [--target-size] [--save-state] [--state-file]',
    '       model-f32.gguf [model-quant.gguf] type [nthreads]',
    '',
    '  --allow-requantize',
    '                                      allow requantizing tensors that have already been quantized',
    '  --leave-output-tensor',
    '                                      leave output.weight un(re)quantized',
    '  --pure',
    '                                      disable k-quant mixtures and quantize all tensors to the same type',
    '  --imatrix file_name',
    '                                      use data in file_name as importance matrix for quant optimizations',
    '  --dry-run',
    '                                      calculate and show the final quantization size without performing quantization',
    '',
    '-----------------------------------------------------------------------------',
    ' allowed quantization types',
    '-----------------------------------------------------------------------------',
    '',
    ...quantTypes.map((q) => `${q.ftype === undefined ? '          ' : `  ${String(q.ftype).padStart(2)}  or  `}${q.name.padEnd(7)} : ${q.desc}`),
  ];
  return `${lines.join('\n')}\n`;
};
