/**
 * What the services that follow host jobs on the box share (model downloads, fine-tune runs,
 * exports): one read of a box at a time — callers during a read share it — and, while the last
 * read found something still going, the next read a poll interval later. A box that is not
 * connected is not polled; the service's connected() reads it again when it comes back.
 */
import type { SshConnection } from '../ssh/connection.js';
import type { Logger } from './log.js';

interface Box<V> {
  timer: ReturnType<typeof setTimeout> | undefined;
  reading: Promise<V> | undefined;
}

export class BoxPolling<V> {
  readonly #boxes = new Map<string, Box<V>>();

  constructor(
    private readonly options: {
      /** Reads the box (the service's own bookkeeping happens in it). */
      readonly read: (deviceId: string) => Promise<V>;
      /** Whether what was read still moves, so the box is read again after pollMs. */
      readonly active: (value: V) => boolean;
      readonly pollMs: number;
      /** The box's connection: a box that is not connected is not polled. */
      readonly connection: (deviceId: string) => Pick<SshConnection, 'status'>;
      readonly log: Logger;
      /** For the log: `fine-tune runs`. */
      readonly what: string;
    },
  ) {}

  #box(deviceId: string): Box<V> {
    let box = this.#boxes.get(deviceId);
    if (!box) this.#boxes.set(deviceId, (box = { timer: undefined, reading: undefined }));
    return box;
  }

  refresh(deviceId: string): Promise<V> {
    const box = this.#box(deviceId);
    if (box.reading) return box.reading;
    box.reading = this.options
      .read(deviceId)
      .then((value) => (this.#schedule(deviceId, box, value), value))
      .finally(() => (box.reading = undefined));
    return box.reading;
  }

  /** The box came back (or first connected): read it; errors only logged. */
  connected(deviceId: string): void {
    this.refresh(deviceId).catch((error: unknown) => this.options.log.warn(`reading the ${this.options.what} of ${deviceId} failed`, error));
  }

  #schedule(deviceId: string, box: Box<V>, value: V): void {
    if (box.timer) clearTimeout(box.timer);
    box.timer = undefined;
    if (!this.options.active(value) || this.#boxes.get(deviceId) !== box) return;
    box.timer = setTimeout(() => {
      box.timer = undefined;
      if (this.options.connection(deviceId).status.kind !== 'connected') return;
      this.refresh(deviceId).catch((error: unknown) => this.options.log.warn(`polling the ${this.options.what} of ${deviceId} failed`, error));
    }, this.options.pollMs);
  }

  forget(deviceId: string): void {
    const box = this.#boxes.get(deviceId);
    if (box?.timer) clearTimeout(box.timer);
    this.#boxes.delete(deviceId);
  }

  dispose(): void {
    for (const deviceId of [...this.#boxes.keys()]) this.forget(deviceId);
  }
}
