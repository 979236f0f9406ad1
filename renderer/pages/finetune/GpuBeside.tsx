import { useTranslation } from 'react-i18next';
import { formatCelsius, formatGiB, formatPercent, formatWatts } from '../../telemetry/format.js';
import { useSampleView, useTelemetryWatch } from '../../telemetry/use-telemetry.js';

/**
 * The box's GPU beside the curves while a run trains: utilisation, temperature, power and unified
 * memory from the telemetry collector (the Overview's samples), refreshed twice a second at most.
 */
export const GpuBeside = ({ deviceId, watching }: { deviceId: string; watching: boolean }) => {
  const { t } = useTranslation();
  useTelemetryWatch(deviceId, watching);
  const view = useSampleView(deviceId, (s) => ({
    util: formatPercent(s.gpu?.utilizationPercent ?? null),
    utilValue: s.gpu?.utilizationPercent ?? null,
    temp: formatCelsius(s.gpu?.temperatureC ?? null),
    power: formatWatts(s.gpu?.powerW ?? null),
    memory: s.memory ? `${formatGiB(s.memory.usedBytes)} / ${formatGiB(s.memory.totalBytes)}` : '—',
  }));
  return (
    <section className="card ft-gpu" aria-label={t('finetune.run.gpu')} data-testid="ft-gpu">
      <h3 className="card__title">{t('finetune.run.gpu')}</h3>
      {view ? (
        <dl className="ft-gpu__list">
          <div>
            <dt>{t('finetune.run.gpuUtil')}</dt>
            <dd data-testid="ft-gpu-util">{view.util}</dd>
            <progress max={100} value={view.utilValue ?? 0} aria-label={t('finetune.run.gpuUtil')} />
          </div>
          <div>
            <dt>{t('finetune.run.gpuTemp')}</dt>
            <dd>{view.temp}</dd>
          </div>
          <div>
            <dt>{t('finetune.run.gpuPower')}</dt>
            <dd>{view.power}</dd>
          </div>
          <div>
            <dt>{t('finetune.run.memory')}</dt>
            <dd>{view.memory}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted small">{t('finetune.run.gpuWaiting')}</p>
      )}
    </section>
  );
};
