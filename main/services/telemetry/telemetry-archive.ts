/**
 * The last 24 hours of each box, kept on the laptop as minute summaries: one JSON line per minute
 * appended to `<data dir>/telemetry/<device id>.jsonl` (mode 0600), read back when first asked
 * for after a start, and rewritten without what fell out of the day once the file holds twice a
 * day's lines. A line that does not parse (a crash mid-append, a hand edit) is skipped, not fatal.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TelemetrySample } from '../../../src/domain/telemetry.js';
import { keepDay, minuteLimits } from '../../../src/telemetry/minutes.js';
import { writeFileAtomic } from '../../store/json-file-backend.js';
import type { Logger } from '../log.js';

interface DeviceDay {
  minutes: TelemetrySample[];
  /** Lines in the file, kept ones and stale ones alike (compaction is due at twice a day's). */
  fileLines: number;
}

export class TelemetryArchive {
  readonly #days = new Map<string, DeviceDay>();

  constructor(
    private readonly deps: {
      /** Folder of the day files (created when the first minute is written). */
      readonly dir: string;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {}

  #file(deviceId: string): string {
    // Device ids are letters, digits, _ and - (the contract's Id), so they are safe file names.
    return join(this.deps.dir, `${deviceId}.jsonl`);
  }

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #load(deviceId: string): DeviceDay {
    let day = this.#days.get(deviceId);
    if (day) return day;
    const minutes: TelemetrySample[] = [];
    let fileLines = 0;
    let skipped = 0;
    const path = this.#file(deviceId);
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        fileLines++;
        try {
          const parsed = TelemetrySample.safeParse(JSON.parse(line));
          if (parsed.success) minutes.push(parsed.data);
          else skipped++;
        } catch {
          skipped++;
        }
      }
    }
    if (skipped > 0) this.deps.log.warn(`telemetry archive: skipped ${skipped} unreadable line(s) in ${path}`);
    day = { minutes: keepDay(minutes, this.#now()), fileLines };
    this.#days.set(deviceId, day);
    return day;
  }

  /** The box's minutes of the last 24 hours (those after `since` when given), oldest first. */
  day(deviceId: string, since?: number): TelemetrySample[] {
    const day = this.#load(deviceId);
    day.minutes = keepDay(day.minutes, this.#now());
    return since === undefined ? [...day.minutes] : day.minutes.filter((m) => m.at > since);
  }

  /** Keeps one more minute, on disk at once (a crash loses at most the open minute). */
  append(deviceId: string, minute: TelemetrySample): void {
    const day = this.#load(deviceId);
    day.minutes = keepDay([...day.minutes, minute], this.#now());
    try {
      if (day.fileLines >= 2 * minuteLimits.dayMinutes) {
        writeFileAtomic(this.#file(deviceId), day.minutes.map((m) => JSON.stringify(m) + '\n').join(''));
        day.fileLines = day.minutes.length;
      } else {
        mkdirSync(this.deps.dir, { recursive: true, mode: 0o700 });
        appendFileSync(this.#file(deviceId), JSON.stringify(minute) + '\n', { mode: 0o600 });
        day.fileLines++;
      }
    } catch (error) {
      // The day stays in memory; the charts lose nothing while the app runs.
      this.deps.log.warn(`telemetry archive: could not write ${this.#file(deviceId)}`, error);
    }
  }

  /** A removed box leaves no history behind. */
  forget(deviceId: string): void {
    this.#days.delete(deviceId);
    rmSync(this.#file(deviceId), { force: true });
  }
}
