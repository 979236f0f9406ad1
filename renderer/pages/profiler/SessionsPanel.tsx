import { Circle, Square } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureView, SessionView } from '../../../src/contract/methods/profiler.js';
import { profilerDefaults } from '../../../src/recipes/profiler.js';
import { startWindow, stopSession, useProfilerStore } from '../../profiler/profiler-store.js';

const SessionRow = ({ deviceId, session }: { deviceId: string; session: SessionView }) => {
  const { t } = useTranslation();
  const [name, setName] = useState(() => `${session.name}-w${Date.now().toString(36).slice(-4)}`);
  const busy = useProfilerStore((s) => s.busy[`session:${session.name}`] === true);
  const container = session.container;
  return (
    <li className="row profiler__session" data-testid={`profiler-session-${session.name}`}>
      <strong>{session.name}</strong>
      <span className="muted">{container ? t('profiler.sessions.where', { container }) : t('profiler.sessions.onBox')}</span>
      <span className={session.collecting ? 'badge badge--warn' : 'badge'}>{session.collecting ? t('profiler.sessions.collecting') : t('profiler.sessions.idle')}</span>
      <span className="cnt-spacer" />
      {session.collecting ? (
        <button type="button" className="button small" disabled={busy} onClick={() => void stopSession(deviceId, container, session.name)} data-testid="profiler-session-stop">
          <Square size={14} aria-hidden /> {t('profiler.sessions.stop')}
        </button>
      ) : container ? (
        <>
          <input aria-label={t('profiler.sessions.windowName')} value={name} onChange={(e) => setName(e.target.value)} data-testid="profiler-window-name" />
          <button type="button" className="button small" disabled={busy} onClick={() => void startWindow(deviceId, container, session.name, name, profilerDefaults.gpuMetricsFrequency)} data-testid="profiler-session-start">
            <Circle size={14} aria-hidden /> {t('profiler.sessions.startWindow')}
          </button>
        </>
      ) : null}
    </li>
  );
};

const CaptureRow = ({ capture }: { capture: CaptureView }) => {
  const { t } = useTranslation();
  const status =
    capture.state === 'running'
      ? capture.percent === null
        ? t('profiler.captures.running')
        : t('profiler.captures.writing', { percent: capture.percent })
      : t(`profiler.captures.${capture.state}`);
  return (
    <li className="profiler__capture" data-testid={`profiler-capture-${capture.name}`} data-state={capture.state}>
      <div className="row">
        <strong>{capture.name}</strong>
        <span className="muted">{status}</span>
      </div>
      <code className="muted">{capture.command}</code>
      {capture.error ? (
        <p className={capture.state === 'failed' ? 'notice notice--error' : 'notice'}>
          {capture.error.message} {capture.error.hint}
        </p>
      ) : null}
    </li>
  );
};

export const SessionsPanel = ({ deviceId, sessions, captures }: { deviceId: string; sessions: readonly SessionView[]; captures: readonly CaptureView[] }) => {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="profiler-sessions">
      <h2>{t('profiler.sessions.title')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('profiler.sessions.empty')}</p>
      ) : (
        <ul className="profiler__list">
          {sessions.map((s) => (
            <SessionRow key={`${s.container ?? ''}/${s.name}`} deviceId={deviceId} session={s} />
          ))}
        </ul>
      )}
      {captures.length > 0 ? (
        <>
          <h2 className="profiler__subhead">{t('profiler.captures.title')}</h2>
          <ul className="profiler__list">
            {captures.map((c) => (
              <CaptureRow key={c.id} capture={c} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};
