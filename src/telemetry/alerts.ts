/**
 * Alerts from samples: GPU too hot, unified memory nearly full (the box stalls when it runs out),
 * clocks throttled, disk nearly full. Each fires once when its threshold is crossed and clears
 * only after the value is back below it by a margin, so a value hovering at the line does not
 * notify every second.
 */
import type { AlertThresholds } from '../domain/settings.js';
import type { TelemetrySample } from '../domain/telemetry.js';

export type AlertKind = 'gpu-hot' | 'memory-high' | 'disk-full' | 'throttled';

export interface AlertChange {
  readonly kind: AlertKind;
  readonly raised: boolean;
  /** The value that crossed (°C or %); 1 for throttling. */
  readonly value: number;
  readonly threshold: number;
}

/** How far below a threshold a value must come back before the alert clears. */
const hysteresis = { temperatureC: 5, percent: 3 } as const;

export class AlertWatch {
  private readonly active = new Set<AlertKind>();

  get raised(): readonly AlertKind[] {
    return [...this.active];
  }

  evaluate(sample: TelemetrySample, thresholds: AlertThresholds): AlertChange[] {
    const changes: AlertChange[] = [];
    const check = (kind: AlertKind, value: number | null, threshold: number, margin: number, enabled = true) => {
      if (value === null) return;
      const on = this.active.has(kind);
      if (enabled && !on && value >= threshold) {
        this.active.add(kind);
        changes.push({ kind, raised: true, value, threshold });
      } else if (on && (!enabled || value < threshold - margin)) {
        this.active.delete(kind);
        changes.push({ kind, raised: false, value, threshold });
      }
    };
    check('gpu-hot', sample.gpu?.temperatureC ?? null, thresholds.gpuTemperatureC, hysteresis.temperatureC);
    const memory = sample.memory && sample.memory.totalBytes > 0 ? (sample.memory.usedBytes / sample.memory.totalBytes) * 100 : null;
    check('memory-high', memory === null ? null : Math.round(memory), thresholds.memoryPercent, hysteresis.percent);
    const fullest = sample.disks.reduce<number | null>((max, d) => (d.sizeBytes > 0 ? Math.max(max ?? 0, (d.usedBytes / d.sizeBytes) * 100) : max), null);
    check('disk-full', fullest === null ? null : Math.round(fullest), thresholds.diskPercent, hysteresis.percent);
    const throttled = sample.gpu?.throttled;
    check('throttled', throttled === null || throttled === undefined ? null : throttled ? 1 : 0, 1, 1, thresholds.clocksThrottled);
    return changes;
  }
}
