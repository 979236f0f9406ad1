import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../state/nav-store.js';
import { pageIds, pages } from './pages.js';

// One lazy component per page, made once: each page's code loads on its first visit.
const lazyPages = Object.fromEntries(pageIds.map((id) => [id, lazy(pages[id].load)]));

export const PageHost = () => {
  const { t } = useTranslation();
  const page = useNavStore((s) => s.page);
  const Page = lazyPages[page]!;
  return (
    <div className="page" data-page={page}>
      <Suspense fallback={<p className="muted page__loading">{t('common.loading')}</p>}>
        <Page />
      </Suspense>
    </div>
  );
};
