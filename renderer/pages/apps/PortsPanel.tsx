import { Check, Copy, ExternalLink, Plus, Radar, X } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListeningPort, TunnelView } from '../../../src/domain/tunnel.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useCopy } from '../../components/use-copy.js';
import { clearTunnelError, closeTunnel, followTunnels, openTunnel, scanBoxPorts, useTunnelsStore } from '../../tunnels/tunnels-store.js';

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`);

const parsePort = (text: string): number | undefined => {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
};

const CopyUrl = ({ url }: { url: string }) => {
  const { t } = useTranslation();
  const { state, copy } = useCopy();
  return (
    <button type="button" className="icon-button" aria-label={t('ports.copy')} title={t('ports.copy')} onClick={() => void copy(url)}>
      {state === 'copied' ? <Check size={14} /> : <Copy size={14} />}
    </button>
  );
};

const Row = ({ tunnel }: { tunnel: TunnelView }) => {
  const { t } = useTranslation();
  const moved = tunnel.localPort !== tunnel.preferredPort;
  return (
    <tr data-testid="tunnel-row" data-state={tunnel.state}>
      <td>{tunnel.label ?? '—'}</td>
      <td className="data-table__num">{tunnel.boxPort}</td>
      <td>
        <a href={tunnel.url} target="_blank" rel="noreferrer noopener" data-testid="tunnel-url">
          {tunnel.url}
        </a>
        {moved ? (
          <div className="small muted" data-testid="tunnel-moved">
            {t('ports.moved', { wanted: tunnel.preferredPort })}
          </div>
        ) : null}
        {tunnel.lastError ? <div className="small ports__error">{tunnel.lastError}</div> : null}
      </td>
      <td>
        <span className={`ports__state ports__state--${tunnel.state}`}>{tunnel.state === 'ready' ? t('ports.ready') : t('ports.waiting')}</span>
      </td>
      <td className="data-table__num">{tunnel.connections}</td>
      <td className="data-table__num">
        ↓ {bytes(tunnel.bytesIn)} · ↑ {bytes(tunnel.bytesOut)}
      </td>
      <td className="ports__actions">
        <a className="icon-button" href={tunnel.url} target="_blank" rel="noreferrer noopener" aria-label={t('ports.openBrowser')} title={t('ports.openBrowser')}>
          <ExternalLink size={14} />
        </a>
        <CopyUrl url={tunnel.url} />
        <button type="button" className="icon-button" aria-label={t('ports.close')} title={t('ports.close')} onClick={() => void closeTunnel(tunnel.id)} data-testid="tunnel-close">
          <X size={14} />
        </button>
      </td>
    </tr>
  );
};

/** What the box listens on and is not forwarded yet, each one click from a tunnel. */
const BoxPorts = ({ deviceId, forwarded, connected }: { deviceId: string; forwarded: readonly number[]; connected: boolean }) => {
  const { t } = useTranslation();
  const [ports, setPorts] = useState<ListeningPort[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const scan = async () => {
    setBusy(true);
    setPorts((await scanBoxPorts(deviceId)) ?? undefined);
    setBusy(false);
  };
  const offered = (ports ?? []).filter((p) => !forwarded.includes(p.port) && p.port !== 22);
  return (
    <div className="ports__scan">
      <button type="button" className="button button--ghost small" onClick={() => void scan()} disabled={!connected || busy} data-testid="ports-scan">
        <Radar size={14} aria-hidden /> {busy ? t('ports.scanning') : t('ports.scan')}
      </button>
      {ports !== undefined && offered.length === 0 ? <span className="small muted">{t('ports.scanNothing')}</span> : null}
      {offered.length > 0 ? (
        <ul className="ports__offers" data-testid="ports-offers">
          {offered.map((p) => (
            <li key={p.port}>
              <span className="data-table__num">{p.port}</span>
              <span className="small muted">
                {p.process ?? ''} {p.public ? '' : t('ports.loopbackOnly')}
              </span>
              <button type="button" className="button button--ghost small" onClick={() => void openTunnel(deviceId, p.port, undefined, p.process ?? undefined)} data-testid={`ports-offer-${p.port}`}>
                <Plus size={14} aria-hidden /> {t('ports.forward')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

/** Forwarded ports of the box (like VS Code's Ports view), and a form to forward one by hand. */
export const PortsPanel = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const all = useTunnelsStore((s) => s.tunnels);
  const error = useTunnelsStore((s) => s.error);
  const tunnels = all.filter((x) => x.deviceId === deviceId);
  const [boxPort, setBoxPort] = useState('');
  const [localPort, setLocalPort] = useState('');
  const [label, setLabel] = useState('');
  useEffect(() => void followTunnels(), []);
  const box = parsePort(boxPort);
  const local = localPort.trim() === '' ? undefined : parsePort(localPort);
  const valid = box !== undefined && (localPort.trim() === '' || local !== undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (await openTunnel(deviceId, box, local, label.trim() || undefined)) {
      setBoxPort('');
      setLocalPort('');
      setLabel('');
    }
  };
  return (
    <section className="card" aria-labelledby="ports-title" data-testid="ports">
      <h2 className="card__title" id="ports-title">
        {t('ports.title')}
      </h2>
      <p className="small muted">{t('ports.explain')}</p>
      {error ? <ErrorNotice error={error} onRetry={clearTunnelError} retryLabel={t('common.close')} /> : null}
      {tunnels.length === 0 ? (
        <p className="muted" data-testid="ports-empty">
          {t('ports.empty')}
        </p>
      ) : (
        <div className="ports__table-wrap">
        <table className="data-table ports__table">
          <thead>
            <tr>
              <th>{t('ports.label')}</th>
              <th className="data-table__num">{t('ports.boxPort')}</th>
              <th>{t('ports.url')}</th>
              <th>{t('ports.state')}</th>
              <th className="data-table__num">{t('ports.connections')}</th>
              <th className="data-table__num">{t('ports.traffic')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tunnels.map((tunnel) => (
              <Row key={tunnel.id} tunnel={tunnel} />
            ))}
          </tbody>
        </table>
        </div>
      )}
      <form className="row ports__form" onSubmit={(e) => void submit(e)}>
        <input aria-label={t('ports.boxPort')} placeholder={t('ports.boxPortPlaceholder')} inputMode="numeric" value={boxPort} onChange={(e) => setBoxPort(e.target.value)} data-testid="ports-box-port" />
        <input aria-label={t('ports.localPort')} placeholder={t('ports.localPortPlaceholder')} inputMode="numeric" value={localPort} onChange={(e) => setLocalPort(e.target.value)} data-testid="ports-local-port" />
        <input aria-label={t('ports.label')} placeholder={t('ports.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button" disabled={!valid || !connected} data-testid="ports-forward">
          <Plus size={14} aria-hidden /> {t('ports.forward')}
        </button>
      </form>
      <BoxPorts deviceId={deviceId} forwarded={tunnels.map((x) => x.boxPort)} connected={connected} />
      {boxPort && box === undefined ? (
        <p className="small ports__error" role="alert">
          {t('ports.badPort')}
        </p>
      ) : null}
    </section>
  );
};
