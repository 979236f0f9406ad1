import { useEffect } from 'react';
import { pageIds, type PageId } from './pages.js';

export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** Mod+1…9 pages, Mod+, settings, Mod+B sidebar, Mod+N add a box. Mod is Cmd on macOS and Ctrl elsewhere. */
export const useShortcuts = (go: (page: PageId) => void, toggleSidebar: () => void, addDevice?: () => void) => {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const mod = isMac() ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey) return;
      const digit = Number.parseInt(event.key, 10);
      if (digit >= 1 && digit <= 9) {
        const page = pageIds[digit - 1];
        if (page) {
          event.preventDefault();
          go(page);
        }
      } else if (event.key === ',') {
        event.preventDefault();
        go('settings');
      } else if (event.key.toLowerCase() === 'b') {
        event.preventDefault();
        toggleSidebar();
      } else if (event.key.toLowerCase() === 'n' && addDevice) {
        event.preventDefault();
        addDevice();
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [go, toggleSidebar, addDevice]);
};
