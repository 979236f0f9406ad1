import { create } from 'zustand';
import { isPageId, type PageId } from '../app/pages.js';

const fromHash = (): PageId => {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return isPageId(id) ? id : 'overview';
};

interface NavState {
  readonly page: PageId;
  go(page: PageId): void;
}

/** The current page lives in the URL hash so a reload (or a bookmark in browser mode) keeps it. */
export const useNavStore = create<NavState>()((set) => ({
  page: fromHash(),
  go: (page) => {
    if (location.hash !== `#/${page}`) history.replaceState(null, '', `#/${page}`);
    set({ page });
  },
}));

export const followHash = () => {
  const listener = () => useNavStore.setState({ page: fromHash() });
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
