import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { TerminalSettings as Options } from '../../../src/domain/settings.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useSettingsStore } from '../../state/settings-store.js';

const scrollbacks = [1_000, 5_000, 10_000, 50_000, 100_000] as const;
const fontSizes = Array.from({ length: 25 }, (_, i) => i + 8);
const switches = [
  { field: 'copyOnSelect', label: 'settings.termCopyOnSelect' },
  { field: 'confirmMultilinePaste', label: 'settings.termConfirmPaste' },
  { field: 'useTmux', label: 'settings.termUseTmux' },
  { field: 'gpuAcceleration', label: 'settings.termGpu' },
] as const satisfies ReadonlyArray<{ field: keyof Options; label: string }>;

/** Font, size, scrollback and behaviour of terminal tabs; open tabs follow at once. */
export const TerminalSettings = () => {
  const { t } = useTranslation();
  const options = useSettingsStore((s) => s.settings?.terminal);
  const updateSection = useSettingsStore((s) => s.updateSection);
  const [font, setFont] = useState<string | undefined>(undefined);
  const [refused, setRefused] = useState<AppError | undefined>();
  if (!options) return null;
  const save = async (patch: Partial<Options>) => setRefused(await updateSection('terminal', patch));
  const commitFont = () => {
    if (font === undefined) return;
    const value = font.trim();
    if (value && value !== options.fontFamily) void save({ fontFamily: value });
    setFont(undefined);
  };
  return (
    <section className="card" aria-labelledby="terminal-settings-title" data-testid="terminal-settings">
      <h2 className="card__title" id="terminal-settings-title">
        {t('settings.terminal')}
      </h2>
      <div className="form-grid">
        <label htmlFor="term-font">{t('settings.termFont')}</label>
        <input
          id="term-font"
          value={font ?? options.fontFamily}
          onChange={(e) => setFont(e.target.value)}
          onBlur={commitFont}
          onKeyDown={(e) => e.key === 'Enter' && commitFont()}
          spellCheck={false}
        />
        <label htmlFor="term-size">{t('settings.termSize')}</label>
        <select id="term-size" value={options.fontSize} onChange={(e) => void save({ fontSize: Number(e.target.value) })} data-testid="term-font-size">
          {fontSizes.map((size) => (
            <option key={size} value={size}>
              {size} px
            </option>
          ))}
        </select>
        <label htmlFor="term-scrollback">{t('settings.termScrollback')}</label>
        <select id="term-scrollback" value={options.scrollback} onChange={(e) => void save({ scrollback: Number(e.target.value) })}>
          {scrollbacks.map((lines) => (
            <option key={lines} value={lines}>
              {t('settings.termLines', { lines: lines.toLocaleString() })}
            </option>
          ))}
        </select>
        {switches.map(({ field, label }) => (
          <label key={field} className="form-grid__wide row">
            <input type="checkbox" checked={options[field]} onChange={(e) => void save({ [field]: e.target.checked })} /> {t(label)}
          </label>
        ))}
      </div>
      {refused ? <ErrorNotice error={refused} /> : null}
    </section>
  );
};
