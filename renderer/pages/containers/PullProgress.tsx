import { CircleCheck, Loader2, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { layerFraction, pullTotals, type PullLayerRow } from '../../../src/recipes/pull-progress.js';
import { cancelPull, type PullStatus } from '../../containers/containers-store.js';
import { Elapsed } from '../../components/Elapsed.js';
import { pullBytes } from './format.js';

/** A bar with its value for assistive technology; without a value (no byte counts yet) it is indeterminate. */
const Bar = ({ fraction, label, thin = false, testId }: { fraction: number | null; label: string; thin?: boolean; testId?: string }) => {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={thin ? 'cnt-bar cnt-bar--thin' : 'cnt-bar'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-indeterminate={percent === undefined ? '' : undefined}
      data-testid={testId}
    >
      <span className="cnt-bar__fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
};

/** `12.3 MB / 45.6 MB` while bytes move, the layer's size once they have, nothing before docker says it. */
const layerBytes = (layer: PullLayerRow): string => {
  if ((layer.status === 'downloading' || layer.status === 'extracting') && layer.currentBytes !== null && layer.totalBytes !== null) {
    return `${pullBytes(layer.currentBytes)} / ${pullBytes(layer.totalBytes)}`;
  }
  return layer.totalBytes !== null && layer.status !== 'already-exists' ? pullBytes(layer.totalBytes) : '';
};

const LayerRow = ({ layer }: { layer: PullLayerRow }) => {
  const { t } = useTranslation();
  const present = layer.status === 'already-exists';
  return (
    <li className="cnt-pull__layer" data-status={layer.status} data-testid="pull-layer">
      <span className="cnt-mono cnt-pull__id">{layer.id}</span>
      <span className="cnt-pull__status">{t(`containers.pull.status.${layer.status}`)}</span>
      {present ? <span aria-hidden /> : <Bar fraction={layerFraction(layer)} label={t('containers.pull.layer', { id: layer.id })} thin />}
      <span className="small muted cnt-nowrap cnt-pull__bytes">{layerBytes(layer)}</span>
    </li>
  );
};

/**
 * A pull before a run: where it is (asking the registry, layers moving, done), one bar for the
 * bytes known so far, and a row per layer as docker reports it; Cancel stops it on the box.
 */
export const PullProgress = ({ deviceId, pull }: { deviceId: string; pull: PullStatus }) => {
  const { t } = useTranslation();
  const totals = pullTotals(pull.layers);
  const image = pull.image;
  const title = pull.phase === 'resolving' ? t('containers.pull.resolving', { image }) : pull.phase === 'pulling' ? t('containers.pull.pulling', { image }) : t('containers.pull.done', { image });
  const summary = [
    totals.knownBytes > 0 ? t('containers.pull.downloaded', { downloaded: pullBytes(totals.downloadedBytes), total: pullBytes(totals.knownBytes) }) : '',
    totals.extractedBytes > 0 ? t('containers.pull.extracted', { extracted: pullBytes(totals.extractedBytes) }) : '',
    totals.layersTotal > 0 ? t('containers.pull.layers', { done: totals.layersDone, total: totals.layersTotal }) : '',
  ].filter((s) => s !== '');
  return (
    <div className="cnt-pull" data-testid="run-pull" data-phase={pull.phase}>
      <div className="cnt-pull__head">
        {pull.phase === 'done' ? <CircleCheck size={16} aria-hidden /> : <Loader2 size={16} className="spin" aria-hidden />}
        <p className="cnt-pull__title" role="status" data-testid="pull-title">
          {title}
        </p>
        <Elapsed since={pull.since} />
        <button type="button" className="button button--ghost" disabled={pull.cancelling || pull.phase === 'done'} onClick={() => void cancelPull(deviceId)} data-testid="pull-cancel">
          {pull.cancelling ? <Loader2 size={14} className="spin" aria-hidden /> : <X size={14} aria-hidden />} {pull.cancelling ? t('containers.pull.cancelling') : t('containers.pull.cancel')}
        </button>
      </div>
      <Bar fraction={totals.fraction} label={t('containers.pull.overall', { image })} testId="pull-overall" />
      {summary.length > 0 ? (
        <p className="small muted cnt-pull__summary" data-testid="pull-summary">
          {summary.join(' · ')}
        </p>
      ) : null}
      {pull.layers.length > 0 ? (
        <ul className="cnt-pull__layers" aria-label={t('containers.pull.layersTitle')}>
          {pull.layers.map((layer) => (
            <LayerRow key={layer.id} layer={layer} />
          ))}
        </ul>
      ) : null}
    </div>
  );
};
