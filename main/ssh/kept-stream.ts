/**
 * A stream that outlives its connection: a long-running exec (the telemetry collector, a log
 * follow) or a shell (a terminal) that is opened again by itself after every reconnect, so the
 * user never has to. Features hold one of these instead of a raw channel.
 */
import type { ClientChannel } from 'ssh2';
import type { SshConnection } from './connection.js';

export interface KeptStream {
  /** Times a channel was opened (1 + reconnects survived). */
  readonly opened: number;
  /** The live channel, if any (write keystrokes to it). */
  readonly channel: ClientChannel | undefined;
  close(): void;
}

export interface KeptStreamSink {
  data(chunk: Buffer): void;
  /** A fresh channel is open (after a reconnect: the feature re-sends what it needs to). */
  opened?(channel: ClientChannel, count: number): void;
  /** Opening failed while connected (the command is missing …): the feature shows it. */
  failed?(error: unknown): void;
}

export const keepStream = (connection: SshConnection, open: (connection: SshConnection) => Promise<ClientChannel>, sink: KeptStreamSink): KeptStream => {
  let closed = false;
  let current: ClientChannel | undefined;
  let opened = 0;
  let opening = false;

  /** Set when a (re)connect arrived while a channel was still being opened. */
  let again = false;

  const attach = async (live: SshConnection): Promise<void> => {
    if (closed) return;
    if (opening) {
      // The link changed under a pending open: open again once it settles.
      again = true;
      return;
    }
    opening = true;
    again = false;
    let channel: ClientChannel | undefined;
    try {
      channel = await open(live);
    } catch (error) {
      if (!closed && live.status.kind === 'connected' && !again) sink.failed?.(error);
    }
    opening = false;
    if (channel && closed) channel.close();
    if (channel && !closed) {
      current = channel;
      opened += 1;
      channel.on('data', (chunk: Buffer) => sink.data(chunk));
      channel.stderr?.on('data', (chunk: Buffer) => sink.data(chunk));
      channel.once('close', () => {
        if (current === channel) current = undefined;
      });
      sink.opened?.(channel, opened);
    }
    // A reconnect happened meanwhile: the channel (if any) belongs to the old link.
    if (again && !closed && live.status.kind === 'connected') {
      if (channel) {
        current = undefined;
        channel.close();
      }
      await attach(live);
    }
  };

  // Runs now if connected, and after every reconnect.
  const unsubscribe = connection.onReady((live) => void attach(live));

  return {
    get opened() {
      return opened;
    },
    get channel() {
      return current;
    },
    close: () => {
      closed = true;
      unsubscribe();
      current?.close();
      current = undefined;
    },
  };
};
