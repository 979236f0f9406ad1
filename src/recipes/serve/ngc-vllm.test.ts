import { describe, expect, it } from 'vitest';
import { firstNgcVllmAtLeast, ngcVllm } from './ngc-vllm.js';
import { explainEngineFailure } from '../engine-failures.js';

describe('ngcVllm', () => {
  it('gives the release notes’ vLLM for a listed release, and bounds for one between', () => {
    expect(ngcVllm('nvcr.io/nvidia/vllm:26.03-py3')).toEqual({ kind: 'exact', vllm: [0, 17, 1] });
    expect(ngcVllm('nvcr.io/nvidia/vllm:26.04-py3')).toEqual({ kind: 'at-least', vllm: [0, 17, 1] });
    expect(ngcVllm('nvcr.io/nvidia/vllm:26.11-py3')).toEqual({ kind: 'at-least', vllm: [0, 31, 0] });
    expect(ngcVllm('nvcr.io/nvidia/vllm:25.09-py3')).toEqual({ kind: 'at-most', vllm: [0, 10, 2] });
    expect(ngcVllm('vllm/vllm-openai:v0.12.0')).toBeNull();
    expect(ngcVllm('nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13')).toBeNull();
  });

  it('names the first release with vLLM 0.12 or later', () => {
    expect(firstNgcVllmAtLeast([0, 12])).toBe('nvcr.io/nvidia/vllm:26.03-py3');
  });
});

describe('the NVFP4 MoE failure on NGC tags', () => {
  const gemm = 'RuntimeError: Failed to initialize GEMM\n';
  const ctx = (image: string) => ({ engine: 'vllm' as const, image, modelFormat: 'nvfp4' as const, hfTokenGiven: false });

  it('calls an NGC release before 0.12 old and names the release to use', () => {
    const f = explainEngineFailure(gemm, ctx('nvcr.io/nvidia/vllm:26.01-py3'))!;
    expect(f.message).toContain('vLLM 0.11 cannot run NVFP4 MoE');
    expect(f.hint).toContain('nvcr.io/nvidia/vllm:26.03-py3');
  });

  it('does not send a user of a newer NGC release to a newer image', () => {
    const f = explainEngineFailure(gemm, ctx('nvcr.io/nvidia/vllm:26.06-py3'))!;
    expect(f.message).toContain('(0.12 or later) failed');
    expect(f.hint).not.toContain('26.03');
  });
});
