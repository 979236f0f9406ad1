import { useEffect, useState } from 'react';

/** m:ss (or h:mm:ss) of a duration, for "how long has this been going". */
export const clockText = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

/** Milliseconds since `since`, updated every second (0 without a start). */
export const useElapsed = (since: number | null | undefined): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null || since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null || since === undefined ? 0 : Math.max(0, now - since);
};
