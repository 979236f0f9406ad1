/**
 * Done-when 1 of issue 10: the load-test client measured against a simulated server whose truth
 * is known. The simulated vLLM server (its own process, on its own core where the machine allows)
 * sends the first token `ttftMs` after a request arrives and each next token `tokenDelayMs` later;
 * the runner's client (this process) sends 64 concurrent streams. Measured TTFT, ITL and TPOT are
 * printed against the truth (target: within 1 ms), throughput against the analytic value
 * (target: within 2 %). Numbers, never assertions.
 *   npx tsx -e "import('./bench/loadtest-truth.ts').then((m) => m.loadtestTruth())"
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/harness/net-util.js';
import { pinnedTo } from '../e2e/harness/pinning.js';
import { initialState } from '../main/demo/sim/box.js';
import type { ServerSpec } from '../main/demo/sim/io.js';
import { writeInitialState } from '../main/demo/sim/state-store.js';
import { runLoadTest } from '../main/services/loadtest/runner.js';
import type { LoadTestSettings } from '../src/domain/loadtest.js';
import { line } from './report.js';

/**
 * `waves`: requests per slot. A level's duration runs from its first send to its last reply, so its
 * ramp (64 sends written one after another) and its tail (the slowest slot sets the end, some
 * 30–60 ms here) are a fixed cost that a short level cannot amortize: at 3 per slot it read −3 %
 * throughput with every per-request timing within 1 ms. 10 per slot (640 requests) measures the
 * steady state, as the review's `evalscope perf --parallel 15 --number 100` (6.7 per slot) did.
 */
const truth = { ttftMs: 80, tokenDelayMs: 15, outputTokens: 40, parallel: 64, waves: 10 } as const;

const waitForHealth = async (port: number) => {
  for (let i = 0; i < 400; i += 1) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the simulated server did not come up');
};

/** The simulated server's vllm:time_to_first_token_seconds histogram: sum and count so far. */
const serverTtft = async (port: number): Promise<{ sum: number; count: number }> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^vllm:time_to_first_token_seconds_${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { sum: value('sum'), count: value('count') };
};

export const loadtestTruth = async (): Promise<void> => {
  process.stdout.write(`\nLoad test: the client against a simulated server with known timing (${truth.parallel} concurrent streams; targets: 1 ms, 2 %)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'pgx-lt-bench-'));
  writeInitialState(dir, initialState({ now: Date.now() }));
  const port = await freePort();
  const spec: ServerSpec = { id: 'bench', kind: 'vllm', port, model: '/models/Qwen3-30B-A3B-NVFP4', servedName: 'qwen3-30b', readyAfterMs: 0, ttftMs: truth.ttftMs, tokenDelayMs: truth.tokenDelayMs, maxConcurrency: truth.parallel, defaultMaxTokens: truth.outputTokens };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  // The server on core 1, this client on core 0: as a box and a laptop, nothing shares a core.
  const pinned = pinnedTo(1, process.execPath, ['--import', 'tsx', '-e', `import('./main/demo/sim/servers/serve-cli.ts').then((m) => m.serveMain(${JSON.stringify(join(dir, 'spec.json'))}, ${JSON.stringify(dir)}))`]);
  if (pinned.command === 'taskset') spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  const server = spawn(pinned.command, pinned.args, { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForHealth(port);
    const settings: LoadTestSettings = {
      target: { kind: 'url', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'qwen3-30b' },
      api: 'chat',
      requests: truth.parallel * truth.waves,
      parallel: [truth.parallel],
      rate: { kind: 'unlimited' },
      stream: true,
      maxTokens: truth.outputTokens,
      minTokens: null,
      warmup: truth.parallel,
      dataset: { kind: 'bundled', language: 'en' },
      slo: { ttftMs: null, tpotMs: null },
      percentiles: [50, 90, 99],
      place: 'laptop',
      seed: 1,
    };
    // The server's own counters cover the run's warm-up wave too (its connections must be the run's).
    const before = await serverTtft(port);
    let progressEvents = 0;
    const [level] = await runLoadTest({ settings, target: { port, basePath: '', model: 'qwen3-30b' }, signal: new AbortController().signal, progress: () => (progressEvents += 1) });
    // As in the app, the runner summarizes the level so far about four times a second (its progress
    // events) while the requests stream: that work shares this process's event loop with the client.
    if (!level?.ttftMs || !level.itlMs || !level.tpotMs) throw new Error(`no request succeeded: ${JSON.stringify(level?.failures)}`);
    const ms = (v: number) => `${v.toFixed(3)} ms`;
    const off = (measured: number, t: number) => `${(measured - t >= 0 ? '+' : '') + (measured - t).toFixed(3)} ms vs truth ${t} ms`;
    line('  requests (succeeded / total)', `${level.succeeded} / ${level.total}`, `${progressEvents} progress summaries; ` + ( level.countedByChunks ? 'tokens counted from chunks' : 'tokens from the usage chunk'));
    line('  TTFT mean', ms(level.ttftMs.mean), off(level.ttftMs.mean, truth.ttftMs));
    line('  TTFT median', ms(level.ttftMs.median), off(level.ttftMs.median, truth.ttftMs));
    // What the server itself saw: request read → first token written, for the same requests. A
    // burst of 64 first tokens due at one instant leaves the server one after another, so part of
    // the client's excess over the configured truth is the server's own lateness, not the client's.
    const after = await serverTtft(port);
    const serverMean = ((after.sum - before.sum) / (after.count - before.count)) * 1000;
    line('  server’s own TTFT mean', ms(serverMean), `${off(serverMean, truth.ttftMs)}; the client measured ${(level.ttftMs.mean - serverMean >= 0 ? '+' : '') + (level.ttftMs.mean - serverMean).toFixed(3)} ms more (both ways over loopback included)`);
    line('  ITL mean', ms(level.itlMs.mean), off(level.itlMs.mean, truth.tokenDelayMs));
    line('  ITL median', ms(level.itlMs.median), off(level.itlMs.median, truth.tokenDelayMs));
    line('  TPOT mean', ms(level.tpotMs.mean), off(level.tpotMs.mean, truth.tokenDelayMs));
    line('  TPOT median', ms(level.tpotMs.median), off(level.tpotMs.median, truth.tokenDelayMs));
    // Analytic: no queue (64 slots for 64 streams), so each slot runs `waves` requests back to
    // back, each taking TTFT + (n − 1) · delay; every request yields n tokens.
    const perRequestS = (truth.ttftMs + (truth.outputTokens - 1) * truth.tokenDelayMs) / 1000;
    const analyticOut = (truth.parallel * truth.outputTokens) / perRequestS;
    const analyticReq = truth.parallel / perRequestS;
    const pct = (measured: number, t: number) => `${(((measured - t) / t) * 100).toFixed(2)} % vs analytic ${t.toFixed(1)}`;
    line('  output tokens/s', level.outputTokensPerS.toFixed(1), pct(level.outputTokensPerS, analyticOut));
    line('  requests/s', level.requestsPerS.toFixed(2), pct(level.requestsPerS, analyticReq));
    line('  E2EL mean / max', `${ms(level.e2eMs!.mean)} / ${ms(level.e2eMs!.max)}`, `truth ${(perRequestS * 1000).toFixed(0)} ms: the slowest slot sets the level's duration`);
    line('  level duration', `${level.durationS.toFixed(3)} s`, `analytic ${(truth.waves * perRequestS).toFixed(3)} s`);
  } finally {
    server.kill('SIGTERM');
  }
};
