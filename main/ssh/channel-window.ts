/**
 * Flow control down to the box for a PTY channel. ssh2 keeps 1–2 MiB of SSH window open on every
 * channel and tops it up by itself; for a terminal that means up to 2 MiB of `yes` queued ahead
 * of a typed key's echo — seconds, when the screen draws a few MiB/s. Here the window is ours:
 * ssh2's own count is kept from ever reaching its top-up threshold, and the box is granted only
 * what the terminal's budget allows (terminal-flow.ts), so the backlog stays a few tens of
 * milliseconds of output.
 *
 * It reaches into ssh2 1.17's channel internals (`incoming.window`, `outgoing.id`, the protocol's
 * channelWindowAdjust), checked at attach: when they are not there (another ssh2 version) it
 * does nothing and the channel keeps ssh2's window, paused and resumed as before.
 */
import type { ClientChannel } from 'ssh2';

interface ChannelInternals {
  incoming: { window: number };
  outgoing: { id: number; state: string };
  _client: { _protocol: { channelWindowAdjust(id: number, amount: number): void } };
}

export interface WindowControl {
  /** Bytes the box may still send without a new grant. */
  readonly credit: number;
  /** Grants the box up to `wanted` bytes of credit in total (nothing when it has that much). */
  refill(wanted: number): void;
}

const internals = (channel: ClientChannel): ChannelInternals | undefined => {
  const c = channel as unknown as Partial<ChannelInternals>;
  return typeof c.incoming?.window === 'number' && typeof c.outgoing?.id === 'number' && typeof c._client?._protocol?.channelWindowAdjust === 'function'
    ? (c as ChannelInternals)
    : undefined;
};

/** ssh2's local count stays here, far above its top-up threshold (half of its 2 MiB window). */
const ssh2CountFloor = 1.5 * 1024 * 1024;

export const controlWindow = (channel: ClientChannel): WindowControl | undefined => {
  const c = internals(channel);
  if (!c) return undefined;
  // What the box was granted at open (ssh2's initial window): it may send that much first.
  let credit = c.incoming.window;
  channel.prependListener('data', (chunk: Buffer) => {
    credit -= chunk.length;
    // Give ssh2 back what it counted, so it never tops the window up by itself.
    c.incoming.window = Math.max(c.incoming.window + chunk.length, ssh2CountFloor);
  });
  return {
    get credit() {
      return credit;
    },
    refill(wanted) {
      if (c.outgoing.state === 'closed') return;
      const amount = Math.floor(wanted - credit);
      // Small grants cost a packet each: top up once at least a quarter is missing.
      if (amount <= 0 || amount < wanted / 4) return;
      credit += amount;
      c._client._protocol.channelWindowAdjust(c.outgoing.id, amount);
    },
  };
};
