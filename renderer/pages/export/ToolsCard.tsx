import { Hammer, Loader2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LlamaCppTools } from '../../../src/domain/export.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { buildTools, loadTools, useExportStore } from '../../export/export-store.js';

/** While our llama.cpp build runs, its state is read this often (a CUDA build takes minutes). */
const buildPollMs = 3_000;

/**
 * llama.cpp's converter and quantizer on the box (paths), or the build that gets them: the command
 * shown, asked first, then its state and last lines while it runs. `onBuilt` plans again.
 */
export const ToolsCard = ({ deviceId, planned, connected, onBuilt }: { deviceId: string; planned: LlamaCppTools; connected: boolean; onBuilt: () => void }) => {
  const { t } = useTranslation();
  const polled = useExportStore((s) => s.tools[deviceId]);
  // The newest of the plan's view and ours (a build we started or polled).
  const tools = polled ?? planned;
  const [asking, setAsking] = useState(false);
  const running = tools.build?.running === true;
  const missing = tools.convertScript === null || tools.quantizeTool === null;

  useEffect(() => {
    if (!running || !connected) return;
    const timer = setInterval(() => {
      void loadTools(deviceId).then((now) => {
        if (now && !now.build?.running) onBuilt();
      });
    }, buildPollMs);
    return () => clearInterval(timer);
  }, [running, connected, deviceId, onBuilt]);

  return (
    <section className={`ex-tools${missing ? ' ex-tools--missing' : ''}`} data-testid="ex-tools" data-found={!missing}>
      <h3 className="ft-sub">{t('export.tools.title')}</h3>
      {!missing ? (
        <dl className="bm-kv">
          <div className="bm-kv__row">
            <dt>{t('export.tools.convert')}</dt>
            <dd>
              <code>{tools.convertScript}</code> <span className="muted small">({tools.python})</span>
            </dd>
          </div>
          <div className="bm-kv__row">
            <dt>{t('export.tools.quantize')}</dt>
            <dd>
              <code>{tools.quantizeTool}</code>
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <p className="ft-bad">{tools.convertScript === null ? t('export.tools.noConvert') : t('export.tools.noQuantize')}</p>
          <p className="muted small">{t('export.tools.buildExplain')}</p>
          <pre className="ex-code" data-testid="ex-build-command">
            {tools.buildCommand}
          </pre>
          <div className="row ft-actions">
            <button type="button" className="button" disabled={!connected || running} onClick={() => setAsking(true)} data-testid="ex-build">
              {running ? <Loader2 size={14} className="spin" aria-hidden /> : <Hammer size={14} aria-hidden />} {running ? t('export.tools.building') : t('export.tools.build')}
            </button>
          </div>
        </>
      )}
      {tools.build && (
        <div data-testid="ex-build-state" data-running={tools.build.running} data-exit={tools.build.exitCode ?? ''}>
          <p className={tools.build.running ? 'muted small' : tools.build.exitCode === 0 ? 'ft-ok small' : 'ft-bad small'}>
            {tools.build.running ? t('export.tools.building') : tools.build.exitCode === 0 ? t('export.tools.built') : t('export.tools.buildFailed', { code: tools.build.exitCode ?? '?' })}
          </p>
          {tools.build.logTail !== '' && <pre className="ex-code ex-code--log">{tools.build.logTail}</pre>}
        </div>
      )}
      <ConfirmDialog
        open={asking}
        title={t('export.tools.confirmTitle')}
        onClose={() => setAsking(false)}
        onConfirm={() => void buildTools(deviceId)}
        confirmLabel={t('export.tools.build')}
        cancelLabel={t('common.cancel')}
        tone="primary"
        icon={<Hammer size={14} aria-hidden />}
        testId="ex-build-confirm"
        confirmTestId="ex-build-go"
      >
        <p>{t('export.tools.confirmBody')}</p>
        <pre className="ex-code">{tools.buildCommand}</pre>
      </ConfirmDialog>
    </section>
  );
};
