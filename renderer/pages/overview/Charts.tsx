import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { col, netKey } from '../../telemetry/columns.js';
import { bytesPerGiB, bytesPerMB, formatCelsius, formatGiB, formatMBps, formatPercent, formatWatts } from '../../telemetry/format.js';
import { telemetryHub } from '../../telemetry/telemetry-store.js';
import { useSampleView } from '../../telemetry/use-telemetry.js';
import type { ChartAxis, ChartLine } from './chart-options.js';
import { TimeChart } from './TimeChart.js';

interface ChartsProps {
  readonly deviceId: string;
  readonly rangeSeconds: number;
  readonly netNames: readonly string[];
}

const percentAxis: ChartAxis = { scale: '%', side: 'left', unit: '%', range: [0, 100] };

/** The time-series charts. Specs are memoised per language so a sample never rebuilds a chart. */
export const Charts = ({ deviceId, rangeSeconds, netNames }: ChartsProps) => {
  const { t } = useTranslation();
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

  return (
    <div className="ov-charts">
      <TimeChart deviceId={deviceId} title={t('overview.charts.gpu')} {...specs.gpu} rangeSeconds={rangeSeconds} testId="ov-chart-gpu" />
      <TimeChart deviceId={deviceId} title={t('overview.charts.power')} {...specs.power} rangeSeconds={rangeSeconds} testId="ov-chart-power" />
      <TimeChart deviceId={deviceId} title={t('overview.charts.memory')} {...specs.memory} rangeSeconds={rangeSeconds} testId="ov-chart-memory" />
      {netNames.map((name) => (
        <TimeChart
          key={name}
          deviceId={deviceId}
          title={`${t('overview.charts.network', { name })}${linkText(name)}`}
          lines={netLines.get(name) ?? []}
          axes={specs.netAxes}
          rangeSeconds={rangeSeconds}
          testId={`ov-chart-net-${name}`}
        />
      ))}
    </div>
  );
};
