/**
 * The on-box client for real: the Python script runs under the test sshd's user with the machine's
 * python3 (this machine is the box) against the simulated engine, and its lines become the same
 * records as the app's own client makes. Logic only, no timing asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appConnection, sshdServer } from '../../../e2e/harness/app-connection.js';
import { startSshd } from '../../../e2e/harness/sshd.js';
import { runLoadTestOnBox, recordOfLine } from './box-runner.js';
import { served, settingsFor, startSim } from './test-kit.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const box = async (simOverrides: Parameters<typeof startSim>[0] = {}) => {
  const sim = await startSim(simOverrides);
  cleanup.push(sim.stop);
  const sshd = await startSshd();
  cleanup.push(() => sshd.stop());
  const connection = appConnection(sshdServer(sshd));
  await connection.connect();
  cleanup.push(() => connection.disconnect());
  const io = { exec: (command: string, stdin: string) => connection.exec(command, { stdin }), execStream: (command: string) => connection.execStream(command) };
  return { sim, sshd, io };
};

describe('the load-test client on the box', () => {
  it('runs a sweep with python3 on the box; usage tokens, gaps and a non-streamed level as the app’s own client counts them', async () => {
    const { sim, io } = await box();
    const settings = settingsFor({ target: { kind: 'server', deviceId: 'box', boxPort: sim.port, model: served, label: 'vLLM' }, place: 'box', requests: 6, parallel: [1, 3], warmup: 2 });
    const progress: number[] = [];
    const levels = await runLoadTestOnBox({ settings, boxPort: sim.port, model: served, io, signal: new AbortController().signal, progress: (p) => progress.push(p.done), progressMs: 0 });
    expect(levels.map((l) => [l.parallel, l.total, l.succeeded, l.countedByChunks])).toEqual([
      [1, 6, 6, false],
      [3, 6, 6, false],
    ]);
    // max_tokens 8 → 8 tokens, 7 gaps each; times from the box's monotonic clock, in ms.
    expect(levels[0]!.itlMs!.count).toBe(6 * 7);
    expect(levels[0]!.ttftMs!.min).toBeGreaterThan(0);
    expect(levels[0]!.outputTokensPerS).toBeCloseTo((6 * 8) / levels[0]!.durationS, 6);
    expect(progress.at(-1)).toBe(6);
    const [whole] = await runLoadTestOnBox({ settings: { ...settings, parallel: [2], stream: false }, boxPort: sim.port, model: served, io, signal: new AbortController().signal });
    expect(whole).toMatchObject({ succeeded: 6, countedByChunks: false });
    expect(whole!.ttftMs!.mean).toBe(whole!.e2eMs!.mean);
  }, 60_000);

  it('server errors are counted with their reasons; cancel stops the script on the box', async () => {
    const failing = await box({ faults: { http500: 1 } });
    const settings = settingsFor({ target: { kind: 'server', deviceId: 'box', boxPort: failing.sim.port, model: served, label: 'vLLM' }, place: 'box', requests: 4, parallel: [2] });
    const [http] = await runLoadTestOnBox({ settings, boxPort: failing.sim.port, model: served, io: failing.io, signal: new AbortController().signal });
    expect(http).toMatchObject({ total: 4, succeeded: 0, failures: [{ reason: 'http', count: 4, message: expect.stringMatching(/EngineCore encountered an issue/) }] });

    const slow = await box({ ttftMs: 30_000 });
    const abort = new AbortController();
    const run = runLoadTestOnBox({ settings: { ...settings, requests: 8, parallel: [4] }, boxPort: slow.sim.port, model: served, io: slow.io, signal: abort.signal });
    await new Promise((r) => setTimeout(r, 1_500));
    abort.abort();
    expect(await run).toEqual([]);
    // The script is gone from the box: nothing of ours still runs there.
    let left = '';
    for (let i = 0; i < 40; i += 1) {
      left = slow.sshd.sshExec("pgrep -f 'loadtest-clien[t].py' || true").trim();
      if (left === '') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(left).toBe('');
  }, 60_000);

  it('a line the script printed becomes the record the app’s own client would have made', () => {
    const chunk = (text: string) => JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
    const line = { i: 0, sent: 0.1, status: 200, end: 0.4, error: null, events: [[0.18, chunk('a')], [0.2, chunk('b')], [0.23, JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })], [0.23, JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } })], [0.24, '[DONE]']] as [number, string][] };
    const record = recordOfLine(line, true);
    expect(record).toMatchObject({ ok: true, sentAtMs: 100, outputTokens: 2, promptTokens: 5, countedBy: 'usage' });
    expect(record.ttftMs).toBeCloseTo(80, 9);
    expect(record.itlMs[0]).toBeCloseTo(20, 9);
    expect(recordOfLine({ ...line, status: null, events: [], error: 'TimeoutError: timed out' }, true)).toMatchObject({ ok: false, failure: { reason: 'timeout' } });
    expect(recordOfLine({ ...line, status: null, events: [], error: 'ConnectionRefusedError: [Errno 111] Connection refused' }, true)).toMatchObject({ ok: false, failure: { reason: 'network' } });
    expect(recordOfLine({ ...line, events: line.events.slice(0, 2) }, true)).toMatchObject({ ok: false, failure: { reason: 'dropped' } });
  });
});
