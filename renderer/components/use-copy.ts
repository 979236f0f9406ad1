import { useEffect, useState } from 'react';

/** How long "Copied" stays on a button: long enough to read, short enough to copy again. */
export const copiedMs = 1_500;

export type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies text to the clipboard and says how it went: 'copied' for a moment, or 'failed' (browser
 * mode without focus or permission refuses clipboard access) until the next try.
 */
export const useCopy = (): { readonly state: CopyState; copy(text: string): Promise<void> } => {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), copiedMs);
    return () => clearTimeout(timer);
  }, [state]);
  return {
    state,
    copy: async (text) => {
      try {
        await navigator.clipboard.writeText(text);
        setState('copied');
      } catch {
        setState('failed');
      }
    },
  };
};
