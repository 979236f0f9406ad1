import { describe, expect, it } from 'vitest';
import { explainExportFailure, stepProgress, testAnswer } from './log.js';
import { exportSizes, llamaCppBuildScript, llamaCppToolsCommand, parseLlamaCppTools, remainingNeed, exportDiskMarginBytes } from './tools.js';

describe('llama.cpp tools on the box', () => {
  it('prefers the checkout’s own build and venv, else what is on the PATH', () => {
    const out = '@@convert\n/home/u/llama.cpp/convert_hf_to_gguf.py\n/opt/llama.cpp/convert_hf_to_gguf.py\n@@venv\n/opt/llama.cpp/.venv/bin/python\n/home/u/llama.cpp/.venv/bin/python\n@@quantize\n/usr/local/bin/llama-quantize\n/home/u/llama.cpp/build/bin/llama-quantize\n@@end\n';
    expect(parseLlamaCppTools(out)).toMatchObject({ checkout: '/home/u/llama.cpp', convertScript: '/home/u/llama.cpp/convert_hf_to_gguf.py', python: '/home/u/llama.cpp/.venv/bin/python', quantizeTool: '/home/u/llama.cpp/build/bin/llama-quantize' });
    expect(parseLlamaCppTools('@@convert\n@@venv\n@@quantize\n/usr/bin/llama-quantize\n@@end\n')).toMatchObject({ checkout: null, convertScript: null, python: 'python3', quantizeTool: '/usr/bin/llama-quantize' });
    expect(parseLlamaCppTools('@@convert\n@@venv\n@@quantize\n@@end\n').quantizeTool).toBeNull();
    expect(llamaCppToolsCommand()).toContain('"$HOME"/llama.cpp/convert_hf_to_gguf.py');
  });

  it('builds for GB10 as NVIDIA’s Spark playbook does', () => {
    const script = llamaCppBuildScript();
    expect(script).toContain('-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=121a-real');
    expect(script).toContain('git clone --depth 1 https://github.com/ggml-org/llama.cpp "$HOME"/llama.cpp && cd');
    expect(script).not.toContain('exit');
    expect(script).toContain('--target llama-quantize');
  });

  it('needs space for each file still to be written (the Ollama blob copies the final GGUF)', () => {
    const sizes = exportSizes(8e9, { merge: true, outtype: 'bf16', quant: 'Q4_K_M' });
    expect(sizes).toEqual({ merged: 16e9, converted: 16e9, quantized: 8e9 * 4.82 / 8, final: 8e9 * 4.82 / 8 });
    expect(remainingNeed(sizes)).toBeCloseTo(32e9 + 2 * 4.82e9 + exportDiskMarginBytes);
    expect(remainingNeed(sizes, { merge: 'skipped', convert: 'done', quantize: 'failed' })).toBeCloseTo(2 * 4.82e9 + exportDiskMarginBytes);
    expect(exportSizes(1e9, { merge: false, outtype: 'f16', quant: null })).toEqual({ merged: 0, converted: 2e9, quantized: 0, final: 2e9 });
  });
});

describe('the export log', () => {
  const log = ['PGX-STEP merge', 'PGX-SKIP merge', 'PGX-STEP convert', 'INFO:hf-to-gguf:Loading model', 'Writing:  10%|█ | 1.6G/16.4G\rWriting:  45%|████▌ | 7.4G/16.4G', 'PGX-DONE convert', 'PGX-STEP quantize', '[  12/ 311]   blk.1.attn_q.weight - ...', '[  78/ 311]   blk.8.attn_q.weight - ...'].join('\n');
  it('reads the running step’s progress from its own lines', () => {
    expect(stepProgress(log, 'convert')).toBeCloseTo(0.45);
    expect(stepProgress(log, 'quantize')).toBeCloseTo(78 / 311);
    expect(stepProgress(log, 'create')).toBeNull();
  });

  it('finds the test answer, and says why a step failed', () => {
    expect(testAnswer(`${log}\nPGX-STEP test\n我是甄嬛。\nPGX-DONE test\n`)).toBe('我是甄嬛。');
    expect(testAnswer(log)).toBeNull();
    expect(explainExportFailure(`PGX-STEP convert\nOSError: [Errno 28] No space left on device\n`, 'convert').message).toBe('The GGUF conversion failed: the box’s disk is full.');
    expect(explainExportFailure(`PGX-STEP create\nError: could not connect to ollama app, is it running?\n`, 'create').message).toBe('`ollama create` failed: Ollama is not running on the box.');
    expect(explainExportFailure('PGX-STEP quantize\n', 'quantize', 10).message).toBe('Quantizing failed: the box’s disk is full.');
    const plain = explainExportFailure('PGX-STEP quantize\nsomething odd\n', 'quantize', 50e9);
    expect(plain).toMatchObject({ message: 'Quantizing failed.', lines: ['something odd'] });
    expect(plain.hint).toContain('Retry goes on from this step');
  });
});
