/**
 * The demo box's stand-in for `python3 loadtest-client.py` (src/loadtest/box-client.ts): the same
 * input and the same output lines, so the app's on-box load test works against the demo box on a
 * laptop that may have no python3. It sends to the simulated servers behind the box's ports. Where
 * a real python3 runs the script (the test sshd), this stand-in is not used.
 */
import { request, Agent } from 'node:http';
import type { Program } from '../io.js';

interface Input {
  readonly port: number;
  readonly path: string;
  readonly bodies: readonly string[];
  readonly warmup: readonly string[];
  readonly parallel: number;
  readonly arrivals: readonly number[] | null;
  readonly stream: boolean;
  readonly timeoutS: number;
}

export const loadtestClient: Program = async (io) => {
  const cfg = JSON.parse(await io.stdin()) as Input;
  const port = io.servers.portFor?.(cfg.port) ?? cfg.port;
  const agent = new Agent({ keepAlive: true, maxSockets: cfg.parallel });
  const emit = (line: object) => io.write(`${JSON.stringify(line)}\n`);
  emit({ pid: 60_000 + Math.floor(Math.random() * 5_000) });

  const one = (body: string, start: number) =>
    new Promise<object>((resolve) => {
      const at = () => (performance.now() - start) / 1000;
      const rec: { sent: number; status: number | null; events: [number, string][]; end?: number; error: string | null } = { sent: at(), status: null, events: [], error: null };
      const finish = (error: string | null) => {
        rec.error ??= error;
        rec.end = at();
        resolve(rec);
      };
      const req = request({ host: '127.0.0.1', port, path: cfg.path, method: 'POST', agent, timeout: cfg.timeoutS * 1000, headers: { 'content-type': 'application/json', accept: cfg.stream ? 'text/event-stream' : 'application/json' } }, (res) => {
        rec.status = res.statusCode ?? null;
        res.setEncoding('utf8');
        let text = '';
        const whole = (res.statusCode ?? 0) >= 400 || !cfg.stream;
        res.on('data', (part: string) => {
          text += part;
          if (whole) return;
          for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
            const line = text.slice(0, nl);
            text = text.slice(nl + 1);
            if (line.startsWith('data:')) rec.events.push([at(), line.slice(5).trim()]);
          }
        });
        res.on('end', () => {
          if (whole) rec.events.push([at(), text]);
          finish(null);
        });
        res.on('error', (e) => finish(`ConnectionResetError: ${e.message}`));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => finish(`${/timed out/.test(e.message) ? 'TimeoutError' : 'ConnectionError'}: ${e.message}`));
      req.on('finish', () => (rec.sent = at()));
      io.signal.addEventListener('abort', () => req.destroy(), { once: true });
      req.end(body);
    });

  const run = async (bodies: readonly string[], arrivals: readonly number[] | null, report: boolean) => {
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < bodies.length && !io.signal.aborted) {
        const i = next++;
        if (arrivals) {
          const wait = start + arrivals[i]! * 1000 - performance.now();
          if (wait > 0 && !(await io.sleep(wait))) return;
        }
        const rec = await one(bodies[i]!, start);
        if (report && !io.signal.aborted) emit({ i, ...rec });
      }
    };
    await Promise.all(Array.from({ length: Math.min(cfg.parallel, Math.max(1, bodies.length)) }, worker));
  };

  try {
    if (cfg.warmup.length > 0) await run(cfg.warmup, null, false);
    await run(cfg.bodies, cfg.arrivals, true);
    if (!io.signal.aborted) emit({ done: true });
  } finally {
    agent.destroy();
  }
  return io.signal.aborted ? 130 : 0;
};
