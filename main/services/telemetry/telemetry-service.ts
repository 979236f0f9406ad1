/**
 * Telemetry for every box a window watches: one long-lived collector channel per box (kept
 * across reconnects), samples built on the laptop, kept for the last hour, and sent only to the
 * windows that watch. Nobody watching: the collector stops, and the box pays nothing. Every
 * sample is also folded into minute summaries that the archive keeps on disk for 24 hours.
 */
import type { BoxFacts, TelemetrySample } from '../../../src/domain/telemetry.js';
import type { AlertThresholds } from '../../../src/domain/settings.js';
import { AlertWatch, type AlertChange } from '../../../src/telemetry/alerts.js';
import { collectorCommand } from '../../../src/telemetry/collector-script.js';
import { createCollectorReader } from '../../../src/telemetry/collector-protocol.js';
import { SampleBuilder, factsFrom } from '../../../src/telemetry/sample-builder.js';
import { MinuteFolder } from '../../../src/telemetry/minutes.js';
import { AppFailure } from '../../../src/contract/errors.js';
import { keepStream, type KeptStream } from '../../ssh/kept-stream.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { TelemetryArchive } from './telemetry-archive.js';

export const telemetryLimits = {
  /** One hour at the default 1 Hz. */
  historySamples: 3_600,
  defaultIntervalMs: 1_000,
} as const;

export interface TelemetryEvents {
  sampled(clientIds: readonly string[], deviceId: string, sample: TelemetrySample): void;
  factsRead(clientIds: readonly string[], deviceId: string, facts: BoxFacts): void;
  failed(clientIds: readonly string[], deviceId: string, message: string, hint: string): void;
  alerted(deviceId: string, change: AlertChange, at: number): void;
}

interface DeviceTelemetry {
  readonly watchers: Set<string>;
  stream: KeptStream | undefined;
  intervalMs: number;
  facts: BoxFacts | null;
  readonly samples: TelemetrySample[];
  readonly alerts: AlertWatch;
  /** The minute being summarised (it stays open across pauses, so one minute is one summary). */
  readonly minutes: MinuteFolder;
}

export class TelemetryService {
  private readonly devices = new Map<string, DeviceTelemetry>();

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly events: TelemetryEvents;
      readonly log: Logger;
      readonly now?: () => number;
      /** Sample interval when a window does not ask for one (benches speed it up). */
      readonly defaultIntervalMs?: number;
      /** The user's alert thresholds, read at every sample (Settings may change them any time). */
      readonly thresholds?: () => AlertThresholds;
      /** Where minute summaries go for the 24-hour charts (absent: no day is kept). */
      readonly archive?: TelemetryArchive;
    },
  ) {}

  private entry(deviceId: string): DeviceTelemetry {
    let entry = this.devices.get(deviceId);
    if (!entry) {
      entry = { watchers: new Set(), stream: undefined, intervalMs: this.deps.defaultIntervalMs ?? telemetryLimits.defaultIntervalMs, facts: null, samples: [], alerts: new AlertWatch(), minutes: new MinuteFolder() };
      this.devices.set(deviceId, entry);
    }
    return entry;
  }

  watch(clientId: string, deviceId: string, on: boolean, intervalMs?: number): void {
    const entry = this.entry(deviceId);
    if (on) entry.watchers.add(clientId);
    else entry.watchers.delete(clientId);
    if (intervalMs !== undefined && intervalMs !== entry.intervalMs) {
      entry.intervalMs = intervalMs;
      this.stop(entry);
    }
    if (entry.watchers.size > 0 && !entry.stream) this.start(deviceId, entry);
    if (entry.watchers.size === 0) this.stop(entry);
  }

  /** A window went away: it watches nothing any more. */
  forget(clientId: string): void {
    for (const [deviceId, entry] of this.devices) if (entry.watchers.has(clientId)) this.watch(clientId, deviceId, false);
  }

  history(deviceId: string): { facts: BoxFacts | null; samples: TelemetrySample[] } {
    const entry = this.devices.get(deviceId);
    return { facts: entry?.facts ?? null, samples: entry ? [...entry.samples] : [] };
  }

  /** The box's minute summaries of the last 24 hours (after `since` when given), oldest first. */
  day(deviceId: string, since?: number): TelemetrySample[] {
    return this.deps.archive?.day(deviceId, since) ?? [];
  }

  /** A removed box: its collector stops and its history goes. */
  forgetDevice(deviceId: string): void {
    const entry = this.devices.get(deviceId);
    if (entry) this.stop(entry);
    this.devices.delete(deviceId);
    this.deps.archive?.forget(deviceId);
  }

  /** How many collector channels run (tests check that nobody watching means none). */
  get running(): number {
    return [...this.devices.values()].filter((e) => e.stream).length;
  }

  private start(deviceId: string, entry: DeviceTelemetry): void {
    const now = this.deps.now ?? Date.now;
    let builder = new SampleBuilder();
    let read = (_chunk: string) => {};
    const watchers = () => [...entry.watchers];
    const connection = this.deps.connection(deviceId);
    entry.stream = keepStream(connection, (c) => c.execStream(collectorCommand(entry.intervalMs)), {
      // A fresh channel (first start or after a reconnect) starts a fresh protocol reader.
      opened: () => {
        builder = new SampleBuilder();
        read = createCollectorReader({
          facts: (lines) => {
            entry.facts = factsFrom(lines);
            this.deps.events.factsRead(watchers(), deviceId, entry.facts);
          },
          cpuMax: (core, khz) => builder.cpuMaxFreq(core, khz),
          gpu: (line) => builder.gpu(line),
          app: (line, cgroup) => builder.app(line, cgroup),
          problem: (sentence) => this.deps.events.failed(watchers(), deviceId, `${sentence}.`, 'GPU numbers stay empty until it is installed: sudo apt install nvidia-utils (DGX OS ships it).'),
          tick: (tick) => {
            const sample = builder.tick(tick, now());
            if (!sample) return;
            entry.samples.push(sample);
            if (entry.samples.length > telemetryLimits.historySamples) entry.samples.splice(0, entry.samples.length - telemetryLimits.historySamples);
            this.deps.events.sampled(watchers(), deviceId, sample);
            const minute = entry.minutes.add(sample);
            if (minute) this.deps.archive?.append(deviceId, minute);
            if (this.deps.thresholds) for (const change of entry.alerts.evaluate(sample, this.deps.thresholds())) this.deps.events.alerted(deviceId, change, sample.at);
          },
        });
      },
      data: (chunk) => read(chunk.toString('utf8')),
      failed: (error) => {
        const appError = error instanceof AppFailure ? error.error : { message: `Telemetry could not start: ${String(error)}`, hint: 'It retries after the next reconnect.' };
        this.deps.events.failed(watchers(), deviceId, appError.message, appError.hint);
      },
    });
    // Connect if the box is not connected yet; the collector starts once it is.
    if (connection.status.kind === 'disconnected') connection.connect().catch((error: unknown) => this.deps.log.warn('telemetry: connect failed', error));
  }

  private stop(entry: DeviceTelemetry): void {
    entry.stream?.close();
    entry.stream = undefined;
  }

  dispose(): void {
    for (const [deviceId, entry] of this.devices) {
      this.stop(entry);
      // The open minute is kept too: quitting loses nothing that was sampled.
      const minute = entry.minutes.flush();
      if (minute) this.deps.archive?.append(deviceId, minute);
    }
    this.devices.clear();
  }
}
