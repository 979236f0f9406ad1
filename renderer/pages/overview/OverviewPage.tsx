import { Download, Hourglass, Pause, Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Welcome } from '../../app/Welcome.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { boxName } from '../../devices/box-name.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { clearTelemetryError, setTelemetryRate, telemetryRate, telemetryRates, useDeviceTelemetryMeta } from '../../telemetry/telemetry-store.js';
import { useTelemetryWatch } from '../../telemetry/use-telemetry.js';
import { AllDevices } from './AllDevices.js';
import { BigNumbers } from './BigNumbers.js';
import { Charts } from './Charts.js';
import { downloadSamplesCsv } from './download.js';
import { EnvironmentCheck } from './EnvironmentCheck.js';
import { FactsLine } from './FactsLine.js';
import { HeatStrip } from './HeatStrip.js';
import { MemoryBar } from './MemoryBar.js';
import { ProcessTable } from './ProcessTable.js';
import { SystemPanel } from './SystemPanel.js';

/** Chart windows offered: live samples for up to an hour, the laptop's minutes for the day. */
const ranges = [
  { id: '5m', seconds: 5 * 60 },
  { id: '1h', seconds: 60 * 60 },
  { id: '24h', seconds: 24 * 60 * 60 },
] as const;
type RangeId = (typeof ranges)[number]['id'];

const Dashboard = ({ deviceId, box, connected }: { deviceId: string; box: string; connected: boolean }) => {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(false);
  const [range, setRange] = useState<RangeId>('5m');
  const meta = useDeviceTelemetryMeta(deviceId);
  const [rate, setRate] = useState(() => telemetryRate(deviceId));
  // Re-watching when the connection comes back: the collector starts with the connection.
  useTelemetryWatch(deviceId, !paused && connected);
  const rangeSeconds = ranges.find((r) => r.id === range)?.seconds ?? ranges[0].seconds;
  const rangeLabel: Record<RangeId, string> = { '5m': t('overview.range5m'), '1h': t('overview.range1h'), '24h': t('overview.range24h') };
  const day = range === '24h';

  return (
    <div className="overview" data-testid="overview-page">
      <header className="page__header ov-header">
        <h1>{t('overview.title')}</h1>
        <div className="row">
          <div className="segmented" role="radiogroup" aria-label={t('overview.range')}>
            {ranges.map((r) => (
              <button
                key={r.id}
                type="button"
                role="radio"
                aria-checked={range === r.id}
                className="segmented__item"
                data-testid={`ov-range-${r.id}`}
                onClick={() => setRange(r.id)}
              >
                {rangeLabel[r.id]}
              </button>
            ))}
          </div>
          <select
            aria-label={t('overview.rate')}
            value={rate}
            onChange={(event) => {
              const next = Number(event.target.value);
              setRate(next);
              void setTelemetryRate(deviceId, next);
            }}
            data-testid="ov-rate"
          >
            {telemetryRates.map((ms) => (
              <option key={ms} value={ms}>
                {t('overview.rateHz', { hz: 1000 / ms })}
              </option>
            ))}
          </select>
          <button type="button" className="button" aria-pressed={paused} onClick={() => setPaused((p) => !p)} data-testid="ov-pause">
            {paused ? <Play size={16} aria-hidden /> : <Pause size={16} aria-hidden />} {paused ? t('overview.resume') : t('overview.pause')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!meta.hasSample}
            onClick={() => downloadSamplesCsv(deviceId, box, day)}
            data-testid="ov-export"
          >
            <Download size={16} aria-hidden /> {t('overview.exportCsv')}
          </button>
        </div>
      </header>
      {meta.error ? (
        <ErrorNotice error={meta.error} onRetry={() => clearTelemetryError(deviceId)} retryLabel={t('common.close')} />
      ) : null}
      {paused ? (
        <p className="ov-paused small" role="status">
          {t('overview.paused')}
        </p>
      ) : null}
      {!meta.hasSample ? (
        <EmptyState icon={Hourglass} title={t('overview.waiting', { box })} body={t('overview.waitingHint')} testId="ov-waiting" />
      ) : (
        <>
          <BigNumbers deviceId={deviceId} />
          <div className="ov-grid">
            <MemoryBar deviceId={deviceId} />
            <HeatStrip deviceId={deviceId} />
          </div>
          <Charts deviceId={deviceId} rangeSeconds={rangeSeconds} netNames={meta.netNames} day={day} />
          <ProcessTable deviceId={deviceId} />
          <SystemPanel deviceId={deviceId} />
        </>
      )}
      <FactsLine facts={meta.facts} />
      <EnvironmentCheck deviceId={deviceId} connected={connected} />
    </div>
  );
};

const OverviewPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  if (!view) return <Welcome page={t('nav.overview')} />;
  const { device, status } = view;
  // Keyed by device: switching boxes starts clean (range, pause, chart instances). The All devices
  // row stays outside the key, so picking a card does not re-watch every box.
  return (
    <>
      <AllDevices />
      <Dashboard key={device.id} deviceId={device.id} box={boxName(t, device)} connected={status.kind === 'connected'} />
    </>
  );
};

export default OverviewPage;
