/**
 * The daemon's side of `docker pull`: the progress messages it sends (jsonmessage) and when.
 * Layers download three at a time (max-concurrent-downloads) sharing the bandwidth, then are
 * extracted one after the other in order; the messages and their order are the daemon's
 * (distribution/xfer: "Pulling fs layer", "Waiting", "Downloading", "Verifying Checksum",
 * "Download complete", "Extracting", "Pull complete").
 */

export interface PullMessage {
  /** Milliseconds after the pull started. */
  readonly at: number;
  readonly id: string | undefined;
  readonly status: string;
  /** Byte progress (the TTY shows it as a bar; without a TTY such messages are not printed). */
  readonly progress?: { readonly current: number; readonly total: number; readonly startedAt: number };
}

export interface PullSchedule {
  readonly messages: PullMessage[];
  /** When the last layer finished downloading (the network goes quiet after it). */
  readonly downloadsDoneAt: number;
  readonly doneAt: number;
}

export const pullFacts = {
  /** dockerd's default max-concurrent-downloads. */
  concurrentDownloads: 3,
  /** Progress messages while a layer moves, ms apart (the daemon sends them about this often). */
  progressEveryMs: 200,
} as const;

interface LayerInput {
  readonly id: string;
  readonly sizeBytes: number;
}

export const schedulePull = (layers: readonly LayerInput[], downloadBytesPerSec: number, extractBytesPerSec: number): PullSchedule => {
  const messages: PullMessage[] = [];
  layers.forEach((layer, i) => {
    messages.push({ at: 0, id: layer.id, status: 'Pulling fs layer', progress: { current: 0, total: 0, startedAt: 0 } });
    if (i >= pullFacts.concurrentDownloads) messages.push({ at: 0, id: layer.id, status: 'Waiting', progress: { current: 0, total: 0, startedAt: 0 } });
  });

  // Processor sharing of the bandwidth among active downloads.
  const remaining = layers.map((l) => l.sizeBytes);
  const startedAt = layers.map(() => 0);
  const doneAt = layers.map(() => 0);
  let active = layers.slice(0, pullFacts.concurrentDownloads).map((_, i) => i);
  let next = active.length;
  let time = 0;
  let lastProgress = 0;
  while (active.length > 0) {
    const rate = downloadBytesPerSec / active.length / 1000; // bytes per ms each
    const step = Math.min(...active.map((i) => remaining[i]! / rate));
    const until = time + step;
    for (let t = lastProgress + pullFacts.progressEveryMs; t < until; t += pullFacts.progressEveryMs) {
      for (const i of active) {
        const layer = layers[i]!;
        const current = layer.sizeBytes - (remaining[i]! - rate * (t - time));
        messages.push({ at: t, id: layer.id, status: 'Downloading', progress: { current: Math.round(current), total: layer.sizeBytes, startedAt: startedAt[i]! } });
      }
      lastProgress = t;
    }
    for (const i of active) remaining[i] = Math.max(0, remaining[i]! - rate * step);
    time = until;
    const finished = active.filter((i) => remaining[i]! <= 1e-6);
    for (const i of finished) {
      doneAt[i] = time;
      messages.push({ at: time, id: layers[i]!.id, status: 'Verifying Checksum', progress: { current: 0, total: 0, startedAt: 0 } });
      messages.push({ at: time, id: layers[i]!.id, status: 'Download complete', progress: { current: 0, total: 0, startedAt: 0 } });
    }
    active = active.filter((i) => !finished.includes(i));
    while (active.length < pullFacts.concurrentDownloads && next < layers.length) {
      startedAt[next] = time;
      active.push(next);
      next += 1;
    }
  }
  const downloadsDoneAt = time;

  let extractEnd = 0;
  layers.forEach((layer, i) => {
    const start = Math.max(doneAt[i]!, extractEnd);
    const duration = (layer.sizeBytes / extractBytesPerSec) * 1000;
    for (let t = start + pullFacts.progressEveryMs; t < start + duration; t += pullFacts.progressEveryMs) {
      messages.push({ at: t, id: layer.id, status: 'Extracting', progress: { current: Math.round(((t - start) / duration) * layer.sizeBytes), total: layer.sizeBytes, startedAt: start } });
    }
    extractEnd = start + duration;
    messages.push({ at: extractEnd, id: layer.id, status: 'Pull complete', progress: { current: 0, total: 0, startedAt: 0 } });
  });

  // Stable order: by time, messages of the same instant in the order they were produced.
  const ordered = messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.at - b.m.at || a.i - b.i).map(({ m }) => m);
  return { messages: ordered, downloadsDoneAt, doneAt: extractEnd };
};

/** When the first layer starts extracting: where a full disk makes the pull fail. */
export const firstExtractAt = (schedule: PullSchedule): number => schedule.messages.find((m) => m.status === 'Extracting' || m.status === 'Pull complete')?.at ?? schedule.doneAt;
