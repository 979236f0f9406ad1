import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConvertOutput } from './llamacpp-convert.js';
import { parseQuantizeOutput } from './llamacpp-quantize.js';

const capture = readFileSync(new URL('../../../e2e/fixtures/captures/llamacpp-formats.txt', import.meta.url), 'utf8');
const between = (from: string, to: string): string => {
  const start = capture.indexOf(from);
  const end = capture.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`capture lacks ${from} … ${to}`);
  return capture.slice(start, end);
};

describe('parseConvertOutput (capture)', () => {
  it('reads the Qwen3-1.7B run: writer line, Writing bar, success line', () => {
    const run = between('python convert_hf_to_gguf.py ~/.cache/modelscope', '# split output:');
    expect(parseConvertOutput(run)).toEqual({
      model: null,
      architecture: null,
      outfile: '../models/qwen3-1.7b-f16.gguf',
      nTensors: 311,
      totalBytes: 4.1e9,
      progress: { desc: 'Writing', percent: 100, done: 4.06e9, total: 4.06e9, elapsedS: 23, etaS: 0, rate: 176e6, unit: 'byte' },
      succeeded: true,
      problem: null,
    });
  });

  it('reads the split-output run (a directory as the export target)', () => {
    const parsed = parseConvertOutput(between('# split output:', '# DGX Spark'));
    expect(parsed.nTensors).toBe(323);
    expect(parsed.totalBytes).toBe(35e9);
    expect(parsed.outfile).toBe('/mnt/raid/models/THUDM/GLM-Z1-Rumination-32B-0414/');
    expect(parsed.progress?.done).toBe(66.3e9);
  });

  it('reads the newer DGX Spark converter lines', () => {
    const parsed = parseConvertOutput(between('# DGX Spark (Ling-3.0-flash', '############ llama-quantize usage'));
    expect(parsed).toMatchObject({ model: 'Ling-3.0-flash-Fin', outfile: '/home/squall/models/Ling-3.0-flash-Fin-bf16.gguf', succeeded: true, nTensors: null });
  });

  it('classifies failures, most specific first', () => {
    expect(parseConvertOutput('Writing:   0%|          | 0.00/4.06G [00:00<?, ?byte/s]\nTraceback (most recent call last):\nOSError: [Errno 28] No space left on device').problem?.kind).toBe('no-space');
    expect(parseConvertOutput('ERROR:hf-to-gguf:Error: models/x is not a directory').problem?.kind).toBe('not-a-directory');
    expect(parseConvertOutput('ERROR:hf-to-gguf:Model FooForCausalLM is not supported').problem?.kind).toBe('unsupported-model');
    expect(parseConvertOutput("convert_hf_to_gguf.py: error: argument --outtype: invalid choice: 'q4'").problem?.kind).toBe('bad-arguments');
    expect(parseConvertOutput('').succeeded).toBe(false);
  });
});

describe('parseQuantizeOutput (capture)', () => {
  it('reads the new tail: llama_quantize prefix, MiB with BPW', () => {
    const tail = between('# newer builds (BPW added', '# fallback warnings:');
    expect(parseQuantizeOutput(tail)).toMatchObject({
      modelSize: { value: 1433.75, unit: 'MiB', bpw: 16 },
      quantSize: { value: 456.11, unit: 'MiB', bpw: 5.09 },
      quantizeMs: 6560.77,
      totalMs: 6560.77,
      succeeded: true,
      problem: null,
    });
  });

  it('reads the old tail: main prefix, MB without BPW', () => {
    const tail = between('# older builds:', '# newer builds');
    expect(parseQuantizeOutput(tail)).toMatchObject({
      modelSize: { value: 15317.02, unit: 'MB', bpw: null },
      quantSize: { value: 4437.8, unit: 'MB', bpw: null },
      quantizeMs: 17884.06,
      succeeded: true,
    });
  });

  it('reads fallback warnings and per-tensor progress', () => {
    const parsed = parseQuantizeOutput(between('# fallback warnings:', '############ llama-server'));
    expect(parsed.fallback).toEqual({ count: 134, of: 164 });
    expect(parsed.progress).toEqual({ tensor: 292, tensors: 292 });
    expect(parsed.succeeded).toBe(false);
  });

  it('classifies errors', () => {
    expect(parseQuantizeOutput("llama_quantize: invalid ftype 'Q4_Z'").problem?.kind).toBe('invalid-ftype');
    expect(parseQuantizeOutput('llama_model_quantize: failed to quantize: basic_ios::clear: iostream error\nllama_quantize: failed to quantize model from \'a.gguf\'').problem?.kind).toBe('failed');
    expect(parseQuantizeOutput(between('############ llama-quantize usage', '...')).problem?.kind).toBe('usage');
  });
});
