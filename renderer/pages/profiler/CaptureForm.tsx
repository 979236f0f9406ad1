import { Copy, Play } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureSpecInput } from '../../../src/recipes/profiler.js';
import { profilerDefaults } from '../../../src/recipes/profiler.js';
import { useCopy } from '../../components/use-copy.js';
import { previewCapture, startCapture, useProfilerStore } from '../../profiler/profiler-store.js';

type Mode = CaptureSpecInput['kind'];

/** Shell-like splitting of a typed command into words (quotes group, no expansion). */
export const splitWords = (text: string): string[] => [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
const prefix: Record<Mode, string> = { server: 'trtllm', system: 'system', command: 'command' };
const autoName = (mode: Mode) => `${prefix[mode]}-${stamp()}`;
/** A name the form made up (not typed), so switching modes may replace it. */
const isAutoName = (name: string) => /^(trtllm|system|command)-\d{14}$/.test(name);

export const CaptureForm = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('server');
  const [name, setName] = useState(() => autoName('server'));
  const [image, setImage] = useState('nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13');
  const [serverCommand, setServerCommand] = useState('trtllm-serve openai/gpt-oss-120b --host 0.0.0.0 --port 8355');
  const [command, setCommand] = useState('python3 train.py');
  const [duration, setDuration] = useState<number>(profilerDefaults.durationSeconds);
  const [frequency, setFrequency] = useState<number>(profilerDefaults.gpuMetricsFrequency);
  const [preview, setPreview] = useState<{ command: string; caveat: string | null; error?: { message: string } }>({ command: '', caveat: null });
  const busy = useProfilerStore((s) => s.busy['capture'] === true);
  const { state: copyState, copy } = useCopy();

  const spec = useMemo((): CaptureSpecInput => {
    if (mode === 'server') return { kind: 'server', name, image, serverCommand: splitWords(serverCommand) };
    if (mode === 'system') return { kind: 'system', name, durationSeconds: duration, gpuMetricsFrequency: frequency };
    return { kind: 'command', name, command: splitWords(command) };
  }, [mode, name, image, serverCommand, command, duration, frequency]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => void previewCapture(deviceId, spec).then((p) => live && setPreview(p)), 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [deviceId, spec]);

  const start = async () => {
    if (await startCapture(deviceId, spec)) setName(autoName(mode));
  };
  const changeMode = (next: Mode) => {
    setMode(next);
    if (isAutoName(name)) setName(autoName(next));
  };

  return (
    <section className="card profiler__form" data-testid="profiler-form">
      <div className="segmented profiler__modes" role="radiogroup" aria-label={t('profiler.form.mode')}>
        {(['server', 'system', 'command'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className="segmented__item" onClick={() => changeMode(m)} data-testid={`profiler-mode-${m}`}>
            {t(`profiler.modes.${m}`)}
          </button>
        ))}
      </div>
      <p className="muted">{t(`profiler.modeHelp.${mode}`)}</p>
      <label className="cnt-field">
        <span className="cnt-field__label">{t('profiler.form.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="profiler-name" />
      </label>
      {mode === 'server' ? (
        <>
          <label className="cnt-field">
            <span className="cnt-field__label">{t('profiler.form.image')}</span>
            <input value={image} onChange={(e) => setImage(e.target.value)} data-testid="profiler-image" />
          </label>
          <label className="cnt-field">
            <span className="cnt-field__label">{t('profiler.form.serverCommand')}</span>
            <input value={serverCommand} onChange={(e) => setServerCommand(e.target.value)} data-testid="profiler-server-command" />
          </label>
        </>
      ) : null}
      {mode === 'system' ? (
        <div className="row">
          <label className="cnt-field">
            <span className="cnt-field__label">{t('profiler.form.duration')}</span>
            <input type="number" min={1} value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-testid="profiler-duration" />
          </label>
          <label className="cnt-field">
            <span className="cnt-field__label">{t('profiler.form.frequency')}</span>
            <input type="number" min={10} max={200000} value={frequency} onChange={(e) => setFrequency(Number(e.target.value))} />
          </label>
        </div>
      ) : null}
      {mode === 'command' ? (
        <label className="cnt-field">
          <span className="cnt-field__label">{t('profiler.form.command')}</span>
          <input value={command} onChange={(e) => setCommand(e.target.value)} data-testid="profiler-command" />
        </label>
      ) : null}
      <div className="profiler__command">
        <div className="row">
          <span className="muted">{t('profiler.form.commandShown')}</span>
          <span className="cnt-spacer" />
          <button type="button" className="button button--ghost small" onClick={() => void copy(preview.command)} disabled={preview.command === ''}>
            <Copy size={14} aria-hidden /> {copyState === 'copied' ? t('profiler.form.copied') : t('profiler.form.copy')}
          </button>
        </div>
        <pre className="profiler__pre" data-testid="profiler-command-preview">{preview.error ? preview.error.message : preview.command}</pre>
        {/* main's caveat is English; the page says the same in the user's language. */}
        {preview.caveat ? <p className="notice" data-testid="profiler-caveat">{t('profiler.form.systemCaveat')}</p> : null}
      </div>
      <button type="button" className="button" disabled={busy || preview.command === ''} onClick={() => void start()} data-testid="profiler-start">
        <Play size={14} aria-hidden /> {t('profiler.form.start')}
      </button>
    </section>
  );
};
