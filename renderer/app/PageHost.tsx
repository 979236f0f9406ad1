import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../state/nav-store.js';
import { NotBuilt } from './NotBuilt.js';
import { pageIds, pages, type PageId } from './pages.js';

// One lazy component per built page, made once: each page's code loads on its first visit.
const lazyPages: Partial<Record<PageId, LazyExoticComponent<ComponentType>>> = Object.fromEntries(
  pageIds.flatMap((id) => {
    const load = pages[id].load;
    return load ? [[id, lazy(load)]] : [];
  }),
);

export const PageHost = () => {
  const { t } = useTranslation();
  const page = useNavStore((s) => s.page);
  const Page = lazyPages[page];
  const def = pages[page];
  return (
    <div className="page" data-page={page}>
      {Page ? (
        <Suspense fallback={<p className="muted page__loading">{t('common.loading')}</p>}>
          <Page />
        </Suspense>
      ) : (
        <NotBuilt page={t(`nav.${page}`)} issue={def.issue ?? 0} summary={page === 'settings' ? '' : t(`pages.${page}`)} />
      )}
    </div>
  );
};
