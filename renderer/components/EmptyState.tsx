import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';

export const EmptyState = ({
  icon: Icon,
  title,
  body,
  children,
  testId,
}: {
  icon: LucideIcon;
  title: string;
  body: string;
  children?: ReactNode;
  testId?: string;
}) => (
  <section className="empty-state" data-testid={testId}>
    <Icon className="empty-state__icon" size={40} strokeWidth={1.5} aria-hidden />
    <h2>{title}</h2>
    <p>{body}</p>
    {children ? <div className="empty-state__actions">{children}</div> : null}
  </section>
);
