import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import { minuteLimits } from '../../../src/telemetry/minutes.js';
import { silentLogger } from '../log.js';
import { TelemetryArchive } from './telemetry-archive.js';

const minute = (at: number, util: number): TelemetrySample => ({
  at,
  gpu: { utilizationPercent: util, temperatureC: 50, powerW: 30, graphicsClockMHz: 2400, pstate: 'P0', throttled: false },
  memory: null,
  cpuBusyPercent: 5,
  cores: [],
  load: null,
  net: [],
  disks: [],
  uptimeSeconds: 100,
  processes: [],
});

const t0 = Date.UTC(2026, 10, 25, 0, 0, 0);
const m = minuteLimits.minuteMs;

const setup = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'pgx-archive-')), 'telemetry');
  let now = t0;
  const archive = () => new TelemetryArchive({ dir, log: silentLogger, now: () => now });
  return { dir, archive, setNow: (value: number) => (now = value) };
};

describe('telemetry archive', () => {
  it('keeps minutes on disk (0600) and reads them back after a restart', () => {
    const { dir, archive } = setup();
    const first = archive();
    first.append('box-1', minute(t0 - 2 * m, 10));
    first.append('box-1', minute(t0 - m, 20));
    const path = join(dir, 'box-1.jsonl');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = archive();
    expect(second.day('box-1').map((x) => x.gpu?.utilizationPercent)).toEqual([10, 20]);
    expect(second.day('box-1', t0 - 2 * m).map((x) => x.at)).toEqual([t0 - m]);
    expect(second.day('other')).toEqual([]);
  });

  it('skips lines that do not parse and keeps the rest', () => {
    const { dir, archive } = setup();
    archive().append('box-1', minute(t0 - 3 * m, 1));
    appendFileSync(join(dir, 'box-1.jsonl'), '{"at": "not a sample"}\n{truncated');
    appendFileSync(join(dir, 'box-1.jsonl'), '\n' + JSON.stringify(minute(t0 - m, 3)) + '\n');
    expect(archive().day('box-1').map((x) => x.gpu?.utilizationPercent)).toEqual([1, 3]);
  });

  it('forgets minutes older than a day, and compacts the file at twice a day of lines', () => {
    const { dir, archive, setNow } = setup();
    const a = archive();
    const total = 2 * minuteLimits.dayMinutes + 1;
    for (let i = 0; i < total; i++) {
      setNow(t0 + i * m);
      a.append('box-1', minute(t0 + i * m, i % 100));
    }
    const kept = a.day('box-1');
    expect(kept.length).toBe(minuteLimits.dayMinutes + 1);
    expect(kept[0]?.at).toBe(t0 + (total - 1 - minuteLimits.dayMinutes) * m);
    // The file was rewritten once (at 2 880 lines) and has grown by what came after.
    const lines = readFileSync(join(dir, 'box-1.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(minuteLimits.dayMinutes + 2);
    expect(archive().day('box-1').map((x) => x.at)).toEqual(kept.map((x) => x.at));
  });

  it('a removed box leaves no file behind', () => {
    const { dir, archive } = setup();
    const a = archive();
    a.append('box-1', minute(t0, 1));
    a.forget('box-1');
    expect(existsSync(join(dir, 'box-1.jsonl'))).toBe(false);
    expect(a.day('box-1')).toEqual([]);
  });
});
