import { Upload } from 'lucide-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinetuneEnvironment } from '../../../src/domain/finetune.js';
import { uploadDataset } from '../../finetune/dataset-upload.js';
import { registerDataset, setStep, setTrainForm, useFinetuneStore } from '../../finetune/finetune-store.js';
import { DatasetCheckView } from './DatasetCheckView.js';

/** `huanhuan (1).json` → `huanhuan_1`: a name dataset_info.json and YAML take as one word. */
const nameFrom = (file: string) => file.replace(/\.(jsonl?|json)$/i, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'dataset';

/** Upload (file input or drop) → check on the box → register under a name in dataset_info.json. */
export const DatasetStep = ({ deviceId, env, connected }: { deviceId: string; env: FinetuneEnvironment | undefined; connected: boolean }) => {
  const { t } = useTranslation();
  const upload = useFinetuneStore((s) => s.upload[deviceId]);
  const checked = useFinetuneStore((s) => s.checked[deviceId]);
  const list = useFinetuneStore((s) => s.datasets[deviceId]);
  const cutoff = Number(useFinetuneStore((s) => s.form.cutoffLen)) || undefined;
  const [name, setName] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const canUpload = connected && env !== undefined && upload === undefined;

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (!file || !env) return;
    setName(nameFrom(file.name));
    setRefusal(null);
    setRegistered(null);
    void uploadDataset(deviceId, file, env.dataDir, cutoff);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (canUpload) take(e.dataTransfer.files);
  };
  const register = async () => {
    setRefusal(null);
    const result = await registerDataset(deviceId, name.trim());
    if (!result.ok) return setRefusal(`${result.error.message} ${result.error.hint}`.trim());
    setRegistered(result.value.entry.name);
    setTrainForm({ datasets: [result.value.entry.name] });
  };

  return (
    <div className="ft-step" data-testid="ft-dataset">
      <section className="card">
        <h2 className="card__title">{t('finetune.dataset.registered')}</h2>
        {list && <p className="muted small">{t('finetune.dataset.infoPath', { path: list.infoPath })}</p>}
        {list && list.entries.length === 0 && <p className="muted">{t('finetune.dataset.none')}</p>}
        {list && list.entries.length > 0 && (
          <ul className="ft-datasets" data-testid="ft-datasets">
            {list.entries.map((e) => (
              <li key={e.name} data-testid="ft-dataset-entry" data-name={e.name}>
                <b>{e.name}</b> <span className="muted">{e.fileName ?? e.hubUrl ?? ''} · {e.formatting}</span>
                {!e.present && e.fileName && <span className="bm-warn"> · {t('finetune.dataset.fileMissing')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <label
        className={`card ft-drop${over ? ' is-over' : ''}${canUpload ? '' : ' is-disabled'}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="ft-drop"
      >
        <Upload size={22} aria-hidden />
        <span>{t('finetune.dataset.drop')}</span>
        <span className="muted small">{env ? t('finetune.dataset.into', { dir: env.dataDir }) : ''}</span>
        <input type="file" accept=".json,.jsonl,application/json" disabled={!canUpload} onChange={(e) => take(e.target.files)} data-testid="ft-upload-input" />
      </label>
      {upload && (
        <p className="ft-upload" data-testid="ft-upload-progress">
          {t(`finetune.dataset.phase.${upload.phase}`, { name: upload.name })} <progress max={Math.max(upload.size, 1)} value={upload.bytes} />
        </p>
      )}
      {checked && <DatasetCheckView check={checked.check} name={checked.name} />}
      {checked?.check.ok && (
        <section className="card ft-register">
          <h3 className="card__title">{t('finetune.dataset.register')}</h3>
          <p className="muted small">{t('finetune.dataset.registerHint')}</p>
          <div className="row ft-actions">
            <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('finetune.dataset.name')} data-testid="ft-register-name" />
            <button type="button" className="button button--primary" disabled={name.trim() === '' || !connected} onClick={() => void register()} data-testid="ft-register">
              {t('finetune.dataset.registerButton')}
            </button>
          </div>
          {refusal && (
            <p className="ft-bad" role="alert" data-testid="ft-register-refused">
              {refusal}
            </p>
          )}
          {registered && (
            <p data-testid="ft-registered">
              {t('finetune.dataset.done', { name: registered })}{' '}
              <button type="button" className="button button--primary small" onClick={() => setStep('train')} data-testid="ft-dataset-next">
                {t('finetune.next')}
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
};
