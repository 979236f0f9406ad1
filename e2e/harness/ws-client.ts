import WebSocket from 'ws';

export interface UpgradeOutcome {
  readonly opened: boolean;
  readonly status?: number;
}

/** Tries a WebSocket upgrade and reports whether the server accepted it (or its HTTP status). */
export const tryUpgrade = (url: string, headers: Record<string, string>): Promise<UpgradeOutcome> =>
  new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      socket.terminate();
    });
    socket.once('error', () => resolve({ opened: false }));
  });

/** A raw protocol client for fuzzing: send anything, read results in order. */
export const openProtocolClient = async (url: string, origin: string) => {
  const socket = new WebSocket(url, { headers: { Origin: origin } });
  const inbox: unknown[] = [];
  const waiters: Array<(m: unknown) => void> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as unknown;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = () => new Promise<unknown>((resolve) => (inbox.length ? resolve(inbox.shift()) : waiters.push(resolve)));
  return {
    socket,
    next,
    sendRaw: (data: string | Buffer) => socket.send(data),
    close: () => socket.close(),
  };
};
