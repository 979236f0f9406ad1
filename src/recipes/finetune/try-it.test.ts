import { describe, expect, it } from 'vitest';
import { hostJobsRoot } from '../../remote/commands/host-job.js';
import { estimateTryMemory, isTrySpec, pickTryPorts, readTryLog, startTryCommand, tryArgs, tryCommandLine, tryPorts, type TrySpec } from './try-it.js';

const GiB = 1024 ** 3;
const lora = { baseModel: 'Qwen/Qwen3-8B', outputDir: '/home/demo/pgx-finetune/saves/qwen3-8b/lora/huanhuan', finetuningType: 'lora', template: 'qwen3_nothink' };
const env = { venv: '/home/demo/LLaMA-Factory/.venv', workspace: '/home/demo/pgx-finetune' };
const qwen8b = { parameters: 8.19e9, hidden: 4096, layers: 36, heads: 32, headDim: 128, kvHeads: 8, intermediate: 12288 };

describe('Try it commands', () => {
  it('serve the base model, and the base model with the adapter, with --key value flags, on API_PORT as API_MODEL_NAME', () => {
    expect(tryCommandLine(env, 'base', 18100, tryArgs(lora, 'base'))).toBe(
      'API_PORT=18100 API_MODEL_NAME=base PYTHONUNBUFFERED=1 /home/demo/LLaMA-Factory/.venv/bin/llamafactory-cli api --model_name_or_path Qwen/Qwen3-8B --template qwen3_nothink --infer_backend huggingface',
    );
    expect(tryCommandLine(env, 'tuned', 18101, tryArgs(lora, 'tuned'))).toBe(
      'API_PORT=18101 API_MODEL_NAME=tuned PYTHONUNBUFFERED=1 /home/demo/LLaMA-Factory/.venv/bin/llamafactory-cli api --model_name_or_path Qwen/Qwen3-8B --adapter_name_or_path /home/demo/pgx-finetune/saves/qwen3-8b/lora/huanhuan --finetuning_type lora --template qwen3_nothink --infer_backend huggingface',
    );
    // A full fine-tune is its own model: the output folder is served, with no adapter.
    expect(tryArgs({ ...lora, finetuningType: 'full' }, 'tuned').slice(0, 2)).toEqual(['--model_name_or_path', lora.outputDir]);
    expect(tryArgs({ ...lora, finetuningType: 'full' }, 'tuned')).not.toContain('--adapter_name_or_path');
    // No venv: the launcher on PATH; hostile paths stay one word.
    expect(tryCommandLine({ venv: null }, 'base', 18100, tryArgs({ ...lora, baseModel: "/m/it's here" }, 'base'))).toContain(`llamafactory-cli api --model_name_or_path '/m/it'\\''s here'`);
  });

  it('start as a detached host job in the workspace, its spec kept on the box', () => {
    const spec: TrySpec = { kind: 'pgx-finetune-try', side: 'tuned', runId: 'ft-t-x-1', boxPort: 18101, model: 'tuned', command: tryCommandLine(env, 'tuned', 18101, tryArgs(lora, 'tuned')), startedAt: 1 };
    const command = startTryCommand(env, spec);
    expect(command).toContain(`${hostJobsRoot}/ft-try-tuned`.replace('~', ''));
    expect(command).toContain('setsid nohup bash -lc');
    expect(command).toContain("cd /home/demo/pgx-finetune || exit 1");
    expect(isTrySpec(JSON.parse(JSON.stringify(spec)) as Record<string, unknown>)).toBe(true);
    expect(isTrySpec({ kind: 'pgx-finetune', side: 'base', boxPort: 1, runId: 'x' })).toBe(false);
  });

  it('pick the first two free ports of their range', () => {
    expect(pickTryPorts([22, 8000])).toEqual({ base: tryPorts.from, tuned: tryPorts.from + 1 });
    expect(pickTryPorts([tryPorts.from, tryPorts.from + 2])).toEqual({ base: tryPorts.from + 1, tuned: tryPorts.from + 3 });
    const all = Array.from({ length: tryPorts.to - tryPorts.from }, (_, i) => tryPorts.from + i);
    expect(pickTryPorts(all)).toBeNull();
  });

  it('read the log: uvicorn up, or the exception it died of', () => {
    expect(readTryLog('[INFO|x] all params: 1\nVisit http://localhost:18100/docs for API document.\nINFO:     Uvicorn running on http://0.0.0.0:18100 (Press CTRL+C to quit)\n')).toEqual({ serving: true, error: null });
    expect(readTryLog('Traceback (most recent call last):\n  File "x", line 8\nValueError: Can\'t find \'adapter_config.json\' at \'saves/x\'\n')).toEqual({ serving: false, error: "ValueError: Can't find 'adapter_config.json' at 'saves/x'" });
    expect(readTryLog("ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 18100): address already in use\n").error).toContain('address already in use');
    expect(readTryLog('[INFO|x] llamafactory.model.loader:144 >> all params: 1\n')).toEqual({ serving: false, error: null });
  });

  it('need the base weights twice, judged against the box', () => {
    const box = (free: number) => ({ totalBytes: 119.7 * GiB, availableBytes: free * GiB, freeBytes: free * GiB, cachedBytes: 0 });
    const ok = estimateTryMemory(qwen8b, box(100));
    expect(ok.verdict).toBe('ok');
    // bf16 weights twice dominate: 2 × 16.4 GB plus context and KV cache.
    expect(ok.totalBytes! / GiB).toBeGreaterThan((2 * 2 * 8.19e9) / GiB);
    expect(ok.totalBytes! / GiB).toBeLessThan((2 * 2 * 8.19e9) / GiB + 4);
    expect(estimateTryMemory(qwen8b, box(30)).verdict).toBe('refuse');
    expect(estimateTryMemory(qwen8b, box(30)).message).toMatch(/base model twice/);
    expect(estimateTryMemory(qwen8b, box(40)).verdict).toBe('warn');
    expect(estimateTryMemory(null, box(100)).verdict).toBe('unknown');
    expect(estimateTryMemory(qwen8b, null)).toMatchObject({ verdict: 'unknown', totalBytes: ok.totalBytes });
  });
});
