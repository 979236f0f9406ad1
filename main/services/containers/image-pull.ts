/**
 * `docker pull` on a pseudo-terminal, read as it goes: with a terminal docker draws a byte-count
 * bar per layer (`\r` redraws and cursor moves); without one it prints status words only. The
 * output is folded into layer rows (src/recipes/pull-progress.ts) and handed on at most a few
 * times a second. Closing the channel ends the pull: docker's client dies with its terminal (the
 * session's hangup) and the daemon drops a pull no client waits for.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { dockerAppError } from '../../../src/recipes/docker-problems.js';
import { emptyPullState, foldPullEvent, pullOutputTail, splitPullChunk, type PullState } from '../../../src/recipes/pull-progress.js';
import { pullImageCommand } from '../../../src/remote/commands/docker.js';
import { parsePullLine } from '../../../src/remote/parsers/docker-pull.js';
import type { SshConnection } from '../../ssh/connection.js';

export const pullTiming = {
  /** Progress at most 5 times a second: docker itself redraws about that often, and more would only cost renders. */
  emitEveryMs: 200,
  /** A failure is explained from docker's last lines; its error comes after the progress it drew. */
  tailLines: 20,
  /** Enough of the output's end to hold those lines even with a screenful of redraws before them. */
  tailChars: 16_384,
} as const;

/**
 * The terminal docker draws on. Any TERM but `dumb` (the simulator reads `dumb` as no terminal;
 * docker itself checks only that stdout is one); 200 columns so its bar is drawn (it needs more
 * than 110) and no line wraps.
 */
export const pullPty = { term: 'xterm', cols: 200, rows: 50, height: 0, width: 0, modes: {} } as const;

export interface PullHandle {
  /** Ends the pull (idempotent); `result` rejects with 'cancelled'. */
  cancel(): void;
  readonly result: Promise<{ reference: string; upToDate: boolean }>;
}

/** A throttle: the first change goes out at once, later ones at most every `everyMs`; `flush` sends what is pending now. */
const throttled = (send: () => void, everyMs: number) => {
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  return {
    changed: () => {
      if (timer) return;
      const wait = last + everyMs - Date.now();
      if (wait <= 0) {
        last = Date.now();
        send();
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        send();
      }, wait);
    },
    flush: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      send();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
};

/** Why a pull that ended badly ended: docker's known problems with their fix, else its last line. */
const pullFailure = (image: string, tail: string, ended: string): AppFailure => {
  const lines = pullOutputTail(tail, pullTiming.tailLines);
  const known = dockerAppError(lines.join('\n'));
  if (known) return new AppFailure(known);
  const last = lines.at(-1) ?? `docker pull ended with ${ended}`;
  return new AppFailure(appError('remote-command-failed', `Pulling ${image} failed: ${last}`, 'Check the image name and the box’s network, then try again.', lines.slice(-5)));
};

/**
 * Starts `docker pull image` on the box and follows it. `onProgress` gets the folded state as it
 * changes (throttled) and once more at the end (phase 'done' when the pull succeeded).
 */
export const startImagePull = (connection: SshConnection, image: string, onProgress: (state: PullState) => void): PullHandle => {
  let cancelled = false;
  let channel: ClientChannel | undefined;
  const result = (async () => {
    const opened = await connection.execStream(pullImageCommand(image), { pty: pullPty });
    if (cancelled) {
      opened.close();
      throw cancelledFailure(image);
    }
    channel = opened;
    return follow(opened, image, onProgress, () => cancelled);
  })();
  return {
    cancel: () => {
      cancelled = true;
      channel?.close();
    },
    result,
  };
};

const cancelledFailure = (image: string) => new AppFailure(appError('cancelled', `The pull of ${image} was cancelled.`, ''));

const follow = (channel: ClientChannel, image: string, onProgress: (state: PullState) => void, isCancelled: () => boolean): Promise<{ reference: string; upToDate: boolean }> =>
  new Promise((resolve, reject) => {
    let state = emptyPullState;
    let carry = '';
    let tail = '';
    const decoder = new StringDecoder('utf8');
    const emit = throttled(() => onProgress(state), pullTiming.emitEveryMs);

    const take = (pieces: readonly string[]) => {
      const before = state;
      for (const piece of pieces) {
        const event = parsePullLine(piece);
        if (event) state = foldPullEvent(state, event);
      }
      if (state !== before) emit.changed();
    };
    const received = (chunk: Buffer) => {
      const text = decoder.write(chunk);
      tail = (tail + text).slice(-pullTiming.tailChars);
      const split = splitPullChunk(carry, text);
      carry = split.carry;
      take(split.pieces);
    };
    // A pty merges stderr into stdout; a server that keeps them apart (the demo box) is read the same.
    channel.on('data', received);
    channel.stderr.on('data', received);
    // ssh2 hands the exit status to 'close' too, so one arriving with the channel's opening is not lost.
    channel.on('close', (code: number | null | undefined, signal?: string) => {
      const rest = decoder.end();
      tail = (tail + rest).slice(-pullTiming.tailChars);
      const last = splitPullChunk(carry, rest);
      take([...last.pieces, last.carry]);
      emit.stop();
      if (isCancelled()) {
        onProgress(state);
        return reject(cancelledFailure(image));
      }
      if (code === 0) {
        state = { ...state, phase: 'done' };
        onProgress(state);
        return resolve({ reference: state.reference ?? image, upToDate: state.upToDate });
      }
      onProgress(state);
      // No exit status at all: the channel went with the connection.
      if (code === undefined || (code === null && !signal)) {
        return reject(new AppFailure(appError('connection-lost', `The connection to the box dropped while pulling ${image}.`, 'Run it again once the box is back: layers that finished are kept.')));
      }
      reject(pullFailure(image, tail, code === null ? `signal ${signal ?? '?'}` : `exit status ${code}`));
    });
  });
