import { Play, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ModelEntry, ModelSource } from '../../../src/domain/model.js';
import { formatLabel, modelSize, parameterLabel, serveTarget } from './model-format.js';

/** One source's models as a table: size, architecture, parameters, format, revision, Serve and Delete. */
export const ModelTable = ({ source, models, connected, onDelete }: { source: ModelSource; models: readonly ModelEntry[]; connected: boolean; onDelete: (model: ModelEntry) => void }) => {
  const { t } = useTranslation();
  return (
    <section className="models__group" data-testid={`models-group-${source}`}>
      <h2 className="models__group-title">{t(`models.source.${source}`)}</h2>
      <div className="cnt-table-wrap">
        <table className="data-table cnt-table models__table">
          <colgroup>
            <col />
            <col className="models__col-size" />
            <col className="models__col-arch" />
            <col className="models__col-params" />
            <col className="models__col-format" />
            <col className="models__col-revision" />
            <col className="models__col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th>{t('models.col.model')}</th>
              <th>{t('models.col.size')}</th>
              <th>{t('models.col.architecture')}</th>
              <th>{t('models.col.parameters')}</th>
              <th>{t('models.col.format')}</th>
              <th>{t('models.col.revision')}</th>
              <th>
                <span className="cnt-visually-hidden">{t('models.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => {
              const target = serveTarget(model);
              const params = model.parameters;
              return (
                <tr key={`${model.source}:${model.id}`} data-testid="model-row" data-model={model.id}>
                  <td className="cnt-name">
                    <span className="models__id">{model.id}</span>
                    {model.path ? <span className="small muted cnt-mono models__path">{model.path}</span> : null}
                  </td>
                  <td className="cnt-nowrap" data-label={t('models.col.size')}>{modelSize(model.sizeBytes) ?? t('models.unknownSize')}</td>
                  <td className="cnt-mono small" data-label={t('models.col.architecture')}>{model.architecture ?? '—'}</td>
                  <td className="cnt-nowrap" data-label={t('models.col.parameters')}>
                    {params ? (
                      <>
                        {params.active !== null ? t('models.params', { total: parameterLabel(params.total), active: parameterLabel(params.active) }) : parameterLabel(params.total)} <span className="small muted">{t('models.estimated')}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={t('models.col.format')}>
                    <span className="models__format" data-testid="model-format">
                      {formatLabel(model.format)}
                    </span>
                  </td>
                  <td className="cnt-mono small" data-label={t('models.col.revision')}>{model.revision ? model.revision.slice(0, 7) : '—'}</td>
                  <td className="cnt-actions">
                    <button type="button" className="button button--ghost small" disabled={!target} onClick={() => target && (location.hash = `#/serve?model=${encodeURIComponent(target)}`)} data-testid="model-serve">
                      <Play size={14} aria-hidden /> {t('models.serve')}
                    </button>
                    <button type="button" className="icon-button" aria-label={t('models.delete')} title={t('models.delete')} disabled={!connected} onClick={() => onDelete(model)} data-testid="model-delete">
                      <Trash2 size={15} />
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
};
