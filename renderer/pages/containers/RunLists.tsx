import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { editRunDraft, type EnvDraft, type PortDraft, type RunDraft, type VolumeDraft } from '../../containers/containers-store.js';
import { nextRowId, type FormProblems } from './run-form-model.js';

type ListName = 'ports' | 'volumes' | 'env';
type RowOf<L extends ListName> = RunDraft[L][number];

const editRow = <L extends ListName>(deviceId: string, list: L, id: number, change: Partial<RowOf<L>>) =>
  editRunDraft(deviceId, (d) => ({ ...d, [list]: (d[list] as readonly RowOf<L>[]).map((row) => (row.id === id ? { ...row, ...change } : row)) }));

const removeRow = (deviceId: string, list: ListName, id: number) =>
  editRunDraft(deviceId, (d) => ({ ...d, [list]: (d[list] as readonly { id: number }[]).filter((row) => row.id !== id) }));

const addRow = <L extends ListName>(deviceId: string, list: L, row: RowOf<L>) =>
  editRunDraft(deviceId, (d) => ({ ...d, [list]: [...(d[list] as readonly RowOf<L>[]), row] }));

const addTestIds: Record<ListName, string> = { ports: 'run-add-port', volumes: 'run-add-volume', env: 'run-add-env' };

/** A titled list of rows with its add button, laid out like the form's other fields. */
const ListField = ({ name, title, hint, addLabel, onAdd, children }: { name: ListName; title: string; hint?: string; addLabel: string; onAdd: () => void; children: ReactNode }) => (
  <div className="cnt-field cnt-list" role="group" aria-labelledby={`cnt-run-${name}`}>
    <span className="cnt-field__label" id={`cnt-run-${name}`}>
      {title}
    </span>
    <div className="cnt-field__control">
      {hint ? <p className="small muted cnt-list__hint">{hint}</p> : null}
      {children}
      <button type="button" className="button button--ghost small cnt-list__add" onClick={onAdd} data-testid={addTestIds[name]}>
        <Plus size={14} aria-hidden /> {addLabel}
      </button>
    </div>
  </div>
);

const RowShell = ({ problem, onRemove, removeLabel, children }: { problem: string | undefined; onRemove: () => void; removeLabel: string; children: ReactNode }) => (
  <div className="cnt-list__item">
    <div className="cnt-list__row">
      {children}
      <button type="button" className="icon-button" aria-label={removeLabel} title={removeLabel} onClick={onRemove}>
        <X size={14} aria-hidden />
      </button>
    </div>
    {problem ? (
      <p className="small cnt-error-text" role="alert">
        {problem}
      </p>
    ) : null}
  </div>
);

export const PortList = ({ deviceId, rows, problems }: { deviceId: string; rows: readonly PortDraft[]; problems: FormProblems }) => {
  const { t } = useTranslation();
  return (
    <ListField
      title={t('containers.run.ports')}
      hint={t('containers.run.portsHint')}
      addLabel={t('containers.run.addPort')}
      name="ports"
      onAdd={() => addRow(deviceId, 'ports', { id: nextRowId(), box: '', container: '', open: false })}
    >
      {rows.map((row, i) => (
        <RowShell key={row.id} problem={problems[`port:${row.id}`]} onRemove={() => removeRow(deviceId, 'ports', row.id)} removeLabel={t('containers.run.removeRow')}>
          <input
            className="cnt-input--port"
            inputMode="numeric"
            aria-label={t('containers.run.portBox')}
            placeholder={t('containers.run.portBox')}
            value={row.box}
            aria-invalid={problems[`port:${row.id}`] !== undefined}
            onChange={(e) => editRow(deviceId, 'ports', row.id, { box: e.target.value })}
            data-testid={`run-port-box-${i}`}
          />
          <span className="cnt-list__arrow" aria-hidden>
            →
          </span>
          <input
            className="cnt-input--port"
            inputMode="numeric"
            aria-label={t('containers.run.portContainer')}
            placeholder={t('containers.run.portContainer')}
            value={row.container}
            aria-invalid={problems[`port:${row.id}`] !== undefined}
            onChange={(e) => editRow(deviceId, 'ports', row.id, { container: e.target.value })}
            data-testid={`run-port-container-${i}`}
          />
          <label className="checkbox small" title={t('containers.run.portOpenHint')}>
            <input type="checkbox" checked={row.open} onChange={(e) => editRow(deviceId, 'ports', row.id, { open: e.target.checked })} data-testid={`run-port-open-${i}`} />
            {t('containers.run.portOpen')}
          </label>
        </RowShell>
      ))}
    </ListField>
  );
};

