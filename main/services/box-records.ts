/**
 * What a service that follows things on each box keeps (apps, model servers): its records by key
 * per box, one read of a box at a time (callers during a read share it), and forgetting a box with
 * every record's timer cleared. What a record is, and how a box is read, stay with the service.
 */

/** A record that may have a timer pending (a probe, the next step of a start). */
export interface TimedRecord {
  timer: NodeJS.Timeout | undefined;
}

export class BoxRecords<R extends TimedRecord> {
  readonly #records = new Map<string, Map<string, R>>();
  readonly #reading = new Map<string, Promise<void>>();

  /** The box's records by key; an empty map the first time. */
  of(deviceId: string): Map<string, R> {
    let records = this.#records.get(deviceId);
    if (!records) this.#records.set(deviceId, (records = new Map()));
    return records;
  }

  /** `read` of this box, unless one is under way: then that one. */
  once(deviceId: string, read: () => Promise<void>): Promise<void> {
    const running = this.#reading.get(deviceId);
    if (running) return running;
    const work = read().finally(() => this.#reading.delete(deviceId));
    this.#reading.set(deviceId, work);
    return work;
  }

  /** The box's records gone, their timers cleared. */
  forget(deviceId: string): void {
    for (const record of this.#records.get(deviceId)?.values() ?? []) if (record.timer) clearTimeout(record.timer);
    this.#records.delete(deviceId);
  }

  /** The boxes that have records. */
  devices(): string[] {
    return [...this.#records.keys()];
  }
}
