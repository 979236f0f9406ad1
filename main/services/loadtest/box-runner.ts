/**
 * A load test whose client runs on the box (src/loadtest/box-client.ts), level by level: the
 * script is written to the box, each level's requests go to it as one JSON object, and each line
 * it prints becomes a RequestRecord through the same StreamMeter as the app's own client, so both
 * places summarize with the same code. Cancelling kills the script by the pid it printed first.
 */
import type { ClientChannel } from 'ssh2';
import type { LevelSummary, LoadTestSettings, RequestRecord } from '../../../src/domain/loadtest.js';
import { LevelTally, planLevel } from './level.js';
import { boxClientCommand, boxClientKillCommand, boxClientScript } from '../../../src/loadtest/box-client.js';
import { effectiveSettings, loadTestBody, loadTestPaths } from '../../../src/loadtest/request-body.js';
import { failedRecord, StreamMeter, wholeReplyRecord } from '../../../src/loadtest/stream-meter.js';
import { serverMessage } from '../playground/chat-stream.js';
import { runnerDefaults, type LevelProgress } from './runner.js';

/** One request as the script reports it (times in seconds from the level's start). */
interface BoxLine {
  readonly i: number;
  readonly sent?: number;
  readonly status: number | null;
  readonly events: readonly [number, string][];
  readonly end: number;
  readonly error: string | null;
}

export interface BoxIo {
  /** Runs a command with stdin to its end (the script's upload). */
  exec(command: string, stdin: string): Promise<{ code: number | null; stderr: string }>;
  /** Starts a command whose output streams (the script's run). */
  execStream(command: string): Promise<ClientChannel>;
}

export interface BoxRunOptions {
  readonly settings: LoadTestSettings;
  /** The server's port on the box (the script sends to 127.0.0.1 there). */
  readonly boxPort: number;
  readonly model: string;
  readonly io: BoxIo;
  readonly signal: AbortSignal;
  readonly progress?: (progress: LevelProgress) => void;
  readonly progressMs?: number;
}

/** A script line as a record, as the app's own client would have measured it. */
export const recordOfLine = (line: BoxLine, stream: boolean): RequestRecord => {
  const ms = (s: number) => s * 1000;
  const sentAtMs = ms(line.sent ?? 0);
  const e2e = ms(line.end) - sentAtMs;
  const [first] = line.events;
  if (line.status !== null && line.status >= 400) return failedRecord(e2e, sentAtMs, 'http', line.status, serverMessage(first?.[1] ?? ''));
  if (line.error !== null && line.events.length === 0) {
    const timedOut = /timeout/i.test(line.error);
    return failedRecord(e2e, sentAtMs, timedOut ? 'timeout' : line.status === null ? 'network' : 'dropped', line.status, timedOut ? 'no complete reply within the request timeout' : line.error);
  }
  if (!stream) return line.error === null && first ? wholeReplyRecord(sentAtMs, ms(first[0]), sentAtMs, first[1]) : failedRecord(e2e, sentAtMs, 'dropped', line.status, line.error ?? 'no reply');
  const meter = new StreamMeter(sentAtMs);
  for (const [at, data] of line.events) {
    const result = meter.event(ms(at), data);
    if (result.kind === 'error') return meter.failed(ms(at), sentAtMs, 'http', line.status, `the server stopped the reply with an error: ${result.message}`);
  }
  if (meter.finished) return meter.done(ms(line.end), sentAtMs);
  return meter.failed(ms(line.end), sentAtMs, 'dropped', line.status, line.error ?? `the stream ended after ${meter.contentChunks} chunks without finishing`);
};

/** Runs the script for one level; resolves when it printed {"done"} or its channel closed. */
const runLevel = (io: BoxIo, input: object, stream: boolean, signal: AbortSignal, onRecord: (record: RequestRecord) => void): Promise<void> =>
  io.execStream(boxClientCommand()).then(
    (channel) =>
      new Promise<void>((resolve, reject) => {
        let buffer = '';
        let pid: number | null = null;
        let done = false;
        let stderr = '';
        const onAbort = () => {
          if (pid !== null) void io.exec(boxClientKillCommand(pid), '').catch(() => {});
          channel.close();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        channel.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
        channel.on('data', (d: Buffer) => {
          buffer += d.toString('utf8');
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            const text = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            let line: BoxLine & { pid?: number; done?: boolean };
            try {
              line = JSON.parse(text) as typeof line;
            } catch {
              continue;
            }
            if (typeof line.pid === 'number') pid = line.pid;
            else if (line.done === true) done = true;
            else if (typeof line.i === 'number') onRecord(recordOfLine(line, stream));
          }
        });
        channel.on('close', () => {
          signal.removeEventListener('abort', onAbort);
          if (done || signal.aborted) return resolve();
          const missing = /No such file|not found/.test(stderr) ? 'python3 is not on the box' : stderr.trim().split('\n').at(-1) || 'it stopped without a word';
          reject(new Error(`the load-test client on the box stopped: ${missing}`));
        });
        channel.end(JSON.stringify(input));
      }),
  );

export const runLoadTestOnBox = async (options: BoxRunOptions): Promise<LevelSummary[]> => {
  const settings = effectiveSettings(options.settings);
  const progressMs = options.progressMs ?? runnerDefaults.progressMs;
  const write = await options.io.exec('mkdir -p "$HOME"/.cache/pgx-companion && cat > "$HOME"/.cache/pgx-companion/loadtest-client.py', boxClientScript);
  if (write.code !== 0) throw new Error(`the load-test client could not be written to the box: ${write.stderr.trim() || `exit ${String(write.code)}`}`);
  const body = (prompt: string) => JSON.stringify(loadTestBody(settings, options.model, prompt));
  const levels: LevelSummary[] = [];
  for (const levelIndex of settings.parallel.keys()) {
    if (options.signal.aborted) break;
    const plan = planLevel(settings, levelIndex);
    const now = () => performance.now();
    const tally = new LevelTally(settings, plan, options.progress, progressMs, now, now());
    const input = { port: options.boxPort, path: loadTestPaths[settings.api], bodies: plan.prompts.map(body), warmup: plan.warm.map(body), parallel: plan.parallel, arrivals: plan.arrivalsMs?.map((ms) => ms / 1000) ?? null, stream: settings.stream, timeoutS: settings.requestTimeoutS ?? runnerDefaults.requestTimeoutS };
    await runLevel(options.io, input, settings.stream, options.signal, (record) => tally.add(record));
    // A cancelled level keeps what the script reported before it was stopped.
    if (tally.count > 0) levels.push(tally.summary());
  }
  return levels;
};
