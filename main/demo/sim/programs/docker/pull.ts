/**
 * Pulling an image: the registry lookup, the daemon's progress messages played out in real
 * time (tuning.downloadBytesPerSec; the slow-network fault divides it by 50), network activity
 * on the box while layers download, and the CLI's rendering of the message stream. Without a
 * terminal the CLI drops every message that carries a byte count, so "Downloading" and
 * "Extracting" lines only appear on a TTY (jsonmessage.Display); on a TTY each layer has its
 * own line, redrawn with cursor movements and a progress bar.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimImage } from '../../state.js';
import type { DockerCtx } from './context.js';
import { humanSize } from './go-text.js';
import { familiarName, familiarTagged, parseImageRef, pullingFromName, tagOf } from './image-ref.js';
import { type PullMessage, firstExtractAt, schedulePull } from './pull-schedule.js';
import { lookupRemote } from './registry.js';
import { fromDaemon, layerNoSpace, manifestUnknown, pullDenied } from './texts.js';

export type PullResult =
  | { readonly ok: true; readonly image: SimImage; readonly upToDate: boolean; readonly reference: string }
  | { readonly ok: false; readonly error: string; readonly interrupted: boolean };

const pullTuning = {
  /** Extraction (decompress + write) is local work: twice the nominal download speed, never slowed by the network. */
  extractSpeedup: 2,
  /** The slow-network fault (faults.ts): downloads crawl at 1/50. */
  slowNetworkDivisor: 50,
} as const;

/** Go's time.Duration String() for whole seconds: `45s`, `1m2s`, `1h0m3s`. */
const goDuration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
};

/** JSONProgress.String() for a 200-column terminal: bar, sizes and time left. */
const progressText = (progress: NonNullable<PullMessage['progress']>, at: number): string => {
  if (progress.current <= 0 && progress.total <= 0) return '';
  const percent = Math.min(50, Math.floor(((progress.current / progress.total) * 100) / 2));
  const bar = `[${'='.repeat(percent)}>${' '.repeat(Math.max(0, 50 - percent))}] `;
  const numbers = `${humanSize(progress.current).padStart(8, ' ')}/${humanSize(progress.total)}`;
  let left = '';
  if (progress.current > 0 && percent < 50) {
    const perByte = (at - progress.startedAt) / progress.current;
    left = ` ${goDuration(((progress.total - progress.current) * perByte) / 1000)}`;
  }
  return bar + numbers + left;
};

/** The CLI's rendering of the message stream (DisplayJSONMessagesStream). */
export class PullRenderer {
  private ids = new Map<string, number>();
  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  message(message: PullMessage): void {
    const progress = message.progress ? progressText(message.progress, message.at) : '';
    if (!this.tty) {
      if (progress !== '') return;
      this.write(`${message.id ? `${message.id}: ` : ''}${message.status}\n`);
      return;
    }
    if (message.id !== undefined && message.progress) {
      let line = this.ids.get(message.id);
      if (line === undefined) {
        line = this.ids.size;
        this.ids.set(message.id, line);
        this.write('\n');
      }
      const diff = this.ids.size - line;
      this.write(`\x1b[${diff}A\x1b[2K\r${message.id}: ${message.status} ${progress}\r\x1b[${diff}B`);
      return;
    }
    this.ids = new Map();
    this.write(`${message.id ? `${message.id}: ` : ''}${message.status}\n`);
  }
}

export interface PullOptions {
  readonly tty: boolean;
  /** `docker pull` says "Using default tag: latest" for a bare name; `docker run` does not. */
  readonly announceDefaultTag: boolean;
}

export const pullImage = async (ctx: DockerCtx, refText: string, write: (text: string) => void, options: PullOptions): Promise<PullResult> => {
  const { io } = ctx;
  const parsed = parseImageRef(refText);
  if (!parsed.ok) return { ok: false, error: parsed.error, interrupted: false };
  const ref = parsed.ref;
  const name = familiarName(ref);
  const tag = tagOf(ref);
  if (options.announceDefaultTag && !ref.tag && !ref.digest) write('Using default tag: latest\n');
  const state = io.read();
  const start = io.now();
  const remote = lookupRemote(name, tag, start, state.faults['image-amd64-only'] === true);
  if (!remote.ok) {
    return { ok: false, error: fromDaemon(remote.reason === 'denied' ? pullDenied(name) : manifestUnknown(familiarTagged(ref))), interrupted: false };
  }
  const renderer = new PullRenderer(write, options.tty);
  const image = remote.image;
  const requested = familiarTagged(ref);
  renderer.message({ at: 0, id: ref.digest && !ref.tag ? ref.digest : tag, status: `Pulling from ${pullingFromName(ref)}` });

  const local = state.images.find((i) => i.repository === name && i.tag === tag);
  if (local) {
    renderer.message({ at: 0, id: undefined, status: `Digest: ${local.digest}` });
    renderer.message({ at: 0, id: undefined, status: `Status: Image is up to date for ${requested}` });
    return { ok: true, image: local, upToDate: true, reference: requested };
  }

  const speed = state.tuning.downloadBytesPerSec / (state.faults['slow-network'] === true ? pullTuning.slowNetworkDivisor : 1);
  const schedule = schedulePull(image.layers, speed, state.tuning.downloadBytesPerSec * pullTuning.extractSpeedup);
  const diskFull = state.faults['disk-full'] === true;
  const failAt = diskFull ? firstExtractAt(schedule) : undefined;
  const activityId = `pull:${requested}`;
  io.update((s, now) => setActivity(s, activityId, { netRxBytesPerSec: speed, cpuCores: 0.3 }, now));

  let elapsed = 0;
  let downloading = true;
  const finish = () => io.update((s, now) => endActivity(s, activityId, now));
  for (const message of schedule.messages) {
    // A full disk fails the first layer write: nothing is extracted.
    if (failAt !== undefined && (message.at > failAt || (message.at === failAt && (message.status === 'Extracting' || message.status === 'Pull complete')))) break;
    if (message.at > elapsed) {
      if (!(await io.sleep(message.at - elapsed))) {
        finish();
        return { ok: false, error: 'context canceled', interrupted: true };
      }
      elapsed = message.at;
    }
    if (downloading && elapsed >= schedule.downloadsDoneAt) {
      downloading = false;
      io.update((s, now) => setActivity(s, activityId, { cpuCores: 1 }, now));
    }
    renderer.message(message);
  }
  finish();
  if (failAt !== undefined) return { ok: false, error: layerNoSpace(image.layers[0]?.id ?? image.id.slice(7, 19)), interrupted: false };

  renderer.message({ at: elapsed, id: undefined, status: `Digest: ${image.digest}` });
  renderer.message({ at: elapsed, id: undefined, status: `Status: Downloaded newer image for ${requested}` });
  io.update((s) => {
    s.images = s.images.filter((i) => !(i.repository === name && i.tag === tag));
    s.images.push(image);
  });
  return { ok: true, image, upToDate: false, reference: requested };
};
