/**
 * A `docker pull` as rows a user watches: docker-pull.ts reads each line (the TTY form with
 * byte-count bars, or the plain one with status words only), and this folds those events into
 * one row per layer, an overall fraction from the bytes known so far, and a phase. Also the
 * test of whether an image is already on the box, tolerant of the names docker leaves implicit.
 */
import { z } from 'zod';
import type { LayerStatus, PullEvent } from '../remote/parsers/docker-pull.js';

export const pullLayerStatuses = [
  'pulling-fs-layer',
  'waiting',
  'downloading',
  'verifying-checksum',
  'download-complete',
  'extracting',
  'pull-complete',
  'already-exists',
  'retrying',
] as const satisfies readonly LayerStatus[];

/** Does not compile when the parser gains a status the contract's enum lacks. */
const _everyStatusListed: [Exclude<LayerStatus, (typeof pullLayerStatuses)[number]>] extends [never] ? true : false = true;
void _everyStatusListed;

export const PullLayerRow = z.object({
  /** The layer's short id, as docker prints it (12 hex digits). */
  id: z.string(),
  status: z.enum(pullLayerStatuses),
  /** Bytes downloaded (or extracted) so far in this status; null when docker did not say (no terminal). */
  currentBytes: z.number().nullable(),
  /** The layer's compressed size, once docker has said it. */
  totalBytes: z.number().nullable(),
});
export type PullLayerRow = z.infer<typeof PullLayerRow>;

/** Resolving: asking the registry, no layer known yet; pulling: layers moving; done: the image is on the box. */
export const PullPhase = z.enum(['resolving', 'pulling', 'done']);
export type PullPhase = z.infer<typeof PullPhase>;

export interface PullState {
  /** Each layer's latest state, in the order docker announced them. */
  readonly layers: readonly PullLayerRow[];
  readonly phase: PullPhase;
  /** The fully qualified reference docker printed last, or the one its Status line named. */
  readonly reference: string | null;
  readonly upToDate: boolean;
}

export const emptyPullState: PullState = { layers: [], phase: 'resolving', reference: null, upToDate: false };

/** One event into the state; events that say nothing about the pull leave it as it was (same object). */
export const foldPullEvent = (state: PullState, event: PullEvent): PullState => {
  switch (event.kind) {
    case 'layer': {
      const index = state.layers.findIndex((l) => l.id === event.layer);
      const previous = index === -1 ? undefined : state.layers[index];
      const row: PullLayerRow = {
        id: event.layer,
        status: event.status,
        // A count belongs to its status: "Extracting 1MB/5MB" does not carry into "Pull complete".
        currentBytes: event.currentBytes ?? (previous?.status === event.status ? previous.currentBytes : null),
        totalBytes: event.totalBytes ?? previous?.totalBytes ?? null,
      };
      if (previous && previous.status === row.status && previous.currentBytes === row.currentBytes && previous.totalBytes === row.totalBytes) return state;
      const layers = index === -1 ? [...state.layers, row] : state.layers.map((l, i) => (i === index ? row : l));
      return { ...state, layers, phase: state.phase === 'done' ? 'done' : 'pulling' };
    }
    case 'status':
      return { ...state, upToDate: event.upToDate, reference: state.reference ?? event.reference, phase: 'done' };
    case 'reference':
      return { ...state, reference: event.reference };
    case 'default-tag':
    case 'pulling-from':
    case 'digest':
    case 'warning':
    case 'other':
      return state;
  }
};

/**
 * Splits a stream into the pieces docker's lines and redraws are made of (`\r` and `\n` both end
 * one). The last piece may be cut by the chunk's edge: it is handed back to go before the next chunk.
 */
export const splitPullChunk = (carry: string, chunk: string): { readonly pieces: string[]; readonly carry: string } => {
  const pieces = (carry + chunk).split(/[\r\n]/);
  const rest = pieces.pop() ?? '';
  return { pieces: pieces.filter((p) => p !== ''), carry: rest };
};

/** Terminal control sequences (cursor moves, clear line) a TTY pull is full of. */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** The last `count` readable lines of a pull's output: what a failure is explained from. */
export const pullOutputTail = (text: string, count: number): string[] =>
  text
    .replace(ansi, '')
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-count);

