import { Play } from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setRunForm, startLoadTest, useLoadTestStore } from '../../loadtest/loadtest-store.js';
import { settingsFromForm, withServer, type FormProblem, type ServerTarget } from '../../loadtest/run-form.js';
import { DatasetFields } from './DatasetFields.js';
import { Field, useProblem } from './FormField.js';

/** The run settings, like `evalscope perf`'s flags; Ctrl/Cmd-Enter starts. */
export const RunSettings = ({ servers, running }: { servers: readonly ServerTarget[]; running: boolean }) => {
  const { t } = useTranslation();
  const form = useLoadTestStore((s) => s.form);
  const starting = useLoadTestStore((s) => s.starting);
  const boxRefusal = useLoadTestStore((s) => s.boxRefusal);
  const [problems, setProblems] = useState<readonly FormProblem[]>([]);
  const problem = useProblem(problems);
  const disabled = running || starting;
  const set = (patch: Partial<typeof form>) => {
    setRunForm(patch);
    if (problems.length > 0) {
      const next = settingsFromForm({ ...form, ...patch }, servers);
      setProblems(next.ok ? [] : next.problems);
    }
  };

  const start = () => {
    if (disabled) return;
    const result = settingsFromForm(form, servers);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    void startLoadTest(result.settings, result.name);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      start();
    }
  };

  return (
    <form
      className="card bm-form"
      aria-label={t('benchmark.form.title')}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
      data-testid="bm-form"
    >
      <h2 className="card__title">{t('benchmark.form.title')}</h2>
      <div className="bm-form__grid">
        <Field label={t('benchmark.form.name')} problem={problem('name')}>
          <input value={form.name} disabled={disabled} placeholder={t('benchmark.form.namePlaceholder')} onChange={(e) => set({ name: e.target.value })} data-testid="bm-name" />
        </Field>
        <Field label={t('benchmark.form.target')}>
          <select value={form.targetKind} disabled={disabled} onChange={(e) => set(e.target.value === 'server' ? withServer({ ...form, targetKind: 'server' }, servers.find((s) => s.key === form.serverKey) ?? servers[0]) : { targetKind: 'url' })} data-testid="bm-target-kind">
            <option value="server">{t('benchmark.form.targetServer')}</option>
            <option value="url">{t('benchmark.form.targetUrl')}</option>
          </select>
        </Field>
        {form.targetKind === 'server' ? (
          <Field label={t('benchmark.form.server')} problem={problem('serverKey')}>
            <select value={form.serverKey} disabled={disabled} onChange={(e) => set(withServer(form, servers.find((s) => s.key === e.target.value)))} data-testid="bm-server">
              {servers.length === 0 || !servers.some((s) => s.key === form.serverKey) ? <option value="">—</option> : null}
              {servers.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field label={t('benchmark.form.url')} problem={problem('url')}>
            <input value={form.url} disabled={disabled} spellCheck={false} onChange={(e) => set({ url: e.target.value })} data-testid="bm-url" />
          </Field>
        )}
        <Field label={t('benchmark.form.model')} problem={problem('model')}>
          <input value={form.model} disabled={disabled} spellCheck={false} onChange={(e) => set({ model: e.target.value })} data-testid="bm-model" />
        </Field>
        <Field label={t('benchmark.form.api')}>
          <select value={form.api} disabled={disabled} onChange={(e) => set({ api: e.target.value as typeof form.api })} data-testid="bm-api">
            <option value="chat">{t('benchmark.form.apiChat')}</option>
            <option value="completions">{t('benchmark.form.apiCompletions')}</option>
          </select>
        </Field>
        <Field label={t('benchmark.form.parallel')} hint={t('benchmark.form.parallelHint')} problem={problem('parallel')}>
          <input value={form.parallel} disabled={disabled} spellCheck={false} onChange={(e) => set({ parallel: e.target.value })} data-testid="bm-parallel" />
        </Field>
        <Field label={t('benchmark.form.requests')} problem={problem('requests')}>
          <input inputMode="numeric" value={form.requests} disabled={disabled} onChange={(e) => set({ requests: e.target.value })} data-testid="bm-requests" />
        </Field>
        <Field label={t('benchmark.form.maxTokens')} problem={problem('maxTokens')}>
          <input inputMode="numeric" value={form.maxTokens} disabled={disabled} onChange={(e) => set({ maxTokens: e.target.value })} data-testid="bm-max-tokens" />
        </Field>
        <Field label={t('benchmark.form.rate')} problem={problem('ratePerSecond')}>
          <span className="row bm-form__pair">
            <select value={form.rateKind} disabled={disabled} onChange={(e) => set({ rateKind: e.target.value as typeof form.rateKind })} data-testid="bm-rate-kind">
              <option value="unlimited">{t('benchmark.form.rateUnlimited')}</option>
              <option value="poisson">{t('benchmark.form.ratePoisson')}</option>
            </select>
            {form.rateKind === 'poisson' && <input inputMode="decimal" aria-label={t('benchmark.form.perSecond')} value={form.ratePerSecond} disabled={disabled} onChange={(e) => set({ ratePerSecond: e.target.value })} data-testid="bm-rate" />}
          </span>
        </Field>
        <DatasetFields form={form} set={set} problem={problem} disabled={disabled} />
        <label className="bm-check">
          <input type="checkbox" checked={form.stream} disabled={disabled} onChange={(e) => set({ stream: e.target.checked })} data-testid="bm-stream" /> {t('benchmark.form.stream')}
        </label>
      </div>
      <details className="bm-form__more" open={problems.some((p) => ['minTokens', 'warmup', 'sloTtftMs', 'sloTpotMs', 'percentiles', 'seed'].includes(p.field)) || undefined}>
        <summary>{t('benchmark.form.more')}</summary>
        <div className="bm-form__grid">
          <Field label={t('benchmark.form.minTokens')} hint={t('benchmark.form.minTokensHint')} problem={problem('minTokens')}>
            <input inputMode="numeric" value={form.minTokens} disabled={disabled} onChange={(e) => set({ minTokens: e.target.value })} data-testid="bm-min-tokens" />
          </Field>
          <Field label={t('benchmark.form.warmup')} problem={problem('warmup')}>
            <input inputMode="numeric" value={form.warmup} disabled={disabled} onChange={(e) => set({ warmup: e.target.value })} data-testid="bm-warmup" />
          </Field>
          <Field label={t('benchmark.form.sloTtft')} hint={t('benchmark.form.slo')} problem={problem('sloTtftMs')}>
            <input inputMode="decimal" value={form.sloTtftMs} disabled={disabled} onChange={(e) => set({ sloTtftMs: e.target.value })} data-testid="bm-slo-ttft" />
          </Field>
          <Field label={t('benchmark.form.sloTpot')} hint={t('benchmark.form.slo')} problem={problem('sloTpotMs')}>
            <input inputMode="decimal" value={form.sloTpotMs} disabled={disabled} onChange={(e) => set({ sloTpotMs: e.target.value })} data-testid="bm-slo-tpot" />
          </Field>
          <Field label={t('benchmark.form.percentiles')} problem={problem('percentiles')}>
            <input value={form.percentiles} disabled={disabled} onChange={(e) => set({ percentiles: e.target.value })} data-testid="bm-percentiles" />
          </Field>
          <Field label={t('benchmark.form.place')} hint={boxRefusal ?? undefined}>
            <select value={form.place} disabled={disabled} onChange={(e) => set({ place: e.target.value as typeof form.place })} data-testid="bm-place">
              <option value="laptop">{t('benchmark.form.placeLaptop')}</option>
              <option value="box" disabled={boxRefusal !== null}>
                {t('benchmark.form.placeBox')}
              </option>
            </select>
          </Field>
          <Field label={t('benchmark.form.seed')} problem={problem('seed')}>
            <input inputMode="numeric" value={form.seed} disabled={disabled} onChange={(e) => set({ seed: e.target.value })} data-testid="bm-seed" />
          </Field>
        </div>
      </details>
      <div className="row bm-form__actions">
        <button type="submit" className="button button--primary" disabled={disabled} data-testid="bm-start">
          <Play size={14} aria-hidden /> {starting ? t('benchmark.form.starting') : t('benchmark.form.start')}
        </button>
        <kbd className="muted">{t('benchmark.form.startKeys')}</kbd>
      </div>
    </form>
  );
};
