import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import { formatCelsius, formatGiB, formatMHz, formatPercent, formatWatts, missing } from '../../telemetry/format.js';
import { useTelemetryListener } from '../../telemetry/use-telemetry.js';
import { paintValue } from './paint.js';

interface Reading {
  readonly value: number | string | null;
  readonly text: string;
}

const reading = (value: number | null, format: (v: number | null) => string): Reading => ({ value, text: format(value) });

/** Each live figure: its test id (e2e reads the text) and how to read it from a sample. */
const figures = {
  'ov-gpu-util': (s) => reading(s.gpu?.utilizationPercent ?? null, formatPercent),
  'ov-gpu-temp': (s) => reading(s.gpu?.temperatureC ?? null, formatCelsius),
  'ov-gpu-power': (s) => reading(s.gpu?.powerW ?? null, formatWatts),
  'ov-gpu-clock': (s) => reading(s.gpu?.graphicsClockMHz ?? null, formatMHz),
  'ov-gpu-pstate': (s) => ({ value: s.gpu?.pstate ?? null, text: s.gpu?.pstate ?? missing }),
  'ov-mem-used': (s) => reading(s.memory?.usedBytes ?? null, (v) => formatGiB(v)),
  'ov-mem-total': (s) => reading(s.memory?.totalBytes ?? null, (v) => formatGiB(v)),
  'ov-cpu': (s) => reading(s.cpuBusyPercent, formatPercent),
} satisfies Record<string, (s: TelemetrySample) => Reading>;

type FigureId = keyof typeof figures;

/** The header row of big numbers, painted from the newest sample without re-rendering. */
export const BigNumbers = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const els = useRef(new Map<FigureId, HTMLElement>());
  const throttledEl = useRef<HTMLElement>(null);
  const notReported = t('overview.notReported');

  const root = useRef<HTMLElement>(null);

  useTelemetryListener(deviceId, ({ latest }) => {
    if (!latest) return;
    // When the shown sample was taken: the telemetry bench measures sample-to-screen from it.
    if (root.current) root.current.dataset['sampleAt'] = String(latest.at);
    for (const [id, read] of Object.entries(figures) as Array<[FigureId, (s: TelemetrySample) => Reading]>) {
      const { value, text } = read(latest);
      paintValue(els.current.get(id), text, value !== null, notReported);
    }
    if (throttledEl.current) throttledEl.current.hidden = latest.gpu?.throttled !== true;
  });

  const figure = (id: FigureId) => (
    <span
      className="ov-big__value"
      data-testid={id}
      ref={(el) => {
        if (el) els.current.set(id, el);
        else els.current.delete(id);
      }}
    >
      {missing}
    </span>
  );

  return (
    <section className="ov-big" aria-label={t('overview.title')} ref={root}>
      <div className="ov-big__item">
        {figure('ov-gpu-util')}
        <span className="ov-big__label">{t('overview.gpuUtil')}</span>
      </div>
      <div className="ov-big__item">
        {figure('ov-gpu-temp')}
        <span className="ov-big__label">{t('overview.gpuTemp')}</span>
      </div>
      <div className="ov-big__item">
        {figure('ov-gpu-power')}
        <span className="ov-big__label">{t('overview.power')}</span>
      </div>
      <div className="ov-big__item">
        {figure('ov-gpu-clock')}
        <span className="ov-big__label">
          {t('overview.clock')} · {figure('ov-gpu-pstate')}{' '}
          <span ref={throttledEl} className="badge badge--warn" hidden>
            {t('overview.throttled')}
          </span>
        </span>
      </div>
      <div className="ov-big__item ov-big__item--wide">
        <span className="ov-big__pair">
          {figure('ov-mem-used')}
          <span className="ov-big__of">{t('overview.memoryOf')}</span>
          {figure('ov-mem-total')}
        </span>
        <span className="ov-big__label">{t('overview.memory')}</span>
      </div>
      <div className="ov-big__item">
        {figure('ov-cpu')}
        <span className="ov-big__label">{t('overview.cpu')}</span>
      </div>
    </section>
  );
};
