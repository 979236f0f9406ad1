import { useEffect, useState } from 'react';
import type { Theme } from '../../src/domain/settings.js';

const darkQuery = '(prefers-color-scheme: dark)';

/** Applies the chosen theme ('system' follows the OS and keeps following it). */
export const useTheme = (choice: Theme | undefined) => {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(darkQuery).matches);
  useEffect(() => {
    const media = window.matchMedia(darkQuery);
    const listener = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    media.addEventListener('change', listener);
    return () => media.removeEventListener('change', listener);
  }, []);
  const resolved = choice === 'light' || choice === 'dark' ? choice : systemDark ? 'dark' : 'light';
  useEffect(() => {
    document.documentElement.dataset['theme'] = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  return resolved;
};
