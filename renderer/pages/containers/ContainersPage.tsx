import { Boxes, Loader2, Play, RefreshCw, Unplug } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Welcome } from '../../app/Welcome.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { clearContainerActionError, refreshContainers, useDeviceContainers } from '../../containers/containers-store.js';
import { boxName } from '../../devices/box-name.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { ContainerTable } from './ContainerTable.js';
import { absoluteTime, containerTimings } from './format.js';
import { ImagesSection } from './ImagesSection.js';
import { RunForm, runImageInputId } from './RunForm.js';

const focusRunForm = () => {
  const input = document.getElementById(runImageInputId);
  input?.scrollIntoView({ block: 'center' });
  input?.focus({ preventScroll: true });
};

/** The list read now and every few seconds while the page shows and the box is connected. */
const useContainersFollow = (deviceId: string, connected: boolean) => {
  useEffect(() => {
    if (!connected) return;
    void refreshContainers(deviceId);
    const timer = setInterval(() => {
      // A window in the background need not keep the box busy with `docker ps`.
      if (!document.hidden) void refreshContainers(deviceId);
    }, containerTimings.refreshMs);
    return () => clearInterval(timer);
  }, [deviceId, connected]);
};

/** The clock the relative times ("3 minutes ago") are written against, moved on with the list. */
const useNow = () => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), containerTimings.refreshMs);
    return () => clearInterval(timer);
  }, []);
  return now;
};

const Containers = ({ deviceId, box, connected }: { deviceId: string; box: string; connected: boolean }) => {
  const { t, i18n } = useTranslation();
  const data = useDeviceContainers(deviceId);
  const now = useNow();
  useContainersFollow(deviceId, connected);
  const loaded = data.updatedAt !== undefined;
  const refresh = () => void refreshContainers(deviceId, { fresh: true });

  return (
    <div className="cnt-page" data-testid="containers-page">
      <header className="page__header">
        <div>
          <h1>{t('containers.title')}</h1>
          <p className="small muted cnt-subtitle">{box}</p>
        </div>
        <div className="row">
          <button type="button" className="button" onClick={refresh} disabled={!connected || data.loading} data-testid="containers-refresh">
            {data.loading ? <Loader2 size={16} className="spin" aria-hidden /> : <RefreshCw size={16} aria-hidden />} {t('containers.refresh')}
          </button>
          <button type="button" className="button button--primary" onClick={focusRunForm} data-testid="containers-run-open">
            <Play size={16} aria-hidden /> {t('containers.runOpen')}
          </button>
        </div>
      </header>

      {!connected && data.updatedAt !== undefined ? (
        <p className="cnt-offline small" role="status" data-testid="containers-stale">
          {t('containers.stale', { time: absoluteTime(data.updatedAt, i18n.language) })}
        </p>
      ) : null}
      {data.error ? <ErrorNotice error={data.error} onRetry={connected ? refresh : undefined} retryLabel={t('common.retry')} /> : null}
      {data.actionError ? <ErrorNotice error={data.actionError} onRetry={() => clearContainerActionError(deviceId)} retryLabel={t('common.close')} /> : null}

      {!loaded ? (
        !connected ? (
          <EmptyState icon={Unplug} title={t('containers.notConnectedTitle')} body={t('containers.notConnected', { box })} testId="containers-offline" />
        ) : data.error ? null : (
          <p className="muted cnt-loading" role="status">
            <Loader2 size={16} className="spin" aria-hidden /> {t('containers.loading')}
          </p>
        )
      ) : data.containers.length === 0 ? (
        <EmptyState icon={Boxes} title={t('containers.emptyTitle')} body={t('containers.emptyBody')} testId="containers-empty">
          <button type="button" className="button button--primary" onClick={focusRunForm}>
            <Play size={16} aria-hidden /> {t('containers.runOpen')}
          </button>
        </EmptyState>
      ) : (
        <section className="card cnt-containers" aria-labelledby="cnt-list-title">
          <h2 className="card__title" id="cnt-list-title">
            {t('containers.listTitle', { n: data.containers.length })}
          </h2>
          <ContainerTable deviceId={deviceId} containers={data.containers} pending={data.pending} connected={connected} now={now} />
        </section>
      )}

      {loaded ? <ImagesSection images={data.images} now={now} /> : null}
      <RunForm deviceId={deviceId} connected={connected} />
    </div>
  );
};

/** Every container and image on the selected box, what can be done to each, and a form to run a new one. */
const ContainersPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  if (!view) return <Welcome page={t('nav.containers')} />;
  const { device, status } = view;
  // Keyed by device: switching boxes starts clean (dialogs, the preview); the list and the form's draft live in the store per box.
  return <Containers key={device.id} deviceId={device.id} box={boxName(t, device)} connected={status.kind === 'connected'} />;
};

export default ContainersPage;
