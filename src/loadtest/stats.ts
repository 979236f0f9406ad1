/**
 * Summary statistics of one metric's values: mean, median, min, max and percentiles.
 *
 * Percentiles interpolate linearly between the two nearest ranks, as numpy's default
 * (`np.percentile(values, p)`, method "linear": rank h = (n − 1) · p / 100, value
 * x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])), which is what `vllm bench serve` reports.
 * evalscope (`evalscope/perf/utils/db_util.py`, calculate_percentiles) differs: it takes the
 * nearest rank, x[⌈n · p / 100⌉ − 1], with no interpolation, and rounds to 2 decimals. On a few
 * hundred requests the two agree to within one sample's spacing; on a handful they can differ.
 */
import type { Distribution } from '../domain/loadtest.js';

/** numpy's linear percentile of already sorted values (p in 0…100); NaN for no values. */
export const percentileSorted = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
};

/**
 * The values sorted ascending, in a typed array: its native numeric sort is some ten times faster
 * than Array#sort with a comparator, which matters because the runner summarizes a level (tens of
 * thousands of token gaps) while its requests stream, on the event loop that stamps their bytes.
 */
const sortedCopy = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

export const percentile = (values: readonly number[], p: number): number => percentileSorted(sortedCopy(values), p);

/** The key a percentile is stored under: "p50", "p99", "p99.9". */
export const percentileKey = (p: number): string => `p${String(p)}`;

/** The distribution of the values, or null when there are none. */
export const distribution = (values: readonly number[], percentiles: readonly number[]): Distribution | null => {
  if (values.length === 0) return null;
  const sorted = sortedCopy(values);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    median: percentileSorted(sorted, 50),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    percentiles: Object.fromEntries(percentiles.map((p) => [percentileKey(p), percentileSorted(sorted, p)])),
  };
};
