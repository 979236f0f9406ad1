/**
 * `ss -ltnH` (iproute2): what listens on TCP on the box, for the tunnel manager's "forward a
 * port the box serves" list. Columns: State Recv-Q Send-Q Local:Port Peer:Port [Process]; the
 * local address is `0.0.0.0:22`, `[::]:22`, `*:80`, `127.0.0.53%lo:53` or `[::1]:631`.
 */
export interface ListeningPort {
  readonly port: number;
  /** Every address it listens on ('0.0.0.0', '::', '127.0.0.1' …). */
  readonly addresses: string[];
  /** Reachable from outside the box, not only on its loopback. */
  readonly public: boolean;
  /** The program, when ss could tell (`users:(("ollama",pid=…))`; only for the user's own). */
  readonly process: string | null;
}

const loopback = (address: string) => address === '::1' || address.startsWith('127.');

export const parseListeningPorts = (output: string): ListeningPort[] => {
  const byPort = new Map<number, { addresses: string[]; process: string | null }>();
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'LISTEN' || fields.length < 5) continue;
    const local = fields[3]!;
    const colon = local.lastIndexOf(':');
    const port = Number(local.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) continue;
    const address = local.slice(0, colon).replace(/^\[|\]$/g, '').replace(/%.*$/, '').replace(/^\*$/, '0.0.0.0');
    const process = /users:\(\("([^"]+)"/.exec(fields.slice(5).join(' '))?.[1] ?? null;
    const entry = byPort.get(port) ?? { addresses: [], process: null };
    if (!entry.addresses.includes(address)) entry.addresses.push(address);
    entry.process ??= process;
    byPort.set(port, entry);
  }
  return [...byPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, { addresses, process }]) => ({ port, addresses, public: addresses.some((a) => !loopback(a)), process }));
};
