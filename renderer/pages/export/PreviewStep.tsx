import { Copy, Loader2, Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { ExportPreview, ExportSettings } from '../../../src/domain/export.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useCopy } from '../../components/use-copy.js';
import { startExport } from '../../export/export-store.js';
import { fileSize } from '../files/file-format.js';
import { ToolsCard } from './ToolsCard.js';

/** A generated text the user may edit (what export:start sends), with "reset to generated". */
const useEditable = (generated: string | null) => {
  // The user's text once edited; until then the newest generated one shows.
  const [typed, setTyped] = useState<string | null>(null);
  return { text: typed ?? generated ?? '', edited: typed !== null, change: (value: string) => setTyped(value), reset: () => setTyped(null) };
};

const EditableFile = ({ title, file, testId }: { title: string; file: ReturnType<typeof useEditable>; testId: string }) => {
  const { t } = useTranslation();
  return (
    <div className="ex-file">
      <header className="row ft-head">
        <h3 className="ft-sub">{title}</h3>
        <span className="cnt-spacer" />
        {file.edited && (
          <button type="button" className="button button--ghost small" onClick={file.reset} data-testid={`${testId}-reset`}>
            {t('export.preview.reset')}
          </button>
        )}
      </header>
      <p className="muted small">{file.edited ? t('export.preview.edited') : t('export.preview.editHint')}</p>
      <textarea className="ft-yaml__text" spellCheck={false} value={file.text} rows={Math.min(30, Math.max(6, file.text.split('\n').length + 1))} onChange={(e) => file.change(e.target.value)} aria-label={title} data-testid={testId} />
    </div>
  );
};

const Disk = ({ disk }: { disk: ExportPreview['disk'] }) => {
  const { t } = useTranslation();
  const size = (b: number | null) => (b === null ? '?' : fileSize(b));
  return (
    <p className={disk.verdict === 'short' ? 'ft-bad' : disk.verdict === 'ok' ? '' : 'muted'} data-testid="ex-disk" data-verdict={disk.verdict}>
      {t('export.preview.disk', { need: size(disk.needBytes), free: size(disk.freeBytes) })} — {t(`export.preview.diskVerdict.${disk.verdict}`)}
    </p>
  );
};

/** What will run: family, disk, llama.cpp, the merge YAML and Modelfile (editable), the whole script, and Start. */
export const PreviewStep = ({ deviceId, connected, settings, preview, planning, planError, onPlanAgain }: { deviceId: string; connected: boolean; settings: ExportSettings | null; preview: ExportPreview | null; planning: boolean; planError: AppError | null; onPlanAgain: () => void }) => {
  const { t } = useTranslation();
  const mergeYaml = useEditable(preview?.mergeYaml ?? null);
  const modelfile = useEditable(preview?.modelfile ?? null);
  const copy = useCopy();
  const [starting, setStarting] = useState(false);
  const [refused, setRefused] = useState<AppError | null>(null);

  if (!preview) {
    return (
      <section className="card" data-testid="ex-preview" data-ready="false">
        <h2 className="card__title">{t('export.preview.title')}</h2>
        {planError ? <ErrorNotice error={planError} /> : <p className="muted">{settings ? t('export.preview.planning') : t('export.preview.pickFirst')}</p>}
      </section>
    );
  }
  const blocked = preview.blockers.length > 0;
  const start = async () => {
    if (!settings) return;
    setStarting(true);
    setRefused(null);
    const r = await startExport(deviceId, settings, preview.mergeYaml === null ? null : mergeYaml.text, modelfile.text);
    setStarting(false);
    if (!r.ok) setRefused(r.error);
  };

  return (
    <section className="card ex-preview" data-testid="ex-preview" data-ready={!planning}>
      <header className="row ft-head">
        <h2 className="card__title">{t('export.preview.title')}</h2>
        {planning && <Loader2 size={14} className="spin" aria-label={t('export.preview.planning')} />}
      </header>
      {planError && <ErrorNotice error={planError} />}
      <dl className="bm-kv">
        <div className="bm-kv__row">
          <dt>{t('export.preview.base')}</dt>
          <dd>{preview.baseModel}</dd>
        </div>
        {preview.adapterDir && (
          <div className="bm-kv__row">
            <dt>{t('export.preview.adapter')}</dt>
            <dd>
              <code>{preview.adapterDir}</code>
            </dd>
          </div>
        )}
        <div className="bm-kv__row">
          <dt>{t('export.preview.family')}</dt>
          <dd data-testid="ex-family" data-family={preview.family ?? ''}>
            {preview.family ? t('export.preview.familyIs', { template: preview.template, family: t(`export.family.${preview.family}`) }) : t('export.preview.familyUnknown', { template: preview.template })}
          </dd>
        </div>
        <div className="bm-kv__row">
          <dt>{t('export.preview.workDir')}</dt>
          <dd>
            <code>{preview.workDir}</code>
          </dd>
        </div>
      </dl>
      <Disk disk={preview.disk} />
      <ToolsCard deviceId={deviceId} planned={preview.tools} connected={connected} onBuilt={onPlanAgain} />
      {preview.mergeYaml !== null && <EditableFile title={t('export.preview.mergeYaml')} file={mergeYaml} testId="ex-merge-yaml" />}
      <EditableFile title={t('export.preview.modelfile')} file={modelfile} testId="ex-modelfile" />
      <details className="ex-script">
        <summary>{t('export.preview.script')}</summary>
        <div className="row ft-actions">
          <button type="button" className="button button--ghost small" onClick={() => void copy.copy(preview.script)} data-testid="ex-script-copy">
            <Copy size={14} aria-hidden /> {copy.state === 'copied' ? t('export.copied') : copy.state === 'failed' ? t('export.copyFailed') : t('export.copy')}
          </button>
        </div>
        <pre className="ex-code" data-testid="ex-script">
          {preview.script}
        </pre>
      </details>
      {blocked && (
        <div className="notice notice--error" role="alert" data-testid="ex-blockers">
          <div>
            <p className="notice__message">{t('export.preview.blocked')}</p>
            <ul className="ex-blockers">
              {preview.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {preview.notes.map((note) => (
        <div key={note} className="notice notice--warning" data-testid="ex-note">
          <p className="notice__message">{note}</p>
        </div>
      ))}
      {refused && <ErrorNotice error={refused} />}
      <div className="row ft-actions">
        <button type="button" className="button button--primary" disabled={!connected || !settings || blocked || planning || starting || modelfile.text.trim() === ''} onClick={() => void start()} data-testid="ex-start">
          <Play size={14} aria-hidden /> {starting ? t('export.preview.starting') : t('export.preview.start')}
        </button>
        {planning && <span className="muted small">{t('export.preview.planning')}</span>}
      </div>
    </section>
  );
};
