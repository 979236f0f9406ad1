import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../telemetry/format.js';
import { heatColor } from '../../telemetry/heat.js';
import { useSampleView, useTelemetryListener } from '../../telemetry/use-telemetry.js';

type Cluster = 'big' | 'little' | 'other';
const clusterOrder: readonly Cluster[] = ['big', 'little', 'other'];

/**
 * One cell per CPU core, big (X925) and little (A725) clusters apart. Which cores exist changes
 * almost never, so only that is React state; the colours are painted per sample.
 */
export const HeatStrip = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const cells = useRef(new Map<number, HTMLElement>());
  const layout = useSampleView(deviceId, (s) =>
    s.cores.map((c) => ({ core: c.core, cluster: (c.cluster ?? 'other') as Cluster })).sort((a, b) => a.core - b.core),
  );
  const title: Record<Cluster, string> = { big: t('overview.big'), little: t('overview.little'), other: t('overview.otherCores') };
  const notReported = t('overview.notReported');

  useTelemetryListener(deviceId, ({ latest }) => {
    for (const c of latest?.cores ?? []) {
      const cell = cells.current.get(c.core);
      if (!cell) continue;
      const color = heatColor(c.busyPercent);
      cell.style.background = color ?? '';
      cell.toggleAttribute('data-missing', color === null);
      cell.title = t('overview.coreTip', { core: c.core, busy: c.busyPercent === null ? notReported : formatPercent(c.busyPercent) });
    }
  }, layout);

  return (
    <section className="card ov-cores" aria-label={t('overview.cores')}>
      <h2 className="card__title">{t('overview.cores')}</h2>
      {layout && layout.length === 0 ? <p className="muted">{t('overview.noCores')}</p> : null}
      <div className="ov-heat" data-testid="ov-heat-strip">
        {clusterOrder.map((cluster) => {
          const cores = (layout ?? []).filter((c) => c.cluster === cluster);
          if (cores.length === 0) return null;
          return (
            <div key={cluster} className={`ov-heat__group ov-heat__group--${cluster}`}>
              <span className="ov-heat__label small muted">
                {title[cluster]} × {cores.length}
              </span>
              <div className="ov-heat__cells">
                {cores.map(({ core }) => (
                  <span
                    key={core}
                    className="ov-heat__cell"
                    data-core={core}
                    ref={(el) => {
                      if (el) cells.current.set(core, el);
                      else cells.current.delete(core);
                    }}
                  >
                    {core}
                  </span>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
};
