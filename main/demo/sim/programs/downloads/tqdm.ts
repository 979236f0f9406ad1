/**
 * tqdm's one-line progress format, as Python tools print it when stderr is not a terminal
 * (huggingface_hub, ModelScope, llama.cpp's converter): a 10-cell bar, SI-scaled sizes,
 * `[elapsed<remaining, rate]`. Ported from tqdm's format_meter / format_sizeof /
 * format_interval so the simulated bars parse exactly like the real ones.
 */

/** tqdm's fallback bar width when it cannot ask the terminal. */
const barCells = 10;
/** tqdm's UTF charset: space, ⅛ … ⅞ blocks, full block. */
const charset = ' ▏▎▍▌▋▊▉█';

/** tqdm.format_sizeof: 3 significant digits, SI prefixes, divisor 1000. */
export const formatSizeof = (value: number, suffix = '', divisor = 1000): string => {
  let num = value;
  for (const unit of ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z']) {
    if (Math.abs(num) < 999.5) {
      if (Math.abs(num) < 99.95) {
        if (Math.abs(num) < 9.995) return `${num.toFixed(2)}${unit}${suffix}`;
        return `${num.toFixed(1)}${unit}${suffix}`;
      }
      return `${num.toFixed(0).padStart(3)}${unit}${suffix}`;
    }
    num /= divisor;
  }
  return `${num.toFixed(1)}Y${suffix}`;
};

/** tqdm.format_interval: `MM:SS`, or `H:MM:SS` past an hour. */
export const formatInterval = (seconds: number): string => {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
};

export const formatBar = (fraction: number): string => {
  const steps = charset.length - 1;
  const filled = Math.floor(Math.max(0, Math.min(1, fraction)) * barCells * steps);
  const full = Math.floor(filled / steps);
  const partial = filled % steps;
  if (full >= barCells) return charset[steps]!.repeat(barCells);
  return charset[steps]!.repeat(full) + charset[partial]! + ' '.repeat(barCells - full - 1);
};

export interface TqdmFrame {
  readonly desc: string;
  readonly n: number;
  readonly total: number;
  readonly elapsedS: number;
  /** Units per second; 0 or less renders as `?`. */
  readonly rate: number;
  /** `B` / `byte` with SI scaling, or `it` for plain counts. */
  readonly unit: string;
  readonly unitScale: boolean;
}

const formatRate = (frame: TqdmFrame): string => {
  if (frame.rate <= 0) return `?${frame.unit}/s`;
  if (frame.unitScale) {
    // Slow counters read as seconds per item, like tqdm's inverse rate.
    if (frame.rate < 1 && frame.unit === 'it') return formatSizeof(1 / frame.rate, 's/it');
    return formatSizeof(frame.rate, `${frame.unit}/s`);
  }
  return frame.rate < 1 ? `${(1 / frame.rate).toFixed(2).padStart(5)}s/${frame.unit}` : `${frame.rate.toFixed(2).padStart(5)}${frame.unit}/s`;
};

/** One tqdm status line (without the leading `\r` or trailing newline). */
export const formatTqdm = (frame: TqdmFrame): string => {
  const fraction = frame.total > 0 ? frame.n / frame.total : 0;
  const percent = `${(fraction * 100).toFixed(0).padStart(3)}%`;
  const count = (v: number) => (frame.unitScale ? formatSizeof(v) : String(Math.round(v)));
  const remaining = frame.rate > 0 ? formatInterval((frame.total - frame.n) / frame.rate) : '?';
  return `${frame.desc}: ${percent}|${formatBar(fraction)}| ${count(frame.n)}/${count(frame.total)} [${formatInterval(frame.elapsedS)}<${remaining}, ${formatRate(frame)}]`;
};
