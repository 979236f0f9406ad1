import { useEffect, useState } from 'react';
import type { AppError } from '../../src/contract/errors.js';
import type { ExportPreview, ExportSettings } from '../../src/domain/export.js';
import { bridge } from '../bridge/bridge.js';

/** How long the form rests before the chain is planned again. */
export const planDelayMs = 400;

/**
 * The chain for the settings as they are (export:plan), asked again after each change once the
 * form rests. A reply to settings the form has since left behind is dropped: a slow earlier answer
 * must not land after the current one (the fine-tune form's lesson, commit 9a998d5). `again`
 * asks once more for the same settings (after llama.cpp was built).
 */
export const usePlan = (deviceId: string, settings: ExportSettings | null, connected: boolean, again: number) => {
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // The settings the shown preview answers: planning while they are not the current ones.
  const [answered, setAnswered] = useState<ExportSettings | null>(null);

  useEffect(() => {
    if (!settings || !connected) return;
    let current = true;
    const timer = setTimeout(() => {
      void bridge()
        .call('export:plan', { deviceId, settings })
        .then((r) => {
          if (!current) return;
          setAnswered(settings);
          if (!r.ok) return setError(r.error);
          setError(null);
          setPreview(r.value);
        });
    }, planDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [deviceId, settings, connected, again]);

  return { preview, error, planning: settings !== null && connected && answered !== settings };
};