export interface PullTotals {
  /** Bytes downloaded and extracted, of the layers whose size docker has said. */
  readonly downloadedBytes: number;
  readonly extractedBytes: number;
  readonly knownBytes: number;
  /** Layers in place (pulled, or on the box already) of all announced. */
  readonly layersDone: number;
  readonly layersTotal: number;
  /**
   * 0…1: download and extraction count half each (both take minutes for an NGC image). From the
   * known bytes when docker gave any (on a terminal), else from the layers' steps; null while no
   * layer is known.
   */
  readonly fraction: number | null;
}

/** How far along a layer is from its status alone (no byte counts without a terminal). */
const stepShare: Readonly<Record<LayerStatus, number>> = {
  'pulling-fs-layer': 0,
  waiting: 0,
  retrying: 0,
  downloading: 0.25,
  'verifying-checksum': 0.5,
  'download-complete': 0.5,
  extracting: 0.75,
  'pull-complete': 1,
  'already-exists': 1,
};

const layerBytes = (layer: PullLayerRow, total: number): { downloaded: number; extracted: number } => {
  const current = Math.min(layer.currentBytes ?? 0, total);
  switch (layer.status) {
    case 'pulling-fs-layer':
    case 'waiting':
    case 'retrying':
    case 'already-exists':
      return { downloaded: 0, extracted: 0 };
    case 'downloading':
      return { downloaded: current, extracted: 0 };
    case 'verifying-checksum':
    case 'download-complete':
      return { downloaded: total, extracted: 0 };
    case 'extracting':
      return { downloaded: total, extracted: current };
    case 'pull-complete':
      return { downloaded: total, extracted: total };
  }
};

export const pullTotals = (layers: readonly PullLayerRow[]): PullTotals => {
  let downloadedBytes = 0;
  let extractedBytes = 0;
  let knownBytes = 0;
  for (const layer of layers) {
    if (layer.totalBytes === null || layer.totalBytes <= 0 || layer.status === 'already-exists') continue;
    const { downloaded, extracted } = layerBytes(layer, layer.totalBytes);
    downloadedBytes += downloaded;
    extractedBytes += extracted;
    knownBytes += layer.totalBytes;
  }
  const layersDone = layers.filter((l) => l.status === 'pull-complete' || l.status === 'already-exists').length;
  const moving = layers.filter((l) => l.status !== 'already-exists');
  const fraction =
    knownBytes > 0
      ? (downloadedBytes + extractedBytes) / (2 * knownBytes)
      : moving.length > 0
        ? moving.reduce((sum, l) => sum + stepShare[l.status], 0) / moving.length
        : layers.length > 0
          ? 1
          : null;
  return { downloadedBytes, extractedBytes, knownBytes, layersDone, layersTotal: layers.length, fraction };
};

/**
 * One layer's bar, as docker draws it: the bytes of the step it is in (downloading, then
 * extracting), full between the two and at the end; null when moving without a count (no terminal).
 */
export const layerFraction = (layer: PullLayerRow): number | null => {
  switch (layer.status) {
    case 'pulling-fs-layer':
    case 'waiting':
    case 'retrying':
      return 0;
    case 'downloading':
    case 'extracting':
      return layer.currentBytes !== null && layer.totalBytes !== null && layer.totalBytes > 0 ? Math.min(1, layer.currentBytes / layer.totalBytes) : null;
    case 'verifying-checksum':
    case 'download-complete':
    case 'pull-complete':
    case 'already-exists':
      return 1;
  }
};

/**
 * An image reference as docker lists it, so two spellings of one image compare equal:
 * `ubuntu`, `ubuntu:latest`, `docker.io/library/ubuntu:latest` → `ubuntu:latest`.
 */
export const normaliseImageReference = (reference: string): string => {
  let ref = reference.trim();
  const at = ref.indexOf('@');
  const digest = at === -1 ? '' : ref.slice(at);
  if (at !== -1) ref = ref.slice(0, at);
  ref = ref.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  // Only Docker Hub's own names drop `library/` (a registry host has a dot, a colon or is localhost).
  const firstPart = ref.split('/')[0] ?? '';
  const hasRegistry = ref.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  if (!hasRegistry) ref = ref.replace(/^library\//, '');
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.slice(lastSlash + 1).includes(':');
  return hasTag || digest !== '' ? ref + digest : `${ref}:latest`;
};

/** Whether `image` is among the references the box lists (by name: a digest reference never matches a tag). */
export const imageOnBox = (image: string, references: readonly (string | null)[]): boolean => {
  const wanted = normaliseImageReference(image);
  return references.some((r) => r !== null && normaliseImageReference(r) === wanted);
};
