import type { IncomingMessage } from 'node:http';

/** Reads a request body up to a limit (a benchmark prompt file can be large, not unbounded). */
export const readBody = (req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** What sendJson / sendText need of a response (node:http's, or mini-http's). */
export interface Respondable {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body: string): unknown;
}

export const sendJson = (res: Respondable, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

export const sendText = (res: Respondable, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

/** Sleeps until a performance.now() deadline; false if the client went away first. */
export const sleepUntil = (deadline: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const wait = deadline - performance.now();
    if (wait <= 0) return resolve(true);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, wait);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** vLLM / uvicorn style log timestamp: `08-23 22:38:27` (UTC here so logs are reproducible). */
export const logStamp = (ms: number): string => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

export const randomHex = (length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return out.slice(0, length);
};
