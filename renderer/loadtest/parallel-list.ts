/**
 * The parallel field: one level ("8") or a sweep ("1,2,4,8,16,32,64", spaces allowed), with
 * LoadTestSettings' bounds (1 … 1024 each, at most 16 levels). Duplicates are dropped, order kept.
 */
export const parallelBounds = { min: 1, max: 1024, maxLevels: 16 } as const;

export type ParallelResult = { readonly ok: true; readonly levels: readonly number[] } | { readonly ok: false; readonly problem: 'empty' | 'not-number' | 'out-of-range' | 'too-many'; readonly value?: string };

export const parseParallel = (text: string): ParallelResult => {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: 'empty' };
  const levels: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, problem: 'not-number', value: part };
    const n = Number(part);
    if (n < parallelBounds.min || n > parallelBounds.max) return { ok: false, problem: 'out-of-range', value: part };
    if (!levels.includes(n)) levels.push(n);
  }
  if (levels.length > parallelBounds.maxLevels) return { ok: false, problem: 'too-many' };
  return { ok: true, levels };
};

/** Percentiles typed as "50, 90, 99, 99.9": numbers 0 … 100, at most 12. */
export const parsePercentiles = (text: string): readonly number[] | null => {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 12) return null;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^\d+(\.\d+)?$/.test(part)) return null;
    const n = Number(part);
    if (n < 0 || n > 100) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
};
