/**
 * A fixed-size history of numeric columns (one row per sample), oldest first.
 *
 * Each column is a Float64Array of twice the capacity and every value is written twice (at i and
 * i + capacity), so the last `length` rows are always one contiguous subarray: readers get a view
 * without copying, and memory stays flat however long the page stays open. A missing value (the
 * box did not say) is NaN here; readers turn it back into null before drawing or printing.
 */
export class SeriesRing {
  readonly capacity: number;
  #columns = new Map<string, Float64Array>();
  #length = 0;
  /** Where the next row goes, in 0 … capacity-1. */
  #next = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  get length(): number {
    return this.#length;
  }

  keys(): string[] {
    return [...this.#columns.keys()];
  }

  has(key: string): boolean {
    return this.#columns.has(key);
  }

  /** Appends one row; keys this ring has not seen get a column that is NaN for the rows before. */
  push(row: Readonly<Record<string, number | null>>): void {
    for (const key of Object.keys(row)) this.#column(key);
    const at = this.#next;
    for (const [key, data] of this.#columns) {
      const value = row[key];
      const stored = value === null || value === undefined ? Number.NaN : value;
      data[at] = stored;
      data[at + this.capacity] = stored;
    }
    this.#next = (at + 1) % this.capacity;
    this.#length = Math.min(this.#length + 1, this.capacity);
  }

  /** Rows `from` … end of one column, oldest first; a view that the next push changes. */
  view(key: string, from = 0): Float64Array {
    const data = this.#columns.get(key);
    const start = this.#start();
    const begin = start + Math.max(0, Math.min(from, this.#length));
    if (!data) return new Float64Array(0);
    return data.subarray(begin, start + this.#length);
  }

  /** The newest value of a column (NaN when absent or empty). */
  last(key: string): number {
    if (this.#length === 0) return Number.NaN;
    const data = this.#columns.get(key);
    return data ? data[this.#start() + this.#length - 1]! : Number.NaN;
  }

  /** First row whose value in a non-decreasing column is ≥ value (length when none is). */
  lowerBound(key: string, value: number): number {
    const data = this.view(key);
    let lo = 0;
    let hi = data.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (data[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.#columns.clear();
    this.#length = 0;
    this.#next = 0;
  }

  // While filling, rows sit at 0 … length-1; once full, the oldest is the slot about to be reused.
  #start(): number {
    return this.#length < this.capacity ? 0 : this.#next;
  }

  #column(key: string): Float64Array {
    let data = this.#columns.get(key);
    if (!data) {
      data = new Float64Array(this.capacity * 2).fill(Number.NaN);
      this.#columns.set(key, data);
    }
    return data;
  }
}
