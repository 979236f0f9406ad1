import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatGiB, missing, shareOf } from '../../telemetry/format.js';
import { useTelemetryListener } from '../../telemetry/use-telemetry.js';
import { paintValue } from './paint.js';

type Part = 'used' | 'cache' | 'free';
const parts: readonly Part[] = ['used', 'cache', 'free'];

/**
 * Used / page cache / free of the box's real MemTotal (never a hard-coded 128 GB, never
 * nvidia-smi's "Not Supported"), painted from each sample without re-rendering.
 */
export const MemoryBar = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const bars = useRef(new Map<Part, HTMLElement>());
  const values = useRef(new Map<Part, HTMLElement>());
  const swap = useRef<HTMLParagraphElement>(null);
  const notReported = t('overview.notReported');
  const label: Record<Part, string> = { used: t('overview.memUsed'), cache: t('overview.memCache'), free: t('overview.memFree') };

  useTelemetryListener(deviceId, ({ latest }) => {
    const memory = latest?.memory ?? null;
    const bytes: Record<Part, number | null> = {
      used: memory?.usedBytes ?? null,
      cache: memory?.cacheBytes ?? null,
      free: memory?.freeBytes ?? null,
    };
    const total = memory?.totalBytes ?? 0;
    const usedShare = shareOf(bytes.used ?? 0, total);
    // Free takes what is left so the bar always spans the whole total.
    const widths: Record<Part, number> = {
      used: usedShare,
      cache: Math.min(shareOf(bytes.cache ?? 0, total), 100 - usedShare),
      free: 0,
    };
    widths.free = 100 - widths.used - widths.cache;
    for (const part of parts) {
      const bar = bars.current.get(part);
      if (bar) {
        bar.style.width = `${memory ? widths[part] : 0}%`;
        bar.title = `${label[part]}: ${formatGiB(bytes[part])}`;
      }
      paintValue(values.current.get(part), formatGiB(bytes[part]), bytes[part] !== null, notReported);
    }
    if (swap.current) {
      swap.current.textContent = !memory
        ? missing
        : memory.swapTotalBytes > 0
          ? t('overview.swap', { used: formatGiB(memory.swapUsedBytes), total: formatGiB(memory.swapTotalBytes) })
          : t('overview.noSwap');
    }
  });

  return (
    <section className="card ov-memory" data-testid="ov-memory">
      <h2 className="card__title">{t('overview.memoryTitle')}</h2>
      <div className="ov-memory__bar" role="img" aria-label={t('overview.memoryTitle')}>
        {parts.map((part) => (
          <span
            key={part}
            className={`ov-memory__seg ov-memory__seg--${part}`}
            ref={(el) => {
              if (el) bars.current.set(part, el);
              else bars.current.delete(part);
            }}
          />
        ))}
      </div>
      <ul className="ov-memory__legend">
        {parts.map((part) => (
          <li key={part}>
            <span className={`ov-swatch ov-memory__seg--${part}`} aria-hidden />
            {label[part]}{' '}
            <strong
              data-testid={`ov-mem-${part}-bar`}
              ref={(el) => {
                if (el) values.current.set(part, el);
                else values.current.delete(part);
              }}
            >
              {missing}
            </strong>
          </li>
        ))}
        <li className="muted">
          <p ref={swap} className="ov-memory__swap">
            {missing}
          </p>
        </li>
      </ul>
      <p className="muted small ov-memory__note">{t('overview.memNote')}</p>
    </section>
  );
};
