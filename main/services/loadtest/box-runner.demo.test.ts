/**
 * The on-box load test against the demo box: the script is written to the box, `python3 -u` runs
 * the demo box's stand-in (a laptop may have no python3), which sends to the vLLM server the demo
 * box serves on its port 8000; the records come back over SSH as they would from a real box.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { boxClientPath } from '../../../src/loadtest/box-client.js';
import { serveOn } from '../serve/serve-test-kit.js';
import { laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { runLoadTestOnBox } from './box-runner.js';
import { settingsFor } from './test-kit.js';

afterEach(runCleanups);

describe('the on-box load test on the demo box', () => {
  it('writes the client, runs a level next to the server, and counts every request', async () => {
    const box = await testDemoBox('lt-box', { serverReadyMs: 200 });
    const side = await laptopOn(box);
    const { serve, latest } = serveOn(side);
    await side.connection.exec('mkdir -p ~/models/Qwen3-8B');
    await serve.launch('demo', { engine: 'vllm', model: '/home/demo/models/Qwen3-8B' }, { sizeBytes: 16.4e9, quantization: null, dtype: 'bfloat16' });
    await until(() => latest.get('container:pgx-serve-vllm-8000')?.state === 'ready', 20_000, 'vLLM to be ready');
    const io = { exec: (command: string, stdin: string) => side.connection.exec(command, { stdin }), execStream: (command: string) => side.connection.execStream(command) };
    const settings = settingsFor({ target: { kind: 'server', deviceId: 'demo', boxPort: 8000, model: 'Qwen3-8B', label: 'vLLM' }, place: 'box', requests: 6, parallel: [3], maxTokens: 6 });
    const [level] = await runLoadTestOnBox({ settings, boxPort: 8000, model: 'Qwen3-8B', io, signal: new AbortController().signal });
    expect(level).toMatchObject({ parallel: 3, total: 6, succeeded: 6, countedByChunks: false });
    expect(level!.itlMs!.count).toBe(6 * 5);
    expect((await side.connection.exec(`test -s ${boxClientPath.replace('~', '"$HOME"')} && echo written`)).stdout.trim()).toBe('written');
  }, 60_000);
});
