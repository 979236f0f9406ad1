import { useEffect, type RefObject } from 'react';

/** Closes an open popover on Escape or on a click outside `root` (menus, the bell, fault switches). */
export const useDismiss = (open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void => {
  useEffect(() => {
    if (!open) return;
    const listener = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('mousedown', listener);
    document.addEventListener('keydown', listener);
    return () => {
      document.removeEventListener('mousedown', listener);
      document.removeEventListener('keydown', listener);
    };
  }, [open, root, close]);
};
