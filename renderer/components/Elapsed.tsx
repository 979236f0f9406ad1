import { clockText, useElapsed } from './use-elapsed.js';

/** m:ss since `since`, ticking, so a long pull or start does not look frozen (empty in the first second). */
export const Elapsed = ({ since }: { since: number }) => {
  const ms = useElapsed(since);
  return <span className="cnt-nowrap">{ms >= 1000 ? clockText(ms) : ''}</span>;
};
