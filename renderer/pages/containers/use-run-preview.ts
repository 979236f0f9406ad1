import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../src/contract/errors.js';
import type { MethodResponse } from '../../../src/contract/methods.js';
import { previewContainerRun, type RunSpecInput } from '../../containers/containers-store.js';
import { containerTimings } from './format.js';

export type PreviewResult = Result<MethodResponse<'containers:run-preview'>>;

interface Answer {
  /** The spec it answers, as JSON (run-form-model's key). */
  readonly key: string;
  readonly result: PreviewResult;
}

export type PreviewView =
  | { readonly kind: 'none' }
  /** `last`: the answer for an earlier spec, shown dimmed meanwhile so the block does not jump. */
  | { readonly kind: 'loading'; readonly last: PreviewResult | undefined }
  | { readonly kind: 'answered'; readonly result: PreviewResult };

/**
 * The box's answer for the spec with this key: asked once typing pauses, or at once after
 * previewNow() (Enter in the image field). An answer for a spec since edited is dropped.
 */
export const useRunPreview = (deviceId: string, key: string | undefined, enabled: boolean) => {
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [flush, setFlush] = useState<{ readonly key: string; readonly n: number } | undefined>(undefined);

  useEffect(() => {
    if (key === undefined || !enabled) return;
    let cancelled = false;
    const timer = setTimeout(
      () =>
        void previewContainerRun(deviceId, JSON.parse(key) as RunSpecInput).then((result) => {
          if (!cancelled) setAnswer({ key, result });
        }),
      flush?.key === key ? 0 : containerTimings.previewDebounceMs,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [deviceId, key, enabled, flush]);

  const previewNow = useCallback(() => {
    if (key !== undefined) setFlush((f) => ({ key, n: (f?.n ?? 0) + 1 }));
  }, [key]);

  const view: PreviewView =
    key === undefined || !enabled ? { kind: 'none' } : answer?.key === key ? { kind: 'answered', result: answer.result } : { kind: 'loading', last: answer?.result };
  return { view, previewNow };
};
