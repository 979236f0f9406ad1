import { CircleCheck, CircleX, Loader2, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/Notice.js';
import { CommandBlock } from './CommandBlock.js';
import type { PreviewResult, PreviewView } from './use-run-preview.js';

type Platform = Extract<PreviewResult, { ok: true }>['value']['platform'];

/** Whether the image can run on the box: refused (amd64-only), checked, or not checkable before the pull. */
const Verdict = ({ platform }: { platform: Platform }) => {
  const { t } = useTranslation();
  if (!platform.ok) {
    return (
      <div className="cnt-verdict cnt-verdict--refused" role="alert" data-testid="run-platform" data-verdict="refused">
        <CircleX size={16} aria-hidden />
        <div>
          <p className="cnt-verdict__message">{platform.message}</p>
          {platform.hint ? <p className="cnt-verdict__hint">{platform.hint}</p> : null}
        </div>
      </div>
    );
  }
  return platform.verified ? (
    <div className="cnt-verdict cnt-verdict--ok" data-testid="run-platform" data-verdict="verified">
      <CircleCheck size={16} aria-hidden />
      <p>{t('containers.run.platformVerified')}</p>
    </div>
  ) : (
    <div className="cnt-verdict cnt-verdict--unverified" data-testid="run-platform" data-verdict="unverified">
      <TriangleAlert size={16} aria-hidden />
      <p>{t('containers.run.platformUnverified')}</p>
    </div>
  );
};

/** The exact `docker run` line the form stands for, and the box's verdict on its image. */
/** Why there is no command to show: no image yet, a problem in the form, or no connection. */
export type PreviewIdle = 'empty' | 'invalid' | 'offline';

export const RunPreview = ({ view, idle }: { view: PreviewView; idle: PreviewIdle }) => {
  const { t } = useTranslation();
  const result = view.kind === 'answered' ? view.result : view.kind === 'loading' ? view.last : undefined;
  const stale = view.kind === 'loading';
  return (
    <div className="cnt-preview" aria-live="polite" aria-busy={stale}>
      <div className="cnt-preview__head">
        <span className="cnt-preview__label">{t('containers.run.command')}</span>
        {stale ? (
          <span className="small muted cnt-preview__checking">
            <Loader2 size={13} className="spin" aria-hidden /> {t('containers.run.previewing')}
          </span>
        ) : null}
      </div>
      {result?.ok ? (
        <>
          <CommandBlock command={result.value.command} testId="run-command" stale={stale} />
          <Verdict platform={result.value.platform} />
        </>
      ) : result && !stale ? (
        result.error.code === 'bad-request' ? (
          // The schema's own words: main's check of the spec found what the form's did not.
          <p className="small cnt-error-text" role="alert" data-testid="run-invalid">
            {result.error.message}
          </p>
        ) : (
          <ErrorNotice error={result.error} />
        )
      ) : view.kind === 'none' ? (
        <p className="small muted" data-testid="run-command-empty">
          {idle === 'offline' ? t('containers.run.needConnection') : idle === 'invalid' ? t('containers.run.commandFixForm') : t('containers.run.commandEmpty')}
        </p>
      ) : null}
    </div>
  );
};
