/**
 * `docker pull` progress. Without a terminal (the app's exec channels) docker prints one line
 * per daemon message and drops every message that carries a byte count, so there are no
 * "Downloading"/"Extracting" lines: `TAG: Pulling from REPO`, `LAYER: Pulling fs layer`,
 * `LAYER: Waiting`, `LAYER: Verifying Checksum`, `LAYER: Download complete`, `LAYER: Pull complete`,
 * `LAYER: Already exists`, `Digest: sha256:…`, `Status: Downloaded newer image for REF` /
 * `Status: Image is up to date for REF`, then the fully qualified reference. On a terminal the
 * same messages come with ANSI cursor moves, `\r` redraws and `Downloading [==>  ] 12.3MB/45.6MB`
 * bars; those are read too.
 */

export type LayerStatus =
  | 'pulling-fs-layer'
  | 'waiting'
  | 'downloading'
  | 'verifying-checksum'
  | 'download-complete'
  | 'extracting'
  | 'pull-complete'
  | 'already-exists'
  | 'retrying';

export type PullEvent =
  | { readonly kind: 'default-tag'; readonly tag: string }
  | { readonly kind: 'pulling-from'; readonly tagOrDigest: string; readonly repository: string }
  | { readonly kind: 'layer'; readonly layer: string; readonly status: LayerStatus; readonly currentBytes: number | null; readonly totalBytes: number | null }
  | { readonly kind: 'digest'; readonly digest: string }
  | { readonly kind: 'status'; readonly upToDate: boolean; readonly reference: string }
  | { readonly kind: 'reference'; readonly reference: string }
  | { readonly kind: 'warning'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string };

const layerStatuses: ReadonlyArray<[RegExp, LayerStatus]> = [
  [/^Pulling fs layer/, 'pulling-fs-layer'],
  [/^Waiting/, 'waiting'],
  [/^Downloading/, 'downloading'],
  [/^Verifying Checksum/, 'verifying-checksum'],
  [/^Download complete/, 'download-complete'],
  [/^Extracting/, 'extracting'],
  [/^Pull complete/, 'pull-complete'],
  [/^Already exists/, 'already-exists'],
  [/^Retrying in/, 'retrying'],
];

const decimal: Readonly<Record<string, number>> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

const bytes = (text: string | undefined): number | null => {
  const match = /^([0-9.]+(?:e[+-]?\d+)?)([kKmMgGtT]?[bB])$/.exec(text ?? '');
  const factor = match ? decimal[match[2]!.toLowerCase()] : undefined;
  return match && factor !== undefined ? Math.round(Number(match[1]) * factor) : null;
};

/** Terminal control sequences docker's TTY output uses (cursor up/down, clear line). */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

export const parsePullLine = (raw: string): PullEvent | null => {
  const line = raw.replace(ansi, '').trim();
  if (line === '') return null;
  const defaultTag = /^Using default tag: (\S+)$/.exec(line);
  if (defaultTag) return { kind: 'default-tag', tag: defaultTag[1]! };
  const from = /^(\S+): Pulling from (\S+)$/.exec(line);
  if (from) return { kind: 'pulling-from', tagOrDigest: from[1]!, repository: from[2]! };
  const digest = /^Digest: (sha256:[0-9a-f]{64})$/.exec(line);
  if (digest) return { kind: 'digest', digest: digest[1]! };
  const status = /^Status: (Downloaded newer image|Image is up to date) for (\S+)$/.exec(line);
  if (status) return { kind: 'status', upToDate: status[1] === 'Image is up to date', reference: status[2]! };
  if (line.startsWith('WARNING')) return { kind: 'warning', text: line };
  const layer = /^([0-9a-f]{12}): (.*)$/.exec(line);
  if (layer) {
    const rest = layer[2]!;
    const known = layerStatuses.find(([pattern]) => pattern.test(rest));
    if (known) {
      const counts = /(\S+)\/(\S+)\s*(?:\d+[hms0-9]*)?$/.exec(rest.replace(/\[[^\]]*\]/, ''));
      return { kind: 'layer', layer: layer[1]!, status: known[1], currentBytes: counts ? bytes(counts[1]) : null, totalBytes: counts ? bytes(counts[2]) : null };
    }
  }
  if (/^[a-z0-9.-]+(:\d+)?\/[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/.test(line) && !line.includes(' ')) return { kind: 'reference', reference: line };
  return { kind: 'other', text: line };
};

export interface PullLayer {
  readonly id: string;
  readonly status: LayerStatus;
  readonly currentBytes: number | null;
  readonly totalBytes: number | null;
}

export interface PullProgress {
  readonly events: PullEvent[];
  /** Each layer's latest state, in the order the layers were announced. */
  readonly layers: PullLayer[];
  /** Layers that are in place (pulled or already present). */
  readonly layersDone: number;
  readonly digest: string | null;
  /** The final fully qualified reference (`docker.io/library/ubuntu:latest`): the pull finished. */
  readonly reference: string | null;
  readonly upToDate: boolean;
  readonly finished: boolean;
}

/** Reads a whole (possibly partial) pull output: TTY redraws (`\r`) and plain lines alike. */
export const parsePullOutput = (output: string): PullProgress => {
  const events: PullEvent[] = [];
  const layers = new Map<string, PullLayer>();
  let digest: string | null = null;
  let reference: string | null = null;
  let upToDate = false;
  let sawStatus = false;
  for (const piece of output.split(/[\r\n]+/)) {
    const event = parsePullLine(piece);
    if (!event) continue;
    events.push(event);
    if (event.kind === 'layer') {
      const previous = layers.get(event.layer);
      layers.set(event.layer, {
        id: event.layer,
        status: event.status,
        currentBytes: event.currentBytes ?? (event.status === previous?.status ? previous.currentBytes : null),
        totalBytes: event.totalBytes ?? previous?.totalBytes ?? null,
      });
    } else if (event.kind === 'digest') digest = event.digest;
    else if (event.kind === 'status') {
      upToDate = event.upToDate;
      sawStatus = true;
    } else if (event.kind === 'reference') reference = event.reference;
  }
  const list = [...layers.values()];
  return {
    events,
    layers: list,
    layersDone: list.filter((l) => l.status === 'pull-complete' || l.status === 'already-exists').length,
    digest,
    reference,
    upToDate,
    finished: sawStatus,
  };
};
