import { CircleCheck, CircleAlert, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FinetuneEnvironment } from '../../../src/domain/finetune.js';
import { loadEnvironment, setStep } from '../../finetune/finetune-store.js';
import { CommandBlock } from '../containers/CommandBlock.js';

/** Where LLaMA Factory is on the box, or the exact commands that set it up (each with Copy). */
export const EnvironmentStep = ({ deviceId, env, connected }: { deviceId: string; env: FinetuneEnvironment | undefined; connected: boolean }) => {
  const { t } = useTranslation();
  if (!env) return <p className="muted">{connected ? t('finetune.env.checking') : t('finetune.env.offline')}</p>;
  const found = env.kind !== 'missing';
  return (
    <section className="card ft-env" data-testid="ft-env" data-kind={env.kind}>
      <header className="row ft-head">
        {found ? <CircleCheck size={18} className="ft-ok" aria-hidden /> : <CircleAlert size={18} className="ft-bad" aria-hidden />}
        <h2 className="card__title">{t(`finetune.env.kind.${env.kind}`)}</h2>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" disabled={!connected} onClick={() => void loadEnvironment(deviceId)} data-testid="ft-env-refresh">
          <RefreshCw size={14} aria-hidden /> {t('finetune.env.again')}
        </button>
      </header>
      <dl className="bm-kv">
        {env.version && <Row label={t('finetune.env.version')} value={env.version} />}
        {env.cliPath && <Row label={t('finetune.env.cli')} value={env.cliPath} />}
        {env.venv && <Row label={t('finetune.env.venv')} value={env.venv} />}
        {env.container && <Row label={t('finetune.env.container')} value={env.container} />}
        <Row label={t('finetune.env.workspace')} value={env.workspace} />
        <Row label={t('finetune.env.dataDir')} value={env.dataDir} testId="ft-env-data-dir" />
        {env.images.length > 0 && <Row label={t('finetune.env.images')} value={env.images.join(', ')} />}
      </dl>
      {env.notes.length > 0 && (
        <ul className="ft-notes">
          {env.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {!found && <p>{t('finetune.env.missingBody')}</p>}
      <details className="ft-install" open={!found}>
        <summary>{found ? t('finetune.env.otherWay') : t('finetune.env.install')}</summary>
        <h3>{t('finetune.env.installHost')}</h3>
        {env.install.host.map((c, i) => (
          <CommandBlock key={`h${i}`} command={c} testId={`ft-install-host-${i}`} />
        ))}
        <h3>{t('finetune.env.installContainer')}</h3>
        {env.install.container.map((c, i) => (
          <CommandBlock key={`c${i}`} command={c} testId={`ft-install-container-${i}`} />
        ))}
      </details>
      {found && (
        <div className="row ft-actions">
          <button type="button" className="button button--primary" onClick={() => setStep('dataset')} data-testid="ft-env-next">
            {t('finetune.next')}
          </button>
        </div>
      )}
    </section>
  );
};

const Row = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <div className="bm-kv__row">
    <dt>{label}</dt>
    <dd data-testid={testId}>
      <code>{value}</code>
    </dd>
  </div>
);
