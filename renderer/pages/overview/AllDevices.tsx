import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../src/domain/device.js';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import { boxName } from '../../devices/box-name.js';
import { statusText, statusTone, useNowWhile } from '../../devices/status.js';
import { useDevicesStore } from '../../state/devices-store.js';
import { formatCelsius, formatPercent, missing, toGiB } from '../../telemetry/format.js';
import { useSampleView, useTelemetryWatch } from '../../telemetry/use-telemetry.js';

/** What a card shows: formatted once, so the card re-renders only when one of these changes. */
const cardView = (sample: TelemetrySample) => ({
  gpu: formatPercent(sample.gpu?.utilizationPercent ?? null),
  memory: sample.memory ? `${toGiB(sample.memory.usedBytes).toFixed(1)} / ${toGiB(sample.memory.totalBytes).toFixed(1)} GiB` : missing,
  temp: formatCelsius(sample.gpu?.temperatureC ?? null),
});

const DeviceCard = ({ view, selected, onSelect }: { view: DeviceView; selected: boolean; onSelect: () => void }) => {
  const { t } = useTranslation();
  const { device, status } = view;
  const connected = status.kind === 'connected';
  // Same lifecycle as the dashboard: watched while this page shows, the window is visible and the box is connected.
  useTelemetryWatch(device.id, connected);
  const numbers = useSampleView(device.id, cardView);
  const name = boxName(t, device);
  const now = useNowWhile(status.kind === 'reconnecting');
  return (
    <button
      type="button"
      className="device-card"
      aria-pressed={selected}
      onClick={onSelect}
      data-testid="device-card"
      data-device-id={device.id}
      title={`${name} — ${statusText(t, status, now)}`}
    >
      <span className="device-card__name">
        <span className={`status-dot status-dot--${statusTone(status)}`} aria-hidden />
        <strong>{name}</strong>
      </span>
      <dl className="device-card__numbers small">
        <div>
          <dt className="muted">{t('overview.gpuUtil')}</dt>
          <dd data-testid="device-card-gpu">{numbers?.gpu ?? missing}</dd>
        </div>
        <div>
          <dt className="muted">{t('overview.cardMemory')}</dt>
          <dd data-testid="device-card-memory">{numbers?.memory ?? missing}</dd>
        </div>
        <div>
          <dt className="muted">{t('overview.cardTemp')}</dt>
          <dd data-testid="device-card-temp">{numbers?.temp ?? missing}</dd>
        </div>
      </dl>
    </button>
  );
};

/** One compact card per box, shown only when there is more than one box to compare. */
export const AllDevices = () => {
  const { t } = useTranslation();
  const views = useDevicesStore((s) => s.views);
  const selectedId = useDevicesStore((s) => s.selectedId);
  const select = useDevicesStore((s) => s.select);
  if (views.length < 2) return null;
  return (
    <nav className="all-devices" aria-label={t('overview.allDevices')} data-testid="all-devices">
      {views.map((view) => (
        <DeviceCard key={view.device.id} view={view} selected={view.device.id === selectedId} onSelect={() => select(view.device.id)} />
      ))}
    </nav>
  );
};
