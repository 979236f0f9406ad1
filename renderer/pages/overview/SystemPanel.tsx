import { useTranslation } from 'react-i18next';
import { formatGiB, formatLoad, missing, shareOf, uptimeParts } from '../../telemetry/format.js';
import { useSampleView } from '../../telemetry/use-telemetry.js';

/** Disks, load and uptime: slow-moving numbers, re-rendered only when their text changes. */
export const SystemPanel = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const notReported = t('overview.notReported');
  const view = useSampleView(deviceId, (s) => ({
    load: s.load ? s.load.map((l) => formatLoad(l)).join('  ') : null,
    // Minutes are enough here, and keep this panel from re-rendering every second.
    uptime: s.uptimeSeconds === null ? null : uptimeParts(s.uptimeSeconds),
    disks: s.disks.map((d) => ({
      mount: d.mount,
      share: Math.round(shareOf(d.usedBytes, d.sizeBytes)),
      used: formatGiB(d.usedBytes),
      size: formatGiB(d.sizeBytes),
      free: formatGiB(d.availableBytes),
    })),
  }));
  const dash = (text: string | null | undefined) =>
    text ? text : (
      <span title={notReported} data-missing="">
        {missing}
      </span>
    );
  return (
    <section className="card ov-system">
      <h2 className="card__title">{t('overview.system')}</h2>
      <dl className="kv ov-system__kv">
        <dt>{t('overview.load')}</dt>
        <dd className="ov-mono" data-testid="ov-load">
          {dash(view?.load)}
        </dd>
        <dt>{t('overview.uptime')}</dt>
        <dd data-testid="ov-uptime">{dash(view?.uptime ? t('overview.uptimeValue', { ...view.uptime }) : null)}</dd>
      </dl>
      <h3 className="ov-subtitle">{t('overview.disks')}</h3>
      {view && view.disks.length === 0 ? <p className="muted">{t('overview.noDisks')}</p> : null}
      <ul className="ov-disks" data-testid="ov-disks">
        {(view?.disks ?? []).map((d) => (
          <li key={d.mount}>
            <div className="ov-disks__head">
              <code>{d.mount}</code>
              <span className="small muted">{t('overview.diskUsed', { used: d.used, size: d.size, free: d.free })}</span>
            </div>
            <div className="ov-meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={d.share} aria-label={d.mount}>
              <span className="ov-meter__fill" data-level={d.share >= 90 ? 'high' : d.share >= 75 ? 'mid' : 'low'} style={{ width: `${d.share}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
};
