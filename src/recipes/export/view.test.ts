import { describe, expect, it } from 'vitest';
import { exportChainSteps } from './chain.js';
import { exportViewOf, type ExportSpec } from './view.js';

const spec: ExportSpec = { kind: 'pgx-export', ollamaName: 'q:x', workDir: '/home/u/models/q-x', gguf: '/home/u/models/q-x/model-Q4_K_M.gguf', modelfile: '/home/u/models/q-x/Modelfile', sourceLabel: 'run', testPrompt: 'hi', startedAt: 1, attempt: 1, sizes: null };
const log = 'PGX-STEP merge\nPGX-DONE merge\nPGX-STEP convert\n@@tail\nPGX-STEP convert\nWriting:  40%|████ | 6.5G/16.4G\n';

describe('an export’s view', () => {
  it('running: the step and its progress', () => {
    const v = exportViewOf('box', { id: 'e', running: true, exitCode: null }, spec, log, null, null);
    expect(v).toMatchObject({ state: 'running', steps: { merge: 'done', convert: 'running', quantize: 'waiting' }, failure: null, endedAt: null });
    expect(v.progress).toBeCloseTo(0.4);
  });

  it('stopped by the user (the mark) is not a failure; a job that died without a code is', () => {
    const stopped = exportViewOf('box', { id: 'e', running: false, exitCode: null }, spec, `@@stopped\n${log}`, 5, null);
    expect(stopped).toMatchObject({ state: 'stopped', steps: { convert: 'waiting' }, failure: null, endedAt: 5, progress: null });
    const died = exportViewOf('box', { id: 'e', running: false, exitCode: null }, spec, log, 5, 0);
    expect(died).toMatchObject({ state: 'failed', steps: { convert: 'failed' } });
    expect(died.failure?.message).toBe('The GGUF conversion failed: the box’s disk is full.');
  });

  it('steps outside the chain read omitted, not waiting', () => {
    const v = exportViewOf('box', { id: 'e', running: false, exitCode: 0 }, { ...spec, chain: exportChainSteps({ launcher: null, quant: null }) }, 'PGX-STEP convert\nPGX-DONE convert\nPGX-STEP create\nPGX-DONE create\nPGX-STEP test\nhello\nPGX-DONE test\n@@tail\n', 9, null);
    expect(v.steps).toEqual({ merge: 'omitted', convert: 'done', quantize: 'omitted', create: 'done', test: 'done' });
    expect(exportChainSteps({ launcher: 'llamafactory-cli', quant: 'Q4_K_M' })).toEqual(['merge', 'convert', 'quantize', 'create', 'test']);
  });
});
