import { describe, expect, it } from 'vitest';
import { isMoeName, isNvfp4, vllmImageAdvice } from './vllm-image-advice.js';

describe('vllmImageAdvice', () => {
  it('warns for NVFP4 MoE on NGC 25.09 (before 25.10’s vLLM 0.10.2) and names 26.03-py3', () => {
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:25.09-py3', 'nvidia/Qwen3-30B-A3B-FP4', null)).toEqual({ image: 'nvcr.io/nvidia/vllm:25.09-py3', vllm: null, suggested: 'nvcr.io/nvidia/vllm:26.03-py3' });
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:26.01-py3', '/data/llm-model/Qwen3-30B-A3B', 'NVFP4')).toMatchObject({ vllm: '0.11' });
    expect(vllmImageAdvice('vllm/vllm-openai:v0.11.0', 'RedHatAI/Qwen3-30B-A3B-NVFP4', null)).toMatchObject({ vllm: '0.11', suggested: 'nvcr.io/nvidia/vllm:26.03-py3' });
  });

  it('is quiet for a new enough image, a dense model, or a model that is not NVFP4', () => {
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:26.03-py3', 'nvidia/Qwen3-30B-A3B-FP4', null)).toBeNull();
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:26.04-py3', 'nvidia/Qwen3-30B-A3B-FP4', null)).toBeNull();
    expect(vllmImageAdvice('vllm/vllm-openai:v0.12.0', 'nvidia/Qwen3-30B-A3B-FP4', null)).toBeNull();
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:25.09-py3', 'nvidia/Llama-3.3-70B-Instruct-FP4', null)).toBeNull();
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:25.09-py3', 'Qwen/Qwen3-30B-A3B', 'bfloat16')).toBeNull();
    expect(vllmImageAdvice(null, 'nvidia/Qwen3-30B-A3B-FP4', null)).toBeNull();
  });

  it('reads NVFP4 and MoE from labels and names', () => {
    expect(isNvfp4('x', 'modelopt_fp4')).toBe(true);
    expect(isNvfp4('Qwen/Qwen3-8B-FP8', null)).toBe(false);
    expect(isMoeName('openai/gpt-oss-120b')).toBe(true);
    expect(isMoeName('Qwen/Qwen3-8B')).toBe(false);
  });

  it('takes the library’s word for MoE over the name (a model whose name does not say it)', () => {
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:25.09-py3', 'my-org/house-model', 'NVFP4', true)?.suggested).toBe('nvcr.io/nvidia/vllm:26.03-py3');
    expect(vllmImageAdvice('nvcr.io/nvidia/vllm:25.09-py3', 'nvidia/Qwen3-30B-A3B-NVFP4', 'NVFP4', false)).toBeNull();
  });
});
