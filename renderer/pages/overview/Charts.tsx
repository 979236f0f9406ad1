import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { col, netKey } from '../../telemetry/columns.js';
import { bytesPerGiB, bytesPerMB, formatCelsius, formatGiB, formatMBps, formatPercent, formatWatts } from '../../telemetry/format.js';
import { telemetryDayHub, telemetryHub } from '../../telemetry/telemetry-store.js';
import { useSampleView, useTelemetryDay } from '../../telemetry/use-telemetry.js';
import type { ChartAxis, ChartLine } from './chart-options.js';
import { TimeChart } from './TimeChart.js';

interface ChartsProps {
  readonly deviceId: string;
  readonly rangeSeconds: number;
  readonly netNames: readonly string[];
  /** The 24-hour view: the minutes kept on the laptop instead of the live samples. */
  readonly day: boolean;
}

/** Live samples further apart than this are a pause or a cut; minutes, a time nobody watched. */
const gapMs = { live: 10_000, day: 150_000 } as const;

/** How many minutes the laptop holds for a box (re-renders once a minute at most). */
const useDayMinutes = (deviceId: string): number => {
  const subscribe = useCallback((changed: () => void) => telemetryDayHub.subscribe(deviceId, changed), [deviceId]);
  return useSyncExternalStore(subscribe, () => telemetryDayHub.peek(deviceId)?.ring.length ?? 0);
};

const percentAxis: ChartAxis = { scale: '%', side: 'left', unit: '%', range: [0, 100] };

/** The time-series charts. Specs are memoised per language so a sample never rebuilds a chart. */
export const Charts = ({ deviceId, rangeSeconds, netNames, day }: ChartsProps) => {
  const { t } = useTranslation();
  useTelemetryDay(deviceId, day);
  const dayMinutes = useDayMinutes(deviceId);
  const hub = day ? telemetryDayHub : telemetryHub;
  const gap = day ? gapMs.day : gapMs.live;
  const links = useSampleView(deviceId, (s) => s.net.map((n) => ({ name: n.name, state: n.state, speedMbps: n.speedMbps })));

  const specs = useMemo(() => {
    const gib = (v: number | null) => formatGiB(v === null ? null : v * bytesPerGiB);
    const mbps = (v: number | null) => formatMBps(v === null ? null : v * bytesPerMB);
    return {
      gpu: {
        lines: [
          { key: col.gpuUtil, label: t('overview.charts.util'), color: '--ov-gpu', scale: '%', fill: true, format: formatPercent },
          { key: col.gpuTemp, label: t('overview.charts.temp'), color: '--ov-temp', scale: '°C', format: formatCelsius },
        ] satisfies ChartLine[],
        axes: [percentAxis, { scale: '°C', side: 'right', unit: '°C', range: [0, 100] }] satisfies ChartAxis[],
      },
      power: {
        lines: [{ key: col.power, label: t('overview.charts.watts'), color: '--ov-power', scale: 'W', fill: true, format: formatWatts }] satisfies ChartLine[],
        axes: [{ scale: 'W', side: 'left', unit: 'W' }] satisfies ChartAxis[],
      },
      memory: {
        lines: [
          { key: col.memUsed, label: t('overview.charts.used'), color: '--ov-mem', scale: 'GiB', factor: 1 / bytesPerGiB, fill: true, format: gib },
          { key: col.memCache, label: t('overview.charts.cache'), color: '--ov-cache', scale: 'GiB', factor: 1 / bytesPerGiB, format: gib },
        ] satisfies ChartLine[],
        axes: [
          {
            scale: 'GiB',
            side: 'left',
            unit: 'GiB',
            // The axis tops out at the box's real total, so "how full" reads at a glance.
            max: () => {
              const total = telemetryHub.peek(deviceId)?.latest?.memory?.totalBytes;
              return total ? total / bytesPerGiB : null;
            },
          },
        ] satisfies ChartAxis[],
      },
      netAxes: [{ scale: 'MB/s', side: 'left', unit: 'MB/s' }] satisfies ChartAxis[],
      net: (name: string): ChartLine[] => [
        { key: netKey(name, 'rx'), label: t('overview.charts.rx'), color: '--ov-rx', scale: 'MB/s', factor: 1 / bytesPerMB, fill: true, format: mbps },
        { key: netKey(name, 'tx'), label: t('overview.charts.tx'), color: '--ov-tx', scale: 'MB/s', factor: 1 / bytesPerMB, format: mbps },
      ],
    };
  }, [t, deviceId]);

  const netLines = useMemo(() => new Map(netNames.map((name) => [name, specs.net(name)])), [netNames, specs]);

  const linkText = (name: string) => {
    const link = links?.find((l) => l.name === name);
    if (!link) return '';
    if (link.state === 'down') return ` · ${t('overview.linkDown')}`;
    return link.speedMbps ? ` · ${t('overview.linkSpeed', { speed: link.speedMbps / 1000 })}` : '';
  };

  const chart = { deviceId, rangeSeconds, hub, gapMs: gap };
  return (
    <>
      {day ? (
        <p className="small muted ov-day-note" data-testid="ov-day-note">
          {dayMinutes === 0 ? t('overview.dayEmpty') : t('overview.dayNote', { h: Math.floor(dayMinutes / 60), m: dayMinutes % 60 })}
        </p>
      ) : null}
      <div className="ov-charts">
        <TimeChart {...chart} title={t('overview.charts.gpu')} {...specs.gpu} testId="ov-chart-gpu" />
        <TimeChart {...chart} title={t('overview.charts.power')} {...specs.power} testId="ov-chart-power" />
        <TimeChart {...chart} title={t('overview.charts.memory')} {...specs.memory} testId="ov-chart-memory" />
        {netNames.map((name) => (
          <TimeChart
            key={name}
            {...chart}
            title={`${t('overview.charts.network', { name })}${linkText(name)}`}
            lines={netLines.get(name) ?? []}
            axes={specs.netAxes}
            testId={`ov-chart-net-${name}`}
          />
        ))}
      </div>
    </>
  );
};
