/**
 * A lean streaming chat client for the simulated server's tests. It speaks HTTP/1.1 over a raw
 * socket that is connected before the clock starts, stamps each read as it arrives and parses
 * only at the end, so 64 streams whose tokens arrive together do not wait on each other's HTTP
 * and JSON handling in this one event loop — the client measures the server, not itself.
 */
import { connect, type Socket } from 'node:net';

export interface Timed {
  ttft: number;
  gaps: number[];
  chunks: unknown[];
  raw: string;
}

export interface PreparedStream {
  /** Sends the request; resolves once the response ended. */
  start(): Promise<RawStream>;
}

/** What arrived, when: turned into timings with `timings()` once every stream is done. */
export interface RawStream {
  readonly sent: number;
  readonly reads: ReadonlyArray<{ at: number; data: Buffer }>;
}

/**
 * Decodes a chunked HTTP/1.1 response into its body text, with, for each body character, the
 * time the read that completed it arrived.
 */
const dechunk = (reads: ReadonlyArray<{ at: number; data: Buffer }>): { body: string; stampAt: (charOffset: number) => number } => {
  const all = Buffer.concat(reads.map((r) => r.data));
  const arrivedAt = new Float64Array(all.length);
  let offset = 0;
  for (const r of reads) {
    arrivedAt.fill(r.at, offset, offset + r.data.length);
    offset += r.data.length;
  }
  let pos = all.indexOf('\r\n\r\n') + 4;
  const parts: string[] = [];
  const charStamps: number[] = [];
  for (;;) {
    const lineEnd = all.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const size = parseInt(all.subarray(pos, lineEnd).toString('latin1'), 16);
    if (!size) break;
    const start = lineEnd + 2;
    const text = all.subarray(start, start + size).toString('utf8');
    parts.push(text);
    // A chunk is usable once its last byte is in.
    for (let i = 0; i < text.length; i += 1) charStamps.push(arrivedAt[start + size - 1]!);
    pos = start + size + 2;
  }
  return { body: parts.join(''), stampAt: (charOffset) => charStamps[charOffset] ?? reads.at(-1)!.at };
};

const chunkedEnd = Buffer.from('\r\n0\r\n\r\n');

/** Sends one request on a keep-alive socket; resolves with its reads once the body ended. */
const exchange = (socket: Socket, request: Buffer): Promise<{ sent: number; reads: Array<{ at: number; data: Buffer }> }> =>
  new Promise((resolve, reject) => {
    const reads: Array<{ at: number; data: Buffer }> = [];
    let tail = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      reads.push({ at: performance.now(), data });
      // Only the last few bytes are looked at while streams are live.
      tail = Buffer.concat([tail, data]).subarray(-chunkedEnd.length);
      if (tail.equals(chunkedEnd)) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve({ sent, reads });
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(request);
    const sent = performance.now();
  });

/** Parses a finished stream (after all streams ended: parsing while others stream would delay their stamps). */
export const timings = ({ sent, reads }: RawStream): Timed => {
  const { body: text, stampAt } = dechunk(reads);
  const stamps: number[] = [];
  const chunks: unknown[] = [];
  let from = 0;
  for (;;) {
    const cut = text.indexOf('\n\n', from);
    if (cut < 0) break;
    const event = text.slice(from, cut).replace(/^data: /, '');
    const at = stampAt(cut + 1);
    from = cut + 2;
    if (event === '[DONE]') continue;
    const parsed = JSON.parse(event) as { choices: Array<{ delta?: { content?: string } }> };
    chunks.push(parsed);
    if (parsed.choices[0]?.delta?.content) stamps.push(at);
  }
  return { ttft: stamps[0]! - sent, gaps: stamps.slice(1).map((t, i) => t - stamps[i]!), chunks, raw: text };
};

const requestBytes = (port: number, body: object): Buffer => {
  const payload = Buffer.from(JSON.stringify(body));
  const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
};

/**
 * Opens a keep-alive connection and warms it with one short request (as a benchmark's pool is
 * warm after its warm-up phase); `start()` then sends the timed request on it.
 */
export const prepareStream = async (port: number, body: { readonly model: string; readonly [key: string]: unknown }, options: { warm?: boolean } = {}): Promise<PreparedStream> => {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  if (options.warm !== false) await exchange(socket, requestBytes(port, { model: body.model, messages: [{ role: 'user', content: 'warm' }], max_tokens: 1, stream: true }));
  return {
    start: async () => {
      const raw = await exchange(socket, requestBytes(port, body));
      socket.destroy();
      return raw;
    },
  };
};

export const streamChat = async (port: number, body: { readonly model: string; readonly [key: string]: unknown }): Promise<Timed> => timings(await (await prepareStream(port, body, { warm: false })).start());

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const percentile = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