export const VolumeList = ({ deviceId, rows, problems }: { deviceId: string; rows: readonly VolumeDraft[]; problems: FormProblems }) => {
  const { t } = useTranslation();
  return (
    <ListField
      title={t('containers.run.volumes')}
      addLabel={t('containers.run.addVolume')}
      name="volumes"
      onAdd={() => addRow(deviceId, 'volumes', { id: nextRowId(), host: '', container: '', readOnly: false })}
    >
      {rows.map((row, i) => (
        <RowShell key={row.id} problem={problems[`volume:${row.id}`]} onRemove={() => removeRow(deviceId, 'volumes', row.id)} removeLabel={t('containers.run.removeRow')}>
          <input
            className="cnt-input--path"
            aria-label={t('containers.run.volumeHost')}
            placeholder={t('containers.run.volumeHostPlaceholder')}
            value={row.host}
            aria-invalid={problems[`volume:${row.id}`] !== undefined}
            onChange={(e) => editRow(deviceId, 'volumes', row.id, { host: e.target.value })}
            data-testid={`run-volume-host-${i}`}
          />
          <span className="cnt-list__arrow" aria-hidden>
            →
          </span>
          <input
            className="cnt-input--path"
            aria-label={t('containers.run.volumeContainer')}
            placeholder={t('containers.run.volumeContainerPlaceholder')}
            value={row.container}
            aria-invalid={problems[`volume:${row.id}`] !== undefined}
            onChange={(e) => editRow(deviceId, 'volumes', row.id, { container: e.target.value })}
            data-testid={`run-volume-container-${i}`}
          />
          <label className="checkbox small">
            <input type="checkbox" checked={row.readOnly} onChange={(e) => editRow(deviceId, 'volumes', row.id, { readOnly: e.target.checked })} data-testid={`run-volume-ro-${i}`} />
            {t('containers.run.readOnly')}
          </label>
        </RowShell>
      ))}
    </ListField>
  );
};

export const EnvList = ({ deviceId, rows, problems }: { deviceId: string; rows: readonly EnvDraft[]; problems: FormProblems }) => {
  const { t } = useTranslation();
  return (
    <ListField name="env" title={t('containers.run.env')} addLabel={t('containers.run.addEnv')} onAdd={() => addRow(deviceId, 'env', { id: nextRowId(), key: '', value: '' })}>
      {rows.map((row, i) => (
        <RowShell key={row.id} problem={problems[`env:${row.id}`]} onRemove={() => removeRow(deviceId, 'env', row.id)} removeLabel={t('containers.run.removeRow')}>
          <input
            className="cnt-input--key"
            aria-label={t('containers.run.envKey')}
            placeholder={t('containers.run.envKeyPlaceholder')}
            value={row.key}
            spellCheck={false}
            aria-invalid={problems[`env:${row.id}`] !== undefined}
            onChange={(e) => editRow(deviceId, 'env', row.id, { key: e.target.value })}
            data-testid={`run-env-key-${i}`}
          />
          <span className="cnt-list__arrow" aria-hidden>
            =
          </span>
          <input
            className="cnt-input--path"
            aria-label={t('containers.run.envValue')}
            placeholder={t('containers.run.envValue')}
            value={row.value}
            spellCheck={false}
            onChange={(e) => editRow(deviceId, 'env', row.id, { value: e.target.value })}
            data-testid={`run-env-value-${i}`}
          />
        </RowShell>
      ))}
    </ListField>
  );
};
