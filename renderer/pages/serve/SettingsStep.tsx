import { useTranslation } from 'react-i18next';
import type { ServeEngineId } from '../../../src/recipes/serve/serve-engines.js';
import { vllmDtypes } from '../../../src/recipes/serve/serve-spec.js';
import type { serveEn } from '../../i18n/en/serve.js';
import type { SettingsForm } from './wizard-model.js';

type SettingKey = keyof (typeof serveEn)['serve']['settings'];

const Field = ({ label, value, onChange, placeholder, testId }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; testId: string }) => (
  <label className="serve-field">
    <span>{label}</span>
    <input value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
  </label>
);

/** The engine's fields, filled from the box class's presets. */
export const SettingsStep = ({ engine, form, set, boxClass }: { engine: ServeEngineId; form: SettingsForm; set: (patch: Partial<SettingsForm>) => void; boxClass: string }) => {
  const { t } = useTranslation();
  const s = (key: SettingKey): string => t(`serve.settings.${key}`);
  return (
    <div className="serve-settings" data-testid="serve-settings">
      <p className="muted">{t('serve.settings.boxClass', { cls: boxClass })}</p>
      {engine !== 'trtllm' && <Field label={s('servedModelName')} value={form.servedModelName} placeholder={s('servedPlaceholder')} onChange={(v) => set({ servedModelName: v })} testId="serve-set-served" />}
      <Field label={s('port')} value={form.port} onChange={(v) => set({ port: v })} testId="serve-set-port" />
      {engine === 'vllm' && (
        <>
          <label className="serve-field">
            <span>{s('memoryKind')}</span>
            <select value={form.vllmMemory} onChange={(e) => set({ vllmMemory: e.target.value as SettingsForm['vllmMemory'] })} data-testid="serve-set-memory-kind">
              <option value="utilization">{s('utilization')}</option>
              <option value="kv-cache-bytes">{s('kvBytes')}</option>
            </select>
          </label>
          {form.vllmMemory === 'utilization' ? <Field label={s('fraction')} value={form.fraction} onChange={(v) => set({ fraction: v })} testId="serve-set-fraction" /> : <Field label={s('kvCacheGiB')} value={form.kvCacheGiB} onChange={(v) => set({ kvCacheGiB: v })} testId="serve-set-kv-gib" />}
          <Field label={s('maxModelLen')} value={form.maxModelLen} onChange={(v) => set({ maxModelLen: v })} testId="serve-set-max-len" />
          <label className="serve-field">
            <span>{s('dtype')}</span>
            <select value={form.dtype} onChange={(e) => set({ dtype: e.target.value })}>
              {vllmDtypes.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {engine === 'sglang' && (
        <>
          <Field label={s('memFraction')} value={form.fraction} onChange={(v) => set({ fraction: v })} testId="serve-set-fraction" />
          <Field label={s('contextLength')} value={form.maxModelLen} onChange={(v) => set({ maxModelLen: v })} testId="serve-set-max-len" />
        </>
      )}
      {engine === 'trtllm' && (
        <>
          <Field label={s('maxBatchSize')} value={form.maxBatchSize} onChange={(v) => set({ maxBatchSize: v })} testId="serve-set-batch" />
          <Field label={s('kvFraction')} value={form.kvFraction} onChange={(v) => set({ kvFraction: v })} testId="serve-set-kv-fraction" />
        </>
      )}
      {engine === 'llama-server' && <Field label={s('ctxSize')} value={form.ctxSize} onChange={(v) => set({ ctxSize: v })} testId="serve-set-ctx" />}
      {engine !== 'llama-server' && engine !== 'ollama' && (
        <label className="serve-check">
          <input type="checkbox" checked={form.trustRemoteCode} onChange={(e) => set({ trustRemoteCode: e.target.checked })} /> {s('trustRemoteCode')}
        </label>
      )}
      <label className="serve-check">
        <input type="checkbox" checked={form.shareOnLan} onChange={(e) => set({ shareOnLan: e.target.checked })} data-testid="serve-set-lan" /> {s('shareOnLan')}
      </label>
    </div>
  );
};
