import { Construction } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.js';

/** A page that a later issue builds says so plainly: no placeholder numbers, no fake data. */
export const NotBuilt = ({ page, issue, summary }: { page: string; issue: number; summary: string }) => {
  const { t } = useTranslation();
  return (
    <EmptyState icon={Construction} title={t('notBuilt.title', { page })} body={summary} testId="not-built">
      <p className="muted">{t('notBuilt.body', { issue })}</p>
    </EmptyState>
  );
};
